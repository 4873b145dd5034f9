import { snapshotAfterCommit } from '../assessment/take-snapshot.js';
import type { Deps } from '../deps.js';
import { markSynced } from '../storage/orgs-store.js';
import { collectGarbage } from './collect.js';

/**
 * What follows a commit: notes the sync time, takes the day's history point (readiness as of the commit) and,
 * at most once a day, collects the organisation's garbage. None of them ever fails the commit that just landed.
 */
export async function afterCommit(
  deps: Deps,
  org: string,
  options: { changedNothing: boolean; collectDue: boolean },
): Promise<void> {
  const at = deps.clock.now().toISOString();
  await markSynced(deps.tables, org, at).catch((error: unknown) =>
    deps.log.warn('could not note the sync time', { org, error: String(error) }),
  );
  await snapshotAfterCommit(deps, org, { unlessDayHasOne: options.changedNothing }).catch((error: unknown) =>
    deps.log.warn('could not take the history point', { org, error: String(error) }),
  );
  if (options.collectDue)
    await collectGarbage(deps, org).catch((error: unknown) =>
      deps.log.warn('could not collect garbage', { org, error: String(error) }),
    );
}
