import type { TransactionAction } from '@azure/data-tables';
import { contentHash, findTemplate, TEMPLATE_OF_RECORD_TYPE, type RecordType } from '@qms/templates';
import type { Deps } from '../deps.js';
import { ApiError } from '../http/problem.js';
import { submitInTransactions } from '../storage/batch.js';
import { isConflict } from '../storage/errors.js';
import { encodeKeyPart, parseRecordRowKey } from '../storage/keys.js';
import type { RecordEntity } from '../storage/record-entity.js';
import { readHashes } from '../storage/records-store.js';
import { acquireSyncLock, getSyncHeader, putListing, putSyncHeader, readListings, type SyncHeader } from '../storage/syncs-store.js';
import { checkRecord, type Rejected } from './check-record.js';
import type { SyncRequest } from './sync-request.js';

export interface SyncResult {
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  rejected: Rejected[];
  /** Which part this was and whether every part of the sync has now arrived. */
  part: number;
  parts: number;
  completed: boolean;
}

/** Checks the declared templates: unknown ids and versions this server does not know are refused (422). */
export function checkTemplates(request: SyncRequest): void {
  for (const [id, version] of Object.entries(request.templates)) {
    const template = findTemplate(id);
    if (template === undefined) {
      throw new ApiError(422, 'unknown-template', `Template "${id}" is not known to this server; remove that sheet's marker or use a starter workbook.`, { template: id });
    }
    if (template.spec.version !== version) {
      throw new ApiError(
        422,
        'unsupported-template-version',
        `Template "${id}" version ${version} is not supported (this server validates version ${template.spec.version}); update the add-in or upgrade the workbook.`,
        { template: id, version, supported: template.spec.version },
      );
    }
  }
  for (const snapshot of request.snapshots) {
    const template = TEMPLATE_OF_RECORD_TYPE[snapshot.type];
    if (!(template in request.templates)) {
      throw new ApiError(400, 'template-not-declared', `Snapshot of ${snapshot.type} records needs its template "${template}" and version in "templates".`, { type: snapshot.type });
    }
  }
}

interface Plan {
  entities: Map<string, { entity: RecordEntity; type: RecordType }>;
  /** Per complete type, the row keys this part lists. */
  listed: Record<string, string[]>;
  rejected: Rejected[];
}

/** Pure: validates every record and works out what this part lists. */
export function planSync(org: string, request: SyncRequest, at: string): Plan {
  const entities = new Map<string, { entity: RecordEntity; type: RecordType }>();
  const listed: Record<string, string[]> = {};
  const rejected: Rejected[] = [];
  for (const snapshot of request.snapshots) {
    const keys = (listed[snapshot.type] ??= []);
    snapshot.records.forEach((incoming, index) => {
      const checked = checkRecord(org, snapshot.type, incoming, index, { syncId: request.syncId, at });
      if (!checked.ok) {
        rejected.push(checked.rejected);
        return;
      }
      const rk = checked.entity.rowKey;
      if (entities.has(rk)) {
        rejected.push({
          type: snapshot.type,
          id: checked.record.id,
          issues: [{ severity: 'error', code: 'record.duplicate-id', message: `${snapshot.type} "${checked.record.id}" appears twice in this sync; make the key column unique.`, field: 'id' }],
        });
        return;
      }
      entities.set(rk, { entity: checked.entity, type: snapshot.type });
      keys.push(rk);
    });
    if (!snapshot.complete) delete listed[snapshot.type];
  }
  return { entities, listed, rejected };
}

/**
 * Applies one sync request (one part) to an organisation. Writes only what changed, in batched transactions,
 * under the organisation's sync lease; deletions for complete snapshots happen once every part is in.
 * A rejected record rejects the whole request (422) and nothing is written, so the stored state is always a
 * state some workbook had.
 */
