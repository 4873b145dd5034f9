import type { TransactionAction } from '@azure/data-tables';
import { compareIds, snapshotDigest, type CommitResult, type ManifestEntry, type TypeChange } from '@qms/contract';
import type { RecordType } from '@qms/templates';
import type { Deps } from '../deps.js';
import { DomainError } from '../domain-error.js';
import { planTransactions, runBounded } from '../storage/batch.js';
import { isConflict, isNotFound } from '../storage/errors.js';
import { headSwap, manifestEntities, readHead, readSnapshot, type Head, type TypeHead } from '../storage/head-store.js';
import { encodeKeyPart, HEAD_ROW, manifestRowKey, parseVersionRowKey, versionRowKey } from '../storage/keys.js';
import { MAX_BATCH_OPERATIONS } from '../storage/limits.js';
import { existingRows } from '../storage/records-store.js';
import { checkTemplates } from './check-templates.js';
import { collectionDue } from './collect.js';

export interface CommitInput {
  syncId: string;
  base: number;
  templates: Record<string, number>;
  changes: readonly TypeChange[];
}

/** What applying one type's change to the base manifest gives. */
export interface AppliedChange {
  type: RecordType;
  entries: ManifestEntry[];
  digest: string;
  /** Version rows the new manifest names that the base did not. */
  named: string[];
  created: number;
  updated: number;
  deleted: number;
}

function headMoved(version: number): DomainError {
  return new DomainError(
    'head-moved',
    `Another sync of this organisation committed first (its head is now version ${version}); nothing of this commit was applied. Plan again against the new head and commit what it lacks.`,
    { version },
  );
}

/**
 * Pure: applies one type's change to its base manifest. Refuses (422 digest-mismatch) a complete change whose
 * result is not the snapshot the client described, and (400) an id put twice or both put and removed.
 */
export function applyChange(base: readonly ManifestEntry[], change: TypeChange): AppliedChange {
  const { type } = change;
  const map = new Map(base);
  const named: string[] = [];
  let created = 0;
  let updated = 0;
  let deleted = 0;
  const putIds = new Set<string>();
  for (const [id, hash] of change.put) {
    if (putIds.has(id))
      throw new DomainError('invalid-request', `The commit puts ${type} "${id}" twice; send each id once.`, {
        issues: [{ path: 'changes.put', message: `${type} "${id}" appears twice` }],
      });
    putIds.add(id);
    const before = map.get(id);
    if (before === hash) continue;
    if (before === undefined) created += 1;
    else {
      updated += 1;
    }
    map.set(id, hash);
    named.push(versionRowKey(type, id, hash));
  }
  for (const id of change.remove) {
    if (putIds.has(id))
      throw new DomainError('invalid-request', `The commit both puts and removes ${type} "${id}"; do one.`, {
        issues: [{ path: 'changes.remove', message: `${type} "${id}" is also put` }],
      });
    const before = map.get(id);
    if (before === undefined) continue;
    map.delete(id);
    deleted += 1;
  }
  const entries = [...map].sort((a, b) => compareIds(a[0], b[0]));
  const digest = snapshotDigest(entries);
  if (change.complete && change.digest !== undefined && change.digest !== digest) {
    throw new DomainError(
      'digest-mismatch',
      `The ${type} records after this commit (digest ${digest}) are not the snapshot the workbook described (${change.digest}); nothing was applied. Read the workbook again and sync.`,
      { type, expected: change.digest, actual: digest },
    );
  }
  return { type, entries, digest, named, created, updated, deleted };
}

/**
 * Step 3 of a sync, and the one way any record becomes current: makes a snapshot the organisation's head by
 * compare-and-swap. Reads the head (409 head-moved unless it is still `base`), applies each type's change to the
 * base manifest, checks every newly named version was uploaded (409 records-missing, listing them), and swaps the
 * head with If-Match on the ETag it read, in the same entity-group transaction as the new manifest rows and the
 * removal of the manifest rows it replaces. Versions the new head no longer names stay until garbage collection
 * (collect.ts): a client that lost the race to this commit plans again and finds the versions it still needs
 * in place, so it re-uploads nothing. A commit already applied (its answer lost) is answered as a replay. Readers
 * see the old snapshot or the new one, never a mix, and nobody waits on anyone.
 */
