import { odata, type TransactionAction } from '@azure/data-tables';
import { DomainError } from '../domain-error.js';
import type { Clock } from '../clock.js';
import { encodeKeyPart, prefixRange } from './keys.js';
import { isConflict, isNotFound, isStorageUnavailable } from './errors.js';
import { assertWithinLimits, joinText, MAX_STRING_PROPERTY_CHARS, splitText } from './limits.js';
import type { Tables } from './tables.js';

/**
 * The `syncs` table (PK org) holds these kinds of rows:
 * - `lock`: a lease that serialises requests of one organisation (held for one request, renewed while it works);
 * - `done`: the organisation's sync state, written under the lease: `count` (how many syncs have completed), and
 *   the reservation that serialises whole syncs — `holder` (the sync id whose parts are arriving), `reservedUntil`
 *   and `epoch`, which moves each time the reservation passes to a sync. Rows written before the reservation
 *   existed have none of those three: the organisation is free, epoch 0;
 * - `s~<syncId>`: the header of a sync (how many parts, which arrived, each part's fingerprint, the `done` count
 *   when it started, the epoch it was granted);
 * - `l~<syncId>~<part>~<chunk>`: the ids a part listed for its complete snapshots, kept until the last part.
 *
 * Why a reservation as well as the lease: the lease covers one request, so without it the parts of two syncs
 * could interleave and leave a mix of two workbooks. A host that dies mid-part leaves the reservation in place;
 * it lapses after RESERVATION_MS and the next sync takes the organisation over (moving the epoch, so the dead
 * sync's later parts are refused as superseded).
 */
const LOCK_ROW = 'lock';
const DONE_ROW = 'done';
export const LEASE_MS = 30_000;
export const LEASE_RENEW_MS = 10_000;
/**
 * How long a sync keeps the organisation after its latest accepted part: long enough for a client to send the
 * next part (or retry one after a 503) without losing its place, short enough that an abandoned sync blocks the
 * others for a minute, not longer.
 */
export const RESERVATION_MS = 60_000;

export interface LeaseOptions {
  leaseMs?: number;
  /** How long a sync's reservation of the organisation lasts after each accepted part (RESERVATION_MS). */
  reservationMs?: number;
  renewEveryMs?: number;
  /** Calls `renew` every `ms` until the returned function is called; tests pass one they drive by hand. */
  schedule?: (ms: number, renew: () => Promise<boolean>) => () => void;
}

export interface SyncLock {
  /** Stops renewing and gives the lease back (nothing to do when it was lost). */
  release(): Promise<void>;
  /** Extends the lease now (the timer calls this); false once the lease is lost. Never throws. */
  renew(): Promise<boolean>;
  /** Throws 503 sync-lease-lost when this holder must stop writing: the lease was taken over or ran out. */
  assertHeld(): void;
}

