import { assess, type Assessment } from '@qms/engine';
import { isoFromUtcMs, type QmsRecord } from '@qms/templates';
import type { Deps } from '../deps.js';
import { EntityLimitError } from '../storage/limits.js';
import { readAllRecords } from '../storage/records-store.js';
import { latestSnapshot, putDaySnapshot, type Snapshot } from '../storage/snapshots-store.js';

type Profile = Parameters<typeof assess>[1];

/** The first milestone still ahead of the as-of date (its P50 date). */
export function nextMilestone(result: Assessment): Snapshot['nextMilestone'] {
  const next = result.timeline.milestones.find((m) => m.p50.value > result.asOf);
  return next === undefined ? null : { name: next.name, date: next.p50.value };
}

/** The engine run on what the organisation has stored, as of `asOf`. */
export async function assessStored(deps: Deps, org: string, asOf: string): Promise<Assessment> {
  // Timed from the read to the result: reading every record is most of an assessment's cost.
  const started = performance.now();
  const stored = await readAllRecords(deps.tables, org);
  const records = stored.map(
    (r) =>
      ({ type: r.type, id: r.id, data: r.data, source: r.source, hash: r.hash, warnings: r.warnings }) as QmsRecord,
  );
  const profile = records.find((r) => r.type === 'profile')?.data as Profile;
  const result = assess(records, profile, asOf);
  deps.metrics.assessmentDuration(performance.now() - started);
  return result;
}

/**
 * History and portfolio headlines come from what was committed, never from what someone read: after a sync
 * completes or the profile changes, the organisation is assessed as of the commit's (UTC) date and that day's one
 * history point is replaced. Readers, whatever `asOf` they ask for, change nothing anyone else sees.
 */
export async function snapshotAfterCommit(
  deps: Deps,
  org: string,
  options: { unlessDayHasOne?: boolean } = {},
): Promise<void> {
  const now = deps.clock.now();
  const asOf = isoFromUtcMs(now.getTime());
  if (options.unlessDayHasOne && (await latestSnapshot(deps.tables, org))?.at.slice(0, 10) === asOf) return;
  const result = await assessStored(deps, org, asOf);
  const snapshot: Snapshot = {
    at: now.toISOString(),
    asOf,
    readiness: result.readiness.overall.value,
    verdict: result.verdict.value,
    nextMilestone: nextMilestone(result),
    summary: { groups: result.readiness.groups, gates: result.gates },
  };
  try {
    await putDaySnapshot(deps.tables, org, snapshot);
  } catch (error) {
    if (!(error instanceof EntityLimitError)) throw error;
    // The headline figures matter for history; keep them even if the detail does not fit.
    await putDaySnapshot(deps.tables, org, { ...snapshot, summary: null });
  }
}