export async function commitSnapshot(
  deps: Deps,
  org: string,
  input: CommitInput,
): Promise<{ result: CommitResult; collectDue: boolean }> {
  const { tables } = deps;
  checkTemplates(
    input.templates,
    input.changes.map((c) => c.type),
  );
  const types = input.changes.map((c) => c.type);
  if (new Set(types).size !== types.length)
    throw new DomainError('invalid-request', 'The commit names a record type twice; send one change per type.', {
      issues: [{ path: 'changes', message: 'a type appears twice' }],
    });
  const { head, manifests } = await readSnapshot(tables, org, () => types);
  if (head.version !== input.base) {
    if (head.syncId === input.syncId && head.version > input.base) return { result: replayed(head), collectDue: false };
    throw headMoved(head.version);
  }
  const applied = input.changes.map((c) => applyChange(manifests.get(c.type) ?? [], c));

  const named = applied.flatMap((a) => a.named);
  // A few new versions are asserted inside the swap transaction itself (a Merge that fails on a missing row), so
  // the check costs no call and cannot race; many are checked by one scan of their type before the swap.
  const asserted = named.length <= MAX_ASSERTED ? named : [];
  if (asserted.length === 0) await assertUploaded(deps, org, named);

  const at = deps.clock.now().toISOString();
  const nextTypes: Partial<Record<RecordType, TypeHead>> = { ...head.types };
  const chunkWrites: TransactionAction[] = [];
  const oldChunks: TransactionAction[] = [];
  const pk = encodeKeyPart(org);
  for (const a of applied) {
    const before = head.types[a.type];
    if (before?.digest === a.digest) continue;
    const rows = manifestEntities(org, a.type, a.digest, a.entries);
    for (const row of rows) chunkWrites.push(['upsert', row, 'Replace']);
    if (rows.length === 0) delete nextTypes[a.type];
    else nextTypes[a.type] = { digest: a.digest, chunks: rows.length };
    for (let i = 0; i < (before?.chunks ?? 0); i++)
      oldChunks.push(['delete', { partitionKey: pk, rowKey: manifestRowKey(a.type, before?.digest ?? '', i) }]);
  }
  const next = {
    version: head.version + 1,
    syncId: input.syncId,
    committedAt: at,
    types: nextTypes,
    gcAt: head.gcAt === '' ? at : head.gcAt,
  };
  const pkAssert = (rowKey: string): TransactionAction => [
    'update',
    { partitionKey: pk, rowKey },
    'Merge',
    { etag: '*' },
  ];
  const leftOver = await swapHead(
    deps,
    org,
    { base: head, next, chunkWrites, asserts: asserted.map(pkAssert), removals: oldChunks },
    () => assertUploaded(deps, org, asserted),
  );
  if (leftOver.rows.length > 0) await removeUnderHead(deps, org, leftOver.etag, leftOver.rows);

  const created = applied.reduce((n, a) => n + a.created, 0);
  const updated = applied.reduce((n, a) => n + a.updated, 0);
  const deleted = applied.reduce((n, a) => n + a.deleted, 0);
  const total = applied.reduce((n, a) => n + a.entries.length, 0);
  deps.log.info('snapshot committed', { org, syncId: input.syncId, version: next.version, created, updated, deleted });
  return {
    result: { version: next.version, created, updated, unchanged: total - created - updated, deleted, replayed: false },
    collectDue: collectionDue(next.gcAt, deps.clock.now()),
  };
}

/** New versions checked inside the swap transaction at most (the rest of its 100 operations hold the swap). */
const MAX_ASSERTED = 40;

/** 409 records-missing, listing them, unless every named version row exists. */
async function assertUploaded(deps: Deps, org: string, named: readonly string[]): Promise<void> {
  const present = await existingRows(deps.tables, org, named);
  const missing = named.filter((rk) => !present.has(rk));
  if (missing.length > 0) {
    throw new DomainError(
      'records-missing',
      `${missing.length} record version(s) this commit names were not uploaded (or were collected as abandoned); nothing was applied. Upload them and commit again.`,
      {
        missing: missing.slice(0, 5000).map((rk) => {
          const { type, id, hash } = parseVersionRowKey(rk);
          return { type, id, hash };
        }),
        count: missing.length,
      },
    );
  }
}

