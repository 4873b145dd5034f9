import { describe, expect, it } from 'vitest';
import { parseWorkbook } from '../core/workbook.js';
import { capaLog } from './index.js';

const HEADER = [
  'CAPA ID',
  'Date opened',
  'Source',
  'Clause',
  'Severity',
  'Description',
  'Containment',
  'Root cause',
  'Root cause method',
  'Corrective action',
  'Owner',
  'Due date',
  'Status',
  'Date closed',
  'Effectiveness',
  'Verified by',
  'Verification date',
];
const AS_OF = '2026-06-30';

type Row = Partial<Record<(typeof HEADER)[number], unknown>>;

function parse(rows: Row[], asOf = AS_OF) {
  const values = [['Acme Ltd — CAPA Log'], [], HEADER, ...rows.map((r) => HEADER.map((h) => r[h] ?? ''))];
  return parseWorkbook({ sheets: [{ name: 'CAPA Log', values }] }, [capaLog], { asOf });
}

const ok: Row = {
  'CAPA ID': 'C-1',
  'Date opened': '2026-01-10',
  Source: 'Internal audit',
  Severity: 'Minor',
  Status: 'Open',
  'Due date': '2026-12-31',
};
const closed: Row = {
  ...ok,
  Status: 'Closed',
  'Root cause': 'No check',
  'Corrective action': 'Added check',
  'Date closed': '2026-03-01',
  Effectiveness: 'Effective',
  'Verified by': 'QM',
};

const codes = (r: ReturnType<typeof parse>) => r.issues.map((i) => i.code);

