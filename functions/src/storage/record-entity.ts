import type { RecordType } from '@qms/templates';
import { encodeKeyPart, parseVersionRowKey, versionRowKey } from './keys.js';
import { assertWithinLimits, joinText, splitTextCompact } from './limits.js';
import { text } from './entity-values.js';

/** A record as the backend keeps it: the workbook's record minus transient fields, plus when and by which sync. */
export interface StoredRecord {
  type: RecordType;
  id: string;
  data: Record<string, unknown>;
  hash: string;
  source: { sheet: string; row: number };
  warnings: unknown[];
  syncId: string;
  updatedAt: string;
}

export type RecordEntity = Record<string, string | number> & { partitionKey: string; rowKey: string };

/** Pure: a record → the entity written for it. Data is JSON text split over `data0…dataN`; limits are checked. */
export function toRecordEntity(org: string, record: StoredRecord): RecordEntity {
  const entity: RecordEntity = {
    partitionKey: encodeKeyPart(org),
    // Type, id and hash make the row key (one row per version); the type is not repeated as a property.
    rowKey: versionRowKey(record.type, record.id, record.hash),
    id: record.id,
    sheet: record.source.sheet,
    row: record.source.row,
    syncId: record.syncId,
    updatedAt: record.updatedAt,
    ...splitTextCompact('data', JSON.stringify(record.data)),
    // Most rows have no warnings: no properties for them (fewer properties, smaller transactions).
    ...(record.warnings.length === 0 ? {} : splitTextCompact('warnings', JSON.stringify(record.warnings))),
  };
  assertWithinLimits(entity);
  return entity;
}

/** Pure: an entity read back → the record. Int64 numbers (BigInt) are turned into plain numbers. */
export function fromRecordEntity(entity: Record<string, unknown>): StoredRecord {
  const key = parseVersionRowKey(text(entity.rowKey));
  return {
    type: key.type as RecordType,
    id: typeof entity.id === 'string' ? entity.id : key.id,
    data: JSON.parse(joinText('data', entity)) as Record<string, unknown>,
    hash: key.hash,
    source: { sheet: text(entity.sheet), row: Number(entity.row ?? 0) },
    warnings: entity.warnings0 === undefined ? [] : (JSON.parse(joinText('warnings', entity)) as unknown[]),
    syncId: text(entity.syncId),
    updatedAt: text(entity.updatedAt),
  };
}
