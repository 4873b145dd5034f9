import type { TransactionAction } from '@azure/data-tables';
import { checkRecordData, contentHash, findTemplate, TEMPLATE_OF_RECORD_TYPE, type RecordType } from '@qms/templates';
import type { Deps } from '../deps.js';
import { DomainError } from '../domain-error.js';
import { submitInTransactions } from '../storage/batch.js';
import { isConflict } from '../storage/errors.js';
import { text } from '../storage/entity-values.js';
import { encodeKeyPart, MAX_KEY_CHARS, parseRecordRowKey, recordRowKey } from '../storage/keys.js';
import {
  invalidateManifest,
  manifestCovers,
  readManifest,
  readManifestHead,
  writeManifest,
  type ManifestHead,
} from '../storage/manifest-store.js';
import { markSynced } from '../storage/orgs-store.js';
import { readHashes, type HashRange, type StoredHash } from '../storage/records-store.js';
import {
  acquireSyncLock,
  commitSyncPart,
  getSyncHeader,
  KEEP_COMPLETED_SYNCS_MS,
  pruneOldSyncs,
  putListing,
  readListings,
  readSyncState,
  releaseReservation,
  reserveForSync,
  reservedByOther,
  RESERVATION_MS,
  type LeaseOptions,
  type OrgSyncState,
  type SyncHeader,
  type SyncLock,
} from '../storage/syncs-store.js';
import { snapshotAfterCommit } from '../assessment/take-snapshot.js';
import { checkRecord, type Rejected } from './check-record.js';
import type { SyncRequest, SyncResult } from '@qms/contract';

/** The answer to one part: the wire contract's SyncResult. */
export type { SyncResult };

/** Checks the declared templates: unknown ids and versions this server does not know are refused (422). */
export function checkTemplates(request: SyncRequest): void {
  for (const [id, version] of Object.entries(request.templates)) {
    const template = findTemplate(id);
    if (template === undefined) {
      throw new DomainError(
        'unknown-template',
        `Template "${id}" is not known to this server; remove that sheet's marker or use a starter workbook.`,
        { template: id },
      );
    }
    if (template.spec.version !== version) {
      throw new DomainError(
        'unsupported-template-version',
        `Template "${id}" version ${version} is not supported (this server validates version ${template.spec.version}); update the add-in or upgrade the workbook.`,
        { template: id, version, supported: template.spec.version },
      );
    }
  }
  for (const snapshot of request.snapshots) {
    const templates = TEMPLATE_OF_RECORD_TYPE[snapshot.type];
    if (!templates.some((t) => t in request.templates)) {
      throw new DomainError(
        'template-not-declared',
        `Snapshot of ${snapshot.type} records needs its template (${templates.map((t) => `"${t}"`).join(' or ')}) and version in "templates".`,
        { type: snapshot.type },
      );
    }
  }
}

/** The row key a record would get, when its id can be a key at all (bad ids are reported by checkRecord). */
function rowKeyOf(type: RecordType, id: unknown): string | undefined {
  if (typeof id !== 'string' || id === '') return undefined;
  const rk = recordRowKey(type, id);
  return rk.length <= MAX_KEY_CHARS ? rk : undefined;
}

export interface Plan {
  writes: TransactionAction[];
  created: number;
  updated: number;
  unchanged: number;
  /** Per complete type, the row keys this part lists. */
  listed: Record<string, string[]>;
  rejected: Rejected[];
}

/**
 * Pure: decides, record by record, what to write. Every record is re-validated with the shared schema. One
 * whose content hash equals the stored hash is unchanged and not written; every other record goes through the
 * full check (id, string lengths, schema, hash, entity limits) and is created or updated, the update carrying
 * the ETag that was read (or upserted under the lease when the hashes came from a manifest).
 */
