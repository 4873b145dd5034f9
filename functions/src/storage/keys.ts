/**
 * Table Storage keys. PartitionKey and RowKey may not contain `/ \ # ?` or control characters and are limited
 * to 1 KiB; our record ids come from workbook cells, so they are escaped here rather than trusted.
 *
 * Escaping: `%` followed by two hex digits for code units up to U+00FF, `%u` + four hex digits above.
 * `~` (our separator) and `%` (the escape itself) are escaped too, so an encoded part never contains the
 * separator and decoding is exact. U+FFFF is escaped so that `prefix + '\uffff'` bounds every range query.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point: keys may not hold them
const UNSAFE_IN_KEY = /[%~/\\#?\u0000-\u001f\u007f-\u009f\uffff]/g;

/** Azure's documented limit for PartitionKey and RowKey (1 KiB of UTF-16). */
export const MAX_KEY_CHARS = 512;

export function encodeKeyPart(raw: string): string {
  return raw.replace(UNSAFE_IN_KEY, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `%${code.toString(16).padStart(2, '0')}` : `%u${code.toString(16).padStart(4, '0')}`;
  });
}

export function decodeKeyPart(encoded: string): string {
  return encoded.replace(/%u([0-9a-f]{4})|%([0-9a-f]{2})/g, (_m, four: string | undefined, two: string | undefined) =>
    String.fromCharCode(parseInt(four ?? two ?? '0', 16)),
  );
}

/** True when a string can be used as a key as it is (after encoding it always can; this guards the result). */
export function isSafeKey(key: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are what a key may not contain
  return key.length > 0 && key.length <= MAX_KEY_CHARS && !/[/\\#?\u0000-\u001f\u007f-\u009f]/.test(key);
}

/** Joins already-encoded parts with the separator. */
export function joinKey(...parts: string[]): string {
  return parts.join('~');
}

/** The prefix every version of one record shares: `<type>~<escaped id>~`. */
export function recordRowKey(type: string, id: string): string {
  return joinKey(type, encodeKeyPart(id));
}

/**
 * The row of one version of a record: its type, id and content hash. Versions are written once and never
 * changed, so uploading the same record twice writes the same row, and no reader sees it until a head names it.
 */
export function versionRowKey(type: string, id: string, hash: string): string {
  return joinKey(type, encodeKeyPart(id), hash);
}

/** Inverse of versionRowKey (the escaped id never holds the separator, so the first and last `~` split it). */
export function parseVersionRowKey(rowKey: string): { type: string; id: string; hash: string } {
  const first = rowKey.indexOf('~');
  const last = rowKey.lastIndexOf('~');
  return {
    type: rowKey.slice(0, first),
    id: decodeKeyPart(rowKey.slice(first + 1, last)),
    hash: rowKey.slice(last + 1),
  };
}

/**
 * Bookkeeping rows of an organisation's partition start with `!`, which sorts before every record type (record
 * types are lower-case words: keys.test.ts checks), so `RowKey ge RECORD_ROWS_FROM` lists records only.
 */
export const HEAD_ROW = '!head';
export const RECORD_ROWS_FROM = 'a';

/** A chunk of one type's manifest, named by the type's snapshot digest (so equal snapshots share their rows). */
export function manifestRowKey(type: string, digest: string, chunk: number): string {
  return `!m~${type}~${digest}~${chunk}`;
}

/** Bounds of every row key that starts with `prefix` (prefix is already encoded and ends with `~`). */
export function prefixRange(prefix: string): { from: string; to: string } {
  return { from: prefix, to: `${prefix}\uffff` };
}

/** Organisation ids are chosen at creation and checked, so they never need escaping (encoding is a no-op). */
export { ORG_ID_PATTERN } from '@qms/contract';

/** Snapshot row keys sort newest first: the largest millisecond timestamp Azure allows minus the time. */
export function invertedTimestamp(at: Date): string {
  const max = 8_640_000_000_000_000;
  return String(max - at.getTime()).padStart(16, '0');
}