describe('capa-log rules', () => {
  it('capa.valid-row: a complete open CAPA becomes one record with no issues', () => {
    const r = parse([ok]);
    expect(r.issues).toEqual([]);
    expect(r.records).toHaveLength(1);
    expect(r.records[0]).toMatchObject({ type: 'capa', id: 'C-1', source: { sheet: 'CAPA Log', row: 4 } });
    expect(r.records[0]?.data).toMatchObject({ capaId: 'C-1', dateOpened: '2026-01-10', status: 'Open' });
  });

  it('capa.id-required: a blank CAPA ID is an error on its cell', () => {
    const r = parse([{ ...ok, 'CAPA ID': '', Description: 'x' }]);
    expect(r.issues).toMatchObject([{ severity: 'error', code: 'cell.required', cell: 'CAPA Log!A4' }]);
    expect(r.records).toEqual([]);
  });

  it('capa.id-unique: a repeated CAPA ID is an error on the second row only', () => {
    const r = parse([ok, { ...ok }]);
    expect(r.issues).toMatchObject([{ code: 'capa.id-unique', cell: 'CAPA Log!A5' }]);
    expect(r.issues[0]?.message).toContain('row 4');
    expect(r.records).toHaveLength(1);
  });

  it('capa.opened-required: a blank Date opened is an error', () => {
    expect(codes(parse([{ ...ok, 'Date opened': '' }]))).toEqual(['cell.required']);
  });

  it('capa.opened-not-future: Date opened after the as-of date is an error; on the day is fine', () => {
    expect(codes(parse([{ ...ok, 'Date opened': '2026-07-01', 'Due date': '' }]))).toEqual(['capa.opened-not-future']);
    expect(codes(parse([{ ...ok, 'Date opened': AS_OF }]))).toEqual([]);
  });

  it('capa.clause-in-catalogue: an unknown clause is an error; a known one (even as a number) passes', () => {
    const bad = parse([{ ...ok, Clause: '11.4' }]);
    expect(bad.issues).toMatchObject([{ code: 'capa.clause-in-catalogue', cell: 'CAPA Log!D4' }]);
    const good = parse([{ ...ok, Clause: 10.2 }]);
    expect(good.issues).toEqual([]);
    expect(good.records[0]?.data).toMatchObject({ clause: '10.2' });
  });

  it('capa.due-after-opened: Due date before Date opened is an error', () => {
    const r = parse([{ ...ok, 'Due date': '2026-01-01' }]);
    expect(r.issues).toMatchObject([{ code: 'capa.due-after-opened', cell: 'CAPA Log!L4' }, { code: 'capa.overdue' }]);
    expect(codes(parse([{ ...ok, Status: 'Awaiting verification', 'Due date': '2026-01-10' }]))).toEqual([]);
  });

  it('capa.overdue: Open or In progress past the due date is a warning and still a record', () => {
    for (const status of ['Open', 'In progress']) {
      const r = parse([{ ...ok, Status: status, 'Due date': '2026-05-01' }]);
      expect(r.issues).toMatchObject([{ severity: 'warning', code: 'capa.overdue', cell: 'CAPA Log!L4' }]);
      expect(r.records[0]?.warnings).toHaveLength(1);
    }
    expect(codes(parse([{ ...ok, Status: 'Awaiting verification', 'Due date': '2026-05-01' }]))).toEqual([]);
  });

  it('capa.major-needs-containment: Major without Containment is a warning', () => {
    expect(parse([{ ...ok, Severity: 'Major' }]).issues).toMatchObject([
      { severity: 'warning', code: 'capa.major-needs-containment', cell: 'CAPA Log!G4' },
    ]);
    expect(codes(parse([{ ...ok, Severity: 'Major', Containment: 'Quarantined stock' }]))).toEqual([]);
  });

  it('capa.closed-complete: a fully evidenced closed CAPA passes', () => {
    expect(parse([closed]).issues).toEqual([]);
  });

  it.each([
    ['Root cause', 'capa.closed-needs-root-cause', 'H4'],
    ['Corrective action', 'capa.closed-needs-corrective-action', 'J4'],
    ['Date closed', 'capa.closed-needs-date-closed', 'N4'],
    ['Effectiveness', 'capa.closed-needs-effective', 'O4'],
    ['Verified by', 'capa.closed-needs-verifier', 'P4'],
  ])('capa.closed-needs-*: Closed without %s is an error (%s)', (column, code, cell) => {
    const r = parse([{ ...closed, [column]: '' }]);
    expect(r.issues).toMatchObject([{ severity: 'error', code, cell: `CAPA Log!${cell}` }]);
    expect(r.issues[0]?.message).toContain(`CAPA Log!${cell}`);
    expect(r.records).toEqual([]);
  });

  it('capa.closed-needs-effective: Closed with Effectiveness "Not effective" is an error that says so', () => {
    const r = parse([{ ...closed, Effectiveness: 'not effective' }]);
    expect(r.issues).toMatchObject([{ code: 'capa.closed-needs-effective' }]);
    expect(r.issues[0]?.message).toContain('Not effective');
  });

  it('capa.closed-needs-*: a refused value (#N/A, an ambiguous date) gets its own error only, never also "blank"', () => {
    const r = parse([{ ...closed, 'Date closed': '#N/A', Effectiveness: 'done-ish' }]);
    expect(r.issues.map((i) => [i.code, i.cell])).toEqual([
      ['cell.error-value', 'CAPA Log!N4'],
      ['cell.not-in-list', 'CAPA Log!O4'],
    ]);
  });

  it('capa.closed-after-opened: Date closed before Date opened is an error', () => {
    expect(codes(parse([{ ...closed, 'Date closed': '2026-01-01' }]))).toEqual(['capa.closed-after-opened']);
  });

  it('lists are matched case-insensitively and stored canonically', () => {
    const r = parse([{ ...ok, Status: 'in PROGRESS', Source: 'internal audit', Severity: 'MINOR' }]);
    expect(r.issues).toEqual([]);
    expect(r.records[0]?.data).toMatchObject({ status: 'In progress', source: 'Internal audit', severity: 'Minor' });
  });

  it('error values and ambiguous dates become issues naming the cell', () => {
    const r = parse([{ ...ok, 'Date opened': '03/04/2026', 'Due date': '#N/A' }]);
    expect(r.issues.map((i) => [i.code, i.cell])).toEqual([
      ['cell.ambiguous-date', 'CAPA Log!B4'],
      ['cell.error-value', 'CAPA Log!L4'],
    ]);
    expect(r.issues[0]?.message).toMatch(/ambiguous/);
  });

  it('a missing required column is one sheet-level error on the header row', () => {
    const values = [HEADER.filter((h) => h !== 'Status'), ['C-1', '2026-01-10']];
    const r = parseWorkbook({ sheets: [{ name: 'CAPA Log', values }] }, [capaLog], { asOf: AS_OF });
    expect(r.issues).toMatchObject([{ code: 'sheet.missing-column', cell: 'CAPA Log!A1' }]);
    expect(r.issues[0]?.message).toContain('"Status"');
  });
});

