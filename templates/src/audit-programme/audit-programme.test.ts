import { describe, expect, it } from 'vitest';
import { CLAUSES } from '../catalogue/iso9001-2015.js';
import { parseWorkbook } from '../core/workbook.js';
import { checkRecordData } from '../schemas.js';
import { auditProgramme, parseScope } from './index.js';

const HEADER = [
  'Event ID',
  'Type',
  'Scope / clauses',
  'Planned date',
  'Completed date',
  'Lead',
  'Major findings',
  'Minor findings',
  'Observations',
  'Report reference',
  'Status',
] as const;
const SHEET = 'Audit Programme';
const AS_OF = '2026-06-30';

type Row = Partial<Record<(typeof HEADER)[number], unknown>>;

/** Title row, blank row, header on row 3, data from row 4. */
function parse(rows: Row[], asOf = AS_OF) {
  const values = [['Acme — audit programme 2026'], [], [...HEADER], ...rows.map((r) => HEADER.map((h) => r[h] ?? ''))];
  return parseWorkbook({ sheets: [{ name: SHEET, values }] }, [auditProgramme], { asOf });
}

const planned: Row = {
  'Event ID': 'IA-2',
  Type: 'Internal audit',
  'Scope / clauses': '8, 9.1',
  'Planned date': '2026-09-15',
  Lead: 'J. Smith',
  Status: 'Planned',
};
const completed: Row = {
  'Event ID': 'IA-1',
  Type: 'Internal audit',
  'Scope / clauses': 'all',
  'Planned date': '2026-05-10',
  'Completed date': '2026-05-12',
  Lead: 'J. Smith',
  'Major findings': 0,
  'Minor findings': 2,
  Observations: 3,
  'Report reference': 'IA-2026-01',
  Status: 'Completed',
};

function expectOne(result: ReturnType<typeof parse>, code: string, severity: 'error' | 'warning', cell: string) {
  expect(result.issues.map((i) => [i.code, i.severity, i.cell])).toEqual([[code, severity, cell]]);
  expect(result.issues[0]?.message).toContain(cell);
  if (severity === 'error')
    expect(result.records.find((r) => r.source.row === Number(/\d+$/.exec(cell)?.[0]))).toBeUndefined();
}

const ALL = CLAUSES.map((c) => c.clause);

describe('parseScope', () => {
  it('expands all, clauses, headings and ranges into catalogue clauses in catalogue order', () => {
    expect(parseScope('all')).toEqual({ ok: true, all: true, clauses: ALL });
    expect(parseScope('ALL')).toMatchObject({ ok: true, all: true });
    expect(parseScope('9.2')).toEqual({ ok: true, all: false, clauses: ['9.2'] });
    expect(parseScope('8.4')).toEqual({ ok: true, all: false, clauses: ['8.4.1', '8.4.2', '8.4.3'] });
    expect(parseScope('4')).toEqual({ ok: true, all: false, clauses: ['4.1', '4.2', '4.3', '4.4'] });
    expect(parseScope('4, 5.1-5.3, 9.2')).toEqual({
      ok: true,
      all: false,
      clauses: ['4.1', '4.2', '4.3', '4.4', '5.1.1', '5.1.2', '5.2.1', '5.2.2', '5.3', '9.2'],
    });
    expect(parseScope('7.1.5–7.2')).toEqual({ ok: true, all: false, clauses: ['7.1.5.1', '7.1.5.2', '7.1.6', '7.2'] });
    expect(parseScope('Clause 10 ; 9.2;9.2, clause 4.1 to 4.2')).toEqual({
      ok: true,
      all: false,
      clauses: ['4.1', '4.2', '9.2', '10.1', '10.2', '10.3'],
    });
    const whole = parseScope('4-10');
    expect(whole.ok && whole.clauses).toEqual(ALL);
  });

  it('names each bad item: unknown clauses, words, backward ranges', () => {
    expect(parseScope('4, 11.2')).toEqual({
      ok: false,
      problems: [{ item: '11.2', reason: '"11.2" is not an ISO 9001:2015 clause or heading' }],
    });
    expect(parseScope('purchasing')).toEqual({
      ok: false,
      problems: [{ item: 'purchasing', reason: '"purchasing" is not a clause number' }],
    });
    expect(parseScope('5.3-5.1')).toEqual({
      ok: false,
      problems: [{ item: '5.3-5.1', reason: '"5.3-5.1" runs backwards; put the lower clause first' }],
    });
    const long = parseScope(`4, ${'y'.repeat(3000)}`);
    expect(long.ok === false && long.problems[0]?.reason.length).toBeLessThan(100);
    expect(parseScope('3-5, 8.9')).toMatchObject({ ok: false, problems: [{ item: '3-5' }, { item: '8.9' }] });
  });
});

