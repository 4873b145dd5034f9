import { describe, expect, it } from 'vitest';
import { capaLog } from '../capa-log/index.js';
import { toCell } from './cells.js';
import { CAPA_STATUSES, EFFECTIVENESS, GAP_STATUSES, SUPPLIER_CRITICALITY } from './lists.js';
import type { ColumnSpec } from './spec.js';
import { coerce } from './values.js';
import { defaultReading, editDistance, likelyListValue, readYesNo } from './vocabulary.js';
import { parseWorkbook } from './workbook.js';

const opts = { date1904: false };
const gap: ColumnSpec = { key: 'status', header: 'Status', type: 'list', list: GAP_STATUSES };
const yesno: ColumnSpec = { key: 'ok', header: 'Customer informed', type: 'yesno' };

describe('vocabulary: the words people use for a list value', () => {
  it.each([
    ['Ja', true],
    ['nein', false],
    ['WAHR', true],
    ['FALSCH', false],
    ['Oui', true],
    ['Non', false],
    ['Sí', true],
    ['✓', true],
    ['X', true],
    ['TRUE', true],
  ])('vocab.yes-no: %s reads as %s', (text, value) => {
    expect(readYesNo(text)).toBe(value);
    expect(coerce(toCell(text), yesno, opts)).toEqual({ ok: true, value });
  });

  it('vocab.yes-no: anything else names the words it reads', () => {
    const r = coerce(toCell('Perhaps'), yesno, opts);
    expect(r).toMatchObject({ ok: false, code: 'cell.not-yes-no' });
    expect(!r.ok && r.message).toContain('Ja/Nein');
  });

  it.each([
    ['Yes', 'Compliant'],
    ['Implemented', 'Compliant'],
    ['100 %', 'Compliant'],
    ['Partial', 'Partially compliant'],
    ['In progress', 'Partially compliant'],
    ['50%', 'Partially compliant'],
    ['No', 'Non-compliant'],
    ['Not started', 'Non-compliant'],
    ['0 %', 'Non-compliant'],
    ['N/A', 'Not applicable'],
  ])('vocab.gap-status: "%s" reads as %s, as a guess', (text, value) => {
    expect(coerce(toCell(text), gap, opts)).toEqual({ ok: true, value, guessed: `"${text}"` });
  });

  it('vocab.gap-status: a %-formatted number (Excel stores 50 % as 0.5) reads by its percentage', () => {
    expect(coerce(toCell(0.5), gap, opts)).toMatchObject({ ok: true, value: 'Partially compliant' });
    expect(coerce(toCell(1), gap, opts)).toMatchObject({ ok: true, value: 'Compliant' });
    expect(coerce(toCell(0), gap, opts)).toMatchObject({ ok: true, value: 'Non-compliant' });
    expect(coerce(toCell(3), gap, opts)).toMatchObject({ ok: false, code: 'cell.not-in-list' });
  });

  it('vocab.did-you-mean: a typo or a unique prefix in any list is named, never taken', () => {
    expect(likelyListValue('Complient', GAP_STATUSES)).toBe('Compliant');
    expect(likelyListValue('In progess', CAPA_STATUSES)).toBe('In progress');
    expect(likelyListValue('Awaiting', CAPA_STATUSES)).toBe('Awaiting verification');
    expect(likelyListValue('Zzz', CAPA_STATUSES)).toBeUndefined();
    const r = coerce(toCell('Clsoed'), { key: 's', header: 'Status', type: 'list', list: CAPA_STATUSES }, opts);
    expect(r).toMatchObject({ ok: false, code: 'cell.not-in-list' });
    expect(!r.ok && r.message).toMatch(/did you mean "Closed"\?$/);
  });

  it('vocab.did-you-mean: two swapped letters are one edit, so "Mjaor" and "Clsoed" are named', () => {
    expect(editDistance('mjaor', 'major')).toBe(1);
    expect(editDistance('clsoed', 'closed')).toBe(1);
    expect(editDistance('complient', 'compliant')).toBe(1);
    expect(editDistance('abc', 'xyz')).toBe(3);
    expect(likelyListValue('Mjaor', ['Major', 'Minor', 'Observation'])).toBe('Major');
    // Still one value or none: "Mnior" is one swap from Minor and no closer to Major.
    expect(likelyListValue('Mnior', ['Major', 'Minor', 'Observation'])).toBe('Minor');
  });

  const effectiveness: ColumnSpec = { key: 'e', header: 'Effective?', type: 'list', list: EFFECTIVENESS };
  it.each([
    [true, 'Effective'],
    // An unticked checkbox: nobody has confirmed it yet (every open CAPA's box is FALSE).
    [false, 'Pending'],
    ['X', 'Effective'],
    ['✓', 'Effective'],
    ['Ja', 'Effective'],
    ['Nein', 'Not effective'],
    ['WAHR', 'Effective'],
    ['FALSCH', 'Not effective'],
    ['Yes', 'Effective'],
    ['No', 'Not effective'],
  ])('vocab.effectiveness: an effectiveness checkbox %s reads as %s, said as a default reading', (value, want) => {
    expect(defaultReading(toCell(value), EFFECTIVENESS)).toBe(want);
    expect(coerce(toCell(value), effectiveness, opts)).toMatchObject({
      ok: true,
      value: want,
      guessed: expect.any(String),
    });
  });

  it('vocab.criticality: supplier criticality in Spanish, French and German reads as the template word', () => {
    expect(
      ['Crítico', 'Critique', 'Kritisch', 'Mayor', 'Majeur', 'Menor', 'Mineur', 'Gering'].map((w) =>
        defaultReading(toCell(w), SUPPLIER_CRITICALITY),
      ),
    ).toEqual(['Critical', 'Critical', 'Critical', 'Major', 'Major', 'Minor', 'Minor', 'Minor']);
  });

  it("vocab.capa-status: a SharePoint issue list's Active reads as Open", () => {
    expect(defaultReading(toCell('Active'), CAPA_STATUSES)).toBe('Open');
  });
});

