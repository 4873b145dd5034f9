import { odata } from '@azure/data-tables';
import { randomUUID } from 'node:crypto';
import { encodeKeyPart, prefixRange } from './keys.js';
import { isConflict, isNotFound } from './errors.js';
import { assertWithinLimits, joinText, MAX_STRING_PROPERTY_CHARS, splitText } from './limits.js';
import type { StoredHash } from './records-store.js';
import type { Tables } from './tables.js';

/**
 * A manifest is a copy of one record type's `row key → hash` map, kept in the `syncs` table so that a re-sync
 * of an unchanged workbook reads a couple of rows instead of every record. It is only an accelerator:
 *  - only syncs (under the organisation's lease) write records of the types it covers (never `profile`,
 *    which PUT /profile also writes);
 *  - a sync marks the manifest invalid (ETag-checked) BEFORE it writes records of that type, and writes a new
 *    one (ETag-checked again) only after its writes succeeded — so a crash in between leaves it invalid,
 *    never stale, and the next sync reads the records and rebuilds it.
 * Head row `m~<type>` holds {valid, version, chunks}; the map is in rows `m~<type>~<version>~<chunk>`,
 * written before the head points at them.
 */
export interface Manifest {
  hashes: Map<string, string>;
  etag: string;
}

export interface ManifestHead {
  valid: boolean;
  version: string;
  chunks: number;
  etag: string;
}

const headRow = (type: string) => `m~${type}`;
const chunkPrefix = (type: string, version: string) => `m~${type}~${version}~`;
const CHARS_PER_ROW = 14 * MAX_STRING_PROPERTY_CHARS;

/** Types a manifest may cover: everything only syncs write. */
export function manifestCovers(type: string): boolean {
  return type !== 'profile';
}

export async function readManifestHead(tables: Tables, org: string, type: string): Promise<ManifestHead | undefined> {
  try {
    const e = await tables.syncs.getEntity<Record<string, unknown>>(encodeKeyPart(org), headRow(type));
    return {
      valid: e.valid === true,
      version: typeof e.version === 'string' ? e.version : '',
      chunks: Number(e.chunks ?? 0),
      etag: e.etag,
    };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** The valid manifest of a type, or undefined when there is none (then read the records). */
export async function readManifest(
  tables: Tables,
  org: string,
  type: string,
  head: ManifestHead | undefined,
): Promise<Map<string, string> | undefined> {
  if (head === undefined || !head.valid) return undefined;
  const { from, to } = prefixRange(chunkPrefix(type, head.version));
  let text = '';
  let rows = 0;
  const entities = tables.syncs.listEntities<Record<string, unknown>>({
    queryOptions: { filter: odata`PartitionKey eq ${encodeKeyPart(org)} and RowKey ge ${from} and RowKey lt ${to}` },
  });
  for await (const entity of entities) {
    text += joinText('map', entity);
    rows += 1;
  }
  if (rows !== head.chunks) return undefined;
  return new Map(Object.entries(JSON.parse(text) as Record<string, string>));
}

/** Marks a manifest invalid before records of its type change. Throws a conflict when someone else moved it. */
export async function invalidateManifest(
  tables: Tables,
  org: string,
  type: string,
  head: ManifestHead | undefined,
): Promise<ManifestHead | undefined> {
  if (head === undefined) return undefined;
  const entity = {
    partitionKey: encodeKeyPart(org),
    rowKey: headRow(type),
    valid: false,
    version: head.version,
    chunks: head.chunks,
  };
  const { etag } = await tables.syncs.updateEntity(entity, 'Replace', { etag: head.etag });
  // Without an ETag the rewrite cannot be made safe: leave it invalid (writeManifest skips an empty ETag).
  return { ...head, valid: false, etag: etag ?? '' };
}

/**
 * Stores `hashes` as the type's manifest: chunk rows under a fresh version, then the head (created, or
 * replaced with the ETag last seen). Losing the race just leaves the manifest invalid, which is safe.
 */
export async function writeManifest(
  tables: Tables,
  org: string,
  type: string,
  hashes: ReadonlyMap<string, StoredHash | string>,
  head: ManifestHead | undefined,
): Promise<void> {
  if (head !== undefined && head.etag === '') return;
  const pk = encodeKeyPart(org);
  const version = randomUUID().slice(0, 8);
  const text = JSON.stringify(Object.fromEntries([...hashes].map(([k, v]) => [k, typeof v === 'string' ? v : v.hash])));
  const rows = [];
  for (let i = 0, chunk = 0; i < text.length || chunk === 0; i += CHARS_PER_ROW, chunk += 1) {
    const row = {
      partitionKey: pk,
      rowKey: `${chunkPrefix(type, version)}${String(chunk).padStart(4, '0')}`,
      ...splitText('map', text.slice(i, i + CHARS_PER_ROW)),
    };
    assertWithinLimits(row);
    rows.push(row);
  }
  await Promise.all(rows.map((row) => tables.syncs.upsertEntity(row, 'Replace')));
  const entity = { partitionKey: pk, rowKey: headRow(type), valid: true, version, chunks: rows.length };
  try {
    if (head === undefined) await tables.syncs.createEntity(entity);
    else await tables.syncs.updateEntity(entity, 'Replace', { etag: head.etag });
  } catch (error) {
    if (!isConflict(error)) throw error;
    return;
  }
  // The old version's rows are garbage now; removing them is tidy-up, not correctness.
  if (head !== undefined && head.version !== '' && head.version !== version) {
    const { from, to } = prefixRange(chunkPrefix(type, head.version));
    const old = tables.syncs.listEntities({
      queryOptions: {
        filter: odata`PartitionKey eq ${pk} and RowKey ge ${from} and RowKey lt ${to}`,
        select: ['RowKey'],
      },
    });
    for await (const e of old) await tables.syncs.deleteEntity(pk, e.rowKey ?? '').catch(() => undefined);
  }
}