export function planSync(
  org: string,
  request: SyncRequest,
  at: string,
  stored: ReadonlyMap<string, StoredHash>,
  hashes: readonly string[][],
): Plan {
  const plan: Plan = { writes: [], created: 0, updated: 0, unchanged: 0, listed: {}, rejected: [] };
  const seen = new Set<string>();
  request.snapshots.forEach((snapshot, s) => {
    const keys: string[] = [];
    snapshot.records.forEach((incoming, index) => {
      const rk = rowKeyOf(snapshot.type, incoming.id);
      const hash = hashes[s]?.[index];
      if (rk !== undefined && seen.has(rk)) {
        plan.rejected.push({
          type: snapshot.type,
          id: String(incoming.id),
          issues: [
            {
              severity: 'error',
              code: 'record.duplicate-id',
              message: `${snapshot.type} "${String(incoming.id)}" appears twice in this sync; make the key column unique.`,
              field: 'id',
            },
          ],
        });
        return;
      }
      const current = rk === undefined ? undefined : stored.get(rk);
      // Unchanged: same content as stored. It is still re-validated (cheap); only the entity is not built or written.
      if (
        rk !== undefined &&
        current !== undefined &&
        current.hash === hash &&
        (incoming.hash === undefined || incoming.hash === hash) &&
        checkRecordData(snapshot.type, incoming.data).ok
      ) {
        seen.add(rk);
        keys.push(rk);
        plan.unchanged += 1;
        return;
      }
      const checked = checkRecord(org, snapshot.type, incoming, index, { syncId: request.syncId, at }, hash);
      if (!checked.ok) {
        plan.rejected.push(checked.rejected);
        return;
      }
      const key = checked.entity.rowKey;
      seen.add(key);
      keys.push(key);
      const before = stored.get(key);
      if (before === undefined) {
        plan.writes.push(['create', checked.entity]);
        plan.created += 1;
      } else if (before.hash !== checked.entity.hash) {
        // Hashes from a manifest carry no ETag: those types are written by syncs only, under the lease.
        plan.writes.push(
          before.etag === ''
            ? ['upsert', checked.entity, 'Replace']
            : ['update', checked.entity, 'Replace', { etag: before.etag }],
        );
        plan.updated += 1;
      } else {
        // Sent without defaults applied, say: different text, same stored content.
        plan.unchanged += 1;
      }
    });
    if (snapshot.complete) plan.listed[snapshot.type] = [...(plan.listed[snapshot.type] ?? []), ...keys];
  });
  return plan;
}

/** What a part says, in a few bytes: a replay must say the same. */
function fingerprintOf(request: SyncRequest, hashes: readonly string[][]): string {
  return contentHash(
    request.snapshots.map((s, i) => [s.type, s.complete, s.records.map((r, j) => [r.id, hashes[i]?.[j]])]),
  );
}

/**
 * Checks a part against what its sync recorded. Returns the replay answer when this part was applied before with
 * the same content (nothing is written again: the state may have moved on since, to a newer workbook).
 */
function checkHeader(header: SyncHeader | undefined, request: SyncRequest, fingerprint: string) {
  if (header === undefined) return undefined;
  if (header.parts !== request.parts) {
    throw new DomainError(
      'sync-parts-mismatch',
      `Sync "${request.syncId}" was started with ${header.parts} parts, not ${request.parts}; start a new sync id.`,
    );
  }
  const seen = header.fingerprints[String(request.part)];
  if (seen === undefined) return undefined;
  if (seen !== fingerprint) {
    throw new DomainError(
      'sync-part-mismatch',
      `Part ${request.part} of sync "${request.syncId}" already arrived with other content; start a new sync id.`,
    );
  }
  const records = request.snapshots.reduce((n, s) => n + s.records.length, 0);
  return {
    created: 0,
    updated: 0,
    unchanged: records,
    deleted: 0,
    rejected: [],
    part: request.part,
    parts: request.parts,
    completed: header.completedAt !== null,
    replayed: true,
  } satisfies SyncResult;
}

/**
 * Applies one sync request (one part) to an organisation, under the organisation's sync lease: reads the
 * stored hashes, validates, writes only what changed in batched transactions, and — once every part of the
 * sync is in — deletes what complete snapshots no longer list. A rejected record rejects the whole request
 * (422) and nothing is written, so the stored state is always one some workbook had. A part applied before is
 * answered as a replay without writing. Whole syncs are serialised per organisation, first come first served:
 * the first accepted part reserves the organisation for its sync (see syncs-store.ts), parts of other syncs are
 * refused meanwhile, and a part of a sync that someone else held the organisation after is refused for good.
 */
