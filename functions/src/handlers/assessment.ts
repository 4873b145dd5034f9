import type { QmsRecord } from '@qms/templates';
import { assess, type Assessment } from '@qms/engine';
import { json } from '../http/problem.js';
import type { RouteContext } from '../http/types.js';
import { EntityLimitError } from '../storage/limits.js';
import { readAllRecords } from '../storage/records-store.js';
import { listSnapshots, putSnapshot, type Snapshot } from '../storage/snapshots-store.js';
import { asOfParam } from './iso-date.js';

type Profile = Parameters<typeof assess>[1];

/** The first milestone still ahead of the as-of date (its P50 date). */
export function nextMilestone(result: Assessment): Snapshot['nextMilestone'] {
  const next = result.timeline.milestones.find((m) => m.p50.value > result.asOf);
  return next === undefined ? null : { name: next.name, date: next.p50.value };
}

/** GET /api/orgs/{org}/assessment?asOf= — any member. Runs the engine on the stored records and keeps a snapshot. */
export async function getAssessment(rc: RouteContext) {
  if (rc.org === undefined) throw new Error('org route without org context');
  const { tables, clock } = rc.deps;
  const now = clock.now();
  const asOf = asOfParam(rc.request.query.get('asOf'), now);
  const stored = await readAllRecords(tables, rc.org.id);
  const records = stored.map(
    (r) =>
      ({ type: r.type, id: r.id, data: r.data, source: r.source, hash: r.hash, warnings: r.warnings }) as QmsRecord,
  );
  const profile = records.find((r) => r.type === 'profile')?.data as Profile;
  const result = assess(records, profile, asOf);
  const snapshot: Snapshot = {
    at: now.toISOString(),
    asOf,
    readiness: result.readiness.overall.value,
    verdict: result.verdict.value,
    nextMilestone: nextMilestone(result),
    summary: { groups: result.readiness.groups, gates: result.gates },
  };
  try {
    await putSnapshot(tables, rc.org.id, snapshot);
  } catch (error) {
    if (!(error instanceof EntityLimitError)) throw error;
    // The headline figures matter for history; keep them even if the detail does not fit.
    await putSnapshot(tables, rc.org.id, { ...snapshot, summary: null });
  }
  return json(200, result);
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
  return json(200, { points });
}