describe('audit-programme rules', () => {
  it('audit.valid: planned and completed events become records, id = Event ID, with expanded scopeClauses', () => {
    const r = parse([completed, planned]);
    expect(r.issues).toEqual([]);
    expect(r.records.map((x) => x.id)).toEqual(['IA-1', 'IA-2']);
    expect(r.records[0]).toMatchObject({ type: 'audit-event', source: { sheet: SHEET, row: 4 } });
    expect(r.records[0]?.data).toEqual({
      eventId: 'IA-1',
      type: 'Internal audit',
      scope: 'all',
      scopeClauses: ALL,
      plannedDate: '2026-05-10',
      completedDate: '2026-05-12',
      lead: 'J. Smith',
      majorFindings: 0,
      minorFindings: 2,
      observations: 3,
      reportReference: 'IA-2026-01',
      status: 'Completed',
    });
    expect(r.records[1]?.data.scopeClauses).toEqual([
      ...ALL.filter((c) => c.startsWith('8.')),
      '9.1.1',
      '9.1.2',
      '9.1.3',
    ]);
    expect(r.records.every((x) => checkRecordData('audit-event', x.data).ok)).toBe(true);
  });

  it('audit.id-required: a blank Event ID is an error on its cell', () => {
    expectOne(parse([{ ...planned, 'Event ID': '' }]), 'cell.required', 'error', `${SHEET}!A4`);
    expect(parse([{ ...planned, 'Event ID': 17 }]).records[0]?.id).toBe('17');
  });

  it('audit.id-unique: a repeated Event ID is an error on the second row, naming the first', () => {
    const r = parse([completed, { ...planned, 'Event ID': 'ia-1' }]);
    expectOne(r, 'audit.id-unique', 'error', `${SHEET}!A5`);
    expect(r.issues[0]?.message).toContain('row 4');
    expect(r.records.map((x) => x.id)).toEqual(['IA-1']);
    expect(parse([completed, planned]).issues).toEqual([]);
  });

  it('audit.type-list: Type is one of the six event types', () => {
    expectOne(parse([{ ...planned, Type: 'Supplier audit' }]), 'cell.not-in-list', 'error', `${SHEET}!B4`);
    expectOne(parse([{ ...planned, Type: '' }]), 'cell.required', 'error', `${SHEET}!B4`);
    expect(parse([{ ...planned, Type: 'stage 1 audit' }]).records[0]?.data.type).toBe('Stage 1 audit');
  });

  it('audit.status-list: Status is Planned, Completed or Cancelled', () => {
    expectOne(parse([{ ...planned, Status: 'Maybe' }]), 'cell.not-in-list', 'error', `${SHEET}!K4`);
    expectOne(parse([{ ...planned, Status: '' }]), 'cell.required', 'error', `${SHEET}!K4`);
    expect(parse([{ ...planned, Status: 'cancelled' }]).records[0]?.data.status).toBe('Cancelled');
  });

  it('audit.scope-in-catalogue: a bad scope item is an error on the scope cell naming the item', () => {
    const r = parse([{ ...planned, 'Scope / clauses': '4, 5.1-5.3, 11.2' }]);
    expectOne(r, 'audit.scope-in-catalogue', 'error', `${SHEET}!C4`);
    expect(r.issues[0]?.message).toContain('"11.2"');
    expect(parse([{ ...planned, 'Scope / clauses': 9.2 }]).records[0]?.data.scopeClauses).toEqual(['9.2']);
    expect(parse([{ ...planned, 'Scope / clauses': '' }]).records[0]?.data.scopeClauses).toBeUndefined();
  });

  it('audit.completed-audit-needs-scope: a Completed Internal audit without scope is a warning; a management review is not', () => {
    expectOne(
      parse([{ ...completed, 'Scope / clauses': '' }]),
      'audit.completed-audit-needs-scope',
      'warning',
      `${SHEET}!C4`,
    );
    expect(parse([{ ...completed, Type: 'Management review', 'Scope / clauses': '' }]).issues).toEqual([]);
  });

  it('audit.completed-needs-date: Completed without Completed date is an error on that cell', () => {
    expectOne(parse([{ ...completed, 'Completed date': '' }]), 'audit.completed-needs-date', 'error', `${SHEET}!E4`);
    expect(parse([{ ...completed, 'Completed date': AS_OF }]).issues).toEqual([]);
  });

  it('audit.completed-not-future: a Completed date after the as-of date is an error', () => {
    const r = parse([{ ...completed, 'Completed date': '2026-07-01' }]);
    expectOne(r, 'audit.completed-not-future', 'error', `${SHEET}!E4`);
    expect(r.issues[0]?.message).toContain(AS_OF);
    expect(parse([{ ...completed, 'Completed date': '2026-06-29' }]).issues).toEqual([]);
  });

  it('audit.completed-needs-report: Completed without Report reference is an error on that cell', () => {
    expectOne(
      parse([{ ...completed, 'Report reference': '' }]),
      'audit.completed-needs-report',
      'error',
      `${SHEET}!J4`,
    );
    expect(parse([{ ...completed, 'Report reference': 'MR minutes 2026-05' }]).issues).toEqual([]);
  });

  it('audit.completed-before-planned: a Completed date before the Planned date is fine (brought forward)', () => {
    const r = parse([{ ...completed, 'Planned date': '2026-06-20', 'Completed date': '2026-05-12' }]);
    expect(r.issues).toEqual([]);
    expect(r.records).toHaveLength(1);
  });

  it.each(['Major findings', 'Minor findings', 'Observations'] as const)(
    'audit.findings-count: %s is a whole number ≥ 0',
    (header) => {
      const column = String.fromCharCode(65 + HEADER.indexOf(header));
      expectOne(parse([{ ...completed, [header]: -1 }]), 'cell.below-minimum', 'error', `${SHEET}!${column}4`);
      expectOne(parse([{ ...completed, [header]: 1.5 }]), 'cell.not-an-integer', 'error', `${SHEET}!${column}4`);
      expect(parse([{ ...completed, [header]: '4' }]).issues).toEqual([]);
    },
  );

  it('audit.planned-with-completed-date: Planned status with a Completed date is a warning on the Completed date', () => {
    const r = parse([{ ...planned, 'Completed date': '2026-06-01' }]);
    expectOne(r, 'audit.planned-with-completed-date', 'warning', `${SHEET}!E4`);
    expect(r.records[0]?.warnings.map((w) => w.code)).toEqual(['audit.planned-with-completed-date']);
    expect(
      parse([{ ...planned, Status: 'Completed', 'Completed date': '2026-06-01', 'Report reference': 'IA-2' }]).issues,
    ).toEqual([]);
  });

  it('audit.planned-needs-date: Planned without a Planned date is a warning', () => {
    expectOne(parse([{ ...planned, 'Planned date': '' }]), 'audit.planned-needs-date', 'warning', `${SHEET}!D4`);
    expect(parse([{ ...planned, 'Planned date': '15 Sep 2026' }]).issues).toEqual([]);
  });

  it('audit.planned-overdue: still Planned after its Planned date is a warning "overdue"; on the day it is not', () => {
    const r = parse([{ ...planned, 'Planned date': '2026-06-01' }]);
    expectOne(r, 'audit.planned-overdue', 'warning', `${SHEET}!D4`);
    expect(r.issues[0]?.message).toMatch(/overdue/i);
    expect(parse([{ ...planned, 'Planned date': AS_OF }]).issues).toEqual([]);
    expect(parse([{ ...planned, Status: 'Cancelled', 'Planned date': '2026-06-01' }]).issues).toEqual([]);
  });

  it('audit.stage2-after-stage1: a completed Stage 2 without a completed Stage 1 on or before it is a warning on its Type', () => {
    const stage1: Row = {
      ...completed,
      'Event ID': 'S1',
      Type: 'Stage 1 audit',
      'Completed date': '2026-05-02',
      'Report reference': 'CB-S1',
    };
    const stage2: Row = {
      ...completed,
      'Event ID': 'S2',
      Type: 'Stage 2 audit',
      'Completed date': '2026-06-10',
      'Report reference': 'CB-S2',
    };
    expectOne(parse([stage2]), 'audit.stage2-after-stage1', 'warning', `${SHEET}!B4`);
    expectOne(
      parse([{ ...stage1, 'Completed date': '2026-06-11' }, stage2]),
      'audit.stage2-after-stage1',
      'warning',
      `${SHEET}!B5`,
    );
    expect(parse([stage1, stage2]).issues).toEqual([]);
  });

  it('a refused date is reported once, naming the cell, and not also as blank', () => {
    expectOne(parse([{ ...planned, 'Planned date': '03/04/2026' }]), 'cell.ambiguous-date', 'error', `${SHEET}!D4`);
    expectOne(parse([{ ...completed, 'Completed date': 'last week' }]), 'cell.not-a-date', 'error', `${SHEET}!E4`);
    expectOne(parse([{ ...completed, 'Scope / clauses': '#REF!' }]), 'cell.error-value', 'error', `${SHEET}!C4`);
  });

  it('round trip: records → toGrids → parseWorkbook gives identical records (scopeClauses recomputed)', () => {
    const rows: Row[] = [
      completed,
      planned,
      {
        'Event ID': 'MR-1',
        Type: 'Management review',
        'Planned date': '2026-06-20',
        'Completed date': '2026-06-21',
        'Report reference': 'MR-2026',
        Status: 'Completed',
      },
      {
        'Event ID': 'S1',
        Type: 'Stage 1 audit',
        'Scope / clauses': '4-10',
        'Planned date': '2026-10-01',
        Status: 'Planned',
        'Completed date': '2026-06-02',
      },
    ];
    const values = [[...HEADER], ...rows.map((r) => HEADER.map((h) => r[h] ?? ''))];
    const first = parseWorkbook({ sheets: [{ name: SHEET, values }] }, [auditProgramme], { asOf: AS_OF });
    expect(first.records).toHaveLength(4);
    const grids = auditProgramme.toGrids(first.records);
    expect(grids[SHEET]?.[0]).toEqual([...HEADER]);
    const again = parseWorkbook({ sheets: [{ name: SHEET, values: grids[SHEET] ?? [] }] }, [auditProgramme], {
      asOf: AS_OF,
    });
    expect(again.records).toEqual(first.records);
    expect(again.issues).toEqual(first.issues);
  });
});