function replayed(head: Head): CommitResult {
  return { version: head.version, created: 0, updated: 0, unchanged: 0, deleted: 0, replayed: true };
}

/**
 * Writes the new manifest rows and swaps the head: in one transaction with as many removals as fit, when the
 * manifest rows fit too; otherwise the manifest rows first (invisible until the head names them). Returns the
 * removals left for afterwards and the new head's ETag. A row to remove that is already gone fails the
 * transaction (404): the swap is then made without removals, which are left to garbage collection.
 */
async function swapHead(
  deps: Deps,
  org: string,
  swapping: {
    base: Head;
    next: Omit<Head, 'etag'>;
    chunkWrites: TransactionAction[];
    /** Merges that fail (404) when a version this commit names is missing. */
    asserts: TransactionAction[];
    removals: TransactionAction[];
  },
  /** Called when the transaction met a missing row: throws records-missing if a named version is the one. */
  explainMissing: () => Promise<void>,
): Promise<{ etag: string; rows: TransactionAction[] }> {
  const { base, next, chunkWrites, asserts, removals } = swapping;
  const swap = headSwap(org, base, next);
  let first = chunkWrites;
  if (planTransactions([...chunkWrites, swap, ...asserts]).length > 1) {
    await runBounded(planTransactions(chunkWrites).map((batch) => () => deps.tables.records.submitTransaction(batch)));
    first = [];
  }
  const core = [...first, swap, ...asserts];
  const room = MAX_BATCH_OPERATIONS - core.length;
  let withSwap = removals.slice(0, Math.max(0, room));
  if (planTransactions([...core, ...withSwap]).length > 1) withSwap = [];
  try {
    return { etag: await submit([...core, ...withSwap]), rows: removals.slice(withSwap.length) };
  } catch (error) {
    if (!isNotFound(error)) throw error;
    // A row was missing: a named version (records-missing), or one to remove that is already gone — then the swap
    // is made without removals, which are left to garbage collection.
    await explainMissing();
    deps.log.warn('a row to remove was already gone; committing without removals', { org });
    return { etag: await submit(core), rows: [] };
  }

  async function submit(actions: TransactionAction[]): Promise<string> {
    try {
      const response = await deps.tables.records.submitTransaction(actions);
      return response.getResponseForEntity(HEAD_ROW)?.etag ?? '';
    } catch (error) {
      // 412: the head's ETag moved; 409: another first commit created the head.
      if (isConflict(error)) throw headMoved((await readHead(deps.tables, org)).version);
      throw error;
    }
  }
}

/**
 * Removes rows the head no longer names, each transaction asserting the head is unchanged (a Merge with If-Match
 * that moves its ETag): if another commit lands meanwhile, the rest is left to garbage collection, so no row a
 * newer head may name is ever removed. Best effort: a failure is logged, never thrown.
 */
export async function removeUnderHead(
  deps: Deps,
  org: string,
  etag: string,
  rows: readonly TransactionAction[],
  at: string = deps.clock.now().toISOString(),
): Promise<number> {
  let current = etag;
  let removed = 0;
  const pk = encodeKeyPart(org);
  for (let i = 0; i < rows.length; i += MAX_BATCH_OPERATIONS - 1) {
    const batch = rows.slice(i, i + MAX_BATCH_OPERATIONS - 1);
    const assert: TransactionAction = [
      'update',
      { partitionKey: pk, rowKey: HEAD_ROW, gcAt: at },
      'Merge',
      { etag: current },
    ];
    try {
      const response = await deps.tables.records.submitTransaction([assert, ...batch]);
      current = response.getResponseForEntity(HEAD_ROW)?.etag ?? '';
      removed += batch.length;
    } catch (error) {
      deps.log.warn('left rows for garbage collection', { org, error: String(error) });
      break;
    }
  }
  return removed;
}