export async function applySync(
  deps: Deps,
  org: string,
  request: SyncRequest,
  holder: string,
  lease: LeaseOptions = {},
): Promise<SyncResult> {
  checkTemplates(request);
  if (request.part > request.parts) {
    throw new DomainError(
      'bad-part',
      `part ${request.part} is larger than parts ${request.parts}; number parts 1…${request.parts}.`,
    );
  }
  const at = deps.clock.now().toISOString();
  const hashes = request.snapshots.map((s) => s.records.map((r) => contentHash(r.data)));
  const fingerprint = fingerprintOf(request, hashes);
  // A part's fingerprint is recorded only after all its effects are stored, and never changes: a replay needs no lease.
  const replay = checkHeader(await getSyncHeader(deps.tables, org, request.syncId), request, fingerprint);
  if (replay !== undefined) return replay;
  const lock = await acquireSyncLock(deps.tables, org, holder, deps.clock, deps.options.syncLockWaitMs, lease);
  try {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await applyPart(deps, org, request, {
          at,
          hashes,
          fingerprint,
          lock,
          reservationMs: lease.reservationMs ?? RESERVATION_MS,
        });
      } catch (error) {
        // A writer outside the lease (a profile PUT) changed a record we were about to write: re-read and redo.
        if (!isConflict(error) || attempt >= 3) throw error;
        deps.log.warn('sync conflict, retrying', { org, syncId: request.syncId, attempt });
      }
    }
  } finally {
    await lock
      .release()
      .catch((error: unknown) => deps.log.warn('could not release sync lease', { org, error: String(error) }));
  }
}

interface PartContext {
  at: string;
  hashes: string[][];
  fingerprint: string;
  lock: SyncLock;
  reservationMs: number;
}

function superseded(syncId: string): DomainError {
  return new DomainError(
    'sync-superseded',
    `Another sync of this organisation completed or took the organisation over (this one's reservation had lapsed) after sync "${syncId}" began, so its remaining parts would mix two workbooks; nothing of this part was stored. Read the workbook again and start a new sync.`,
    { syncId },
  );
}

function otherSyncUnderWay(reservationMs: number): DomainError {
  return new DomainError(
    'sync-in-progress',
    `Another sync of this organisation is under way (its parts are still arriving), so nothing of this part was stored. Send the same request again in a few seconds; a sync that stops sending parts frees the organisation within ${Math.ceil(reservationMs / 1000)} s.`,
    {},
    2,
  );
}

/**
 * Decides whether this part's sync may write, from its header and the organisation's state (read under the
 * lease). Returns the epoch to hold the organisation at, and whether the reservation passes to this sync now.
 * Throws 409 sync-superseded when another sync completed, or held the organisation, since this one began; 409
 * sync-in-progress while another sync holds it.
 */
export function claimOrganisation(
  state: OrgSyncState,
  header: SyncHeader | undefined,
  syncId: string,
  at: { now: Date; reservationMs: number },
): { epoch: number; passes: boolean } {
  if (header !== undefined && header.base !== state.count) throw superseded(syncId);
  // Granted before: nobody else held the organisation since exactly when the epoch has not moved.
  if (header?.epoch !== undefined) {
    if (header.epoch !== state.epoch || (state.holder !== undefined && state.holder !== syncId)) {
      throw superseded(syncId);
    }
    return { epoch: state.epoch, passes: false };
  }
  // A new sync (or one begun before epochs existed): it waits for a holder, or takes over a lapsed one.
  if (reservedByOther(state, syncId, at.now)) throw otherSyncUnderWay(at.reservationMs);
  return { epoch: state.epoch + 1, passes: true };
}

