import { describe, expect, it } from 'vitest';
import { auditProgramme } from '../audit-programme/index.js';
import { clausesUnder } from '../catalogue/iso9001-2015.js';
import { isoToSerial } from '../core/dates.js';
import type { Issue } from '../core/issues.js';
import type { TableSheetSpec } from '../core/spec.js';
import type { SheetInput } from '../core/table.js';
import { parseWorkbook, recognise } from '../core/workbook.js';
import { gapAnalysis } from '../gap-analysis/index.js';
import { TEMPLATE_MODULES } from '../registry.js';
import { checkRecordData } from '../schemas.js';
import { buildTemplateWorkbook } from '../xlsx/build.js';
import { readWorkbook } from '../xlsx/read.js';
import { auditCalendar, auditCalendarScore, auditCalendarSpec, parseCalendarMonthHeader } from './index.js';

const AS_OF = '2026-06-30';
const SHEET = 'Audit plan';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const HEAD = ['Audit', 'Type', 'Lead', 'Scope'];

/** A mark per month name: `{ Mar: 'P', Apr: 'C 14' }` → the twelve month cells of a row. */
function months(marks: Partial<Record<string, unknown>>): unknown[] {
  return MONTHS.map((m) => marks[m] ?? '');
}

function parse(values: unknown[][], asOf = AS_OF, name = SHEET) {
  return parseWorkbook({ sheets: [{ name, values }] }, [auditCalendar], { asOf });
}

/** Title on row 1, blank row 2, header on row 3 (Audit A, Type B, Lead C, Scope D, Jan E … Dec P, Report Q). */
function calendar(
  rows: unknown[][],
  title: unknown = 'Audit programme 2026',
  extraHead: string[] = ['Report reference'],
) {
  return [[title], [], [...HEAD, ...MONTHS, ...extraHead], ...rows];
}

const codes = (issues: readonly Issue[]) => issues.map((i) => [i.code, i.severity, i.cell]);
const only = (issues: readonly Issue[], code: string) => issues.filter((i) => i.code === code);

