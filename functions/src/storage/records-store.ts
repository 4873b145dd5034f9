import { odata } from '@azure/data-tables';
import type { ManifestEntry } from '@qms/contract';
import type { RecordType } from '@qms/templates';
import { readSnapshot } from './head-store.js';
import { encodeKeyPart, prefixRange, RECORD_ROWS_FROM, versionRowKey } from './keys.js';
import { fromRecordEntity, type StoredRecord } from './record-entity.js';
import type { Tables } from './tables.js';

/** Filter for one organisation's record rows (every version), optionally of one type: an indexed range query. */
export function recordsFilter(org: string, type?: RecordType): string {
  const pk = encodeKeyPart(org);
  if (type === undefined) return odata`PartitionKey eq ${pk} and RowKey ge ${RECORD_ROWS_FROM}`;
  const { from, to } = prefixRange(`${type}~`);
  return odata`PartitionKey eq ${pk} and RowKey ge ${from} and RowKey lt ${to}`;
}

/** The row keys of the versions a head's manifests name. */
export function namedRows(manifests: ReadonlyMap<RecordType, readonly ManifestEntry[]>): Set<string> {
  const out = new Set<string>();
  for (const [type, entries] of manifests) for (const [id, hash] of entries) out.add(versionRowKey(type, id, hash));
  return out;
}

async function currentNames(tables: Tables, org: string, type: RecordType | undefined): Promise<Set<string>> {
  const { manifests } = await readSnapshot(tables, org, type === undefined ? undefined : () => [type]);
  return namedRows(manifests);
}

export const MAX_PAGE_SIZE = 1000;

/**
 * Pure: the API's continuation token wraps storage's (which is opaque and does not say whose partition it is in a
 * form we can rely on) with the organisation it was given for, so a token is only ever taken back for that one.
 */
export function wrapContinuation(org: string, storageToken: string): string {
  return Buffer.from(JSON.stringify({ org, t: storageToken })).toString('base64url');
}

/** Inverse of wrapContinuation; undefined when the token was not given out for `org` (or is not ours at all). */
export function unwrapContinuation(org: string, token: string): string | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { org?: unknown; t?: unknown };
    return parsed.org === org && typeof parsed.t === 'string' ? parsed.t : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One page of the current records (those the head names; other versions are skipped). `continuation` is opaque
 * to clients and null on the last page. A page read while a commit lands may come from either snapshot.
 */
export async function readRecordsPage(
  tables: Tables,
  org: string,
  options: { type?: RecordType; continuation?: string; pageSize?: number },
): Promise<{ records: StoredRecord[]; continuation: string | null }> {
  const names = await currentNames(tables, org, options.type);
  const pages = tables.records
    .listEntities<Record<string, unknown>>({ queryOptions: { filter: recordsFilter(org, options.type) } })
    .byPage({
      maxPageSize: Math.min(options.pageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE),
      continuationToken: options.continuation,
    });
  const first = await pages.next();
  if (first.done === true) return { records: [], continuation: null };
  const page = first.value;
  return {
    records: page.filter((e) => names.has(e.rowKey ?? '')).map((e) => fromRecordEntity(e)),
    continuation: page.continuationToken === undefined ? null : wrapContinuation(org, page.continuationToken),
  };
}

/** Range scans of one organisation's record rows read at once (each a run of pages, one after the other). */
const PARALLEL_SCANS = 4;
/** Below this many wanted rows one scan is as quick as several. */
const SPLIT_FROM = 2_000;

/**
 * The record rows whose keys are in `wanted`, in row-key order. The rows from the first wanted key to the last
 * are read as up to four key ranges at once, split between the wanted keys, so a large organisation waits for a
 * quarter of the pages one after another, not all of them; rows in between that are not wanted are skipped.
 */
async function readWantedRows(
  tables: Tables,
  org: string,
  wanted: ReadonlySet<string>,
  select?: string[],
): Promise<Record<string, unknown>[]> {
  const sorted = [...wanted].sort();
  const scans = sorted.length < SPLIT_FROM ? 1 : PARALLEL_SCANS;
  const size = Math.ceil(sorted.length / scans);
  const pk = encodeKeyPart(org);
  const ranges = Array.from({ length: scans }, (_, i) => sorted.slice(i * size, (i + 1) * size)).filter(
    (chunk) => chunk.length > 0,
  );
  const parts = await Promise.all(
    ranges.map(async (chunk) => {
      const out: Record<string, unknown>[] = [];
      const filter = odata`PartitionKey eq ${pk} and RowKey ge ${chunk[0] ?? ''} and RowKey le ${chunk.at(-1) ?? ''}`;
      for await (const entity of tables.records.listEntities<Record<string, unknown>>({
        queryOptions: { filter, select },
      }))
        if (wanted.has(entity.rowKey ?? '')) out.push(entity);
      return out;
    }),
  );
  return parts.flat();
}

/** Every current record of an organisation (those its head names), in row-key order. */
export async function readAllRecords(tables: Tables, org: string): Promise<StoredRecord[]> {
  const names = await currentNames(tables, org, undefined);
  if (names.size === 0) return [];
  return (await readWantedRows(tables, org, names)).map((e) => fromRecordEntity(e));
}

/** Row keys (and write times) of every stored version of one type, current or not: for checks and collection. */
export async function listVersionRows(
  tables: Tables,
  org: string,
  type?: RecordType,
): Promise<{ rowKey: string; timestamp: string; etag: string }[]> {
  const out: { rowKey: string; timestamp: string; etag: string }[] = [];
  for await (const e of tables.records.listEntities({
    queryOptions: { filter: recordsFilter(org, type), select: ['RowKey', 'Timestamp'] },
  })) {
    out.push({ rowKey: e.rowKey ?? '', timestamp: e.timestamp ?? '', etag: e.etag });
  }
  return out;
}

/**
 * Which of these version rows exist: point queries of up to 15 keys each (the service's limit of comparisons in
 * one filter) when there are few, else a scan of the key ranges they fall in.
 */
export async function existingRows(tables: Tables, org: string, rowKeys: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  if (rowKeys.length === 0) return found;
  const pk = encodeKeyPart(org);
  if (rowKeys.length <= 60) {
    const groups: string[][] = [];
    for (let i = 0; i < rowKeys.length; i += 15) groups.push(rowKeys.slice(i, i + 15));
    await Promise.all(
      groups.map(async (keys) => {
        const filter = `${odata`PartitionKey eq ${pk}`} and (${keys.map((k) => odata`RowKey eq ${k}`).join(' or ')})`;
        for await (const e of tables.records.listEntities({ queryOptions: { filter, select: ['RowKey'] } })) {
          found.add(e.rowKey ?? '');
        }
      }),
    );
    return found;
  }
  for (const e of await readWantedRows(tables, org, new Set(rowKeys), ['RowKey'])) found.add(String(e.rowKey));
  return found;
}
