import { odata, type TransactionAction } from '@azure/data-tables';
import type { Deps } from '../deps.js';
import { readSnapshot } from '../storage/head-store.js';
import { isConflict } from '../storage/errors.js';
import { encodeKeyPart, HEAD_ROW, manifestRowKey, prefixRange } from '../storage/keys.js';
import { listVersionRows, namedRows } from '../storage/records-store.js';
import { removeUnderHead } from './commit.js';

/** A full collection runs at most this often per organisation (it lists every row of the partition). */
export const COLLECT_EVERY_MS = 24 * 60 * 60 * 1000;

/** At most this many rows are removed per run: bounded work, and the rest waits for the next run. */
export const MAX_COLLECT = 5000;

export interface Collected {
  removed: number;
  /** Rows no head names that are still young (an upload in flight) or beyond this run's bound. */
  kept: number;
}

/**
 * Garbage collection of one organisation: removes version and manifest rows that the head does not name and
 * that were last written more than `olderThanMs` ago (by default the upload TTL, QMS_UPLOAD_TTL_MINUTES: a sync
 * uploads and commits within seconds, so an hour leaves room for a slow client and collects what an abandoned
 * sync left behind). Each removal transaction asserts the head read at the
 * start (removeUnderHead), so a commit landing meanwhile stops the run and nothing a newer head names is ever
 * removed. Idempotent and bounded; running it again later finishes what was left.
 */
export async function collectGarbage(
  deps: Deps,
  org: string,
  options: { olderThanMs?: number; max?: number } = {},
): Promise<Collected> {
  const olderThanMs = options.olderThanMs ?? deps.options.uploadTtlMs;
  const max = options.max ?? MAX_COLLECT;
  const { head, manifests } = await readSnapshot(deps.tables, org);
  if (head.etag === '') return { removed: 0, kept: 0 };
  const named = namedRows(manifests);
  for (const [type, t] of Object.entries(head.types)) {
    for (let i = 0; i < (t?.chunks ?? 0); i++) named.add(manifestRowKey(type, t?.digest ?? '', i));
  }
  const pk = encodeKeyPart(org);
  const { from, to } = prefixRange('!m~');
  const chunkRows: { rowKey: string; timestamp: string }[] = [];
  for await (const e of deps.tables.records.listEntities({
    queryOptions: {
      filter: odata`PartitionKey eq ${pk} and RowKey ge ${from} and RowKey lt ${to}`,
      select: ['RowKey', 'Timestamp'],
    },
  })) {
    chunkRows.push({ rowKey: e.rowKey ?? '', timestamp: e.timestamp ?? '' });
  }
  const cutoff = deps.clock.now().getTime() - olderThanMs;
  const unnamed = [...(await listVersionRows(deps.tables, org)), ...chunkRows].filter((r) => !named.has(r.rowKey));
  const old = unnamed.filter((r) => Date.parse(r.timestamp) <= cutoff);
  const victims = old.slice(0, max).map((r): TransactionAction => ['delete', { partitionKey: pk, rowKey: r.rowKey }]);
  let removed = 0;
  if (victims.length > 0) removed = await removeUnderHead(deps, org, head.etag, victims);
  else {
    // Nothing to remove: the run is still noted, so the next one waits a full period. A head that moved meanwhile
    // keeps its own note.
    const note = { partitionKey: pk, rowKey: HEAD_ROW, gcAt: deps.clock.now().toISOString() };
    await deps.tables.records.updateEntity(note, 'Merge', { etag: head.etag }).catch((error: unknown) => {
      if (!isConflict(error)) throw error;
    });
  }
  deps.log.info('garbage collected', { org, removed });
  return { removed, kept: unnamed.length - removed };
}

/** Whether the head's last full collection is older than COLLECT_EVERY_MS. */
export function collectionDue(gcAt: string, now: Date): boolean {
  return gcAt === '' || now.getTime() - Date.parse(gcAt) >= COLLECT_EVERY_MS;
}
