import { odata } from '@azure/data-tables';
import { ApiError } from '../http/problem.js';
import type { Clock } from '../clock.js';
import { encodeKeyPart, prefixRange } from './keys.js';
import { isConflict, isNotFound, isStorageUnavailable } from './errors.js';
import { assertWithinLimits, joinText, MAX_STRING_PROPERTY_CHARS, splitText } from './limits.js';
import type { Tables } from './tables.js';

/**
 * The `syncs` table (PK org) holds three kinds of rows:
 * - `lock`: a lease that serialises syncs of one organisation (two workbooks syncing at once end as one of them);
 * - `s~<syncId>`: the header of a multi-part sync (how many parts, which arrived, each part's fingerprint);
 * - `l~<syncId>~<part>~<chunk>`: the ids a part listed for its complete snapshots, kept until the last part.
 */
const LOCK_ROW = 'lock';
/**
 * Longer than any request can run (Azure ends HTTP invocations after 230 s), so a lease is only ever taken over
 * from a holder that died: two live syncs of one organisation never write at the same time.
 */
export const LEASE_MS = 300_000;

export interface SyncLock {
  release(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A lease whose release met a storage outage is released again every second for a minute (best effort). */
const RELEASE_RETRY_MS = 1000;
const RELEASE_RETRIES = 60;

async function retryRelease(drop: () => Promise<void>): Promise<void> {
  for (let i = 0; i < RELEASE_RETRIES; i += 1) {
    // Unref'd: a process that is otherwise done does not stay up for this.
    await new Promise((resolve) => setTimeout(resolve, RELEASE_RETRY_MS).unref());
    try {
      await drop();
      return;
    } catch {
      // still unreachable: try again
    }
  }
}

/** Takes the organisation's sync lease, waiting up to `waitMs` for another sync to finish; 409 after that. */
export async function acquireSyncLock(
  tables: Tables,
  org: string,
  holder: string,
  clock: Clock,
  waitMs: number,
): Promise<SyncLock> {
  const pk = encodeKeyPart(org);
  const deadline = Date.now() + waitMs;
  const lease = () => ({
    partitionKey: pk,
    rowKey: LOCK_ROW,
    holder,
    expiresAt: new Date(clock.now().getTime() + LEASE_MS).toISOString(),
  });
  for (;;) {
    let etag: string | undefined;
    try {
      etag = (await tables.syncs.createEntity(lease())).etag;
    } catch (error) {
      if (!isConflict(error)) throw error;
      // Held by someone: take it over only if the lease ran out (its holder crashed), with the ETag we read.
      try {
        const current = await tables.syncs.getEntity<{ expiresAt?: string }>(pk, LOCK_ROW);
        if (String(current.expiresAt ?? '') < clock.now().toISOString()) {
          etag = (await tables.syncs.updateEntity(lease(), 'Replace', { etag: current.etag })).etag;
        }
      } catch (inner) {
        if (!isConflict(inner) && !isNotFound(inner)) throw inner;
      }
    }
    if (etag !== undefined) {
      const held = etag;
      return {
        async release() {
          const drop = async (): Promise<void> => {
            try {
              await tables.syncs.deleteEntity(pk, LOCK_ROW, { etag: held });
            } catch (error) {
              // Gone or taken over after expiry: nothing of ours to release.
              if (!isConflict(error) && !isNotFound(error)) throw error;
            }
          };
          try {
            await drop();
          } catch (error) {
            // Storage failed under this sync (the usual reason its request failed at all). Keep trying in the
            // background, so the organisation's syncs are not refused until the lease expires in 5 minutes.
            if (isStorageUnavailable(error)) void retryRelease(drop);
            throw error;
          }
        },
      };
    }
    if (Date.now() > deadline) {
      throw new ApiError(
        409,
        'sync-in-progress',
        'Another sync of this organisation is still running; retry in a few seconds.',
        {},
        { 'retry-after': '2' },
      );
    }
    await sleep(40 + Math.random() * 80);
  }
}

export interface SyncHeader {
  parts: number;
  received: number[];
  fingerprints: Record<string, string>;
  completeTypes: string[];
  startedAt: string;
  completedAt: string | null;
  etag?: string;
}

const headerRow = (syncId: string) => `s~${encodeKeyPart(syncId)}`;
const listingPrefix = (syncId: string) => `l~${encodeKeyPart(syncId)}~`;

export async function getSyncHeader(tables: Tables, org: string, syncId: string): Promise<SyncHeader | undefined> {
  try {
    const e = await tables.syncs.getEntity<Record<string, unknown>>(encodeKeyPart(org), headerRow(syncId));
    return {
      parts: Number(e.parts),
      received: JSON.parse(String(e.received)) as number[],
      fingerprints: JSON.parse(String(e.fingerprints)) as Record<string, string>,
      completeTypes: JSON.parse(String(e.completeTypes)) as string[],
      startedAt: String(e.startedAt),
      completedAt: typeof e.completedAt === 'string' ? e.completedAt : null,
      etag: e.etag,
    };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** Creates or replaces the header; with the ETag read earlier, so a concurrent writer makes this fail (409/412). */
export async function putSyncHeader(tables: Tables, org: string, syncId: string, header: SyncHeader): Promise<void> {
  const entity = {
    partitionKey: encodeKeyPart(org),
    rowKey: headerRow(syncId),
    parts: header.parts,
    received: JSON.stringify(header.received),
    fingerprints: JSON.stringify(header.fingerprints),
    completeTypes: JSON.stringify(header.completeTypes),
    startedAt: header.startedAt,
    completedAt: header.completedAt ?? undefined,
  };
  assertWithinLimits(entity);
  if (header.etag === undefined) await tables.syncs.createEntity(entity);
  else await tables.syncs.updateEntity(entity, 'Replace', { etag: header.etag });
}

/** At most 14 string properties of 32,000 characters per listing row keeps each row below 1 MiB. */
const LISTING_CHARS_PER_ROW = 14 * MAX_STRING_PROPERTY_CHARS;

/** Saves the row keys one part listed per complete type, over as many rows as the text needs. */
export async function putListing(
  tables: Tables,
  org: string,
  syncId: string,
  part: number,
  listed: Record<string, string[]>,
): Promise<void> {
  const text = JSON.stringify(listed);
  const pk = encodeKeyPart(org);
  const rows = [];
  for (let i = 0, chunk = 0; i < text.length || chunk === 0; i += LISTING_CHARS_PER_ROW, chunk += 1) {
    const entity = {
      partitionKey: pk,
      rowKey: `${listingPrefix(syncId)}${String(part).padStart(4, '0')}~${String(chunk).padStart(3, '0')}`,
      ...splitText('ids', text.slice(i, i + LISTING_CHARS_PER_ROW)),
    };
    assertWithinLimits(entity);
    rows.push(entity);
  }
  // Upsert: a replayed part rewrites the same rows with the same content.
  await Promise.all(rows.map((row) => tables.syncs.upsertEntity(row, 'Replace')));
}

/** Every part's listing of one sync, merged: type → set of row keys. */
export async function readListings(tables: Tables, org: string, syncId: string): Promise<Map<string, Set<string>>> {
  const { from, to } = prefixRange(listingPrefix(syncId));
  const texts = new Map<string, string>();
  const entities = tables.syncs.listEntities<Record<string, unknown>>({
    queryOptions: { filter: odata`PartitionKey eq ${encodeKeyPart(org)} and RowKey ge ${from} and RowKey lt ${to}` },
  });
  for await (const entity of entities) {
    const rest = (entity.rowKey ?? '').slice(from.length);
    const part = rest.split('~')[0] ?? '';
    // Rows arrive in row-key order, so chunks of one part concatenate in order.
    texts.set(part, (texts.get(part) ?? '') + joinText('ids', entity));
  }
  const merged = new Map<string, Set<string>>();
  for (const text of texts.values()) {
    for (const [type, keys] of Object.entries(JSON.parse(text) as Record<string, string[]>)) {
      const set = merged.get(type) ?? new Set<string>();
      keys.forEach((k) => set.add(k));
      merged.set(type, set);
    }
  }
  return merged;
}

/** Completed multi-part syncs are kept this long (replays of their parts stay harmless), then pruned. */
export const KEEP_COMPLETED_SYNCS_MS = 24 * 3600_000;

/**
 * Deletes headers and listings of this organisation's multi-part syncs that completed before `before`.
 * Best effort and bounded: a later sync finishes the job. Returns how many syncs were pruned.
 */
export async function pruneCompletedSyncs(tables: Tables, org: string, before: Date, limit = 20): Promise<number> {
  const pk = encodeKeyPart(org);
  const { from, to } = prefixRange('s~');
  const old: string[] = [];
  const headers = tables.syncs.listEntities<{ completedAt?: unknown }>({
    queryOptions: {
      filter: odata`PartitionKey eq ${pk} and RowKey ge ${from} and RowKey lt ${to}`,
      select: ['RowKey', 'completedAt'],
    },
  });
  for await (const h of headers) {
    if (typeof h.completedAt === 'string' && h.completedAt < before.toISOString()) old.push((h.rowKey ?? '').slice(2));
    if (old.length >= limit) break;
  }
  for (const encodedId of old) {
    const range = prefixRange(`l~${encodedId}~`);
    const rows = tables.syncs.listEntities({
      queryOptions: {
        filter: odata`PartitionKey eq ${pk} and RowKey ge ${range.from} and RowKey lt ${range.to}`,
        select: ['RowKey'],
      },
    });
    for await (const row of rows) await tables.syncs.deleteEntity(pk, row.rowKey ?? '');
    // The header goes last, so an interrupted prune is found again next time.
    await tables.syncs.deleteEntity(pk, `s~${encodedId}`);
  }
  return old.length;
}
