import { RECORD_TYPES } from '@qms/templates';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeKeyPart,
  encodeKeyPart,
  invertedTimestamp,
  isSafeKey,
  parseVersionRowKey,
  RECORD_ROWS_FROM,
  HEAD_ROW,
  versionRowKey,
  prefixRange,
  recordRowKey,
} from './keys.js';

describe('key encoding', () => {
  it('round-trips any string exactly', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (s) => decodeKeyPart(encodeKeyPart(s)) === s));
  });

  it('never leaves a forbidden character, the separator or U+FFFF in an encoded part', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (s) => {
        const e = encodeKeyPart(s);
        // eslint-disable-next-line no-control-regex -- checking that no control character is left
        return !/[/\\#?~\u0000-\u001f\u007f-\u009f\uffff]/.test(e);
      }),
    );
  });

  it('is injective, so two ids never share a key', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.string({ unit: 'binary' }),
        (a, b) => a === b || encodeKeyPart(a) !== encodeKeyPart(b),
      ),
    );
  });

  it('escapes the characters Table Storage forbids', () => {
    expect(encodeKeyPart('a/b\\c#d?e')).toBe('a%2fb%5cc%23d%3fe');
    expect(encodeKeyPart('x\ny\u0085')).toBe('x%0ay%85');
    expect(encodeKeyPart('50%~')).toBe('50%25%7e');
    expect(encodeKeyPart('\uffff')).toBe('%uffff');
  });

  it('keeps the record type before the first separator and the hash after the last, whatever the id', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (id) => {
        const rk = versionRowKey('capa', id, '1a2b3c');
        const { from, to } = prefixRange(`${recordRowKey('capa', id)}~`);
        const parsed = parseVersionRowKey(rk);
        return rk >= from && rk < to && parsed.type === 'capa' && parsed.id === id && parsed.hash === '1a2b3c';
      }),
    );
  });

  it('keeps bookkeeping rows out of every record range: they sort before the first record type', () => {
    for (const type of RECORD_TYPES) {
      expect(type >= RECORD_ROWS_FROM, type).toBe(true);
      expect(/^[a-z][a-z-]*$/.test(type), type).toBe(true);
    }
    expect(HEAD_ROW < RECORD_ROWS_FROM).toBe(true);
  });

  it("does not place one type inside another type's range", () => {
    const { from, to } = prefixRange('kpi~');
    const measurement = recordRowKey('kpi-measurement', 'K1|2026-01');
    expect(measurement >= from && measurement < to).toBe(false);
  });

  it('judges keys safe only when short and clean', () => {
    expect(isSafeKey('capa~A%2f1')).toBe(true);
    expect(isSafeKey('a/b')).toBe(false);
    expect(isSafeKey('')).toBe(false);
    expect(isSafeKey('x'.repeat(513))).toBe(false);
  });

  it('sorts snapshot keys newest first', () => {
    const older = invertedTimestamp(new Date('2026-01-01T00:00:00Z'));
    const newer = invertedTimestamp(new Date('2026-01-02T00:00:00Z'));
    expect(newer < older).toBe(true);
    expect(newer).toHaveLength(older.length);
  });
});