describe('capa-log: registers in other words (habit corpus)', () => {
  it('capa.clause-levels: a heading (8.4, 7.1.5) or a sub-clause (8.2.3.1) is a clause a CAPA may name; 11.2 is not', () => {
    const r = parse([
      { ...ok, 'CAPA ID': 'C-1', Clause: '8.4' },
      { ...ok, 'CAPA ID': 'C-2', Clause: 'Clause 7.1.5' },
      { ...ok, 'CAPA ID': 'C-3', Clause: '8.2.3.1' },
      { ...ok, 'CAPA ID': 'C-4', Clause: '8.5.1' },
      { ...ok, 'CAPA ID': 'C-5', Clause: '11.2' },
    ]);
    expect(r.records.map((x) => [x.id, x.data.clause])).toEqual([
      ['C-1', '8.4'],
      ['C-2', '7.1.5'],
      ['C-3', '8.2.3.1'],
      ['C-4', '8.5.1'],
    ]);
    expect(r.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.cell])).toEqual([
      ['capa.clause-in-catalogue', 'CAPA Log!D8'],
    ]);
  });

  it('capa.aliases: German closure headers and a Wirksam? column of Ja / Nein are read; Nein on a closed CAPA is its error', () => {
    const values = [
      [
        'CAPA-Nr',
        'Eröffnet am',
        'Ursache',
        'Korrekturmaßnahme',
        'Stand',
        'Abgeschlossen am',
        'Wirksam?',
        'Geprüft von',
      ],
      ['M-1', '2026-01-08', 'Kein Prüfplan', 'Prüfplan eingeführt', 'Abgeschlossen', '2026-03-20', 'Ja', 'QMB'],
      ['M-2', '2026-01-22', 'Anweisung unklar', 'Anweisung neu', 'Abgeschlossen', '2026-04-10', 'Nein', 'QMB'],
    ];
    const r = parseWorkbook({ sheets: [{ name: 'Massnahmen', values }] }, [capaLog], { asOf: AS_OF });
    expect(r.recognised.map((x) => x.templateId)).toEqual(['capa-log']);
    expect(r.records.map((x) => [x.id, x.data.status, x.data.effectiveness, x.data.verifiedBy])).toEqual([
      ['M-1', 'Closed', 'Effective', 'QMB'],
    ]);
    expect(r.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.cell])).toEqual([
      ['capa.closed-needs-effective', 'Massnahmen!G3'],
    ]);
  });

  it('capa.aliases: a SharePoint issue list (Issue Status, Assigned To, Created) is recognised and asks about Created', () => {
    const values = [
      ['ID', 'Title', 'Issue Status', 'Assigned To', 'Due Date', 'Created'],
      ['14', 'Torque wrench out of calibration', 'Active', 'Ann Lee', '2026-07-15', '2026-03-02'],
    ];
    const r = parseWorkbook({ sheets: [{ name: 'Issues', values }] }, [capaLog], { asOf: AS_OF });
    expect(r.recognised.map((x) => x.templateId)).toEqual(['capa-log']);
    expect(r.records).toEqual([]);
    const missing = r.issues.filter((i) => i.code === 'sheet.missing-column');
    expect(missing.map((i) => i.cell)).toEqual(['Issues!A1']);
    expect(missing[0]?.message).toContain('"Created" (column F)');
  });
});