/** Unref'd: a process that is otherwise done does not stay up for a renewal. */
function everyUnref(ms: number, renew: () => Promise<boolean>): () => void {
  const timer = setInterval(() => void renew(), ms);
  timer.unref();
  return () => clearInterval(timer);
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

function leaseLost(): DomainError {
  return new DomainError(
    'sync-lease-lost',
    'This sync lost its hold on the organisation (storage answered too slowly to keep it) and stopped before writing more; send the same request again.',
    {},
    2,
  );
}

/**
 * Takes the organisation's sync lease, waiting up to `waitMs` for another sync to finish; 409 after that.
 * The lease is renewed in the background until released; a lease that ran out (its holder died) is taken over.
 */
export async function acquireSyncLock(
  tables: Tables,
  org: string,
  holder: string,
  clock: Clock,
  waitMs: number,
  options: LeaseOptions = {},
): Promise<SyncLock> {
  const pk = encodeKeyPart(org);
  const leaseMs = options.leaseMs ?? LEASE_MS;
  const deadline = Date.now() + waitMs;
  const lease = () => ({
    partitionKey: pk,
    rowKey: LOCK_ROW,
    holder,
    expiresAt: new Date(clock.now().getTime() + leaseMs).toISOString(),
  });
  for (;;) {
    let taken: { etag: string; expiresAt: string } | undefined;
    try {
      const entity = lease();
      taken = { etag: (await tables.syncs.createEntity(entity)).etag ?? '', expiresAt: entity.expiresAt };
    } catch (error) {
      if (!isConflict(error)) throw error;
      // Held by someone: take it over only if the lease ran out (its holder crashed), with the ETag we read.
      try {
        const current = await tables.syncs.getEntity<{ expiresAt?: string }>(pk, LOCK_ROW);
        if (String(current.expiresAt ?? '') < clock.now().toISOString()) {
          const entity = lease();
          const etag = (await tables.syncs.updateEntity(entity, 'Replace', { etag: current.etag })).etag ?? '';
          taken = { etag, expiresAt: entity.expiresAt };
        }
      } catch (inner) {
        if (!isConflict(inner) && !isNotFound(inner)) throw inner;
      }
    }
    if (taken !== undefined) return heldLease(tables, pk, clock, lease, taken, options);
    if (Date.now() > deadline) {
      throw new DomainError(
        'sync-in-progress',
        'Another sync of this organisation is still running; retry in a few seconds.',
        {},
        2,
      );
    }
    await sleep(40 + Math.random() * 80);
  }
}

function heldLease(
  tables: Tables,
  pk: string,
  clock: Clock,
  lease: () => { partitionKey: string; rowKey: string; holder: string; expiresAt: string },
  taken: { etag: string; expiresAt: string },
  options: LeaseOptions,
): SyncLock {
  let { etag } = taken;
  let expiresAt = Date.parse(taken.expiresAt);
  let lost = false;
  let renewing: Promise<boolean> | undefined;

  const renewOnce = async (): Promise<boolean> => {
    if (lost) return false;
    const entity = lease();
    try {
      etag = (await tables.syncs.updateEntity(entity, 'Replace', { etag })).etag ?? '';
      expiresAt = Date.parse(entity.expiresAt);
    } catch (error) {
      // Someone else holds it now (ours ran out): stop for good. Any other failure: the next tick tries again.
      if (isConflict(error) || isNotFound(error)) lost = true;
    }
    return !lost && clock.now().getTime() < expiresAt;
  };
  // One renewal at a time, each with the ETag the previous one got.
  const renew = (): Promise<boolean> => {
    renewing ??= renewOnce().finally(() => {
      renewing = undefined;
    });
    return renewing;
  };
  const stop = (options.schedule ?? everyUnref)(options.renewEveryMs ?? LEASE_RENEW_MS, renew);

  return {
    renew,
    assertHeld() {
      if (lost || clock.now().getTime() >= expiresAt) throw leaseLost();
    },
    async release() {
      stop();
      await renewing;
      if (lost) return;
      const drop = async (): Promise<void> => {
        try {
          await tables.syncs.deleteEntity(pk, LOCK_ROW, { etag });
        } catch (error) {
          // Gone or taken over after expiry: nothing of ours to release.
          if (!isConflict(error) && !isNotFound(error)) throw error;
        }
      };
      try {
        await drop();
      } catch (error) {
        // Storage failed under this sync (the usual reason its request failed at all). Keep trying in the
        // background, so the organisation's syncs are not refused until the lease runs out.
        if (isStorageUnavailable(error)) void retryRelease(drop);
        throw error;
      }
    },
  };
}

export interface SyncHeader {
  parts: number;
  received: number[];
  /** Per received part, the fingerprint of its content: a replay must match it. */
  fingerprints: Record<string, string>;
  completeTypes: string[];
  /** The organisation's `done` count when the sync's first part arrived: another completion since supersedes it. */
  base: number;
  /** The epoch the sync was granted the organisation at; undefined in headers written before epochs existed. */
  epoch?: number;
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
      // Headers written before the count existed started when it was 0.
      base: typeof e.base === 'number' ? e.base : 0,
      ...(typeof e.epoch === 'number' ? { epoch: e.epoch } : {}),
      startedAt: String(e.startedAt),
      completedAt: typeof e.completedAt === 'string' ? e.completedAt : null,
      etag: e.etag,
    };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

function headerEntity(org: string, syncId: string, header: SyncHeader) {
  const entity = {
    partitionKey: encodeKeyPart(org),
    rowKey: headerRow(syncId),
    parts: header.parts,
    received: JSON.stringify(header.received),
    fingerprints: JSON.stringify(header.fingerprints),
    completeTypes: JSON.stringify(header.completeTypes),
    base: header.base,
    epoch: header.epoch,
    startedAt: header.startedAt,
    completedAt: header.completedAt ?? undefined,
  };
  assertWithinLimits(entity);
  return entity;
}

const saveHeader = (entity: ReturnType<typeof headerEntity>, etag: string | undefined): TransactionAction =>
  etag === undefined ? ['create', entity] : ['update', entity, 'Replace', { etag }];

/** The organisation's sync state (the `done` row), with the ETag to change it. */
export interface OrgSyncState {
  /** How many syncs of the organisation have completed (0 before the first). */
  count: number;
  /** Moves each time the reservation passes to a sync: a sync granted an older epoch was overtaken. */
  epoch: number;
  /** The sync holding the reservation, and until when (ISO); none when free. */
  holder?: string;
  reservedUntil?: string;
  lastSyncId?: string;
  etag?: string;
}

export async function readSyncState(tables: Tables, org: string): Promise<OrgSyncState> {
  try {
    const e = await tables.syncs.getEntity<Record<string, unknown>>(encodeKeyPart(org), DONE_ROW);
    return {
      count: Number(e.count ?? 0),
      epoch: typeof e.epoch === 'number' ? e.epoch : 0,
      ...(typeof e.holder === 'string' ? { holder: e.holder } : {}),
      ...(typeof e.reservedUntil === 'string' ? { reservedUntil: e.reservedUntil } : {}),
      ...(typeof e.lastSyncId === 'string' ? { lastSyncId: e.lastSyncId } : {}),
      etag: e.etag,
    };
  } catch (error) {
    if (isNotFound(error)) return { count: 0, epoch: 0 };
    throw error;
  }
}

/** True when a sync other than `syncId` holds an unexpired reservation of the organisation. */
export function reservedByOther(state: OrgSyncState, syncId: string, now: Date): boolean {
  if (state.holder === undefined || state.holder === syncId) return false;
  return Date.parse(state.reservedUntil ?? '') > now.getTime();
}

function saveState(pk: string, state: OrgSyncState): TransactionAction {
  const entity = {
    partitionKey: pk,
    rowKey: DONE_ROW,
    count: state.count,
    epoch: state.epoch,
    holder: state.holder,
    reservedUntil: state.reservedUntil,
    lastSyncId: state.lastSyncId,
  };
  return state.etag === undefined ? ['create', entity] : ['update', entity, 'Replace', { etag: state.etag }];
}

/**
 * Frees the organisation when `syncId` holds it (the epoch stays: that sync may still go on if nobody else takes
 * the organisation, and is superseded if someone does). ETag-checked; a lost race leaves things as they are.
 */
export async function releaseReservation(
  tables: Tables,
  org: string,
  syncId: string,
  state: OrgSyncState,
): Promise<void> {
  if (state.holder !== syncId || state.etag === undefined) return;
  try {
    await tables.syncs.submitTransaction([saveState(encodeKeyPart(org), freed(state))]);
  } catch (error) {
    if (!isConflict(error)) throw error;
  }
}

/** The state with the organisation free (no holder); the epoch stays. */
function freed(state: OrgSyncState): OrgSyncState {
  const { holder: _holder, reservedUntil: _until, ...rest } = state;
  return rest;
}

/** The ETag a transaction's response gives one row, or a fresh read of it when the emulator leaves it out. */
async function etagAfter(
  tables: Tables,
  pk: string,
  response: Awaited<ReturnType<Tables['syncs']['submitTransaction']>>,
  rowKey: string,
): Promise<string> {
  const etag = response.getResponseForEntity(rowKey)?.etag;
  if (etag !== undefined && etag !== '') return etag;
  return (await tables.syncs.getEntity(pk, rowKey)).etag ?? '';
}

/**
 * Gives (or renews) the organisation's reservation to `syncId` until `until`, at `epoch`; when `header` is given
 * (a new sync, or one whose header predates epochs) it is saved in the same entity-group transaction, so a sync
 * never has a header without having held the organisation. Returns the new state and header ETags.
 */
export async function reserveForSync(
  tables: Tables,
  org: string,
  syncId: string,
  state: OrgSyncState,
  grant: { epoch: number; until: Date },
  header?: SyncHeader,
): Promise<{ state: OrgSyncState; headerEtag?: string }> {
  const pk = encodeKeyPart(org);
  const next: OrgSyncState = {
    ...state,
    epoch: grant.epoch,
    holder: syncId,
    reservedUntil: grant.until.toISOString(),
  };
  const actions = [saveState(pk, next)];
  const entity = header === undefined ? undefined : headerEntity(org, syncId, header);
  if (entity !== undefined) actions.push(saveHeader(entity, header?.etag));
  const response = await tables.syncs.submitTransaction(actions);
  return {
    state: { ...next, etag: await etagAfter(tables, pk, response, DONE_ROW) },
    ...(entity === undefined ? {} : { headerEtag: await etagAfter(tables, pk, response, entity.rowKey) }),
  };
}

/**
 * Records that a part's effects are all stored: its header, and when it was the last part the organisation's
 * state — `count` bumped and the reservation released — in one entity-group transaction, so a sync is never
 * counted complete without its header saying so, nor complete and still holding the organisation.
 */
export async function commitSyncPart(
  tables: Tables,
  org: string,
  syncId: string,
  header: SyncHeader,
  state?: OrgSyncState,
): Promise<void> {
  const entity = headerEntity(org, syncId, header);
  const actions = [saveHeader(entity, header.etag)];
  if (state !== undefined) {
    actions.push(saveState(entity.partitionKey, { ...freed(state), count: state.count + 1, lastSyncId: syncId }));
  }
  await tables.syncs.submitTransaction(actions);
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

/**
 * Sync headers are kept this long after completing (a replay of any part stays a replay), and so are the
 * headers and listings of syncs that started this long ago and never completed (abandoned or superseded).
 * A part arriving after that is taken as a new sync.
 */
export const KEEP_COMPLETED_SYNCS_MS = 24 * 3600_000;

/**
 * Deletes headers and listings of this organisation's syncs that completed before `before`, or started before
 * it and never completed. Best effort and bounded: a later sync finishes the job. Returns how many were pruned.
 */
export async function pruneOldSyncs(tables: Tables, org: string, before: Date, limit = 20): Promise<number> {
  const pk = encodeKeyPart(org);
  const { from, to } = prefixRange('s~');
  const cutoff = before.toISOString();
  const old: string[] = [];
  const headers = tables.syncs.listEntities<{ completedAt?: unknown; startedAt?: unknown }>({
    queryOptions: {
      filter: odata`PartitionKey eq ${pk} and RowKey ge ${from} and RowKey lt ${to}`,
      select: ['RowKey', 'completedAt', 'startedAt'],
    },
  });
  for await (const h of headers) {
    const settled = typeof h.completedAt === 'string' ? h.completedAt : h.startedAt;
    if (typeof settled === 'string' && settled < cutoff) old.push((h.rowKey ?? '').slice(2));
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
