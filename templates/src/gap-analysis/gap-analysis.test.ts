import { describe, expect, it } from 'vitest';
import { CLAUSES } from '../catalogue/iso9001-2015.js';
import { parseWorkbook } from '../core/workbook.js';
import { checkRecordData } from '../schemas.js';
import { readClauseCell } from './clause-cell.js';
import { gapAnalysis } from './index.js';

const HEADER = [
  'Clause',
  'Title',
  'Status',
  'Evidence',
  'Gap',
  'Action',
  'Owner',
  'Target date',
  'Priority',
  'Effort (days)',
] as const;
const SHEET = 'Gap Analysis';
const AS_OF = '2026-06-30';

type Row = Partial<Record<(typeof HEADER)[number], unknown>>;

/** Every catalogue clause, Compliant with evidence, with changes for some clauses (by clause number). */
function catalogueRows(changes: Record<string, Row> = {}): Row[] {
  return CLAUSES.map((c) => ({
    Clause: c.clause,
    Status: 'Compliant',
    Evidence: `QM-${c.clause}`,
    ...changes[c.clause],
  }));
}

/** Title row, blank row, header on row 3, data from row 4. */
function parse(rows: Row[], asOf = AS_OF) {
  const values = [['Acme — ISO 9001 gap analysis'], [], [...HEADER], ...rows.map((r) => HEADER.map((h) => r[h] ?? ''))];
  return parseWorkbook({ sheets: [{ name: SHEET, values }] }, [gapAnalysis], { asOf });
}

/** Sheet row of a clause in catalogueRows(). */
function rowOf(clause: string): number {
  return CLAUSES.findIndex((c) => c.clause === clause) + 4;
}

function expectOne(result: ReturnType<typeof parse>, code: string, severity: 'error' | 'warning', cell: string) {
  expect(result.issues.map((i) => [i.code, i.severity, i.cell])).toEqual([[code, severity, cell]]);
  expect(result.issues[0]?.message).toContain(cell);
}

const recordOf = (result: ReturnType<typeof parse>, clause: string) => result.records.find((r) => r.id === clause);

