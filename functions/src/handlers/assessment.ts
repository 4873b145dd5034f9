import type { History } from '@qms/contract';
import { assessStored } from '../assessment/take-snapshot.js';
import { json } from '../http/problem.js';
import type { RouteContext } from '../http/types.js';
import { listSnapshots, type Snapshot } from '../storage/snapshots-store.js';
import { asOfParam } from './iso-date.js';

/**
 * GET /api/orgs/{org}/assessment?asOf= — any member. Runs the engine on the stored records as of the date asked
 * for, and stores nothing: history and portfolio headlines are taken when a sync or profile change commits.
 */
export async function getAssessment(rc: RouteContext) {
  if (rc.org === undefined) throw new Error('org route without org context');
  const asOf = asOfParam(rc.request.query.get('asOf'), rc.deps.clock.now());
  return json(200, await assessStored(rc.deps, rc.org.id, asOf));
}

/** GET /api/orgs/{org}/assessment/history — any member. One point per day: that day's latest snapshot, oldest first. */
export async function getAssessmentHistory(rc: RouteContext) {
  if (rc.org === undefined) throw new Error('org route without org context');
  const snapshots = await listSnapshots(rc.deps.tables, rc.org.id);
  const byDay = new Map<string, Snapshot>();
  // Newest first, so the first snapshot seen for a day is that day's latest.
  for (const s of snapshots) {
    const day = s.at.slice(0, 10);
    if (!byDay.has(day)) byDay.set(day, s);
  }
  const points = [...byDay.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, s]) => ({
      date,
      asOf: s.asOf,
      readiness: s.readiness,
      verdict: s.verdict,
      nextMilestone: s.nextMilestone,
    }));
  const history: History = { points };
  return json(200, history);
}