describe('audit-calendar reading (one record per marked month cell)', () => {
  it('audit-calendar.marks: P gives a Planned event on the 1st, C a Completed event in its month, with the day when given', () => {
    const r = parse(
      calendar([
        ['Purchasing', 'Internal audit', 'J. Smith', '8.4', ...months({ Mar: 'P', Apr: 'C 14' }), 'IA-2026-04'],
        ['Management review', 'Management review', 'CEO', '', ...months({ May: 'C' }), 'MR-2026'],
        ['Production', '', '', '8.5', ...months({ Sep: 'P' }), ''],
      ]),
    );
    expect(r.recognised).toEqual([
      { sheet: SHEET, templateId: 'audit-calendar', version: 1, specSheet: 'Audit Calendar', by: 'header' },
    ]);
    expect(r.records.map((x) => [x.id, x.source.row, x.data.status])).toEqual([
      ['Purchasing 2026-03', 4, 'Planned'],
      ['Purchasing 2026-04', 4, 'Completed'],
      ['Management review 2026-05', 5, 'Completed'],
      ['Production 2026-09', 6, 'Planned'],
    ]);
    expect(r.records[0]?.data).toEqual({
      eventId: 'Purchasing 2026-03',
      type: 'Internal audit',
      scope: '8.4',
      scopeClauses: clausesUnder('8.4').map((c) => c.clause),
      plannedDate: '2026-03-01',
      lead: 'J. Smith',
      status: 'Planned',
    });
    expect(r.records[1]?.data).toMatchObject({
      status: 'Completed',
      completedDate: '2026-04-14',
      reportReference: 'IA-2026-04',
    });
    expect(r.records[1]?.data.plannedDate).toBeUndefined();
    expect(r.records[2]?.data).toMatchObject({ type: 'Management review', completedDate: '2026-05-01' });
    expect(r.records[3]?.data).toMatchObject({ type: 'Internal audit', plannedDate: '2026-09-01' });
    // Same record type and data shape as the Audit Programme: the backend schema accepts every record.
    expect(r.records.every((x) => x.type === 'audit-event' && checkRecordData('audit-event', x.data).ok)).toBe(true);
    expect(r.issues.filter((i) => i.severity !== 'info')).toEqual([]);
    expect(codes(r.issues)).toEqual([
      ['audit-calendar.default-legend', 'info', `${SHEET}!A3`],
      ['audit-calendar.year-from-title', 'info', `${SHEET}!E3`],
      ['audit-calendar.completed-day-assumed', 'info', `${SHEET}!I5`],
      ['audit-calendar.default-type', 'info', `${SHEET}!B3`],
    ]);
    expect(only(r.issues, 'audit-calendar.default-type')[0]?.message).toContain('Rows with a blank Type 6');
  });

  it('audit-calendar.default-legend: P, C, X, ✓ and ✔ in any case; the info names the default legend', () => {
    const r = parse(
      calendar([
        ['Sales', 'Internal audit', '', 'all', ...months({ Jan: 'c', Feb: 'x', Mar: '✓', Apr: '✔', Jul: 'p' }), 'R1'],
      ]),
    );
    expect(r.records.map((x) => [x.data.status, x.data.completedDate ?? x.data.plannedDate])).toEqual([
      ['Completed', '2026-01-01'],
      ['Completed', '2026-02-01'],
      ['Completed', '2026-03-01'],
      ['Completed', '2026-04-01'],
      ['Planned', '2026-07-01'],
    ]);
    const info = only(r.issues, 'audit-calendar.default-legend');
    expect(info).toHaveLength(1);
    expect(info[0]).toMatchObject({ severity: 'info', cell: `${SHEET}!A3` });
    expect(info[0]?.message).toContain('default legend: P = planned; C, X, ✓ or ✔ = completed');
    expect(info[0]?.message).toContain('dated the 1st of its month');
  });

  it('audit-calendar.legend-from-sheet: "P = planned" / "D = done" cells replace the default legend', () => {
    const values = calendar([
      ['Sales', 'Internal audit', '', 'all', ...months({ Feb: 'D', Mar: 'D 9', Oct: 'P' }), 'R1'],
      ['HR', 'Internal audit', '', '7.2', ...months({ Feb: 'C' }), 'R2'],
    ]);
    values[1] = ['', 'P = planned', 'D = done'];
    const r = parse(values);
    expect(r.records.map((x) => [x.id, x.data.status, x.data.completedDate ?? x.data.plannedDate])).toEqual([
      ['Sales 2026-02', 'Completed', '2026-02-01'],
      ['Sales 2026-03', 'Completed', '2026-03-09'],
      ['Sales 2026-10', 'Planned', '2026-10-01'],
    ]);
    const info = only(r.issues, 'audit-calendar.legend-from-sheet');
    expect(info.map((i) => i.cell)).toEqual([`${SHEET}!B2`]);
    expect(info[0]?.message).toContain('legend on this sheet (B2, C2): P = planned, D = completed');
    expect(only(r.issues, 'audit-calendar.default-legend')).toEqual([]);
    // C is not in this sheet's legend, so it is an error, not a silent default.
    const unknown = only(r.issues, 'audit-calendar.unknown-mark');
    expect(unknown.map((i) => i.cell)).toEqual([`${SHEET}!F5`]);
    expect(unknown[0]?.message).toContain('legend in B2 (P = planned, D = completed)');
  });

  it('audit-calendar.legend-from-sheet: a note such as "Q1: done" or a "Key QA items" label is no legend', () => {
    const values = calendar([
      ['Sales', 'Internal audit', '', 'all', ...months({ Feb: 'C', Oct: 'P' }), 'R1'],
      ['Key QA items', '', '', '', ...months({}), ''],
    ]);
    values[1] = ['Q1: done', 'A1', 'Completed'];
    const r = parse(values);
    expect(r.records.map((x) => x.data.status)).toEqual(['Completed', 'Planned']);
    expect(only(r.issues, 'audit-calendar.default-legend')).toHaveLength(1);
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(codes(only(r.issues, 'audit-calendar.no-event'))).toEqual([
      ['audit-calendar.no-event', 'info', `${SHEET}!A5`],
    ]);
  });

  it('audit-calendar.legend-from-sheet: "Legend: P planned, C completed, N cancelled" in one cell, and "X: done"', () => {
    const one = parse(
      calendar(
        [['Sales', 'Internal audit', '', 'all', ...months({ Feb: 'C', Mar: 'N', Nov: 'P' }), 'R1']],
        'Audit programme 2026 — Legend: P planned, C completed, N cancelled',
      ),
    );
    // The title cell is also the legend; its year still dates the months.
    expect(one.records.map((x) => [x.data.status, x.data.completedDate ?? x.data.plannedDate])).toEqual([
      ['Completed', '2026-02-01'],
      ['Cancelled', '2026-03-01'],
      ['Planned', '2026-11-01'],
    ]);
    const legend = ['Legend: P planned, C completed, N cancelled'];
    const own = calendar([['Sales', 'Internal audit', '', 'all', ...months({ Mar: 'N' }), 'R1']]);
    own[1] = legend;
    expect(parse(own).records[0]?.data.status).toBe('Cancelled');
    const colon = calendar([['Sales', 'Internal audit', '', 'all', ...months({ Mar: 'X' }), 'R1']]);
    colon[1] = ['X: done'];
    const r = parse(colon);
    expect(r.records[0]?.data).toMatchObject({ status: 'Completed', completedDate: '2026-03-01' });
    expect(only(r.issues, 'audit-calendar.legend-from-sheet')[0]?.message).toContain('X = completed');
  });

  it('audit-calendar.legend-from-sheet: a "Legend" block below the table is read and its rows are no audits', () => {
    const r = parse(
      calendar([
        ['Sales', 'Internal audit', '', 'all', ...months({ Mar: '●', Sep: '○' }), 'R1'],
        [],
        ['Legend'],
        ['●', 'Done'],
        ['○', 'Planned'],
      ]),
    );
    expect(r.records.map((x) => x.data.status)).toEqual(['Completed', 'Planned']);
    expect(only(r.issues, 'audit-calendar.legend-from-sheet')[0]?.message).toContain(
      '(A7, A8): ● = completed, ○ = planned',
    );
    expect(only(r.issues, 'audit-calendar.no-event')).toEqual([]);
    // Each legend row under the table is said to be one, so no row under the header goes unmentioned.
    expect(codes(only(r.issues, 'audit-calendar.legend-row'))).toEqual([
      ['audit-calendar.legend-row', 'info', `${SHEET}!A6`],
      ['audit-calendar.legend-row', 'info', `${SHEET}!A7`],
      ['audit-calendar.legend-row', 'info', `${SHEET}!A8`],
    ]);
  });

  it("audit-calendar.unknown-mark: an error naming the cell, the mark and the legend, and how to fix; the row's other marks stay", () => {
    const r = parse(
      calendar([['Sales', 'Internal audit', '', 'all', ...months({ Mar: 'Q', Apr: 12, Jun: 'C' }), 'R1']]),
    );
    const errors = r.issues.filter((i) => i.severity === 'error');
    expect(codes(errors)).toEqual([
      ['audit-calendar.unknown-mark', 'error', `${SHEET}!G4`],
      ['audit-calendar.unknown-mark', 'error', `${SHEET}!H4`],
    ]);
    expect(errors[0]?.message).toBe(
      `${SHEET}!G4: "Q" is not a mark of the default legend (P = planned, C/X/✓/✔ = completed); write one of those marks, or add it to the legend above the table (e.g. "Q = completed")`,
    );
    expect(errors[1]?.message).toContain('12 is not a mark');
    expect(errors[1]?.message).toContain('write P 12 or C 12');
    expect(r.records.map((x) => x.id)).toEqual(['Sales 2026-06']);
  });

  it('audit-calendar.legend-meaning / audit-calendar.legend-conflict: unreadable or contradicting legend entries are errors', () => {
    const values = calendar([['Sales', 'Internal audit', '', 'all', ...months({ Mar: 'R', Apr: 'C' }), 'R1']]);
    values[1] = ['Legend', 'P = planned', 'C = completed', 'R = rescheduled', 'C = cancelled'];
    const r = parse(values);
    expect(codes(r.issues.filter((i) => i.severity === 'error'))).toEqual([
      ['audit-calendar.legend-conflict', 'error', `${SHEET}!E2`],
      ['audit-calendar.legend-meaning', 'error', `${SHEET}!G4`],
    ]);
    expect(only(r.issues, 'audit-calendar.legend-meaning')[0]?.message).toContain(
      'The legend in D2 says R means "rescheduled", which cannot be read as planned, completed or cancelled',
    );
    expect(only(r.issues, 'audit-calendar.legend-conflict')[0]?.message).toContain(
      'C = "completed" in C2; the first is used',
    );
    expect(r.records.map((x) => x.data.status)).toEqual(['Completed']);
  });

  it("audit-calendar.year-from-title: months without a year take the title's year (a document date is no title year)", () => {
    const values = calendar(
      [['Sales', 'Internal audit', '', 'all', ...months({ Mar: 'C' }), 'R1']],
      'Internal audit plan 2025',
    );
    const r = parse(values);
    expect(r.records[0]?.data.completedDate).toBe('2025-03-01');
    const info = only(r.issues, 'audit-calendar.year-from-title');
    expect(info.map((i) => [i.severity, i.cell])).toEqual([['info', `${SHEET}!E3`]]);
    expect(info[0]?.message).toContain('read as Jan–Dec 2025 from the title in A1 ("Internal audit plan 2025")');
    const dated = [
      ['Issued 2024-11-03'],
      ['Audit calendar 2025'],
      [...HEAD, ...MONTHS],
      ['Sales', '', '', 'all', ...months({ Mar: 'C' })],
    ];
    expect(parse(dated).records[0]?.data.completedDate).toBe('2025-03-01');
  });

  it('audit-calendar.year-from-as-of: no year anywhere → the as-of year, the as-of month inside the planner', () => {
    const r = parse([
      [...HEAD, ...MONTHS],
      ['Sales', '', '', 'all', ...months({ Mar: 'C' })],
    ]);
    expect(r.records[0]?.data.completedDate).toBe('2026-03-01');
    const info = only(r.issues, 'audit-calendar.year-from-as-of');
    expect(info.map((i) => i.cell)).toEqual([`${SHEET}!E1`]);
    expect(info[0]?.message).toContain('read as Jan–Dec 2026, from the as-of date 2026-06-30');
    // A fiscal planner Jul … Jun judged in March 2026 runs Jul 2025 – Jun 2026.
    const fiscal = [...MONTHS.slice(6), ...MONTHS.slice(0, 6)];
    const f = parse(
      [
        ['Audit', ...fiscal],
        ['Sales', 'C', '', '', '', '', '', 'P'],
      ],
      '2026-03-15',
    );
    expect(f.records.map((x) => x.data.completedDate ?? x.data.plannedDate)).toEqual(['2025-07-01', '2026-01-01']);
    expect(only(f.issues, 'audit-calendar.year-from-as-of')[0]?.message).toContain('Jul 2025 – Jun 2026');
  });

  it('audit-calendar.month-headers: 2026-01, Jan 2026, Jan-26, Excel dates, year bands and four languages', () => {
    const headers: [unknown, string][] = [
      ['2026-01', '2026-01'],
      ['2026/02', '2026-02'],
      ['03/2026', '2026-03'],
      ['Apr 2026', '2026-04'],
      ['Mai-26', '2026-05'],
      ["juin '26", '2026-06'],
      [isoToSerial('2026-07-01'), '2026-07'],
      [new Date(Date.UTC(2026, 7, 1)), '2026-08'],
      ['Septiembre 2026', '2026-09'],
      ['Okt. 2026', '2026-10'],
    ];
    for (const [header, key] of headers) {
      const cell =
        typeof header === 'number'
          ? { kind: 'number' as const, value: header }
          : header instanceof Date
            ? { kind: 'date' as const, value: header }
            : { kind: 'text' as const, value: String(header) };
      const parsed = parseCalendarMonthHeader(cell, false);
      expect(parsed && `${parsed.year}-${String(parsed.month).padStart(2, '0')}`, String(header)).toBe(key);
    }
    for (const [text, month] of [
      ['Januar', 1],
      ['févr.', 2],
      ['März', 3],
      ['Mars', 3],
      ['avril', 4],
      ['Mayo', 5],
      ['Juli', 7],
      ['Août', 8],
      ['Sept', 9],
      ['Dez', 12],
      ['Diciembre', 12],
    ] as const) {
      expect(parseCalendarMonthHeader({ kind: 'text', value: text }, false), text).toEqual({ month });
    }
    for (const text of ['Audit', 'Q1', '12', 'Total', 'Lead']) {
      expect(parseCalendarMonthHeader({ kind: 'text', value: text }, false), text).toBeUndefined();
    }
    expect(parseCalendarMonthHeader({ kind: 'number', value: 12 }, false)).toBeUndefined();

    // With years in the headers there is no year note; Dec 2026 → Jan 2027 by the header's own year.
    const r = parse(
      [
        ['Audit', 'Lead', 'Type', '2026-11', 'Dec 2026', 'Jan-27', isoToSerial('2027-02-01')],
        ['Sales', '', '', 'C', '', 'P', 'P 3'],
      ],
      '2026-12-31',
    );
    expect(r.records.map((x) => x.id)).toEqual(['Sales 2026-11', 'Sales 2027-01', 'Sales 2027-02']);
    expect(r.records[2]?.data.plannedDate).toBe('2027-02-03');
    expect(r.issues.filter((i) => i.code.startsWith('audit-calendar.year-'))).toEqual([]);

    // A year band over the months (merged cells leave the rest blank), names rolling over December.
    const band = parse(
      [
        ['', '2026', '', '2027'],
        ['Audit', 'Nov', 'Dec', 'Jan', 'Feb'],
        ['Sales', 'C', 'C', 'P', 'P'],
      ],
      '2026-12-31',
    );
    expect(band.records.map((x) => x.id)).toEqual(['Sales 2026-11', 'Sales 2026-12', 'Sales 2027-01', 'Sales 2027-02']);
    const rolled = parse(
      [['Audit calendar 2026/27'], ['Audit', 'Nov', 'Dec', 'Januar', 'Février'], ['Sales', 'C', 'C', 'P', 'P']],
      '2026-12-31',
    );
    expect(rolled.records.map((x) => x.id)).toEqual([
      'Sales 2026-11',
      'Sales 2026-12',
      'Sales 2027-01',
      'Sales 2027-02',
    ]);
  });

  it('audit-calendar.duplicate-month: a second column of the same month is an error on its header; its marks are not read', () => {
    const r = parse([
      ['Audit', 'Type', 'Lead', '2026-01', '2026-02', '2026-01'],
      ['Sales', '', '', 'C', 'P', 'C'],
    ]);
    expect(codes(only(r.issues, 'audit-calendar.duplicate-month'))).toEqual([
      ['audit-calendar.duplicate-month', 'error', `${SHEET}!F1`],
    ]);
    expect(only(r.issues, 'audit-calendar.duplicate-month')[0]?.message).toContain('is Jan 2026 again, after column D');
    expect(r.records.map((x) => x.id)).toEqual(['Sales 2026-01', 'Sales 2026-02']);
  });
});

