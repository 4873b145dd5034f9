import { describe, expect, it } from 'vitest';
import { formatsFor } from './format.ts';

describe('formats in Office display language', () => {
  it('writes percentages, numbers, money and dates in English', () => {
    const f = formatsFor('en-US');
    expect(f.percent(79.5)).toBe('79.5%');
    expect(f.percent(80, 0)).toBe('80%');
    expect(f.number(12345)).toBe('12,345');
    expect(f.money(8068.5, 'EUR')).toBe('€8,069');
    expect(f.date('2026-03-31')).toBe('Mar 31, 2026');
  });

  it('writes the same figures in German, one convention throughout', () => {
    const f = formatsFor('de-DE');
    // Intl puts a no-break space before % and €: a figure never breaks from its unit.
    expect(f.percent(79.5)).toBe('79,5\u00a0%');
    expect(f.number(12345)).toBe('12.345');
    expect(f.money(8068.5, 'EUR')).toBe('8.069\u00a0€');
    expect(f.date('2026-03-31')).toBe('31.03.2026');
  });

  it('a currency code Intl does not know is written after the number; a non-date is left as it is', () => {
    const f = formatsFor('en-GB');
    expect(f.money(1200, 'XX1')).toBe('1,200 XX1');
    expect(f.date('soon')).toBe('soon');
    expect(formatsFor('not a language!').locale).toBe('en-US');
  });
});
