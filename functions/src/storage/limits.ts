/**
 * Azure Table Storage limits, checked in code because Azurite does not enforce them
 * (https://learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model).
 */
export const MAX_ENTITY_BYTES = 1024 * 1024;
/** 255 properties per entity, three of which are PartitionKey, RowKey and Timestamp. */
export const MAX_USER_PROPERTIES = 252;
/** A string property holds at most 64 KiB of UTF-16, i.e. 32,768 code units; we keep a margin. */
export const MAX_STRING_PROPERTY_CHARS = 32_000;
/** An entity-group transaction: at most 100 operations, one partition, at most 4 MiB of payload. */
export const MAX_BATCH_OPERATIONS = 100;
export const MAX_BATCH_BYTES = 4 * 1024 * 1024 - 64 * 1024;

export type EntityValue = string | number | boolean | Date | bigint | Uint8Array | null | undefined;

/** Storage size of one value, following the service's size formula. */
function valueBytes(value: EntityValue): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'string') return 4 + value.length * 2;
  if (typeof value === 'boolean') return 1;
  if (typeof value === 'bigint') return 8;
  if (typeof value === 'number') return 8;
  if (value instanceof Date) return 8;
  return 4 + value.byteLength;
}

/** 4 bytes + 2 × (PartitionKey + RowKey) + Σ (8 + 2 × name + value) — the documented formula. */
export function entityBytes(entity: Record<string, unknown>): number {
  let total = 4;
  for (const [name, value] of Object.entries(entity)) {
    // Undefined members are not sent at all.
    if (value === undefined) continue;
    if (name === 'partitionKey' || name === 'rowKey') {
      total += 2 * (typeof value === 'string' ? value.length : 0);
    } else if (name !== 'etag' && name !== 'timestamp') {
      total += 8 + 2 * name.length + valueBytes(value as EntityValue);
    }
  }
  return total;
}

export function userPropertyCount(entity: Record<string, unknown>): number {
  return Object.entries(entity).filter(
    ([k, v]) => v !== undefined && !['partitionKey', 'rowKey', 'etag', 'timestamp'].includes(k),
  ).length;
}

export class EntityLimitError extends Error {
  constructor(
    message: string,
    readonly limit: 'size' | 'properties' | 'string-length' | 'key',
  ) {
    super(message);
    this.name = 'EntityLimitError';
  }
}

/** Throws an EntityLimitError naming the limit an entity breaks; called before every write. */
export function assertWithinLimits(entity: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(entity)) {
    if (
      typeof value === 'string' &&
      value.length > MAX_STRING_PROPERTY_CHARS &&
      name !== 'partitionKey' &&
      name !== 'rowKey'
    ) {
      throw new EntityLimitError(
        `property ${name} has ${value.length} characters (limit ${MAX_STRING_PROPERTY_CHARS})`,
        'string-length',
      );
    }
  }
  const props = userPropertyCount(entity);
  if (props > MAX_USER_PROPERTIES) {
    throw new EntityLimitError(`entity has ${props} properties (limit ${MAX_USER_PROPERTIES})`, 'properties');
  }
  const bytes = entityBytes(entity);
  if (bytes > MAX_ENTITY_BYTES) {
    throw new EntityLimitError(`entity is ${bytes} bytes (limit ${MAX_ENTITY_BYTES})`, 'size');
  }
}

/**
 * Splits a long string over numbered properties (`${prefix}0`, `${prefix}1`, …), each within the string limit.
 * Returns the properties and how many there are.
 */
export function splitText(
  prefix: string,
  text: string,
  chunk = MAX_STRING_PROPERTY_CHARS,
): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  let n = 0;
  let i = 0;
  do {
    let end = Math.min(i + chunk, text.length);
    // Never cut a surrogate pair in two: a lone surrogate does not survive the trip through JSON and storage.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    out[`${prefix}${n}`] = text.slice(i, end);
    n += 1;
    i = end;
  } while (i < text.length);
  out[`${prefix}Parts`] = n;
  return out;
}

/**
 * Splits like splitText but leaves out the part count when there is one part (most records: one property fewer
 * per entity); joinText reads a missing count as one part when `${prefix}0` exists.
 */
export function splitTextCompact(prefix: string, text: string): Record<string, string | number> {
  const out = splitText(prefix, text);
  if (out[`${prefix}Parts`] === 1) delete out[`${prefix}Parts`];
  return out;
}

/** Inverse of splitText; tolerates Int64 part counts arriving as BigInt. */
export function joinText(prefix: string, entity: Record<string, unknown>): string {
  const count = entity[`${prefix}Parts`];
  const parts = count === undefined ? (typeof entity[`${prefix}0`] === 'string' ? 1 : 0) : Number(count);
  let text = '';
  for (let i = 0; i < parts; i += 1) {
    const piece = entity[`${prefix}${i}`];
    if (typeof piece !== 'string') throw new Error(`missing ${prefix}${i} of ${parts}`);
    text += piece;
  }
  return text;
}
