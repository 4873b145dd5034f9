import { odata } from '@azure/data-tables';
import type { RecordType } from '@qms/templates';
import { encodeKeyPart, prefixRange } from './keys.js';
import { fromRecordEntity, type StoredRecord } from './record-entity.js';
import type { Tables } from './tables.js';
import { text } from './entity-values.js';

/** Filter for one organisation's records, optionally of one type (a row-key range, so it is an indexed query). */
export function recordsFilter(org: string, type?: RecordType): string {
  const pk = encodeKeyPart(org);
  if (type === undefined) return odata`PartitionKey eq ${pk}`;
  const { from, to } = prefixRange(`${type}~`);
  return odata`PartitionKey eq ${pk} and RowKey ge ${from} and RowKey lt ${to}`;
}

export interface StoredHash {
  hash: string;
  etag: string;
}

/** Row keys of one type to read: all of them, or only those between `from` and `to` (inclusive). */
export interface HashRange {
  type: RecordType;
  from?: string;
  to?: string;
}

/**
 * Row key → hash and ETag of stored records: all a sync needs to decide what to write. Reads only the
 * `RowKey` and `hash` columns, and only the key range asked for (one range query per type).
 */
export async function readHashes(
  tables: Tables,
  org: string,
  ranges: Iterable<HashRange>,
): Promise<Map<string, StoredHash>> {
  const byType = new Map<RecordType, HashRange>();
  for (const r of ranges) {
    const seen = byType.get(r.type);
    if (seen === undefined) byType.set(r.type, { ...r });
    else if (seen.from === undefined || r.from === undefined || seen.to === undefined || r.to === undefined)
      byType.set(r.type, { type: r.type });
    else
      byType.set(r.type, {
        type: r.type,
        from: seen.from < r.from ? seen.from : r.from,
        to: seen.to > r.to ? seen.to : r.to,
      });
  }
  const pk = encodeKeyPart(org);
  const out = new Map<string, StoredHash>();
  await Promise.all(
    [...byType.values()].map(async (range) => {
      const filter =
        range.from === undefined || range.to === undefined
          ? recordsFilter(org, range.type)
          : odata`PartitionKey eq ${pk} and RowKey ge ${range.from} and RowKey le ${range.to}`;
      const entities = tables.records.listEntities<{ hash?: unknown }>({
        queryOptions: { filter, select: ['RowKey', 'hash'] },
      });
      for await (const entity of entities) {
        out.set(entity.rowKey ?? '', { hash: text(entity.hash), etag: entity.etag });
      }
    }),
  );
  return out;
}

export const MAX_PAGE_SIZE = 1000;

/** One page of records; `continuation` is opaque to clients and null on the last page. */
export async function readRecordsPage(
  tables: Tables,
  org: string,
  options: { type?: RecordType; continuation?: string; pageSize?: number },
): Promise<{ records: StoredRecord[]; continuation: string | null }> {
  const pages = tables.records
    .listEntities<Record<string, unknown>>({ queryOptions: { filter: recordsFilter(org, options.type) } })
    .byPage({
      maxPageSize: Math.min(options.pageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE),
      continuationToken: options.continuation,
    });
  const first = await pages.next();
  if (first.done === true) return { records: [], continuation: null };
  const page = first.value;
  return { records: page.map((e) => fromRecordEntity(e)), continuation: page.continuationToken ?? null };
}

export async function readAllRecords(tables: Tables, org: string): Promise<StoredRecord[]> {
  const out: StoredRecord[] = [];
  for await (const entity of tables.records.listEntities<Record<string, unknown>>({
    queryOptions: { filter: recordsFilter(org) },
  })) {
    out.push(fromRecordEntity(entity));
  }
  return out;
}
