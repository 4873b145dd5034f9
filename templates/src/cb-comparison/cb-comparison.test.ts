import { describe, expect, it } from 'vitest';
import { parseWorkbook } from '../core/workbook.js';
import { checkRecordData } from '../schemas.js';
import { cbComparison, quotedTotalExpected } from './index.js';

const HEADER = [
  'Certification body',
  'Accreditation body',
  'Accredited for our scope',
  'Accreditation checked on',
  'Quoted audit days (initial)',
  'Day rate',
  'Travel per day',
  'Quoted total',
  'Currency',
  'Lead time (weeks)',
  'Sector experience',
  'Also provides consultancy to us',
  'Chosen',
  'Notes',
];
const AS_OF = '2026-06-30';

type Row = Partial<Record<(typeof HEADER)[number], unknown>>;

function parse(rows: Row[], asOf = AS_OF) {
  const values = [['Acme Ltd — CB Comparison'], [], HEADER, ...rows.map((r) => HEADER.map((h) => r[h] ?? ''))];
  return parseWorkbook({ sheets: [{ name: 'CB Comparison', values }] }, [cbComparison], { asOf });
}

const quote: Row = {
  'Certification body': 'Alpha Cert',
  'Accreditation body': 'DAkkS',
  'Accredited for our scope': 'Yes',
  'Accreditation checked on': '2026-06-01',
  'Quoted audit days (initial)': 5,
  'Day rate': 1400,
  'Travel per day': 100,
  'Quoted total': 7500,
  Currency: 'eur',
  'Lead time (weeks)': 8,
  'Sector experience': 'Machining',
  'Also provides consultancy to us': 'No',
};
const chosen: Row = { ...quote, 'Certification body': 'Beta Cert', Chosen: 'Yes' };

const codes = (r: ReturnType<typeof parse>) => r.issues.map((i) => i.code);

describe('cb-comparison rules', () => {
  it('cb.valid-row: quotes become one record per body, currency stored upper case, no issues', () => {
    const r = parse([quote, chosen]);
    expect(r.issues).toEqual([]);
    expect(r.records.map((x) => [x.type, x.id])).toEqual([
      ['cb-quote', 'Alpha Cert'],
      ['cb-quote', 'Beta Cert'],
    ]);
    expect(r.records[1]?.data).toMatchObject({
      currency: 'EUR',
      chosen: true,
      accreditedForScope: true,
      dayRate: 1400,
    });
    for (const record of r.records) expect(checkRecordData(record.type, record.data).ok).toBe(true);
  });

  it('cb.body-required: a blank Certification body is an error on its cell', () => {
    const r = parse([{ ...quote, 'Certification body': '' }]);
    expect(r.issues).toMatchObject([{ severity: 'error', code: 'cell.required', cell: 'CB Comparison!A4' }]);
  });

  it('cb.body-unique: the same body twice is an error on the second row', () => {
    const r = parse([quote, { ...quote, 'Certification body': 'alpha cert' }]);
    expect(r.issues).toMatchObject([{ code: 'cb.body-unique', cell: 'CB Comparison!A5' }]);
    expect(r.records).toHaveLength(1);
  });

  it('cb.one-chosen: a second Chosen = Yes is an error naming the first; one Chosen is fine', () => {
    const r = parse([chosen, quote, { ...chosen, 'Certification body': 'Gamma Cert' }]);
    expect(r.issues).toMatchObject([{ severity: 'error', code: 'cb.one-chosen', cell: 'CB Comparison!M6' }]);
    expect(r.issues[0]?.message).toContain('row 4 (Beta Cert)');
    expect(r.records.map((x) => x.id)).toEqual(['Beta Cert', 'Alpha Cert']);
    expect(parse([chosen, quote]).issues).toEqual([]);
  });

  it('cb.impartiality: a body that also provides consultancy to us is an error (ISO/IEC 17021-1); No is fine', () => {
    const r = parse([{ ...quote, 'Also provides consultancy to us': 'Yes' }]);
    expect(r.issues).toMatchObject([{ severity: 'error', code: 'cb.impartiality', cell: 'CB Comparison!L4' }]);
    expect(r.issues[0]?.message).toContain('17021-1');
    expect(r.records).toEqual([]);
    expect(parse([quote]).issues).toEqual([]);
  });

  it('cb.chosen-not-accredited: the chosen body not accredited for the scope is a warning; an unchosen one is not', () => {
    const no = parse([{ ...chosen, 'Accredited for our scope': 'No' }]);
    expect(no.issues).toMatchObject([
      { severity: 'warning', code: 'cb.chosen-not-accredited', cell: 'CB Comparison!C4' },
    ]);
    expect(no.issues[0]?.message).toContain('not accredited');
    expect(codes(parse([{ ...chosen, 'Accredited for our scope': '' }]))).toEqual(['cb.chosen-not-accredited']);
    expect(parse([{ ...quote, 'Accredited for our scope': 'No' }]).issues).toEqual([]);
    expect(no.records).toHaveLength(1);
  });

  it('cb.total-consistent: a total more than 1 % off days × (rate + travel) is a warning; within 1 % is fine', () => {
    expect(quotedTotalExpected(5, 1400, 100)).toBe(7500);
    const off = parse([{ ...quote, 'Quoted total': 7600 }]);
    expect(off.issues).toMatchObject([{ severity: 'warning', code: 'cb.total-consistent', cell: 'CB Comparison!H4' }]);
    expect(off.issues[0]?.message).toContain('= 7500');
    expect(parse([{ ...quote, 'Quoted total': 7570 }]).issues).toEqual([]);
    expect(parse([{ ...quote, 'Quoted total': 7430 }]).issues).toEqual([]);
    // Blank travel counts as none; a missing figure means there is nothing to compare.
    expect(parse([{ ...quote, 'Travel per day': '', 'Quoted total': 7000 }]).issues).toEqual([]);
    expect(parse([{ ...quote, 'Day rate': '', 'Quoted total': 1 }]).issues).toEqual([]);
  });

  it('cb.checked-not-future: an accreditation check dated after the as-of date is an error', () => {
    expect(codes(parse([{ ...quote, 'Accreditation checked on': '2026-07-01' }]))).toEqual(['cb.checked-not-future']);
  });

  it('cb.currency-code: a currency that is no ISO 4217 code is an error', () => {
    expect(codes(parse([{ ...quote, Currency: 'Euro' }]))).toEqual(['cb.currency-code']);
    expect(codes(parse([{ ...quote, Currency: 'ABC' }]))).toEqual(['cb.currency-code']);
  });

  it('cb.numbers: negative rates or days are errors of their cell', () => {
    expect(codes(parse([{ ...quote, 'Day rate': -5, 'Quoted total': '' }]))).toEqual(['cell.below-minimum']);
  });

  it('cb.round-trip: records written back through the spec parse to the same records', () => {
    const first = parse([quote, chosen, { ...quote, 'Certification body': 'Gamma', 'Quoted total': 9 }]);
    const grids = cbComparison.toGrids(first.records);
    const again = parseWorkbook(
      { sheets: Object.entries(grids).map(([name, values]) => ({ name, values })) },
      [cbComparison],
      { asOf: AS_OF },
    );
    expect(again.records.map((r) => [r.id, r.hash])).toEqual(first.records.map((r) => [r.id, r.hash]));
  });
});
