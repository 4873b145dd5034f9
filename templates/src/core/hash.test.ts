import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentHash, stableStringify } from './hash.js';

describe('content hash', () => {
  it('does not depend on key order', () => {
    expect(contentHash({ a: 1, b: { c: 2, d: [1, 2] } })).toBe(contentHash({ b: { d: [1, 2], c: 2 }, a: 1 }));
  });

  it('ignores undefined members and tells different data apart', () => {
    expect(stableStringify({ a: 1, b: undefined })).toBe('{"a":1}');
    expect(contentHash({ a: 1 })).not.toBe(contentHash({ a: 2 }));
  });

  it('is stable under any reordering (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(contentHash(reversed)).toBe(contentHash(obj));
      }),
    );
  });

  it('tells apart texts that differ anywhere, including an odd last character and surrogate pairs', () => {
    const texts = ['', 'a', 'ab', 'abc', 'abd', 'ba', 'a\u0000', '\u0000a', 'ä', '😀', '😀a', 'a😀', 'ab'.repeat(50)];
    expect(new Set(texts.map((t) => contentHash(t))).size).toBe(texts.length);
    expect(contentHash(['ab', 'c'])).not.toBe(contentHash(['a', 'bc']));
    expect(contentHash({ ab: 'c' })).not.toBe(contentHash({ a: 'bc' }));
  });

  it('gives different hashes to different texts (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        fc.pre(a !== b);
        expect(contentHash({ v: a })).not.toBe(contentHash({ v: b }));
      }),
      { numRuns: 500 },
    );
  });

  it('writes 14 lowercase hex digits, leading zeros kept', () => {
    const hashes = Array.from({ length: 2000 }, (_, i) => contentHash({ i }));
    for (const h of hashes) expect(h).toMatch(/^[0-9a-f]{14}$/);
    // 21 high bits: the first hex digit is 0 or 1, and both occur across 2,000 hashes.
    expect(new Set(hashes.map((h) => h[0]))).toEqual(new Set(['0', '1']));
  });
});
