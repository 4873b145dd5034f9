import { describe, expect, it } from 'vitest';
import { toCell } from './cells.js';
import type { ColumnSpec } from './spec.js';
import { coerce, matchListValue, parseNumberText } from './values.js';

const opts = { date1904: false };
const col = (over: Partial<ColumnSpec>): ColumnSpec => ({ key: 'k', header: 'Thing', type: 'text', ...over });

describe('cell normalisation', () => {
  it('reduces Office.js and ExcelJS values to one shape', () => {
    expect(toCell('')).toEqual({ kind: 'blank' });
    expect(toCell('   ')).toEqual({ kind: 'blank' });
    expect(toCell(null)).toEqual({ kind: 'blank' });
    expect(toCell('#N/A')).toEqual({ kind: 'error', value: '#N/A' });
    expect(toCell({ error: '#REF!' })).toEqual({ kind: 'error', value: '#REF!' });
    expect(toCell({ formula: 'A1*2', result: 4 })).toEqual({ kind: 'number', value: 4 });
    expect(toCell({ formula: 'A1*2' })).toEqual({ kind: 'blank' });
    expect(toCell({ richText: [{ text: 'Clo' }, { text: 'sed' }] })).toEqual({ kind: 'text', value: 'Closed' });
    expect(toCell({ text: 'Report', hyperlink: 'https://example.org' })).toEqual({ kind: 'text', value: 'Report' });
    expect(toCell(Number.POSITIVE_INFINITY)).toEqual({ kind: 'error', value: '#NUM!' });
  });
});

describe('coercion', () => {
  it('accepts numbers typed as text', () => {
    expect(parseNumberText(' 1,234.5 ')).toBe(1234.5);
    expect(parseNumberText('40%')).toBe(40);
    expect(parseNumberText('12abc')).toBeUndefined();
    expect(coerce(toCell('7'), col({ type: 'integer' }), opts)).toEqual({ ok: true, value: 7 });
  });

  it('names the column and the bad value', () => {
    const r = coerce(toCell('lots'), col({ type: 'number', header: 'Effort (days)' }), opts);
    expect(r).toMatchObject({ ok: false, code: 'cell.not-a-number' });
    expect(!r.ok && r.message).toBe('Effort (days) must be a number, not "lots"');
  });

  it('enforces bounds and whole numbers', () => {
    expect(coerce(toCell(6), col({ type: 'integer', min: 1, max: 5 }), opts)).toMatchObject({
      ok: false,
      code: 'cell.above-maximum',
    });
    expect(coerce(toCell(2.5), col({ type: 'integer' }), opts)).toMatchObject({
      ok: false,
      code: 'cell.not-an-integer',
    });
    expect(coerce(toCell(0), col({ type: 'number', greaterThan: 0 }), opts)).toMatchObject({
      ok: false,
      code: 'cell.not-above',
    });
  });

  it('matches list values ignoring case and spacing, returning the canonical spelling', () => {
    expect(matchListValue('non compliant', ['Compliant', 'Non-compliant'])).toBe('Non-compliant');
    expect(coerce(toCell('CLOSED'), col({ type: 'list', list: ['Open', 'Closed'] }), opts)).toEqual({
      ok: true,
      value: 'Closed',
    });
    expect(coerce(toCell('Done'), col({ type: 'list', list: ['Open', 'Closed'] }), opts)).toMatchObject({
      ok: false,
      code: 'cell.not-in-list',
    });
    const partial = coerce(
      toCell('Partially'),
      col({
        type: 'list',
        header: 'Status',
        list: ['Compliant', 'Partially compliant', 'Not applicable', 'Not assessed'],
      }),
      opts,
    );
    expect(partial).toMatchObject({ ok: false, code: 'cell.not-in-list' });
    expect(!partial.ok && partial.message).toMatch(/did you mean "Partially compliant"\?$/);
    const ambiguous = coerce(toCell('Not'), col({ type: 'list', list: ['Not applicable', 'Not assessed'] }), opts);
    expect(!ambiguous.ok && ambiguous.message).toMatch(/type one of those values$/);
  });

  it('reads dates from serials, Date objects and text; ambiguity is its own error', () => {
    const date = col({ type: 'date', header: 'Due date' });
    expect(coerce(toCell(46112), date, opts)).toEqual({ ok: true, value: '2026-03-31' });
    expect(coerce(toCell(new Date(Date.UTC(2026, 2, 31))), date, opts)).toEqual({ ok: true, value: '2026-03-31' });
    expect(coerce(toCell('31 Mar 2026'), date, opts)).toEqual({ ok: true, value: '2026-03-31' });
    const amb = coerce(toCell('03/04/2026'), date, opts);
    expect(amb).toMatchObject({ ok: false, code: 'cell.ambiguous-date' });
    expect(!amb.ok && amb.message).toContain('ambiguous');
  });

  it('refuses text longer than the backend keeps', () => {
    expect(coerce(toCell('x'.repeat(32_001)), col({}), opts)).toMatchObject({ ok: false, code: 'cell.text-too-long' });
    expect(coerce(toCell('x'.repeat(32_000)), col({}), opts)).toMatchObject({ ok: true });
  });

  it('turns error values into issues, never values', () => {
    expect(coerce(toCell('#DIV/0!'), col({ type: 'number' }), opts)).toMatchObject({
      ok: false,
      code: 'cell.error-value',
    });
  });
});