describe('gap-analysis rules (DESIGN §3.2)', () => {
  it('gap.valid: a full catalogue sheet gives one record per clause, id = clause, titles from the catalogue', () => {
    const r = parse(catalogueRows());
    expect(r.issues).toEqual([]);
    expect(r.records.map((x) => x.id)).toEqual(CLAUSES.map((c) => c.clause));
    expect(r.records[0]).toMatchObject({ type: 'gap', id: '4.1', source: { sheet: SHEET, row: 4 } });
    expect(recordOf(r, '8.5.1')?.data).toEqual({
      clause: '8.5.1',
      title: 'Control of production and service provision',
      status: 'Compliant',
      evidence: 'QM-8.5.1',
    });
    expect(r.records.every((x) => checkRecordData('gap', x.data).ok)).toBe(true);
  });

  it('gap.clause-in-catalogue: an unknown clause is an error on its Clause cell and yields no record', () => {
    const r = parse([...catalogueRows(), { Clause: '11.4', Status: 'Compliant', Evidence: 'x' }]);
    expectOne(r, 'gap.clause-in-catalogue', 'error', `${SHEET}!A${CLAUSES.length + 4}`);
    expect(r.issues[0]?.message).toContain('"11.4"');
    expect(r.records).toHaveLength(CLAUSES.length);
    expect(parse(catalogueRows()).issues).toEqual([]);
    expectOne(
      parse([...catalogueRows(), { Clause: 'Scope', Status: 'Compliant' }]),
      'gap.clause-in-catalogue',
      'error',
      `${SHEET}!A${CLAUSES.length + 4}`,
    );
  });

  it('gap.clause-in-catalogue: a pasted essay in the Clause cell is quoted short in the message', () => {
    const r = parse([...catalogueRows(), { Clause: 'x'.repeat(5000), Status: 'Compliant', Evidence: 'e' }]);
    expect(r.issues.map((i) => i.code)).toEqual(['gap.clause-in-catalogue']);
    expect(r.issues[0]?.message.length).toBeLessThan(300);
  });

  it('gap.clause-in-catalogue: "Clause 8.5.1", "8.5.1.", a number cell and "number + title" are normalised', () => {
    const r = parse(
      catalogueRows({
        '8.5.1': { Clause: 'Clause 8.5.1' },
        '8.6': { Clause: '8.6.' },
        '8.1': { Clause: 8.1 },
        '10.1': { Clause: 10.1 },
        '9.2': { Clause: '9.2 Internal audit' },
      }),
    );
    expect(r.issues).toEqual([]);
    expect(['8.5.1', '8.6', '8.1', '10.1', '9.2'].map((c) => recordOf(r, c)?.data.clause)).toEqual([
      '8.5.1',
      '8.6',
      '8.1',
      '10.1',
      '9.2',
    ]);
  });

  it('gap.clause-in-catalogue: a heading (8.4) with a status is an error naming its clauses; a title-only heading row is skipped', () => {
    const bad = parse([...catalogueRows(), { Clause: '8.4', Status: 'Compliant', Evidence: 'SUP-1' }]);
    expectOne(bad, 'gap.clause-in-catalogue', 'error', `${SHEET}!A${CLAUSES.length + 4}`);
    expect(bad.issues[0]?.message).toContain('8.4.1, 8.4.2, 8.4.3');
    const headings = parse([
      { Clause: '4', Title: 'Context of the organization' },
      ...catalogueRows(),
      { Clause: 'Clause 8.4', Title: 'External providers' },
    ]);
    expect(headings.issues).toEqual([]);
    expect(headings.records).toHaveLength(CLAUSES.length);
  });

  it('gap.clause-unique: a clause given twice is an error on the second row, naming the first', () => {
    const r = parse([
      ...catalogueRows(),
      { Clause: 'Clause 7.2', Status: 'Partially compliant', Owner: 'HR', 'Target date': '2026-09-01' },
    ]);
    expectOne(r, 'gap.clause-unique', 'error', `${SHEET}!A${CLAUSES.length + 4}`);
    expect(r.issues[0]?.message).toContain(`row ${rowOf('7.2')}`);
    expect(recordOf(r, '7.2')?.data.status).toBe('Compliant');
    expect(parse(catalogueRows({ '7.2': { Clause: 'Clause 7.2' } })).issues).toEqual([]);
  });

  it('gap.clauses-missing: catalogue clauses absent from the sheet are ONE warning on the header listing them', () => {
    const rows = catalogueRows().filter((r) => r.Clause !== '6.3' && r.Clause !== '10.3');
    const r = parse(rows);
    expectOne(r, 'gap.clauses-missing', 'warning', `${SHEET}!A3`);
    expect(r.issues[0]?.message).toContain('6.3, 10.3');
    expect(r.issues[0]?.message).toContain('Not assessed');
    expect(r.records).toHaveLength(CLAUSES.length - 2);
    const empty = parse([]);
    expect(empty.issues.map((i) => i.code)).toEqual(['gap.clauses-missing']);
    expect(empty.issues[0]?.message).toContain(`${CLAUSES.length} catalogue clauses`);
  });

  it('gap.status-list: blank Status is Not assessed; an unknown status is an error on the Status cell', () => {
    const blank = parse(catalogueRows({ '6.2': { Status: '', Evidence: '' } }));
    expect(blank.issues).toEqual([]);
    expect(recordOf(blank, '6.2')?.data.status).toBe('Not assessed');
    const r = parse(catalogueRows({ '6.2': { Status: 'Done' } }));
    expectOne(r, 'cell.not-in-list', 'error', `${SHEET}!C${rowOf('6.2')}`);
    expect(
      parse(
        catalogueRows({ '6.2': { Status: 'non compliant', Owner: 'QM', 'Target date': '2026-08-01' } }),
      ).records.find((x) => x.id === '6.2')?.data.status,
    ).toBe('Non-compliant');
  });

  it('gap.na-needs-justification: Not applicable without a Gap justification is an error on the Gap cell', () => {
    const r = parse(catalogueRows({ '8.3.1': { Status: 'Not applicable', Evidence: '' } }));
    expectOne(r, 'gap.na-needs-justification', 'error', `${SHEET}!E${rowOf('8.3.1')}`);
    expect(recordOf(r, '8.3.1')).toBeUndefined();
    const ok = parse(
      catalogueRows({ '8.3.1': { Status: 'Not applicable', Evidence: '', Gap: 'We make to customer drawings only' } }),
    );
    expect(ok.issues).toEqual([]);
    expect(recordOf(ok, '8.3.1')?.data).toMatchObject({
      status: 'Not applicable',
      gap: 'We make to customer drawings only',
    });
  });

  it('gap.na-allowed: Not applicable outside 7.1.5.x and clause 8 is an error on the Status cell', () => {
    const r = parse(catalogueRows({ '5.1.1': { Status: 'Not applicable', Gap: 'Small company' } }));
    expectOne(r, 'gap.na-allowed', 'error', `${SHEET}!C${rowOf('5.1.1')}`);
    expect(r.issues[0]?.message).toContain("system clauses can't be");
    expectOne(
      parse(catalogueRows({ '7.1.4': { Status: 'Not applicable', Gap: 'x' } })),
      'gap.na-allowed',
      'error',
      `${SHEET}!C${rowOf('7.1.4')}`,
    );
    for (const clause of ['7.1.5.1', '7.1.5.2', '8.3.6', '8.5.5']) {
      expect(
        parse(catalogueRows({ [clause]: { Status: 'Not applicable', Gap: 'No measuring equipment' } })).issues,
      ).toEqual([]);
    }
  });

  it('gap.compliant-needs-evidence: Compliant without Evidence is a warning "claimed without evidence"; the record stays', () => {
    const r = parse(catalogueRows({ '7.5.3': { Evidence: '' } }));
    expectOne(r, 'gap.compliant-needs-evidence', 'warning', `${SHEET}!D${rowOf('7.5.3')}`);
    expect(r.issues[0]?.message).toContain('claimed without evidence');
    expect(recordOf(r, '7.5.3')?.warnings.map((w) => w.code)).toEqual(['gap.compliant-needs-evidence']);
    expect(parse(catalogueRows({ '7.5.3': { Evidence: 'Document control procedure QP-02' } })).issues).toEqual([]);
  });

  it.each(['Partially compliant', 'Non-compliant'])(
    'gap.open-needs-owner: %s without Owner is a warning on the Owner cell',
    (status) => {
      expectOne(
        parse(catalogueRows({ '9.1.2': { Status: status, 'Target date': '2026-09-30' } })),
        'gap.open-needs-owner',
        'warning',
        `${SHEET}!G${rowOf('9.1.2')}`,
      );
      expect(
        parse(catalogueRows({ '9.1.2': { Status: status, Owner: 'Sales', 'Target date': '2026-09-30' } })).issues,
      ).toEqual([]);
    },
  );

  it.each(['Partially compliant', 'Non-compliant'])(
    'gap.open-needs-target-date: %s without Target date is a warning on its cell',
    (status) => {
      expectOne(
        parse(catalogueRows({ '9.1.2': { Status: status, Owner: 'Sales' } })),
        'gap.open-needs-target-date',
        'warning',
        `${SHEET}!H${rowOf('9.1.2')}`,
      );
      expect(
        parse(catalogueRows({ '9.1.2': { Status: status, Owner: 'Sales', 'Target date': '31 Dec 2026' } })).issues,
      ).toEqual([]);
    },
  );

  it('gap.overdue: an open gap whose Target date is before the as-of date is a warning "overdue"; on the day it is not', () => {
    const row = { Status: 'Non-compliant', Owner: 'QM', 'Target date': '2026-06-29' };
    const r = parse(catalogueRows({ '10.2': row }));
    expectOne(r, 'gap.overdue', 'warning', `${SHEET}!H${rowOf('10.2')}`);
    expect(r.issues[0]?.message).toMatch(/overdue/i);
    expect(parse(catalogueRows({ '10.2': { ...row, 'Target date': AS_OF } })).issues).toEqual([]);
    expect(
      parse(catalogueRows({ '10.2': { Status: 'Compliant', Evidence: 'CAPA log', 'Target date': '2026-01-01' } }))
        .issues,
    ).toEqual([]);
    expectOne(
      parse(catalogueRows({ '10.2': { Status: '', Evidence: '', 'Target date': '2026-01-01' } })),
      'gap.overdue',
      'warning',
      `${SHEET}!H${rowOf('10.2')}`,
    );
  });

  it('gap.priority-list: Priority is High, Medium or Low', () => {
    expectOne(
      parse(catalogueRows({ '4.4': { Priority: 'Urgent' } })),
      'cell.not-in-list',
      'error',
      `${SHEET}!I${rowOf('4.4')}`,
    );
    expect(recordOf(parse(catalogueRows({ '4.4': { Priority: 'high' } })), '4.4')?.data.priority).toBe('High');
  });

  it('gap.effort-non-negative: Effort (days) is a number ≥ 0', () => {
    expectOne(
      parse(catalogueRows({ '4.4': { 'Effort (days)': -1 } })),
      'cell.below-minimum',
      'error',
      `${SHEET}!J${rowOf('4.4')}`,
    );
    expectOne(
      parse(catalogueRows({ '4.4': { 'Effort (days)': 'lots' } })),
      'cell.not-a-number',
      'error',
      `${SHEET}!J${rowOf('4.4')}`,
    );
    expect(recordOf(parse(catalogueRows({ '4.4': { 'Effort (days)': 2.5 } })), '4.4')?.data.effortDays).toBe(2.5);
  });

  it('gap.title-from-catalogue: a blank Title is filled from the catalogue; a typed one is kept', () => {
    const r = parse(catalogueRows({ '7.2': { Title: 'Competence & training' } }));
    expect(recordOf(r, '7.2')?.data.title).toBe('Competence & training');
    expect(recordOf(r, '7.3')?.data.title).toBe('Awareness');
  });

  it('a cell whose value is refused is reported once, not also as blank', () => {
    const r = parse(
      catalogueRows({ '9.1.2': { Status: 'Non-compliant', Owner: '#N/A', 'Target date': '03/04/2026' } }),
    );
    expect(r.issues.map((i) => [i.code, i.cell])).toEqual([
      ['cell.error-value', `${SHEET}!G${rowOf('9.1.2')}`],
      ['cell.ambiguous-date', `${SHEET}!H${rowOf('9.1.2')}`],
    ]);
  });

  it('a missing Clause column is one sheet-level error and no records', () => {
    const values = [HEADER.filter((h) => h !== 'Clause'), ['Context', 'Compliant']];
    const r = parseWorkbook({ sheets: [{ name: SHEET, values }] }, [gapAnalysis], { asOf: AS_OF });
    expect(r.issues.map((i) => [i.code, i.cell])).toEqual([['sheet.missing-column', `${SHEET}!A1`]]);
    expect(r.records).toEqual([]);
  });

  it('readClauseCell tells clauses, headings and other text apart', () => {
    expect(readClauseCell('§ 7.1.5.1')).toEqual({ kind: 'clause', clause: '7.1.5.1' });
    expect(readClauseCell('7.1.5')).toEqual({ kind: 'heading', heading: '7.1.5', clauses: ['7.1.5.1', '7.1.5.2'] });
    expect(readClauseCell('4.10')).toEqual({ kind: 'unknown' });
    expect(readClauseCell('ISO')).toEqual({ kind: 'unknown' });
  });

  it('round trip: records → toGrids → parseWorkbook gives identical records', () => {
    const rows = catalogueRows({
      '4.4': {
        Status: 'Partially compliant',
        Owner: 'QM',
        'Target date': '2026-09-01',
        Priority: 'High',
        'Effort (days)': 4.5,
        Gap: 'Process map incomplete',
        Action: 'Map all processes',
      },
      '8.3.1': { Status: 'Not applicable', Evidence: '', Gap: 'No design activity' },
      '7.5.3': { Evidence: '' },
      '9.2': { Status: '', Evidence: '' },
    });
    const values = [[...HEADER], ...rows.map((r) => HEADER.map((h) => r[h] ?? ''))];
    const first = parseWorkbook({ sheets: [{ name: SHEET, values }] }, [gapAnalysis], { asOf: AS_OF });
    expect(first.records).toHaveLength(CLAUSES.length);
    const grids = gapAnalysis.toGrids(first.records);
    const again = parseWorkbook({ sheets: [{ name: SHEET, values: grids[SHEET] ?? [] }] }, [gapAnalysis], {
      asOf: AS_OF,
    });
    expect(again.records).toEqual(first.records);
    expect(again.issues).toEqual(first.issues);
  });
});