const HEADER = ['CAPA ID', 'Date opened', 'Source', 'Severity', 'Description', 'Owner', 'Due date', 'Status'];
const row = (id: string, status: string) => [
  id,
  '2026-03-01',
  'Internal audit',
  'Minor',
  'x',
  'Ann',
  '2026-09-30',
  status,
];
const parse = (values: unknown[][], totalsRows?: number[]) =>
  parseWorkbook({ sheets: [{ name: 'CAPA Log', values, ...(totalsRows ? { totalsRows } : {}) }] }, [capaLog], {
    asOf: '2026-06-30',
  });

describe('vocabulary and non-data rows in a register', () => {
  it('vocab.reported: each default reading is one info issue with its count, at its first cell', () => {
    const r = parse([HEADER, row('C-1', 'Ongoing'), row('C-2', 'Open'), row('C-3', 'ongoing'), row('C-4', 'WIP')]);
    expect(r.records.map((x) => x.data.status)).toEqual(['In progress', 'Open', 'In progress', 'In progress']);
    const notes = r.issues.filter((i) => i.code === 'cell.default-reading');
    expect(notes.map((i) => [i.severity, i.cell])).toEqual([
      ['info', 'CAPA Log!H2'],
      ['info', 'CAPA Log!H4'],
      ['info', 'CAPA Log!H5'],
    ]);
    expect(notes[0]?.message).toBe(
      'CAPA Log!H2: Status: read "Ongoing" as "In progress" in 1 cell (the default reading of that word); if it means something else in this register, type one of: Open, In progress, Awaiting verification, Closed, Cancelled',
    );
  });

  it('rows.totals-row: an Excel table totals row is no record, and one info issue names it', () => {
    const r = parse([HEADER, row('C-1', 'Open'), row('C-2', 'Open'), ['Total', 2]], [4]);
    expect(r.records).toHaveLength(2);
    expect(r.issues.filter((i) => i.severity !== 'warning').map((i) => [i.code, i.cell])).toEqual([
      ['sheet.totals-row', 'CAPA Log!A4'],
    ]);
  });

  it('rows.summary-block: a block of labels and figures below a gap is left out with one info issue naming its range', () => {
    const r = parse([HEADER, row('C-1', 'Open'), row('C-2', 'Open'), [], ['Open:', 2], ['Closed:', 0], ['Total: 2']]);
    expect(r.records).toHaveLength(2);
    const notes = r.issues.filter((i) => i.severity !== 'warning');
    expect(notes.map((i) => [i.code, i.cell])).toEqual([['sheet.summary-block', 'CAPA Log!A5']]);
    expect(notes[0]?.message).toContain('A5:B7 looks like a summary under the register');
  });

  it('rows.summary-block: any "label: figure" cell below a gap is a summary row ("Closed on time: 80 %", "Major: 2")', () => {
    const r = parse([HEADER, row('C-1', 'Open'), [], ['Major: 2'], ['Minor: 0'], ['Closed on time: 80 %']]);
    expect(r.records).toHaveLength(1);
    const notes = r.issues.filter((i) => i.severity !== 'warning');
    expect(notes.map((i) => [i.code, i.cell])).toEqual([['sheet.summary-block', 'CAPA Log!A4']]);
    expect(notes[0]?.message).toContain('A4:A6 looks like a summary under the register');
  });

  it('rows.summary-block: a lone cell that only looks like a label ("8.5.1: 2", "Note: see below") is not taken', () => {
    const r = parse([HEADER, row('C-1', 'Open'), [], ['8.5.1: 2'], ['See: below']]);
    expect(r.issues.some((i) => i.code === 'sheet.summary-block')).toBe(false);
    expect(r.issues.filter((i) => i.severity === 'error').map((i) => i.address.replace(/^[A-Z]+/, ''))).toEqual(
      expect.arrayContaining(['4', '5']),
    );
  });

  it('rows.summary-block: a real register row after a gap is still read (and errs, never vanishes)', () => {
    const r = parse([HEADER, row('C-1', 'Open'), [], row('C-2', 'Open'), ['Open', 'not a date']]);
    expect(r.records.map((x) => x.id)).toEqual(['C-1', 'C-2']);
    expect(r.issues.some((i) => i.severity === 'error' && i.cell.startsWith('CAPA Log!') && i.cell.endsWith('5'))).toBe(
      true,
    );
  });
});
