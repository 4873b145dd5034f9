import { describe, expect, it } from 'vitest';
import { addMonths, isoToSerial, parseTextDate, serialToIso } from './dates.js';

describe('Excel date serials', () => {
  it('reads the 1900 system, including the phantom 1900-02-29', () => {
    expect(serialToIso(1)).toBe('1900-01-01');
    expect(serialToIso(59)).toBe('1900-02-28');
    expect(serialToIso(60)).toBeUndefined();
    expect(serialToIso(61)).toBe('1900-03-01');
    expect(serialToIso(46112)).toBe('2026-03-31');
    expect(serialToIso(46112.75)).toBe('2026-03-31');
  });

  it('reads the 1904 system', () => {
    expect(serialToIso(0, true)).toBe('1904-01-01');
    expect(serialToIso(46112 - 1462, true)).toBe('2026-03-31');
  });

  it('rejects serials Excel cannot show as dates', () => {
    expect(serialToIso(0)).toBeUndefined();
    expect(serialToIso(-5)).toBeUndefined();
    expect(serialToIso(3_000_000)).toBeUndefined();
    expect(serialToIso(Number.NaN)).toBeUndefined();
  });

  it('writes serials that read back to the same date', () => {
    for (const iso of ['1900-01-01', '1900-03-01', '2026-03-31', '9999-12-31']) {
      expect(serialToIso(isoToSerial(iso))).toBe(iso);
    }
  });
});

describe('text dates', () => {
  it.each([
    ['2026-03-31', '2026-03-31'],
    ['2026-3-5', '2026-03-05'],
    ['2026-03-31T00:00:00Z', '2026-03-31'],
    ['31 Mar 2026', '2026-03-31'],
    ['31 March 2026', '2026-03-31'],
    ['31-Mar-2026', '2026-03-31'],
    ['Mar 31, 2026', '2026-03-31'],
    ['31/03/2026', '2026-03-31'],
    ['03/31/2026', '2026-03-31'],
    ['04/04/2026', '2026-04-04'],
  ])('accepts %s', (text, iso) => {
    expect(parseTextDate(text)).toEqual({ ok: true, value: iso });
  });

  it('calls 03/04/2026 ambiguous instead of guessing', () => {
    expect(parseTextDate('03/04/2026')).toEqual({ ok: false, reason: 'ambiguous' });
    expect(parseTextDate('3.4.2026')).toEqual({ ok: false, reason: 'ambiguous' });
  });

  it.each(['2026-02-30', '31 Foo 2026', 'next Tuesday', '2026-13-01', '32/01/2026'])('rejects %s', (text) => {
    expect(parseTextDate(text)).toEqual({ ok: false, reason: 'invalid' });
  });
});

describe('calendar arithmetic', () => {
  it('adds months, clamping to the end of shorter months', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-03-15', 12)).toBe('2027-03-15');
    expect(addMonths('2026-03-15', -3)).toBe('2025-12-15');
  });
});
