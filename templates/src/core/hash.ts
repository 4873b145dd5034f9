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
    out += `${JSON.stringify(key)}:${stableStringify(v)}`;
  }
  return `${out}}`;
}

/**
 * cyrb53 (public domain, by bryc: github.com/bryc/code, jshash/experimental/cyrb53.js): a fast 53-bit string hash.
 * Content hashes only detect changed records (no adversary chooses the data), so speed matters more than a
 * cryptographic hash: SHA-256 in plain JavaScript cost more than the whole parse of a 10,000-row sheet.
 */
function cyrb53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * Content hash of record data: 14 hex digits (53 bits) of cyrb53 over the stable JSON. Same data, any key order,
 * same hash. A hash is only compared with the previous hash of the same record, so the chance that an edit goes
 * unnoticed is about 2^-53 per edit.
 */
export function contentHash(value: unknown): string {
  return cyrb53(stableStringify(value), 0).toString(16).padStart(14, '0');
}
