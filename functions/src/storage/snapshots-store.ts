import { odata } from '@azure/data-tables';
import { encodeKeyPart, invertedTimestamp } from './keys.js';
import { assertWithinLimits, joinText, splitText } from './limits.js';
import type { Tables } from './tables.js';
import { text } from './entity-values.js';

/** One stored assessment result: the headline figures plus the full output as JSON. */
export interface Snapshot {
  at: string;
  asOf: string;
  readiness: number | null;
  verdict: string | null;
  nextMilestone: { name: string; date: string } | null;
  summary: unknown;
}

export function toSnapshotEntity(org: string, snapshot: Snapshot, uniqueSuffix: string) {
  const entity = {
    partitionKey: encodeKeyPart(org),
    // Inverted time sorts the newest first; the suffix keeps two snapshots of the same millisecond apart.
    rowKey: `${invertedTimestamp(new Date(snapshot.at))}-${uniqueSuffix}`,
    at: snapshot.at,
    asOf: snapshot.asOf,
    readiness: snapshot.readiness ?? undefined,
    verdict: snapshot.verdict ?? undefined,
    nextMilestone: snapshot.nextMilestone === null ? undefined : JSON.stringify(snapshot.nextMilestone),
    ...splitText('summary', JSON.stringify(snapshot.summary ?? null)),
  };
  assertWithinLimits(entity);
  return entity;
}

export function fromSnapshotEntity(entity: Record<string, unknown>, withSummary: boolean): Snapshot {
  const readiness = entity.readiness;
  return {
    at: text(entity.at),
    asOf: text(entity.asOf),
    readiness: typeof readiness === 'number' || typeof readiness === 'bigint' ? Number(readiness) : null,
    verdict: typeof entity.verdict === 'string' ? entity.verdict : null,
    nextMilestone:
      typeof entity.nextMilestone === 'string' ? (JSON.parse(entity.nextMilestone) as Snapshot['nextMilestone']) : null,
    summary:
      withSummary && entity.summaryParts !== undefined
        ? (JSON.parse(joinText('summary', entity)) as unknown)
        : undefined,
  };
}

/** History keeps at most this many days; older points are removed when a new day's first point is written. */
export const MAX_HISTORY_DAYS = 1000;

/**
 * One history point per day: the row key is the day (newest first), so a later commit the same day replaces the
 * point rather than adding one, and no number of commits can crowd older days out of the history.
 */
export async function putDaySnapshot(tables: Tables, org: string, snapshot: Snapshot): Promise<void> {
  const day = snapshot.at.slice(0, 10);
  const entity = {
    ...toSnapshotEntity(org, snapshot, 'day'),
    rowKey: `${invertedTimestamp(new Date(`${day}T00:00:00.000Z`))}-day`,
  };
  await tables.snapshots.upsertEntity(entity, 'Replace');
  await pruneHistory(tables, org);
}

/** Removes the points beyond the newest MAX_HISTORY_DAYS (row keys sort newest first). */
async function pruneHistory(tables: Tables, org: string): Promise<void> {
  const pk = encodeKeyPart(org);
  let seen = 0;
  const old: string[] = [];
  const entities = tables.snapshots.listEntities({
    queryOptions: { filter: odata`PartitionKey eq ${pk}`, select: ['RowKey'] },
  });
  for await (const entity of entities) {
    seen += 1;
    if (seen > MAX_HISTORY_DAYS && typeof entity.rowKey === 'string') old.push(entity.rowKey);
  }
  await Promise.all(old.map((rk) => tables.snapshots.deleteEntity(pk, rk)));
}

/** Newest first; headline fields only (the summary stays in storage). */
export async function listSnapshots(tables: Tables, org: string, limit = 1000): Promise<Snapshot[]> {
  const out: Snapshot[] = [];
  const entities = tables.snapshots.listEntities({
    queryOptions: {
      filter: odata`PartitionKey eq ${encodeKeyPart(org)}`,
      select: ['at', 'asOf', 'readiness', 'verdict', 'nextMilestone'],
    },
  });
  for await (const entity of entities) {
    out.push(fromSnapshotEntity(entity, false));
    if (out.length >= limit) break;
  }
  return out;
}

export async function latestSnapshot(tables: Tables, org: string): Promise<Snapshot | undefined> {
  return (await listSnapshots(tables, org, 1))[0];
}
