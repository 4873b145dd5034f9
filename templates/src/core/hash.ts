/** JSON with object keys sorted at every level, so key order never changes the text. Undefined members are dropped, as JSON does. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      const v: unknown = value[i];
      out += v === undefined ? 'null' : stableStringify(v);
    }
    return `${out}]`;
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const v = record[key];
    if (v === undefined) continue;
    if (!first) out += ',';
    first = false;
    // Record keys are plain identifiers; only unusual keys need JSON escaping.
    out += `${/^[A-Za-z0-9_-]+$/.test(key) ? `"${key}"` : JSON.stringify(key)}:${typeof v === 'string' ? JSON.stringify(v) : stableStringify(v)}`;
  }
  return `${out}}`;
}

/**
 * Streaming form of cyrb53 (public domain, by bryc: github.com/bryc/code, jshash/experimental/cyrb53.js), fed
 * the data's canonical structure directly instead of a JSON string. Content hashes only detect changed records (no
 * adversary chooses the data), so speed matters more than a cryptographic hash: SHA-256 in plain JavaScript cost
 * more than the whole parse of a 10,000-row sheet.
 */
class Hasher {
  private h1 = 0xdeadbeef;
  private h2 = 0x41c6ce57;

  code(ch: number): void {
    this.h1 = Math.imul(this.h1 ^ ch, 2654435761);
    this.h2 = Math.imul(this.h2 ^ ch, 1597334677);
  }

  /**
   * Length first, so that no two sequences of strings feed the same codes. Two UTF-16 units go into each mixing step
   * (the length prefix keeps that unambiguous): it halves the work on the text that makes up most of a record.
   */
  text(s: string): void {
    const n = s.length;
    let h1 = Math.imul(this.h1 ^ n, 2654435761);
    let h2 = Math.imul(this.h2 ^ n, 1597334677);
    let i = 0;
    for (; i + 1 < n; i += 2) {
      const pair = (s.charCodeAt(i) << 16) | s.charCodeAt(i + 1);
      h1 = Math.imul(h1 ^ pair, 2654435761);
      h2 = Math.imul(h2 ^ pair, 1597334677);
    }
    if (i < n) {
      const last = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ last, 2654435761);
      h2 = Math.imul(h2 ^ last, 1597334677);
    }
    this.h1 = h1;
    this.h2 = h2;
  }

  value(v: unknown): void {
    if (v === null || v === undefined) return this.code(1);
    switch (typeof v) {
      case 'string':
        this.code(2);
        return this.text(v);
      case 'number':
        this.code(3);
        return this.text(String(v));
      case 'boolean':
        return this.code(v ? 4 : 5);
      case 'bigint':
        this.code(3);
        return this.text(v.toString());
      case 'object':
        break;
      default:
        return this.code(1);
    }
    if (Array.isArray(v)) {
      this.code(6);
      this.code(v.length);
      for (const item of v) this.value(item);
      return;
    }
    if (v instanceof Date) {
      this.code(2);
      return this.text(v.toISOString());
    }
    const record = v as Record<string, unknown>;
    // Members in key order through the shape's permutation of Object.values: one pass over the object, not a
    // lookup by name per key and pass.
    const shape = shapeOf(Object.keys(record));
    const members = Object.values(record);
    let present = 0;
    for (const member of members) if (member !== undefined) present += 1;
    this.code(7);
    this.code(present);
    const { sorted, order } = shape;
    for (let j = 0; j < order.length; j++) {
      const member = members[order[j] as number];
      if (member === undefined) continue;
      this.text(sorted[j] as string);
      this.value(member);
    }
  }

  digest(): string {
    let h1 = Math.imul(this.h1 ^ (this.h1 >>> 16), 2246822507);
    h1 ^= Math.imul(this.h2 ^ (this.h2 >>> 13), 3266489909);
    let h2 = Math.imul(this.h2 ^ (this.h2 >>> 16), 2246822507);
    h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    // The 53-bit value (21 bits of h2, then h1) in 14 hex digits, byte by byte: formatting it as one double with
    // toString(16) cost more than hashing a short record.
    const hi = 2097151 & h2;
    return (
      hex(hi >>> 16) +
      hex((hi >>> 8) & 255) +
      hex(hi & 255) +
      hex(h1 >>> 24) +
      hex((h1 >>> 16) & 255) +
      hex((h1 >>> 8) & 255) +
      hex(h1 & 255)
    );
  }
}

/**
 * Object.keys, sorted, with where each sorted key sits among the object's own (Object.values has the same order as
 * Object.keys). Records of one sheet mostly share a few key lists (which optional columns are filled), so the last
 * few shapes are kept and reused when the same list comes again: sorting every record's keys anew was a quarter of
 * the hashing time.
 */
interface Shape {
  keys: readonly string[];
  sorted: readonly string[];
  order: readonly number[];
}

const recentShapes: Shape[] = [];
const RECENT_SHAPES = 8;

function shapeOf(keys: string[]): Shape {
  for (const shape of recentShapes) {
    if (sameList(shape.keys, keys)) return shape;
  }
  const order = keys
    .map((_, i) => i)
    .sort((a, b) => {
      const x = keys[a] as string;
      const y = keys[b] as string;
      return x < y ? -1 : x > y ? 1 : 0;
    });
  const shape = { keys, sorted: order.map((i) => keys[i] as string), order };
  if (recentShapes.length >= RECENT_SHAPES) recentShapes.pop();
  recentShapes.unshift(shape);
  return shape;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const HEX_BYTES = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex = (byte: number): string => HEX_BYTES[byte] as string;

/**
 * Content hash of record data: 14 hex digits (53 bits). Same data, any key order, same hash; undefined members are
 * ignored as JSON ignores them. A hash is only compared with the previous hash of the same record, so the chance
 * that an edit goes unnoticed is about 2^-53 per edit.
 */
export function contentHash(value: unknown): string {
  const hasher = new Hasher();
  hasher.value(value);
  return hasher.digest();
}