async function applyPart(deps: Deps, org: string, request: SyncRequest, part: PartContext): Promise<SyncResult> {
  const { tables } = deps;
  const { at, hashes, fingerprint, lock, reservationMs } = part;
  const multiPart = request.parts > 1;
  let header = await getSyncHeader(tables, org, request.syncId);
  // Again under the lease: the same part may have been applied while this request waited for it.
  const replay = checkHeader(header, request, fingerprint);
  if (replay !== undefined) return replay;
  let state = await readSyncState(tables, org);
  const claim = claimOrganisation(state, header, request.syncId, { now: deps.clock.now(), reservationMs });

  const received = new Set([...(header?.received ?? []), request.part]);
  const completed = received.size >= request.parts && [...received].every((p) => p >= 1 && p <= request.parts);
  const completeTypes = new Set<RecordType>([
    ...((header?.completeTypes ?? []) as RecordType[]),
    ...request.snapshots.filter((s) => s.complete).map((s) => s.type),
  ]);

  // What this part can touch: its records' types, and every complete type once the last part is in.
  const types = new Set<RecordType>(request.snapshots.map((snapshot) => snapshot.type));
  if (completed) completeTypes.forEach((type) => types.add(type));
  const heads = new Map<RecordType, ManifestHead | undefined>();
  const stored = new Map<string, StoredHash>();
  /** Types whose every stored hash is in `stored` (from a manifest, or a full read). */
  const fullTypes = new Set<RecordType>();
  await Promise.all(
    [...types].filter(manifestCovers).map(async (type) => {
      const head = await readManifestHead(tables, org, type);
      heads.set(type, head);
      const manifest = await readManifest(tables, org, type, head);
      if (manifest === undefined) return;
      for (const [rk, hash] of manifest) stored.set(rk, { hash, etag: '' });
      fullTypes.add(type);
    }),
  );
  // Without a manifest: read every key of a type the manifest covers (so one can be written afterwards; on a
  // first sync that read is empty and cheap), of a type that may lose records now, or else this part's key range.
  const ranges: HashRange[] = [];
  for (const snapshot of request.snapshots) {
    if (fullTypes.has(snapshot.type)) continue;
    if (manifestCovers(snapshot.type)) {
      ranges.push({ type: snapshot.type });
      fullTypes.add(snapshot.type);
      continue;
    }
    const keys = snapshot.records.map((r) => rowKeyOf(snapshot.type, r.id)).filter((k): k is string => k !== undefined);
    if (keys.length === 0) continue;
    keys.sort();
    ranges.push({ type: snapshot.type, from: keys[0], to: keys[keys.length - 1] });
  }
  if (completed) {
    for (const type of completeTypes) {
      if (fullTypes.has(type)) continue;
      ranges.push({ type });
      fullTypes.add(type);
    }
  }
  for (const [rk, hash] of await readHashes(tables, org, ranges)) stored.set(rk, hash);

  const plan = planSync(org, request, at, stored, hashes);
  if (plan.rejected.length > 0) {
    // A refused part ends its sync's hold on the organisation: the client fixes the cells and starts a new sync,
    // which should not have to wait for this one's reservation to lapse.
    lock.assertHeld();
    await releaseReservation(tables, org, request.syncId, state);
    throw new DomainError(
      'records-rejected',
      `${plan.rejected.length} record(s) failed validation; nothing was stored. Fix the cells named in "rejected" and sync again.`,
      { rejected: plan.rejected },
    );
  }
  // The reservation is taken or renewed before the first write, with the header of a new sync in the same
  // transaction: a host dying from here on leaves the organisation to this sync until the reservation lapses,
  // and a retry of this part is still checked against whoever held the organisation since.
  const grant = { epoch: claim.epoch, until: new Date(deps.clock.now().getTime() + reservationMs) };
  const begun: SyncHeader = header ?? {
    parts: request.parts,
    received: [],
    fingerprints: {},
    completeTypes: [],
    base: state.count,
    startedAt: at,
    completedAt: null,
  };
  const granted = { ...begun, epoch: claim.epoch };
  lock.assertHeld();
  // The header is saved along when it is new or gains its epoch now; otherwise only the reservation is renewed.
  const saveHeader = header === undefined || claim.passes;
  const reserved = await reserveForSync(tables, org, request.syncId, state, grant, saveHeader ? granted : undefined);
  state = reserved.state;
  header = { ...granted, etag: reserved.headerEtag ?? begun.etag };
  // Manifests of the types about to change go invalid first: a crash after this point leaves them unusable, not wrong.
  const changing = new Set(plan.writes.map((w) => parseRecordRowKey(w[1].rowKey).type as RecordType));
  lock.assertHeld();
  await invalidateChanging(deps, org, heads, changing);
  lock.assertHeld();
  await submitInTransactions(tables.records, plan.writes);

  let listedByType: Map<string, Set<string>>;
  if (multiPart) {
    lock.assertHeld();
    if (Object.keys(plan.listed).length > 0) await putListing(tables, org, request.syncId, request.part, plan.listed);
    listedByType = completed ? await readListings(tables, org, request.syncId) : new Map<string, Set<string>>();
  } else {
    listedByType = new Map(Object.entries(plan.listed).map(([t, keys]) => [t, new Set(keys)]));
  }

  const deletes: TransactionAction[] = [];
  if (completed) {
    const pk = encodeKeyPart(org);
    for (const rk of stored.keys()) {
      const type = parseRecordRowKey(rk).type as RecordType;
      const listed = listedByType.get(type);
      if (completeTypes.has(type) && listed !== undefined && !listed.has(rk)) {
        deletes.push(['delete', { partitionKey: pk, rowKey: rk }]);
      }
    }
  }
  const deleting = new Set(deletes.map((d) => parseRecordRowKey(d[1].rowKey).type as RecordType));
  lock.assertHeld();
  await invalidateChanging(deps, org, heads, new Set([...deleting].filter((t) => !changing.has(t))));
  await submitInTransactions(tables.records, deletes);

  // New manifests for the types whose whole state is now known and that changed or had none.
  for (const w of plan.writes) stored.set(w[1].rowKey, { hash: text(w[1].hash), etag: '' });
  for (const d of deletes) stored.delete(d[1].rowKey);
  lock.assertHeld();
  await Promise.all(
    [...fullTypes].filter(manifestCovers).map(async (type) => {
      const head = heads.get(type);
      if (head?.valid === true && !changing.has(type) && !deleting.has(type)) return;
      const prefix = `${type}~`;
      const map = new Map([...stored].filter(([rk]) => rk.startsWith(prefix)));
      await writeManifest(tables, org, type, map, head);
    }),
  );

  // Only now, with every effect of the part stored, is it recorded as received: a retry before this redoes it.
  lock.assertHeld();
  await commitSyncPart(
    tables,
    org,
    request.syncId,
    {
      ...header,
      received: [...received].sort((a, b) => a - b),
      fingerprints: { ...header.fingerprints, [String(request.part)]: fingerprint },
      completeTypes: [...completeTypes].sort(),
      completedAt: completed ? at : null,
    },
    completed ? state : undefined,
  );
  // A one-part sync that changed nothing leaves the day's point as it is (if the day has one already): an
  // unchanged re-sync reads no records. Earlier parts' changes are not known here, so longer syncs always take it.
  const changedNothing = request.parts === 1 && plan.writes.length === 0 && deletes.length === 0;
  if (completed) await afterCompletion(deps, org, at, changedNothing);
  const { created, updated, unchanged } = plan;
  deps.log.info('sync applied', {
    org,
    syncId: request.syncId,
    part: request.part,
    created,
    updated,
    unchanged,
    deleted: deletes.length,
  });
  return {
    created,
    updated,
    unchanged,
    deleted: deletes.length,
    rejected: [],
    part: request.part,
    parts: request.parts,
    completed,
    replayed: false,
  };
}