describe('audit-calendar: what a completed mark cannot say', () => {
  it('audit-calendar.completed-needs-report: ONE warning per sheet naming the cells and what to add; the records stay Completed', () => {
    const r = parse(
      calendar(
        [
          ['Sales', 'Internal audit', '', 'all', ...months({ Feb: 'C', May: 'C 12' })],
          ['Management review', 'Management review', '', '', ...months({ Mar: 'X' })],
        ],
        'Audit programme 2026',
        [],
      ),
    );
    const warnings = only(r.issues, 'audit-calendar.completed-needs-report');
    expect(codes(warnings)).toEqual([['audit-calendar.completed-needs-report', 'warning', `${SHEET}!F4`]]);
    const message = warnings[0]?.message ?? '';
    expect(message).toContain('3 completed audits have no report reference (F4, I4, G5)');
    expect(message).toContain('add a Report reference column (after the months)');
    expect(message).toContain('or record them in the Audit Programme');
    expect(message).toContain('completed date is taken as the 1st of the month (2026-02-01 for F4)');
    expect(message).toContain('write the day after the mark (C 14)');
    // Kept: the calendar says the audits took place; dropping them would tell the assessment none did.
    expect(r.records.map((x) => [x.id, x.data.status, x.data.completedDate])).toEqual([
      ['Sales 2026-02', 'Completed', '2026-02-01'],
      ['Sales 2026-05', 'Completed', '2026-05-12'],
      ['Management review 2026-03', 'Completed', '2026-03-01'],
    ]);
    expect(r.records.every((x) => x.warnings.includes(warnings[0] as Issue))).toBe(true);
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);

    // A Report reference column filled in: no warning, the day note alone (info).
    const filled = parse(calendar([['Sales', 'Internal audit', '', 'all', ...months({ Feb: 'C' }), 'IA-7']]));
    expect(only(filled.issues, 'audit-calendar.completed-needs-report')).toEqual([]);
    expect(codes(only(filled.issues, 'audit-calendar.completed-day-assumed'))).toEqual([
      ['audit-calendar.completed-day-assumed', 'info', `${SHEET}!F4`],
    ]);
    expect(filled.records[0]?.data.reportReference).toBe('IA-7');
    // With the column there but blank, the message points at it.
    const blank = parse(calendar([['Sales', 'Internal audit', '', 'all', ...months({ Feb: 'C' }), '']]));
    expect(only(blank.issues, 'audit-calendar.completed-needs-report')[0]?.message).toContain(
      'fill in the Report reference column (Q) of those rows',
    );
  });

  it('audit-calendar.completed-not-future: a completed mark after the as-of date is an error and gives no record', () => {
    const r = parse(calendar([['Sales', 'Internal audit', '', 'all', ...months({ Jun: 'C', Sep: 'C' }), 'R1']]));
    expect(codes(r.issues.filter((i) => i.severity === 'error'))).toEqual([
      ['audit-calendar.completed-not-future', 'error', `${SHEET}!M4`],
    ]);
    expect(r.issues.find((i) => i.severity === 'error')?.message).toContain(
      'completed in Sep 2026, after the as-of date 2026-06-30',
    );
    expect(r.records.map((x) => x.id)).toEqual(['Sales 2026-06']);
  });

  it('audit-calendar.day-in-month: a day the month does not have is an error', () => {
    const r = parse(calendar([['Sales', 'Internal audit', '', 'all', ...months({ Apr: 'C 31', Feb: 'C 28' }), 'R1']]));
    expect(codes(r.issues.filter((i) => i.severity === 'error'))).toEqual([
      ['audit-calendar.day-in-month', 'error', `${SHEET}!H4`],
    ]);
    expect(r.issues.find((i) => i.severity === 'error')?.message).toContain(
      'names day 31 of Apr 2026, which has 30 days',
    );
    expect(r.records.map((x) => x.data.completedDate)).toEqual(['2026-02-28']);
  });

  it('audit-calendar.completed-needs-scope: completed internal audits without a scope, one warning per sheet', () => {
    const r = parse([
      [...HEAD.slice(0, 3), ...MONTHS, 'Report'],
      ['Sales', '', '', ...months({ Feb: 'C' }), 'R1'],
      ['HR', '', '', ...months({ Mar: 'C' }), 'R2'],
    ]);
    const w = only(r.issues, 'audit-calendar.completed-needs-scope');
    expect(codes(w)).toEqual([['audit-calendar.completed-needs-scope', 'warning', `${SHEET}!E2`]]);
    expect(w[0]?.message).toContain('2 completed Internal audits have no scope (E2, F3)');
    expect(w[0]?.message).toContain('add a Scope / clauses column');
    expect(r.records).toHaveLength(2);
  });
});

