import { describe, expect, it } from 'vitest';
import { validateWorkbook } from '../registry.js';
import { describeCell, isPercentFormat, percentText, toCell } from './cells.js';
import { cellText, coerce } from './values.js';

/** A number as a reader that knows number formats gives it (the xlsx reader does for %-formatted cells). */
const pct = (value: number, numFmt = '0%') => ({ value, numFmt });
const AS_OF = '2026-06-30';

const GAP_HEADER = ['Clause', 'Title', 'Status', 'Evidence', 'Owner', 'Target date'];
function gap(statuses: unknown[]) {
  const clauses = ['4.1', '4.2', '4.3', '4.4', '5.1', '5.2'];
  const values = [
    ['Acme — ISO 9001 gap analysis'],
    [],
    GAP_HEADER,
    ...statuses.map((status, i) => [clauses[i], '', status, 'QM-1', 'QM', '2026-09-30']),
  ];
  return validateWorkbook({ sheets: [{ name: 'Gap Analysis', values }] }, { asOf: AS_OF });
}
const gapStatuses = (r: ReturnType<typeof gap>) =>
  r.records.filter((x) => x.type === 'gap').map((x) => [x.id, x.data.status]);

describe('percentages as the user sees them (issue 10: 50 % stays 50 %, not 0.5)', () => {
  it('cells.percent-format: a number given with a percent format is a number cell shown as a percentage', () => {
    expect(toCell(pct(0.5))).toEqual({ kind: 'number', value: 0.5, percent: true });
    expect(toCell(pct(0))).toEqual({ kind: 'number', value: 0, percent: true });
    expect(toCell(pct(0.125, '0.00%'))).toEqual({ kind: 'number', value: 0.125, percent: true });
    expect(toCell(pct(0.5, '[Red]0.0 %'))).toEqual({ kind: 'number', value: 0.5, percent: true });
    // Not a percent format: a quoted or escaped % is only text, General and 0.00 show the number itself.
    for (const numFmt of ['0"%"', '0\\%', 'General', '0.00', '#,##0'])
      expect(toCell(pct(0.5, numFmt))).toEqual({ kind: 'number', value: 0.5 });
    // The section that applies to the number decides: positive;negative;zero.
    expect(toCell(pct(-0.5, '0;-0%'))).toEqual({ kind: 'number', value: -0.5, percent: true });
    expect(toCell(pct(0.5, '0;-0%'))).toEqual({ kind: 'number', value: 0.5 });
    expect(toCell(pct(0, '0%;-0%;"-"'))).toEqual({ kind: 'number', value: 0 });
    // Office.js plain values are read as they always were; a formatted non-number is what its value is.
    expect(toCell(0.5)).toEqual({ kind: 'number', value: 0.5 });
    expect(toCell(pct(Number.NaN))).toEqual({ kind: 'error', value: '#NUM!' });
    expect(toCell({ value: 'n/a', numFmt: '0%' })).toEqual({ kind: 'text', value: 'n/a' });
    expect(isPercentFormat('0.00%')).toBe(true);
    expect(isPercentFormat('yyyy-mm-dd')).toBe(false);
  });

  it('cells.percent-quoted: a %-formatted cell is quoted and read as text as shown (50 %), a plain one as before', () => {
    expect(describeCell(toCell(pct(0.5)))).toBe('50 %');
    expect(describeCell(toCell(pct(0)))).toBe('0 %');
    expect(describeCell(toCell(pct(1.5)))).toBe('150 %');
    // No binary noise: 0.07 × 100 is 7.000000000000001 in floating point.
    expect(describeCell(toCell(pct(0.07)))).toBe('7 %');
    expect(describeCell(toCell(pct(0.125, '0.0%')))).toBe('12.5 %');
    expect(describeCell(toCell(0.5))).toBe('0.5');
    expect(percentText(0.333)).toBe('33.3 %');
    expect(cellText(toCell(pct(0.5)))).toBe('50 %');
    expect(coerce(toCell(pct(0.5)), { key: 'notes', header: 'Notes', type: 'text' }, { date1904: false })).toEqual({
      ok: true,
      value: '50 %',
    });
  });

  it('cells.percent-number: a number column keeps the number Excel holds and quotes a refused one as shown', () => {
    const column = { key: 'effort', header: 'Effort', type: 'number' as const, max: 0.25 };
    expect(coerce(toCell(pct(0.2)), column, { date1904: false })).toEqual({ ok: true, value: 0.2 });
    expect(coerce(toCell(pct(0.5)), column, { date1904: false })).toEqual({
      ok: false,
      code: 'cell.above-maximum',
      message: 'Effort must be at most 0.25, not 50 % (0.5)',
    });
    expect(coerce(toCell(0.5), column, { date1904: false })).toMatchObject({
      message: 'Effort must be at most 0.25, not 0.5',
    });
  });

  it('vocab.gap-status: a %-formatted Status is reported as the percentage the user sees ("read 50 % as ...")', () => {
    const r = gap([pct(1), pct(0.5), pct(0), pct(0.25), 'Compliant', 'Compliant']);
    expect(gapStatuses(r).slice(0, 4)).toEqual([
      ['4.1', 'Compliant'],
      ['4.2', 'Partially compliant'],
      ['4.3', 'Non-compliant'],
      ['4.4', 'Partially compliant'],
    ]);
    const notes = r.issues.filter((i) => i.code === 'cell.default-reading').map((i) => i.message);
    expect(notes).toEqual([
      expect.stringContaining('Gap Analysis!C4: Status: read 100 % as "Compliant" in 1 cell'),
      expect.stringContaining('Gap Analysis!C5: Status: read 50 % as "Partially compliant" in 1 cell'),
      expect.stringContaining('Gap Analysis!C6: Status: read 0 % as "Non-compliant" in 1 cell'),
      expect.stringContaining('Gap Analysis!C7: Status: read 25 % as "Partially compliant" in 1 cell'),
    ]);
    expect(notes.join('\n')).not.toMatch(/read 0\.5 /);
  });

  it('vocab.gap-status: a plain number (no % format) in a Status column keeps its reading, quoted as the number', () => {
    const r = gap([0.5, 1, 'Compliant', 'Compliant', 'Compliant', 'Compliant']);
    expect(gapStatuses(r).slice(0, 2)).toEqual([
      ['4.1', 'Partially compliant'],
      ['4.2', 'Compliant'],
    ]);
    const notes = r.issues.filter((i) => i.code === 'cell.default-reading').map((i) => i.message);
    expect(notes[0]).toContain('Status: read 0.5 as "Partially compliant" in 1 cell');
    expect(notes[1]).toContain('Status: read 1 as "Compliant" in 1 cell');
  });

  it('vocab.gap-status: a percentage above 100 % is refused, quoted as shown', () => {
    const r = gap([pct(1.5), 'Compliant', 'Compliant', 'Compliant', 'Compliant', 'Compliant']);
    const error = r.issues.find((i) => i.code === 'cell.not-in-list');
    expect(error?.cell).toBe('Gap Analysis!C4');
    expect(error?.message).toContain('Status is 150 %, which is not one of');
  });
});