/**
 * Notes the sync time, takes the day's history point (readiness as of the commit) and tidies long-finished syncs;
 * none of them ever fails the sync that just completed.
 */
async function afterCompletion(deps: Deps, org: string, at: string, changedNothing: boolean): Promise<void> {
  await markSynced(deps.tables, org, at).catch((error: unknown) =>
    deps.log.warn('could not note the sync time', { org, error: String(error) }),
  );
  await snapshotAfterCommit(deps, org, { unlessDayHasOne: changedNothing }).catch((error: unknown) =>
    deps.log.warn('could not take the history point', { org, error: String(error) }),
  );
  const before = new Date(deps.clock.now().getTime() - KEEP_COMPLETED_SYNCS_MS);
  await pruneOldSyncs(deps.tables, org, before).catch((error: unknown) =>
    deps.log.warn('could not prune old syncs', { org, error: String(error) }),
  );
}

/** Marks the manifests of these types invalid, keeping the new heads (and their ETags) for the rewrite. */
async function invalidateChanging(
  deps: Deps,
  org: string,
  heads: Map<RecordType, ManifestHead | undefined>,
  types: Set<RecordType>,
): Promise<void> {
  await Promise.all(
    [...types].filter(manifestCovers).map(async (type) => {
      const head = heads.get(type);
      if (head?.valid !== true) return;
      heads.set(type, await invalidateManifest(deps.tables, org, type, head));
    }),
  );
}
