import { describe, expect, it } from 'vitest';
import { parseWorkbook } from '../core/workbook.js';
import { checkRecordData } from '../schemas.js';
import { managementReview, REVIEW_INPUTS } from './index.js';

const INPUT_HEADERS = REVIEW_INPUTS.map((i) => i.name);
const HEADER = [
  'Review ID',
  'Date',
  'Status',
  'Chair',
  ...INPUT_HEADERS,
  'Decisions',
  'Actions raised',
  'Minutes reference',
];
const AS_OF = '2026-06-30';

type Row = Partial<Record<string, unknown>>;

function parse(rows: Row[], asOf = AS_OF) {
  const values = [['Acme Ltd — Management Review'], [], HEADER, ...rows.map((r) => HEADER.map((h) => r[h] ?? ''))];
  return parseWorkbook({ sheets: [{ name: 'Management Review', values }] }, [managementReview], { asOf });
}

const allCovered = Object.fromEntries(INPUT_HEADERS.map((h) => [h, 'Yes']));
const completed: Row = {
  'Review ID': 'MR-1',
  Date: '2026-05-20',
  Status: 'Completed',
  Chair: 'Managing director',
  ...allCovered,
  Decisions: 'Add a second CMM operator',
  'Actions raised': 'CAPA-12, CAPA-13',
  'Minutes reference': 'MR-minutes-1',
};
const planned: Row = { 'Review ID': 'MR-2', Date: '2026-11-20', Status: 'Planned' };

const codes = (r: ReturnType<typeof parse>) => r.issues.map((i) => i.code);

describe('management-review rules', () => {
  it('review.valid-row: a completed review covering every input becomes one record with no issues', () => {
    const r = parse([completed, planned]);
    expect(r.issues).toEqual([]);
    expect(r.records.map((x) => x.id)).toEqual(['MR-1', 'MR-2']);
    expect(r.records[0]).toMatchObject({ type: 'management-review', source: { sheet: 'Management Review', row: 4 } });
    expect(r.records[0]?.data).toMatchObject({ reviewId: 'MR-1', status: 'Completed', auditResults: true });
    for (const record of r.records) expect(checkRecordData(record.type, record.data).ok).toBe(true);
  });

  it('review.inputs-short-names: one Covered column per 9.3.2 input (12), headed by a short name only', () => {
    expect(REVIEW_INPUTS.map((i) => i.item)).toEqual([
      'a',
      'b',
      'c1',
      'c2',
      'c3',
      'c4',
      'c5',
      'c6',
      'c7',
      'd',
      'e',
      'f',
    ]);
    for (const input of REVIEW_INPUTS) expect(input.name.length).toBeLessThanOrEqual(24);
  });

  it('review.id-required: a blank Review ID is an error on its cell', () => {
    const r = parse([{ ...completed, 'Review ID': '' }]);
    expect(r.issues).toMatchObject([{ severity: 'error', code: 'cell.required', cell: 'Management Review!A4' }]);
    expect(r.records).toEqual([]);
  });

  it('review.id-unique: a repeated Review ID is an error on the second row only', () => {
    const r = parse([completed, { ...completed }]);
    expect(r.issues).toMatchObject([{ code: 'review.id-unique', cell: 'Management Review!A5' }]);
    expect(r.records).toHaveLength(1);
  });

  it('review.status-list: Status must be Planned or Completed', () => {
    expect(codes(parse([{ ...planned, Status: 'Done' }]))).toEqual(['cell.not-in-list']);
  });

  it('review.completed-needs-date: Completed with a blank Date is an error; Planned without one is fine', () => {
    const r = parse([{ ...completed, Date: '' }]);
    expect(r.issues).toMatchObject([
      { severity: 'error', code: 'review.completed-needs-date', cell: 'Management Review!B4' },
    ]);
    expect(parse([{ ...planned, Date: '' }]).issues).toEqual([]);
  });

  it('review.completed-not-future: a completed review dated after the as-of date is an error; on the day is fine', () => {
    expect(codes(parse([{ ...completed, Date: '2026-07-01' }]))).toEqual(['review.completed-not-future']);
    expect(parse([{ ...completed, Date: AS_OF }]).issues).toEqual([]);
    // A planned review may lie ahead.
    expect(parse([planned]).issues).toEqual([]);
  });

  it('review.completed-needs-minutes: Completed without a Minutes reference is an error', () => {
    const r = parse([{ ...completed, 'Minutes reference': '' }]);
    expect(r.issues).toMatchObject([{ code: 'review.completed-needs-minutes', cell: 'Management Review!S4' }]);
    expect(r.records).toEqual([]);
    expect(parse([{ ...planned, 'Minutes reference': '' }]).issues).toEqual([]);
  });

  it('review.input-not-covered: each input a completed review left No or blank is a warning naming it, on its cell', () => {
    const r = parse([{ ...completed, 'External providers': 'No', Resources: '' }]);
    expect(r.issues.map((i) => [i.severity, i.code, i.cell])).toEqual([
      ['warning', 'review.input-not-covered', 'Management Review!M4'],
      ['warning', 'review.input-not-covered', 'Management Review!N4'],
    ]);
    expect(r.issues[0]?.message).toContain('"External providers"');
    expect(r.issues[0]?.message).toContain('it is No');
    expect(r.issues[1]?.message).toContain('"Resources"');
    expect(r.issues[1]?.message).toContain('it is blank');
    // Warnings keep the record, with the answer as given.
    expect(r.records[0]?.data).toMatchObject({ externalProviders: false });
    expect(r.records[0]?.data.resources).toBeUndefined();
    expect(r.records[0]?.warnings).toHaveLength(2);
    // A planned review is not judged on its inputs.
    expect(parse([{ ...planned, 'External providers': 'No' }]).issues).toEqual([]);
  });

  it('review.input-yes-no: an input cell that is not Yes or No is an error, not also a not-covered warning', () => {
    expect(codes(parse([{ ...completed, 'Audit results': 'partly' }]))).toEqual(['cell.not-yes-no']);
  });

  it('review.round-trip: records written back through the spec parse to the same records', () => {
    const first = parse([completed, { ...completed, 'Review ID': 'MR-3', Resources: 'No' }, planned]);
    const grids = managementReview.toGrids(first.records);
    const again = parseWorkbook(
      { sheets: Object.entries(grids).map(([name, values]) => ({ name, values })) },
      [managementReview],
      { asOf: AS_OF },
    );
    expect(again.records.map((r) => [r.id, r.hash])).toEqual(first.records.map((r) => [r.id, r.hash]));
  });
});