describe('supplier marks and weights in %-formatted cells', () => {
  const HEADER = [
    'Supplier ID',
    'Supplier',
    'Criticality',
    'Quality %',
    'Delivery',
    'Responsiveness',
    'Cost',
    'Evaluation date',
    'Status',
  ];
  const row = (quality: unknown) => ['S-1', 'Acme Castings', 'Critical', quality, 3, 4, 3, '2026-01-15', 'Approved'];
  const parse = (rows: unknown[][], weights: unknown[][] = []) =>
    validateWorkbook(
      {
        sheets: [
          {
            name: 'Supplier Evaluation',
            values: [
              ['Acme Ltd'],
              [],
              ...(weights.length > 0 ? [['Criterion', 'Weight (%)'], ...weights, []] : []),
              HEADER,
              ...rows,
            ],
          },
        ],
      },
      { asOf: AS_OF },
    );
  const suppliers = (r: ReturnType<typeof parse>) =>
    r.records.filter((x) => x.type === 'supplier').map((s) => [s.data.quality, s.data.score]);

  it('supplier.percent-columns: a %-formatted mark is the percentage it shows (80 % → 4.2), never guessed from its size', () => {
    // 4.2×40 + 3×30 + 4×15 + 3×15 = 363
    expect(suppliers(parse([row(pct(0.8))]))).toEqual([[4.2, 3.63]]);
    expect(suppliers(parse([row(80)]))).toEqual([[4.2, 3.63]]);
    // 1 % shown is 1 %, not the 1 that a plain 1 would be read as (100 %).
    expect(suppliers(parse([row(pct(0.01))]))).toEqual([[1.04, 2.37]]);
    // 150 % is no percentage from 0 to 100: said as the user sees it (a plain 1.5 was read as 1.5 %).
    const over = parse([row(pct(1.5))]).issues.find((i) => i.code === 'supplier.scale-out-of-range');
    expect(over?.message).toContain('Quality is 150 %, which is not a percentage from 0 to 100');
    // On the default 1–5 scale, a cell shown as 100 % is a percentage, not the mark 1 that its stored value is.
    const plain = validateWorkbook(
      {
        sheets: [
          {
            name: 'Supplier Evaluation',
            values: [HEADER.map((h) => (h === 'Quality %' ? 'Quality' : h)), row(pct(1))],
          },
        ],
      },
      { asOf: AS_OF },
    ).issues.find((i) => i.code === 'supplier.scale-out-of-range');
    expect(plain?.message).toContain('Quality is 100 %, a percentage, but marks here are on');
  });

  it('supplier.weights-percent-format: %-formatted weights are the percentages they show, also when they miss 100', () => {
    const weights = (q: number) => [
      ['Quality', pct(q)],
      ['Delivery', pct(0.3)],
      ['Responsiveness', pct(0.15)],
      ['Cost', pct(0.15)],
    ];
    const good = parse([row(80)], weights(0.4));
    expect(good.records.filter((x) => x.type === 'supplier-criterion').map((x) => x.data.weightPct)).toEqual([
      40, 30, 15, 15,
    ]);
    const short = parse([row(80)], weights(0.3)).issues.find((i) => i.code === 'supplier.weights-total-100');
    expect(short?.message).toContain('Criteria weights add up to 90, not 100');
  });
});
