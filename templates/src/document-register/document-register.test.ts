import { describe, expect, it } from 'vitest';
import { parseWorkbook } from '../core/workbook.js';
import { checkRecordData } from '../schemas.js';
import { documentRegister } from './index.js';

const HEADER = [
  'Doc ID',
  'Title',
  'Type',
  'Clauses',
  'Owner',
  'Revision',
  'Status',
  'Approved by',
  'Approval date',
  'Next review',
  'Location',
  'Retention',
];
const AS_OF = '2026-06-30';
const SHEET = 'Document Register';

type Row = Partial<Record<(typeof HEADER)[number], unknown>>;

function parse(rows: Row[], asOf = AS_OF) {
  const values = [['Acme Ltd — Document Register'], [], HEADER, ...rows.map((r) => HEADER.map((h) => r[h] ?? ''))];
  return parseWorkbook({ sheets: [{ name: SHEET, values }] }, [documentRegister], { asOf });
}

const ok: Row = {
  'Doc ID': 'QP-01',
  Title: 'Control of documented information',
  Type: 'Procedure',
  Clauses: '7.5, 8.1',
  Owner: 'QM',
  Revision: 'C',
  Status: 'Approved',
  'Approved by': 'Managing director',
  'Approval date': '2026-02-01',
  'Next review': '2027-02-01',
  Location: 'https://intranet.example/qms/QP-01.docx',
  Retention: '',
};

const codes = (r: ReturnType<typeof parse>) => r.issues.map((i) => i.code);
const cells = (r: ReturnType<typeof parse>) => r.issues.map((i) => [i.code, i.cell]);

describe('document-register rules', () => {
  it('doc.valid-row: an approved entry becomes one record, its clauses expanded and its location kept as text', () => {
    const r = parse([ok]);
    expect(r.issues).toEqual([]);
    expect(r.records).toMatchObject([{ type: 'document', id: 'QP-01', source: { sheet: SHEET, row: 4 } }]);
    expect(r.records[0]?.data).toMatchObject({
      docId: 'QP-01',
      clauses: '7.5, 8.1',
      clauseList: ['7.5.1', '7.5.2', '7.5.3', '8.1'],
      status: 'Approved',
      location: 'https://intranet.example/qms/QP-01.docx',
    });
    for (const record of r.records) expect(checkRecordData(record.type, record.data).ok).toBe(true);
  });

  it('doc.id-unique: a repeated Doc ID is an error on the second row, naming the first', () => {
    const r = parse([ok, { ...ok, 'Doc ID': 'qp-01' }]);
    expect(cells(r)).toEqual([['doc.id-unique', `${SHEET}!A5`]]);
    expect(r.issues[0]?.message).toContain('row 4');
    expect(r.records).toHaveLength(1);
    expect(codes(parse([ok, { ...ok, 'Doc ID': 'QP-02' }]))).toEqual([]);
  });

  it('doc.approved-needs-approver: Approved without Approved by is an error on that cell', () => {
    const r = parse([{ ...ok, 'Approved by': '' }]);
    expect(cells(r)).toEqual([['doc.approved-needs-approver', `${SHEET}!H4`]]);
    expect(r.records).toEqual([]);
    // A draft need not be approved by anyone yet.
    expect(codes(parse([{ ...ok, Status: 'Draft', 'Approved by': '', 'Approval date': '' }]))).toEqual([]);
  });

  it('doc.approved-needs-date: Approved without Approval date is an error on that cell', () => {
    const r = parse([{ ...ok, 'Approval date': '' }]);
    expect(cells(r)).toEqual([['doc.approved-needs-date', `${SHEET}!I4`]]);
    expect(r.issues[0]?.message).toContain('Approval date is blank');
    expect(codes(parse([{ ...ok, Status: 'In review', 'Approval date': '' }]))).toEqual([]);
  });

  it('doc.approval-not-future: an Approval date after the as-of date is an error', () => {
    const r = parse([{ ...ok, 'Approval date': '2026-07-01' }]);
    expect(cells(r)).toEqual([['doc.approval-not-future', `${SHEET}!I4`]]);
    expect(r.issues[0]?.message).toContain('2026-07-01');
    expect(codes(parse([{ ...ok, 'Approval date': AS_OF }]))).toEqual([]);
  });

  it('doc.review-after-approval: a Next review before the Approval date is an error', () => {
    const r = parse([{ ...ok, 'Next review': '2026-01-31' }]);
    expect(cells(r)).toEqual([['doc.review-after-approval', `${SHEET}!J4`]]);
    expect(r.records).toEqual([]);
    expect(codes(parse([{ ...ok, 'Next review': '2026-02-01' }]))).toEqual(['doc.review-overdue']);
  });

  it('doc.review-overdue: a Next review before the as-of date is a warning carried by the record', () => {
    const r = parse([{ ...ok, 'Next review': '2026-06-29' }]);
    expect(r.issues).toMatchObject([
      {
        severity: 'warning',
        code: 'doc.review-overdue',
        cell: `${SHEET}!J4`,
        message: expect.stringContaining('Review overdue'),
      },
    ]);
    expect(r.records[0]?.warnings.map((w) => w.code)).toEqual(['doc.review-overdue']);
    expect(codes(parse([{ ...ok, 'Next review': AS_OF }]))).toEqual([]);
    // An obsolete document is not reviewed any more.
    expect(codes(parse([{ ...ok, Status: 'Obsolete', 'Next review': '2026-06-29' }]))).toEqual([]);
  });

  it('doc.clauses-in-catalogue: clauses outside the catalogue, and "all", are errors naming the item', () => {
    const r = parse([{ ...ok, Clauses: '7.5, 11.2' }]);
    expect(cells(r)).toEqual([['doc.clauses-in-catalogue', `${SHEET}!D4`]]);
    expect(r.issues[0]?.message).toContain('"11.2"');
    expect(codes(parse([{ ...ok, Clauses: 'all' }]))).toEqual(['doc.clauses-in-catalogue']);
    // Headings, ranges and a number cell are clauses too.
    expect(parse([{ ...ok, Clauses: 8.1 }]).records[0]?.data.clauseList).toEqual(['8.1']);
    expect(parse([{ ...ok, Clauses: '8.3.2-8.3.4; 9.2' }]).records[0]?.data.clauseList).toEqual([
      '8.3.2',
      '8.3.3',
      '8.3.4',
      '9.2',
    ]);
    expect(codes(parse([{ ...ok, Clauses: '' }]))).toEqual([]);
  });

  it('doc.lists: Type and Status outside their lists are errors on their cells', () => {
    const r = parse([{ ...ok, Type: 'Manual', Status: 'Released' }]);
    expect(r.issues.map((i) => i.cell)).toEqual([`${SHEET}!C4`, `${SHEET}!G4`]);
    expect(r.records).toEqual([]);
  });
});
