import { describe, expect, it } from 'vitest';
import { parseWorkbook } from '../core/workbook.js';
import { checkRecordData } from '../schemas.js';
import { trainingRecords } from './index.js';

const HEADER = [
  'Person',
  'Role',
  'Department',
  'Competence / course',
  'Required for role',
  'Completed date',
  'Valid until',
  'Method',
  'Effectiveness checked',
  'Evidence ref',
];
const AS_OF = '2026-06-30';
const SHEET = 'Training Matrix';

type Row = Partial<Record<(typeof HEADER)[number], unknown>>;

function parse(rows: Row[], asOf = AS_OF) {
  const values = [['Acme Ltd — Training Matrix'], [], HEADER, ...rows.map((r) => HEADER.map((h) => r[h] ?? ''))];
  return parseWorkbook({ sheets: [{ name: SHEET, values }] }, [trainingRecords], { asOf });
}

const ok: Row = {
  Person: 'J. Novak',
  Role: 'CNC operator',
  Department: 'Production',
  'Competence / course': 'First article inspection',
  'Required for role': 'Yes',
  'Completed date': '2026-02-10',
  'Valid until': '2028-02-10',
  Method: 'On the job',
  'Effectiveness checked': 'Yes',
  'Evidence ref': 'TR-2026-014',
};

const codes = (r: ReturnType<typeof parse>) => r.issues.map((i) => i.code);
const cells = (r: ReturnType<typeof parse>) => r.issues.map((i) => [i.code, i.cell]);

describe('training-records rules', () => {
  it('training.valid-row: a completed training becomes one record keyed by person and competence', () => {
    const r = parse([ok]);
    expect(r.issues).toEqual([]);
    expect(r.records).toMatchObject([
      { type: 'training', id: 'J. Novak|First article inspection', source: { sheet: SHEET, row: 4 } },
    ]);
    expect(r.records[0]?.data).toMatchObject({
      requiredForRole: true,
      completedDate: '2026-02-10',
      method: 'On the job',
    });
    for (const record of r.records) expect(checkRecordData(record.type, record.data).ok).toBe(true);
  });

  it('training.completed-not-future: a Completed date after the as-of date is an error', () => {
    const r = parse([{ ...ok, 'Completed date': '2026-07-01', 'Valid until': '2028-07-01' }]);
    expect(cells(r)).toEqual([['training.completed-not-future', `${SHEET}!F4`]]);
    expect(r.records).toEqual([]);
    expect(codes(parse([{ ...ok, 'Completed date': AS_OF }]))).toEqual([]);
  });

  it('training.valid-after-completed: Valid until before Completed date is an error', () => {
    const r = parse([{ ...ok, 'Valid until': '2026-02-09' }]);
    expect(cells(r)).toEqual([['training.valid-after-completed', `${SHEET}!G4`]]);
    expect(r.issues[0]?.message).toContain('2026-02-09');
    expect(r.records).toEqual([]);
    expect(codes(parse([{ ...ok, 'Valid until': '2026-02-10' }]))).toEqual(['training.refresher-due']);
  });

  it('training.refresher-due: Valid until before the as-of date is a warning carried by the record', () => {
    const r = parse([{ ...ok, 'Valid until': '2026-06-29' }]);
    expect(r.issues).toMatchObject([
      {
        severity: 'warning',
        code: 'training.refresher-due',
        cell: `${SHEET}!G4`,
        message: expect.stringContaining('Refresher due'),
      },
    ]);
    expect(r.records[0]?.warnings.map((w) => w.code)).toEqual(['training.refresher-due']);
    expect(codes(parse([{ ...ok, 'Valid until': AS_OF }]))).toEqual([]);
    expect(codes(parse([{ ...ok, 'Valid until': '' }]))).toEqual([]);
  });

  it('training.gap: a Required training with no Completed date is a warning naming person and competence', () => {
    const r = parse([{ ...ok, 'Completed date': '', 'Valid until': '' }]);
    expect(r.issues).toMatchObject([{ severity: 'warning', code: 'training.gap', cell: `${SHEET}!F4` }]);
    expect(r.issues[0]?.message).toContain('First article inspection');
    expect(r.issues[0]?.message).toContain('J. Novak');
    expect(r.records).toHaveLength(1);
    // Not required: no gap.
    expect(codes(parse([{ ...ok, 'Required for role': 'No', 'Completed date': '', 'Valid until': '' }]))).toEqual([]);
    // A refused date has its own error, not a gap as well.
    expect(codes(parse([{ ...ok, 'Completed date': '03/04/2026', 'Valid until': '' }]))).toEqual([
      'cell.ambiguous-date',
    ]);
  });

  it('training.person-competence-unique: the same person and competence twice is an error on the second row', () => {
    const r = parse([ok, { ...ok, Person: 'j. novak', 'Competence / course': 'FIRST ARTICLE INSPECTION' }]);
    expect(cells(r)).toEqual([['training.person-competence-unique', `${SHEET}!D5`]]);
    expect(r.issues[0]?.message).toContain('row 4');
    expect(r.records).toHaveLength(1);
    expect(codes(parse([ok, { ...ok, Person: 'A. Yilmaz' }]))).toEqual([]);
    expect(codes(parse([ok, { ...ok, 'Competence / course': 'Forklift licence' }]))).toEqual([]);
  });

  it('training.required-columns: Person and Competence / course are required on every row', () => {
    const r = parse([
      { ...ok, Person: '' },
      { ...ok, 'Competence / course': '' },
    ]);
    expect(cells(r)).toEqual([
      ['cell.required', `${SHEET}!A4`],
      ['cell.required', `${SHEET}!D5`],
    ]);
    expect(r.records).toEqual([]);
  });
});
