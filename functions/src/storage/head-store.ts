import type { TransactionAction } from '@azure/data-tables';
import { compareIds, type ManifestEntry } from '@qms/contract';
import { RECORD_TYPES, type RecordType } from '@qms/templates';
import { text } from './entity-values.js';
import { isNotFound } from './errors.js';
import { decodeKeyPart, encodeKeyPart, HEAD_ROW, manifestRowKey } from './keys.js';
import { joinText, splitText } from './limits.js';
import type { Tables } from './tables.js';

/**
 * An organisation's head: the one row that says which snapshot is current (docs/architecture.md, "Storage
 * layout"). For each record type it holds the snapshot's digest and how many manifest chunks list its (id, hash)
 * entries. Commits replace it with If-Match on the ETag they read, so exactly one of two racing commits wins.
 */
export interface TypeHead {
  digest: string;
  chunks: number;
}

export interface Head {
  /** 0 before the first commit; each commit adds one. Clients plan against it and commit with it as `base`. */
  version: number;
  syncId: string;
  committedAt: string;
  types: Partial<Record<RecordType, TypeHead>>;
  /** When the last full garbage collection ran (ISO time; '' when never). */
  gcAt: string;
  /** '' when there is no head row yet (the first commit creates it). */
  etag: string;
}

export const NO_HEAD: Head = { version: 0, syncId: '', committedAt: '', types: {}, gcAt: '', etag: '' };

/** Pure: the head row as stored. */
export function toHeadEntity(org: string, head: Omit<Head, 'etag'>) {
  return {
    partitionKey: encodeKeyPart(org),
    rowKey: HEAD_ROW,
    version: head.version,
    syncId: head.syncId,
    committedAt: head.committedAt,
    types: JSON.stringify(head.types),
    gcAt: head.gcAt,
  };
}

/** Pure: a head row read back (Int64 arrives as BigInt; unknown types in an older row are dropped). */
export function fromHeadEntity(entity: Record<string, unknown> & { etag?: string }): Head {
  const raw = JSON.parse(text(entity.types) || '{}') as Record<string, TypeHead>;
  const types: Partial<Record<RecordType, TypeHead>> = {};
  for (const [type, value] of Object.entries(raw)) {
    if ((RECORD_TYPES as readonly string[]).includes(type)) types[type as RecordType] = value;
  }
  return {
    version: Number(entity.version ?? 0),
    syncId: text(entity.syncId),
    committedAt: text(entity.committedAt),
    types,
    gcAt: text(entity.gcAt),
    etag: entity.etag ?? '',
  };
}

/** One storage call: the organisation's head, or NO_HEAD before its first commit. */
export async function readHead(tables: Tables, org: string): Promise<Head> {
  try {
    return fromHeadEntity(await tables.records.getEntity(encodeKeyPart(org), HEAD_ROW));
  } catch (error) {
    if (isNotFound(error)) return NO_HEAD;
    throw error;
  }
}

/**
 * A manifest chunk holds at most this many characters of entries (over properties of ≤ 32,000 characters), so
 * its row stays well below the 1 MiB entity limit: about 14,000 records of 20-character ids.
 */
export const MANIFEST_CHUNK_CHARS = 420_000;

/** Pure: entries (sorted by id) → the text of each chunk, one `escaped id <TAB> hash` line per entry. */
export function manifestChunks(entries: readonly ManifestEntry[]): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const [id, hash] of entries) {
    const line = `${encodeKeyPart(id)}\t${hash}\n`;
    if (current.length > 0 && current.length + line.length > MANIFEST_CHUNK_CHARS) {
      chunks.push(current);
      current = '';
    }
    current += line;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** Pure: the rows of one type's manifest. Their keys name the digest, so a snapshot seen before reuses its rows. */
export function manifestEntities(org: string, type: RecordType, digest: string, entries: readonly ManifestEntry[]) {
  return manifestChunks(entries).map((chunk, i) => ({
    partitionKey: encodeKeyPart(org),
    rowKey: manifestRowKey(type, digest, i),
    ...splitText('e', chunk),
  }));
}

/** Pure: one manifest row's entries. */
export function parseManifestEntity(entity: Record<string, unknown>): ManifestEntry[] {
  const out: ManifestEntry[] = [];
  for (const line of joinText('e', entity).split('\n')) {
    if (line === '') continue;
    const tab = line.indexOf('\t');
    out.push([decodeKeyPart(line.slice(0, tab)), line.slice(tab + 1)]);
  }
  return out;
}

/** One type's manifest as the head names it: one point read per chunk, in parallel; sorted by id. */
export async function readManifest(
  tables: Tables,
  org: string,
  type: RecordType,
  head: TypeHead | undefined,
): Promise<ManifestEntry[]> {
  if (head === undefined || head.chunks === 0) return [];
  const pk = encodeKeyPart(org);
  const chunks = await Promise.all(
    Array.from({ length: head.chunks }, (_, i) =>
      tables.records.getEntity<Record<string, unknown>>(pk, manifestRowKey(type, head.digest, i)),
    ),
  );
  const entries = chunks.flatMap((c) => parseManifestEntity(c));
  return entries.sort((a, b) => compareIds(a[0], b[0]));
}

/**
 * The head and the manifests of the types `pick` chooses from it (every type by default). A commit removes the
 * manifest rows of the snapshot it replaces, so a chunk missing (404) means the head moved while reading: read
 * again, from the new head.
 */
export async function readSnapshot(
  tables: Tables,
  org: string,
  pick: (head: Head) => readonly RecordType[] = (head) => Object.keys(head.types) as RecordType[],
): Promise<{ head: Head; manifests: Map<RecordType, ManifestEntry[]> }> {
  for (let attempt = 1; ; attempt += 1) {
    const head = await readHead(tables, org);
    const types = pick(head);
    try {
      const lists = await Promise.all(types.map((t) => readManifest(tables, org, t, head.types[t])));
      return { head, manifests: new Map(types.map((t, i) => [t, lists[i] ?? []])) };
    } catch (error) {
      if (!isNotFound(error) || attempt >= 5) throw error;
    }
  }
}

/** The action that swaps the head: create when there was none, else Replace with If-Match on the ETag read. */
export function headSwap(org: string, base: Head, next: Omit<Head, 'etag'>): TransactionAction {
  const entity = toHeadEntity(org, next);
  return base.etag === '' ? ['create', entity] : ['update', entity, 'Replace', { etag: base.etag }];
}