describe("audit-calendar: the row's own cells", () => {
  it('audit-calendar.scope-from-name: a Clause column is the name and the scope; "7.5 Documented information" gives scope 7.5', () => {
    const r = parse([
      ['Clause', ...MONTHS, 'Report'],
      ['9.2', ...months({ Feb: 'C' }), 'R1'],
      ['7.5 Documented information', ...months({ Mar: 'C' }), 'R2'],
      ['Purchasing', ...months({ Apr: 'P' }), ''],
    ]);
    expect(r.records.map((x) => [x.id, x.data.scope, x.data.scopeClauses])).toEqual([
      ['9.2 2026-02', '9.2', ['9.2']],
      ['7.5 Documented information 2026-03', '7.5', clausesUnder('7.5').map((c) => c.clause)],
      ['Purchasing 2026-04', undefined, undefined],
    ]);
    expect(only(r.issues, 'audit-calendar.scope-from-name')[0]?.message).toContain(
      'row 3 "7.5 Documented information" → 7.5',
    );
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('audit-calendar.scope-in-catalogue: a Scope that is no catalogue clause is an error; the row gives no record', () => {
    const r = parse(
      calendar([
        ['Sales', '', '', '11.2', ...months({ Feb: 'C', Mar: 'P' }), 'R1'],
        ['HR', '', '', '7.2', ...months({ Feb: 'C' }), 'R2'],
      ]),
    );
    const e = r.issues.filter((i) => i.severity === 'error');
    expect(codes(e)).toEqual([['audit-calendar.scope-in-catalogue', 'error', `${SHEET}!D4`]]);
    expect(e[0]?.message).toContain('"11.2" is not an ISO 9001:2015 clause or heading');
    expect(e[0]?.message).toContain("none of this row's 2 marks (F4, G4) is read until then");
    expect(r.records.map((x) => x.id)).toEqual(['HR 2026-02']);
  });

  it('audit-calendar.default-type: no Type column → Internal audit, said once; names such as "Management review meeting" are read and said', () => {
    const r = parse([
      ['Audit', ...MONTHS],
      ['Sales', ...months({ Feb: 'P' })],
      ['Management review meeting', ...months({ Mar: 'P' })],
      ['Surveillance audit', ...months({ Apr: 'P' })],
    ]);
    expect(r.records.map((x) => x.data.type)).toEqual(['Internal audit', 'Management review', 'Surveillance audit']);
    const info = only(r.issues, 'audit-calendar.default-type');
    expect(info).toHaveLength(1);
    expect(info[0]?.message).toContain('There is no Type column, so rows 2 are read as Internal audit (the default)');
    expect(info[0]?.message).toContain('row 3 "Management review meeting" → Management review');
    expect(info[0]?.message).not.toContain('row 4');
    const bad = parse(calendar([['Sales', 'Supplier audit', '', 'all', ...months({ Feb: 'P' }), '']]));
    expect(codes(bad.issues.filter((i) => i.severity === 'error'))).toEqual([
      ['cell.not-in-list', 'error', `${SHEET}!B4`],
    ]);
    expect(bad.records).toEqual([]);
  });

  it('audit-calendar.name-required: marks without an audit name are an error on the name cell', () => {
    const r = parse(calendar([['', 'Internal audit', '', 'all', ...months({ Feb: 'C' }), 'R1']]));
    expect(codes(r.issues.filter((i) => i.severity === 'error'))).toEqual([
      ['audit-calendar.name-required', 'error', `${SHEET}!A4`],
    ]);
    expect(r.issues.find((i) => i.severity === 'error')?.message).toContain('Row 4 has marks but no audit name in A4');
    expect(r.records).toEqual([]);
  });

  it('audit-calendar.planned-overdue: past planned months with nothing done after them, one warning', () => {
    const r = parse(
      calendar([
        ['Sales', '', '', 'all', ...months({ Feb: 'P', Sep: 'P' }), ''],
        ['HR', '', '', '7.2', ...months({ Mar: 'P', Apr: 'C' }), 'R2'],
      ]),
    );
    const w = only(r.issues, 'audit-calendar.planned-overdue');
    expect(codes(w)).toEqual([['audit-calendar.planned-overdue', 'warning', `${SHEET}!F4`]]);
    expect(w[0]?.message).toContain(
      '1 planned audit is past on 2026-06-30 with no completion marked after it (F4 Feb 2026)',
    );
    expect(r.records.find((x) => x.id === 'Sales 2026-02')?.warnings).toEqual(w);
  });

  it('audit-calendar.ids: named after the audit and month, stable when rows are inserted; repeated names get (2) and a note', () => {
    const rows = [
      ['Sales', '', '', 'all', ...months({ Feb: 'P' }), ''],
      ['Sales', '', '', 'all', ...months({ Feb: 'P' }), ''],
      ['HR', '', '', '7.2', ...months({ Feb: 'P' }), ''],
    ];
    const r = parse(calendar(rows));
    expect(r.records.map((x) => x.id)).toEqual(['Sales 2026-02', 'Sales 2026-02 (2)', 'HR 2026-02']);
    expect(only(r.issues, 'audit-calendar.same-name')[0]?.message).toContain('Rows 4 and 5 share an audit name');
    const inserted = parse(calendar([['Purchasing', '', '', '8.4', ...months({ Jan: 'P' }), ''], ...rows]));
    expect(inserted.records.map((x) => x.id)).toEqual([
      'Purchasing 2026-01',
      'Sales 2026-02',
      'Sales 2026-02 (2)',
      'HR 2026-02',
    ]);
    expect(inserted.records.find((x) => x.id === 'HR 2026-02')?.hash).toBe(
      r.records.find((x) => x.id === 'HR 2026-02')?.hash,
    );
  });

  it('audit-calendar.totals-row: count rows are left out with an info', () => {
    const r = parse(
      calendar([
        ['Sales', '', '', 'all', ...months({ Feb: 'P' }), ''],
        ['Total', '', '', '', ...months({ Feb: 1 }), ''],
      ]),
    );
    expect(codes(only(r.issues, 'audit-calendar.totals-row'))).toEqual([
      ['audit-calendar.totals-row', 'info', `${SHEET}!A5`],
    ]);
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('audit-calendar.not-marks: month cells holding only numbers (KPI values) are one warning, not an error per cell', () => {
    const values = [
      ['KPI', 'Process', ...MONTHS],
      ['On-time delivery', 'Logistics', ...months({ Jan: 0.95, Feb: 0.97 })],
      ['Complaints', 'Sales', ...months({ Jan: 3, Feb: 1 })],
    ];
    // Today's core takes this sheet by its headers (12 months); with sheetScore it takes none. The marker makes
    // the rules run either way: what they say about such a sheet is the point here.
    const marker = 'audit-calendar@1:Audit Calendar';
    const r = parseWorkbook({ sheets: [{ name: SHEET, values, marker }] }, [auditCalendar], { asOf: AS_OF });
    expect(r.recognised[0]?.by).toBe('marker');
    expect(codes(r.issues)).toEqual([
      ['audit-calendar.not-marks', 'warning', `${SHEET}!B1`],
      ['audit-calendar.not-marks', 'info', `${SHEET}!B2`],
      ['audit-calendar.not-marks', 'info', `${SHEET}!B3`],
    ]);
    expect(r.issues[0]?.message).toContain('hold numbers (such as 0.95 in C2), not marks');
    expect(r.issues[0]?.message).toContain('rename the "Process" header');
    expect(r.records).toEqual([]);
  });

  it('reads a sheet whose used range does not start at A1 (cells are named on the sheet)', () => {
    const values = [
      [...HEAD, ...MONTHS, 'Report reference'],
      ['Sales', '', '', 'all', ...months({ Feb: 'Q' }), ''],
    ];
    const r = parseWorkbook({ sheets: [{ name: SHEET, values, origin: { row: 3, column: 2 } }] }, [auditCalendar], {
      asOf: AS_OF,
    });
    expect(only(r.issues, 'audit-calendar.unknown-mark').map((i) => i.cell)).toEqual([`${SHEET}!G4`]);
  });
});

describe('audit-calendar.no-silent-drop', () => {
  it('audit-calendar.no-silent-drop: every non-blank row under the header ends as a record or an issue naming it', () => {
    const values = calendar([
      ['Sales', 'Internal audit', 'J. Smith', 'all', ...months({ Feb: 'C', Mar: 'P' }), 'R1'], // 4 records
      ['HR', '', '', '7.2', ...months({}), ''], // 5 no month marked
      ['', '', 'A. Lee', '', ...months({}), ''], // 6 a lead only
      ['', '', '', '', ...months({ Apr: 'C' }), ''], // 7 a mark without a name
      ['Design', 'Audit of sorts', '', '8.3', ...months({ May: 'C' }), ''], // 8 bad type
      ['Production', '', '', '99', ...months({ May: 'C' }), ''], // 9 bad scope
      ['Stores', '', '', '8.5', ...months({ Jun: '?', Jul: 'C' }), ''], // 10 unknown mark, future completion
      ['Totals', '', '', '', ...months({ Feb: 1, Mar: 1 }), ''], // 11 totals
      [], // 12 blank
      ['Prepared by the QA team'], // 13 a note below the table
    ]);
    const r = parse(values);
    const nonBlankRows = values
      .map((row, i) => ({ row: i + 1, blank: row.every((c) => c === '' || c === undefined) }))
      .filter((x) => x.row > 3 && !x.blank)
      .map((x) => x.row);
    expect(nonBlankRows).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 13]);
    for (const row of nonBlankRows) {
      const record = r.records.some((x) => x.source.row === row);
      const named = r.issues.some(
        (i) =>
          Number(/\d+$/.exec(i.address)?.[0]) === row ||
          new RegExp(`(?:\\b[A-Z]{1,3}${row}\\b|\\brows? [^.;]*\\b${row}\\b)`).test(i.message),
      );
      expect(record || named, `row ${row}`).toBe(true);
    }
    expect(r.records.map((x) => x.id)).toEqual(['Sales 2026-02', 'Sales 2026-03']);
    expect(codes(r.issues.filter((i) => i.severity === 'error'))).toEqual([
      ['audit-calendar.name-required', 'error', `${SHEET}!A7`],
      ['cell.not-in-list', 'error', `${SHEET}!B8`],
      ['audit-calendar.scope-in-catalogue', 'error', `${SHEET}!D9`],
      ['audit-calendar.unknown-mark', 'error', `${SHEET}!J10`],
      ['audit-calendar.completed-not-future', 'error', `${SHEET}!K10`],
    ]);
    expect(codes(only(r.issues, 'audit-calendar.no-event'))).toEqual([
      ['audit-calendar.no-event', 'info', `${SHEET}!A5`],
      ['audit-calendar.no-event', 'info', `${SHEET}!C6`],
      ['audit-calendar.no-event', 'info', `${SHEET}!A13`],
    ]);
    expect(only(r.issues, 'audit-calendar.no-event')[0]?.message).toBe(
      `${SHEET}!A5: Row 5 ("HR") gives no event because no month is marked; mark P in the month the audit is planned (or C once done) to include it`,
    );
    expect(codes(only(r.issues, 'audit-calendar.totals-row'))).toEqual([
      ['audit-calendar.totals-row', 'info', `${SHEET}!A11`],
    ]);
  });
});

describe('audit-calendar recognition among the shipped templates', () => {
  const shipped = TEMPLATE_MODULES;
  const sheet = (values: unknown[][], name = 'Audits 2026'): SheetInput => ({ name, values });

  it('audit-calendar.recognition: a Jan … Dec year planner is the calendar, beside the Audit Programme and Gap Analysis', () => {
    const full = sheet(calendar([['Sales', '', '', 'all', ...months({ Feb: 'C' }), '']]));
    expect(recognise(full, shipped)?.templateId).toBe('audit-calendar');
    expect(recognise(full, [auditProgramme, gapAnalysis, auditCalendar])?.templateId).toBe('audit-calendar');
    const byProcess = sheet([
      ['Process', 'Lead auditor', ...MONTHS],
      ['Sales', 'J. Smith', ...months({ Feb: 'C' })],
    ]);
    expect(recognise(byProcess, shipped)?.templateId).toBe('audit-calendar');
    const german = sheet([
      [
        'Prozess',
        'Auditor',
        'Januar',
        'Februar',
        'März',
        'April',
        'Mai',
        'Juni',
        'Juli',
        'August',
        'September',
        'Oktober',
        'November',
        'Dezember',
      ],
      ['Einkauf', '', 'C'],
    ]);
    expect(recognise(german, shipped)?.templateId).toBe('audit-calendar');
    // And through the whole registry: the assessment gets its completed internal audit.
    const r = parseWorkbook({ sheets: [full] }, shipped, { asOf: AS_OF });
    expect(r.records.filter((x) => x.data.status === 'Completed').map((x) => x.id)).toEqual(['Sales 2026-02']);
  });

  it('audit-calendar.recognition: the Audit Programme, the Gap Analysis and a KPI Definitions sheet stay theirs', () => {
    const programme = sheet([
      [
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
      ],
      ['IA-1', 'Internal audit', 'all', '', '2026-05-12', '', 0, 0, 0, 'R', 'Completed'],
    ]);
    expect(recognise(programme, shipped)?.templateId).toBe('audit-programme');
    const gap = sheet([
      ['Clause', 'Title', 'Status', 'Evidence', 'Owner'],
      ['4.1', 'Context', 'Compliant', 'x', 'y'],
    ]);
    expect(recognise(gap, shipped)?.templateId).toBe('gap-analysis');
    const kpi = sheet([
      ['KPI ID', 'KPI', 'Clause', 'Direction', 'Target', 'Frequency'],
      ['K1', 'OTD', '9.1', 'Higher is better', 95, 'Monthly'],
    ]);
    expect(recognise(kpi, shipped)?.templateId).toBe('kpi-tracker');
    // A wide KPI sheet with a Process column and values per month is the wide KPI tracker's, not a calendar.
    const wide = sheet([
      ['KPI ID', 'KPI', 'Process', 'Target', 'Direction', 'Frequency', ...MONTHS],
      ['K1', 'On-time delivery', 'Logistics', 95, 'Higher is better', 'Monthly', 96, 94, 97],
    ]);
    expect(recognise(wide, shipped)?.templateId).toBe('kpi-wide');
  });

  // Month headers with years (2026-01, Excel dates) match no fixed header alias, and a short planner headed
  // "Process" or "Department" matches fewer than three spec columns: these are recognised through sheetScore.
  it('audit-calendar.recognition: 2026-01 headers, Excel dates and short planners are the calendar (sheetScore)', () => {
    const iso = sheet([
      ['Process', '2026-01', '2026-02', '2026-03', '2026-04'],
      ['Sales', 'P', 'C'],
    ]);
    const dated = sheet([
      ['Area', isoToSerial('2026-01-01'), isoToSerial('2026-02-01'), isoToSerial('2026-03-01')],
      ['Sales', 'C'],
    ]);
    const short = sheet([
      ['Department', 'Jan', 'Feb', 'Mar'],
      ['Sales', 'C'],
    ]);
    for (const s of [iso, dated, short]) {
      expect(auditCalendarScore(s, auditCalendarSpec.sheets[0] as TableSheetSpec)).toBeGreaterThan(1);
      expect(recognise(s, shipped)?.templateId, JSON.stringify(s.values[0])).toBe('audit-calendar');
    }
  });

  it("audit-calendar.sheet-score: positive for planners, 0 for KPI values per month and for other templates' sheets", () => {
    const spec = auditCalendarSpec.sheets[0] as TableSheetSpec;
    const score = (values: unknown[][]) => auditCalendarScore({ name: 'x', values }, spec);
    expect(score(calendar([['Sales', '', '', 'all', ...months({ Feb: 'C' }), '']]))).toBeCloseTo(1 + 1 + 0.5);
    expect(
      score([
        ['Process', '2026-01', '2026-02'],
        ['Sales', 'P'],
      ]),
    ).toBeCloseTo(1 + 2 / 12 + 0.1);
    expect(
      score([
        ['KPI', 'Process', ...MONTHS],
        ['OTD', 'Logistics', 0.95, 0.97],
      ]),
    ).toBe(0);
    expect(score([['Event ID', 'Type', 'Scope / clauses', 'Planned date', 'Status']])).toBe(0);
    expect(
      score([
        ['Clause', 'Title', 'Status'],
        ['4.1', 'x', 'Compliant'],
      ]),
    ).toBe(0);
    expect(
      auditCalendarScore(
        { name: 'x', values: [['Audit', 'Jan', 'Feb']] },
        auditProgramme.spec.sheets[0] as TableSheetSpec,
      ),
    ).toBe(0);
  });
});

describe('audit-calendar spec, template file and round trip', () => {
  it('audit-calendar.spec: Audit / process, Type, Lead, Scope, Jan … Dec, Report reference; the description explains the marks', () => {
    const spec = auditCalendarSpec.sheets[0] as TableSheetSpec;
    expect(auditCalendarSpec).toMatchObject({ id: 'audit-calendar', version: 1, title: 'Audit Calendar' });
    expect(spec).toMatchObject({ kind: 'table', name: 'Audit Calendar', recordType: 'audit-event' });
    expect(spec.columns.map((c) => c.header)).toEqual([
      'Audit / process',
      'Type',
      'Lead',
      'Scope / clauses',
      ...MONTHS,
      'Report reference',
    ]);
    expect(spec.columns.find((c) => c.key === 'type')).toMatchObject({
      list:
        auditProgramme.spec.sheets[0]?.kind === 'table'
          ? auditProgramme.spec.sheets[0].columns.find((c) => c.key === 'type')?.list
          : [],
      defaultValue: 'Internal audit',
    });
    expect(auditCalendarSpec.description).toMatch(/P in the month an audit is planned and C \(or X, ✓\)/);
    // No year in the how-to: the built template's title rows must not date the planner.
    expect(auditCalendarSpec.description).not.toMatch(/(19|20)\d{2}/);
  });

  it('audit-calendar.template-file: the template built from the spec reads back as the calendar, marks and all', async () => {
    const input = await readWorkbook(await buildTemplateWorkbook([auditCalendar]));
    const built = input.sheets.find((s) => s.name === 'Audit Calendar');
    expect(built).toBeDefined();
    const empty = parseWorkbook(input, [auditCalendar], { asOf: AS_OF });
    expect(empty.recognised.map((x) => [x.templateId, x.by])).toEqual([['audit-calendar', 'marker']]);
    expect(empty.issues.filter((i) => i.severity !== 'info')).toEqual([]);
    expect(empty.records).toEqual([]);
    // Fill a row the way a user would: below the header, marks in the month columns.
    const values = (built?.values ?? []).map((row) => [...row]);
    const headerAt = values.findIndex((row) => row[0] === 'Audit / process');
    values[headerAt + 1] = ['Sales', 'Internal audit', 'J. Smith', 'all', '', 'C 12', ...Array(10).fill(''), 'IA-1'];
    const filled = parseWorkbook({ ...input, sheets: [{ ...(built as SheetInput), values }] }, [auditCalendar], {
      asOf: AS_OF,
    });
    expect(filled.records.map((x) => [x.id, x.data.completedDate, x.data.reportReference])).toEqual([
      ['Sales 2026-02', '2026-02-12', 'IA-1'],
    ]);
    expect(only(filled.issues, 'audit-calendar.year-from-as-of')).toHaveLength(1);
  });

  it('audit-calendar.round-trip: toGrids writes a planner that reads back to the same records', () => {
    const first = parse(
      calendar(
        [
          ['Sales', 'Internal audit', 'J. Smith', 'all', ...months({ Feb: 'C 12', Mar: 'N', Sep: 'P' }), 'IA-1'],
          ['Sales', 'Internal audit', '', '7.2', ...months({ Feb: 'P' }), ''],
          ['Management review', 'Management review', 'CEO', '', ...months({ May: 'C' }), 'MR-1'],
        ],
        'Audit plan 2026 — Legend: P planned, C completed, N cancelled',
      ),
    );
    const grids = auditCalendar.toGrids(first.records);
    const again = parse(grids['Audit Calendar'] ?? []);
    expect(again.records.map((x) => [x.id, x.data])).toEqual(first.records.map((x) => [x.id, x.data]));
    // A row numbered (2) because an earlier row of its name gave no record keeps its number on the way back.
    const numbered = parse(
      calendar([
        ['Sales', '', '', '99', ...months({ Feb: 'P' }), ''],
        ['Sales', '', '', 'all', ...months({ Mar: 'P' }), ''],
      ]),
    );
    expect(numbered.records.map((x) => x.id)).toEqual(['Sales 2026-03 (2)']);
    const numberedBack = parse(auditCalendar.toGrids(numbered.records)['Audit Calendar'] ?? []);
    expect(numberedBack.records.map((x) => [x.id, x.data])).toEqual(numbered.records.map((x) => [x.id, x.data]));
    // Several years: headers carry their year.
    const multi = parse([
      ['Audit', 'Type', 'Lead', '2025-11', '2025-12', '2026-01'],
      ['Sales', '', '', 'C', '', 'P'],
    ]);
    const back = parse(auditCalendar.toGrids(multi.records)['Audit Calendar'] ?? []);
    expect(back.records.map((x) => [x.id, x.data])).toEqual(multi.records.map((x) => [x.id, x.data]));
  });
});