export async function applySync(deps: Deps, org: string, request: SyncRequest, holder: string): Promise<SyncResult> {
  checkTemplates(request);
  if (request.part > request.parts) {
    throw new ApiError(400, 'bad-part', `part ${request.part} is larger than parts ${request.parts}; number parts 1…${request.parts}.`);
  }
  const at = deps.clock.now().toISOString();
  const plan = planSync(org, request, at);
  if (plan.rejected.length > 0) {
    throw new ApiError(
      422,
      'records-rejected',
      `${plan.rejected.length} record(s) failed validation; nothing was stored. Fix the cells named in "rejected" and sync again.`,
      { rejected: plan.rejected },
    );
  }
  const lock = await acquireSyncLock(deps.tables, org, holder, deps.clock, deps.options.syncLockWaitMs);
  try {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await applyPlan(deps, org, request, plan, at);
      } catch (error) {
        // A writer outside the lease (a profile PUT) changed a record we were about to write: re-read and redo.
        if (!isConflict(error) || attempt >= 3) throw error;
        deps.log.warn('sync conflict, retrying', { org, syncId: request.syncId, attempt });
      }
    }
  } finally {
    await lock.release().catch((error: unknown) => deps.log.warn('could not release sync lease', { org, error: String(error) }));
  }
}

async function applyPlan(deps: Deps, org: string, request: SyncRequest, plan: Plan, at: string): Promise<SyncResult> {
  const { tables } = deps;
  const multiPart = request.parts > 1;
  const fingerprint = contentHash(request.snapshots);
  let header: SyncHeader | undefined;
  if (multiPart) {
    header = await getSyncHeader(tables, org, request.syncId);
    if (header !== undefined && header.parts !== request.parts) {
      throw new ApiError(409, 'sync-parts-mismatch', `Sync "${request.syncId}" was started with ${header.parts} parts, not ${request.parts}; start a new sync id.`);
    }
    const seen = header?.fingerprints[String(request.part)];
    if (seen !== undefined && seen !== fingerprint) {
      throw new ApiError(409, 'sync-part-mismatch', `Part ${request.part} of sync "${request.syncId}" already arrived with other content; start a new sync id.`);
    }
  }
  const received = new Set([...(header?.received ?? []), request.part]);
  const completed = received.size >= request.parts && [...received].every((p) => p >= 1 && p <= request.parts);
  const completeTypes = new Set([...(header?.completeTypes ?? []), ...Object.keys(plan.listed)]);

  const typesToRead = new Set<RecordType>([...plan.entities.values()].map((e) => e.type));
  if (completed) completeTypes.forEach((t) => typesToRead.add(t as RecordType));
  for (const s of request.snapshots) typesToRead.add(s.type);
  const stored = await readHashes(tables, org, typesToRead);

  const writes: TransactionAction[] = [];
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  for (const [rk, { entity }] of plan.entities) {
    const current = stored.get(rk);
    if (current === undefined) {
      writes.push(['create', entity]);
      created += 1;
    } else if (current.hash !== entity.hash) {
      writes.push(['update', entity, 'Replace', { etag: current.etag }]);
      updated += 1;
    } else {
      unchanged += 1;
    }
  }
  await submitInTransactions(tables.records, writes);

  let listedByType: Map<string, Set<string>>;
  if (multiPart) {
    if (Object.keys(plan.listed).length > 0) await putListing(tables, org, request.syncId, request.part, plan.listed);
    await putSyncHeader(tables, org, request.syncId, {
      parts: request.parts,
      received: [...received].sort((a, b) => a - b),
      fingerprints: { ...(header?.fingerprints ?? {}), [String(request.part)]: fingerprint },
      completeTypes: [...completeTypes].sort(),
      startedAt: header?.startedAt ?? at,
      completedAt: completed ? (header?.completedAt ?? at) : null,
      ...(header?.etag === undefined ? {} : { etag: header.etag }),
    });
    listedByType = completed ? await readListings(tables, org, request.syncId) : new Map<string, Set<string>>();
  } else {
    listedByType = new Map(Object.entries(plan.listed).map(([t, keys]) => [t, new Set(keys)]));
  }

  const deletes: TransactionAction[] = [];
  if (completed) {
    const pk = encodeKeyPart(org);
    for (const rk of stored.keys()) {
      const { type } = parseRecordRowKey(rk);
      const listed = listedByType.get(type);
      if (completeTypes.has(type) && listed !== undefined && !listed.has(rk)) {
        deletes.push(['delete', { partitionKey: pk, rowKey: rk }]);
      }
    }
  }
  await submitInTransactions(tables.records, deletes);
  deps.log.info('sync applied', { org, syncId: request.syncId, part: request.part, created, updated, unchanged, deleted: deletes.length });
  return { created, updated, unchanged, deleted: deletes.length, rejected: [], part: request.part, parts: request.parts, completed };
}
