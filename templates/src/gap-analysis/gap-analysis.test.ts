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

function expectOne(
  result: ReturnType<typeof parse>,
  code: string,
  severity: 'error' | 'warning' | 'info',
  cell: string,
) {
  expect(result.issues.map((i) => [i.code, i.severity, i.cell])).toEqual([[code, severity, cell]]);
  expect(result.issues[0]?.message).toContain(cell);
}

const recordOf = (result: ReturnType<typeof parse>, clause: string) => result.records.find((r) => r.id === clause);

describe('gap-analysis rules', () => {
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
    const r = parse(catalogueRows({ '6.2': { Status: 'Awaiting audit' } }));
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

/** catalogueRows() with `extra` rows inserted right after the row of `after`; returns the rows and that row's number. */
function withRowsAfter(after: string, extra: Row[], changes: Record<string, Row> = {}) {
  const rows = catalogueRows(changes);
  const index = rows.findIndex((r) => r.Clause === after);
  rows.splice(index + 1, 0, ...extra);
  return { rows, at: index + 4 };
}

const REVIEW = '8.2.3 (Review of the requirements for products and services)';

describe('gap-analysis sub-clauses and title forms', () => {
  it('gap.subclause-fold: 8.2.3 and rows for 8.2.3.1, 8.2.3.2 are one record with the weakest status, and an info note on each sub-clause row', () => {
    const { rows, at } = withRowsAfter('8.2.3', [
      {
        Clause: '8.2.3.1',
        Status: 'Partially compliant',
        Evidence: 'QP-07',
        Owner: 'Sales',
        'Target date': '2026-09-01',
      },
      { Clause: '8.2.3.2', Status: 'Compliant', Evidence: 'Order review log' },
    ]);
    const r = parse(rows);
    expect(r.issues.map((i) => [i.code, i.severity, i.cell])).toEqual([
      ['gap.subclause-fold', 'info', `${SHEET}!A${at + 1}`],
      ['gap.subclause-fold', 'info', `${SHEET}!A${at + 2}`],
    ]);
    expect(r.issues[0]?.message).toBe(
      `${SHEET}!A${at + 1}: 8.2.3.1 is read as part of ${REVIEW}; 8.2.3 takes the weakest status of its 3 rows: Partially compliant`,
    );
    expect(r.issues[1]?.message).toContain('8.2.3.2 is read as part of 8.2.3');
    // One record per catalogue clause, in catalogue order, at the clause's own row.
    expect(r.records.map((x) => x.id)).toEqual(CLAUSES.map((c) => c.clause));
    const review = recordOf(r, '8.2.3');
    expect(review?.source).toEqual({ sheet: SHEET, row: at });
    expect(review?.data).toEqual({
      clause: '8.2.3',
      title: 'Review of the requirements for products and services',
      status: 'Partially compliant',
      evidence: 'QM-8.2.3; QP-07; Order review log',
      owner: 'Sales',
      targetDate: '2026-09-01',
    });
    // A note on how the row was read is not a warning the record carries.
    expect(review?.warnings).toEqual([]);
    expect(r.records.every((x) => checkRecordData('gap', x.data).ok)).toBe(true);
  });

  it('gap.subclause-fold: sub-clause rows alone (8.7.1, 9.2.1, 10.2.1 …) stand for their clause, which no longer counts as Not assessed', () => {
    const parents = ['8.7', '9.2', '10.2'];
    const rows = [
      ...catalogueRows().filter((x) => !parents.includes(String(x.Clause))),
      { Clause: '8.7.1', Status: 'Compliant', Evidence: 'NCR log' },
      { Clause: '8.7.2', Status: 'Non-compliant', Owner: 'QM', 'Target date': '2026-08-01' },
      { Clause: '9.2.1', Status: 'Compliant', Evidence: 'Audit programme' },
      { Clause: '9.2.2', Status: 'Compliant', Evidence: 'Audit reports' },
      { Clause: '10.2.1', Status: 'Partially compliant', Owner: 'QM', 'Target date': '2026-08-01' },
      { Clause: '10.2.2', Status: 'Compliant', Evidence: 'CAPA log' },
    ];
    const r = parse(rows);
    expect(r.issues.map((i) => i.code)).not.toContain('gap.clauses-missing');
    expect(r.issues.every((i) => i.code === 'gap.subclause-fold' && i.severity === 'info')).toBe(true);
    expect(r.issues).toHaveLength(6);
    expect(parents.map((c) => recordOf(r, c)?.data.status)).toEqual([
      'Non-compliant',
      'Compliant',
      'Partially compliant',
    ]);
    expect(recordOf(r, '9.2')?.data).toMatchObject({
      title: 'Internal audit',
      evidence: 'Audit programme; Audit reports',
    });
    expect(r.records).toHaveLength(CLAUSES.length);
    // Without the sub-clause rows, the same sheet leaves the three clauses Not assessed.
    const without = parse(rows.filter((x) => !/^(8\.7|9\.2|10\.2)\./.test(String(x.Clause))));
    expect(without.issues.map((i) => i.code)).toEqual(['gap.clauses-missing']);
    expect(without.issues[0]?.message).toContain('8.7, 9.2, 10.2');
  });

  it.each([
    [['Compliant', 'Partially compliant'], 'Partially compliant'],
    [['Partially compliant', 'Non-compliant'], 'Non-compliant'],
    [['Partially compliant', ''], 'Not assessed'],
    [['', 'Non-compliant'], 'Non-compliant'],
    [['Compliant', 'Not applicable'], 'Compliant'],
    [['Not applicable', 'Not applicable'], 'Not applicable'],
  ])(
    'gap.subclause-fold: parts %j make the clause %s (weakest first: Non-compliant, Not assessed, Partially compliant, Compliant, Not applicable)',
    (statuses, expected) => {
      // A blank Status with Evidence is a row that says something but is Not assessed.
      const part = (clause: string, status: string): Row => ({
        Clause: clause,
        Status: status,
        Evidence: `E-${clause}`,
        Gap: status === 'Not applicable' ? 'We hold no customer property' : '',
        Owner: 'QM',
        'Target date': '2026-09-01',
      });
      const { rows } = withRowsAfter('8.5.3', [part('8.5.3.2', statuses[1] ?? '')], {
        '8.5.3': part('8.5.3', statuses[0] ?? ''),
      });
      const r = parse(rows);
      expect(r.issues.map((i) => i.code)).toEqual(['gap.subclause-fold']);
      expect(r.issues[0]?.message).toMatch(
        new RegExp(`8\\.5\\.3 takes the weakest status of its 2 rows: ${expected}$`),
      );
      expect(recordOf(r, '8.5.3')?.data.status).toBe(expected);
    },
  );

  it('gap.subclause-fold: a clause row with only its number and title is a title for its parts and does not make it Not assessed', () => {
    const { rows, at } = withRowsAfter(
      '8.2.3',
      [
        { Clause: '8.2.3.1 General', Status: 'Compliant', Evidence: 'QP-07' },
        { Clause: '8.2.3.2', Status: 'Compliant', Evidence: 'Order review log' },
      ],
      { '8.2.3': { Title: 'Review of requirements', Status: '', Evidence: '' } },
    );
    const r = parse(rows);
    expect(r.issues.map((i) => i.cell)).toEqual([`${SHEET}!A${at + 1}`, `${SHEET}!A${at + 2}`]);
    expect(r.issues[0]?.message).toBe(
      `${SHEET}!A${at + 1}: 8.2.3.1 is read as part of ${REVIEW}; 8.2.3 takes the weakest status of its 3 rows (1 with no Status or details is a title only): Compliant`,
    );
    expect(recordOf(r, '8.2.3')?.data).toEqual({
      clause: '8.2.3',
      title: 'Review of requirements',
      status: 'Compliant',
      evidence: 'QP-07; Order review log',
    });
  });

  it('gap.subclause-fold: the clause record joins the texts and takes the latest Target date, the highest Priority and the summed Effort', () => {
    const open = { Owner: 'QM', Action: 'Write procedure' };
    const { rows } = withRowsAfter(
      '8.5.1',
      [
        {
          Clause: '8.5.1.1',
          Status: 'Non-compliant',
          Gap: 'No work instructions',
          'Target date': '2026-10-01',
          Priority: 'Medium',
          'Effort (days)': 2,
          ...open,
        },
        {
          Clause: '8.5.1.2',
          Status: 'Partially compliant',
          Gap: 'Release not recorded',
          'Target date': '2026-08-15',
          Priority: 'High',
          'Effort (days)': 1.5,
          Owner: 'Production',
          Action: 'Write procedure',
        },
      ],
      { '8.5.1': { Evidence: 'QM-8.5.1' } },
    );
    const r = parse(rows);
    expect(recordOf(r, '8.5.1')?.data).toEqual({
      clause: '8.5.1',
      title: 'Control of production and service provision',
      status: 'Non-compliant',
      evidence: 'QM-8.5.1',
      gap: 'No work instructions; Release not recorded',
      action: 'Write procedure',
      owner: 'QM; Production',
      targetDate: '2026-10-01',
      priority: 'High',
      effortDays: 3.5,
    });
  });

  it('gap.subclause-fold: the per-row rules still check each part, name it, and their warnings stay on the clause record', () => {
    const { rows, at } = withRowsAfter('8.2.3', [
      { Clause: '8.2.3.1', Status: 'Partially compliant', 'Target date': '2026-09-01' },
    ]);
    const r = parse(rows);
    expect(r.issues.map((i) => [i.code, i.cell])).toEqual([
      ['gap.open-needs-owner', `${SHEET}!G${at + 1}`],
      ['gap.subclause-fold', `${SHEET}!A${at + 1}`],
    ]);
    expect(r.issues[0]?.message).toContain('Clause 8.2.3.1 is Partially compliant but Owner is blank');
    expect(recordOf(r, '8.2.3')?.warnings.map((w) => w.code)).toEqual(['gap.open-needs-owner']);
  });

  it('gap.subclause-fold: an error on one part means no record for the clause (as for one row), and the notes say so', () => {
    const { rows, at } = withRowsAfter('8.2.3', [
      { Clause: '8.2.3.1', Status: 'Non-compliant', Owner: 'QM', 'Target date': '2026-09-01', Priority: 'Urgent' },
      { Clause: '8.2.3.2', Status: 'Compliant', Evidence: 'Order review log' },
    ]);
    const r = parse(rows);
    expect(r.issues.map((i) => [i.code, i.severity, i.cell])).toEqual([
      ['gap.subclause-fold', 'info', `${SHEET}!A${at}`],
      ['cell.not-in-list', 'error', `${SHEET}!I${at + 1}`],
      ['gap.subclause-fold', 'info', `${SHEET}!A${at + 1}`],
      ['gap.subclause-fold', 'info', `${SHEET}!A${at + 2}`],
    ]);
    expect(r.issues[0]?.message).toBe(
      `${SHEET}!A${at}: ${REVIEW} is read with its sub-clause rows; 8.2.3 gets no record until the errors on its rows are fixed (row ${at + 1})`,
    );
    expect(r.issues[2]?.message).toBe(
      `${SHEET}!A${at + 1}: 8.2.3.1 is read as part of ${REVIEW}; 8.2.3 gets no record until the errors on its rows are fixed (row ${at + 1})`,
    );
    expect(recordOf(r, '8.2.3')).toBeUndefined();
    expect(r.records).toHaveLength(CLAUSES.length - 1);
  });

  it('gap.subclause-fold: a repeated sub-clause is gap.clause-unique on the second row; 8.2.3 beside 8.2.3.1 is no repeat', () => {
    const { rows, at } = withRowsAfter('8.2.3', [
      { Clause: '8.2.3.1', Status: 'Compliant', Evidence: 'QP-07' },
      { Clause: 'Clause 8.2.3.1', Status: 'Non-compliant', Owner: 'QM', 'Target date': '2026-09-01' },
    ]);
    const r = parse(rows);
    expect(r.issues.map((i) => [i.code, i.cell])).toEqual([
      ['gap.subclause-fold', `${SHEET}!A${at + 1}`],
      ['gap.clause-unique', `${SHEET}!A${at + 2}`],
    ]);
    expect(r.issues[0]?.message).toContain('its 2 rows: Compliant');
    expect(r.issues[1]?.message).toContain(`first in row ${at + 1}`);
    expect(recordOf(r, '8.2.3')?.data.status).toBe('Compliant');
  });

  it('gap.subclause-fold: every non-blank row ends as a record or an issue', () => {
    const { rows } = withRowsAfter('8.2.3', [
      { Clause: '8.2.3.1', Status: 'Compliant', Evidence: 'QP-07' },
      { Clause: '8.2.3.1', Status: 'Compliant', Evidence: 'QP-07' },
      { Clause: '11.1', Status: 'Compliant', Evidence: 'x' },
      { Clause: '8.2.3.2', Title: 'Changes', Priority: 'Urgent' },
      { Clause: '9.2.1', Status: 'Compliant', Evidence: 'Audit programme' },
    ]);
    const r = parse(rows);
    const accounted = new Set([
      ...r.records.map((x) => x.source.row),
      ...r.issues.filter((i) => i.address !== 'A3').map((i) => Number(/\d+$/.exec(i.address)?.[0])),
    ]);
    const sheetRows = rows.map((_, i) => i + 4);
    expect(sheetRows.filter((n) => !accounted.has(n))).toEqual([]);
    // 9.2.1 comes before 9.2: the record is still at the clause's own row, 5 rows lower for the rows put in.
    expect(recordOf(r, '9.2')?.source.row).toBe(rowOf('9.2') + 5);
  });

  it('gap.clause-in-catalogue: a number with no catalogue clause above it (11.1, 0.3, 8.4.9, 7.1.5.3) is still an error naming the cell and the fix', () => {
    for (const clause of ['11.1', '0.3', '8.4.9', '7.1.5.3']) {
      const r = parse([...catalogueRows(), { Clause: clause, Status: 'Compliant', Evidence: 'x' }]);
      expectOne(r, 'gap.clause-in-catalogue', 'error', `${SHEET}!A${CLAUSES.length + 4}`);
      expect(r.issues[0]?.message).toContain(`"${clause}" is not an ISO 9001:2015 clause of the catalogue`);
      expect(r.issues[0]?.message).toContain('use a clause number such as 8.5.1');
      expect(r.records).toHaveLength(CLAUSES.length);
    }
  });

  it('gap.clause-title-forms: "8.5.1: …", "8.5.1 - …", "8.5.1 – …" and "8.5.1 — …" read as clause 8.5.1, like "8.5.1 …"', () => {
    for (const text of [
      '8.5.1: Control of production and service provision',
      '8.5.1 - Control of production and service provision',
      '8.5.1 – Control of production and service provision',
      '8.5.1 — Control of production',
      '8.5.1-Control of production',
      'Clause 8.5.1: Control of production',
      '8.5.1 Control of production and service provision',
    ]) {
      const r = parse(catalogueRows({ '8.5.1': { Clause: text } }));
      expect(r.issues).toEqual([]);
      expect(recordOf(r, '8.5.1')?.data.clause).toBe('8.5.1');
    }
    // The forms work for headings and sub-clauses too.
    expect(parse([{ Clause: '8.4: External providers' }, ...catalogueRows()]).issues).toEqual([]);
    expect(readClauseCell('8.2.3.1 – General')).toEqual({ kind: 'part', clause: '8.2.3', part: '8.2.3.1' });
    // A digit after the separator is no title: "8.5.1 - 2" is not read as 8.5.1.
    expect(readClauseCell('8.5.1 - 2')).toEqual({ kind: 'unknown' });
    expect(readClauseCell('8.5.1: ')).toEqual({ kind: 'unknown' });
  });

  it('readClauseCell reads a sub-clause as a part of its nearest catalogue ancestor', () => {
    expect(readClauseCell('8.2.3.1')).toEqual({ kind: 'part', clause: '8.2.3', part: '8.2.3.1' });
    expect(readClauseCell('8.5.1.2.3')).toEqual({ kind: 'part', clause: '8.5.1', part: '8.5.1.2.3' });
    expect(readClauseCell('Clause 9.2.1.')).toEqual({ kind: 'part', clause: '9.2', part: '9.2.1' });
    expect(readClauseCell('10.2.1')).toEqual({ kind: 'part', clause: '10.2', part: '10.2.1' });
    for (const text of ['11.1', '0.3', '8.4.9', '7.1.5.3', '4.10'])
      expect(readClauseCell(text)).toEqual({ kind: 'unknown' });
  });

  it('gap.subclause-fold: round trip of a folded sheet gives the same records', () => {
    const { rows } = withRowsAfter('8.5.1', [
      {
        Clause: '8.5.1.1',
        Status: 'Non-compliant',
        Gap: 'No work instructions',
        Owner: 'QM',
        'Target date': '2026-10-01',
        'Effort (days)': 2,
      },
      { Clause: '8.5.1.2', Status: 'Compliant', Evidence: 'Release log' },
    ]);
    const first = parse(rows);
    const grids = gapAnalysis.toGrids(first.records);
    const again = parseWorkbook({ sheets: [{ name: SHEET, values: grids[SHEET] ?? [] }] }, [gapAnalysis], {
      asOf: AS_OF,
    });
    expect(again.issues).toEqual([]);
    expect(again.records.map((x) => [x.id, x.data])).toEqual(first.records.map((x) => [x.id, x.data]));
  });
});

describe('gap-analysis: registers in other words (habit corpus)', () => {
  it('gap.aliases: French headers (Article, Exigence, Statut, Preuves, Écart, Responsable, Échéance) and words are read', () => {
    const values = [
      ['Article', 'Exigence', 'Statut', 'Preuves', 'Écart', 'Responsable', 'Échéance'],
      ['4.1', 'Contexte', 'Conforme', 'SWOT', '', 'Direction', ''],
      ['6.2', 'Objectifs qualité', 'Partiel', 'Objectifs', 'Pas de plan', 'RQ', '2026-09-30'],
      ['8.3.1', 'Conception', 'Sans objet', '', 'Pas de conception', '', ''],
    ];
    const r = parseWorkbook({ sheets: [{ name: 'Analyse des écarts', values }] }, [gapAnalysis], { asOf: AS_OF });
    expect(r.recognised.map((x) => x.templateId)).toEqual(['gap-analysis']);
    expect(r.records.map((x) => [x.id, x.data.status, x.data.owner ?? null, x.data.targetDate ?? null])).toEqual([
      ['4.1', 'Compliant', 'Direction', null],
      ['6.2', 'Partially compliant', 'RQ', '2026-09-30'],
      ['8.3.1', 'Not applicable', null, null],
    ]);
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('gap.aliases: a yes/no question as the status header ("In place?", "Compliant?") holds the status', () => {
    for (const header of ['In place?', 'Compliant?', 'Implemented?']) {
      const values = [
        ['Clause', 'Title', header, 'Justification'],
        ['4.3', 'Scope', 'Yes', ''],
        ['7.2', 'Competence', 'No', 'No matrix'],
      ];
      const r = parseWorkbook({ sheets: [{ name: SHEET, values }] }, [gapAnalysis], { asOf: AS_OF });
      expect(r.records.map((x) => x.data.status)).toEqual(['Compliant', 'Non-compliant']);
    }
  });
});
