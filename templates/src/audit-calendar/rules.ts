import { parseScope } from '../audit-programme/scope.js';
import type { AuditEvent } from '../audit-programme/schema.js';
import { CONTROL_CHARACTERS, describeCell, toCell, type Cell } from '../core/cells.js';
import { isoFromParts, serialToIso, type IsoDate } from '../core/dates.js';
import { a1, columnLetter, makeIssue, type Issue, type Severity } from '../core/issues.js';
import { AUDIT_TYPES } from '../core/lists.js';
import { makeRecord, type QmsRecord } from '../core/record.js';
import type { ColumnSpec, TableSheetSpec } from '../core/spec.js';
import type { SheetInput, TableRead } from '../core/table.js';
import { emptyResult, type ParseContext, type SheetReads, type TemplateResult } from '../core/template.js';
import { cellText, coerce, matchListValue } from '../core/values.js';
import { findCalendarHeader, type CalendarHeader, type MonthColumn } from './header.js';
import {
  defaultLegend,
  describeLegend,
  markKey,
  pointKey,
  readLegend,
  type Legend,
  type LegendEntry,
  type Meaning,
} from './legend.js';
import { daysInMonth, monthLabel } from './months.js';
import { AUDIT_CALENDAR_SHEET, auditCalendarSpec } from './spec.js';
import { appendAll } from '../core/arrays.js';

/**
 * Audit Calendar rules: a year planner read into the same audit-event records as the Audit Programme, one record
 * per marked month cell. Rule ids in comments match the test names.
 *
 * Records are per cell, so an error on a mark drops that mark only; an error on the row's own cells (name, Type,
 * Lead, Scope) drops all of the row's marks, and says so. What the calendar cannot hold for a completed audit
 * (its report, its exact day) is one issue per sheet, not one per cell: the fix is the same for every cell.
 */
type AuditType = AuditEvent['type'];
type Status = AuditEvent['status'];

const sheetSpec = auditCalendarSpec.sheets[0] as TableSheetSpec;
const columnSpec = (key: string): ColumnSpec => sheetSpec.columns.find((c) => c.key === key) as ColumnSpec;
const TYPE_COLUMN = columnSpec('type');
const LEAD_COLUMN = columnSpec('lead');
const REPORT_COLUMN = columnSpec('reportReference');

const STATUS_OF: Record<Meaning, Status> = { planned: 'Planned', completed: 'Completed', cancelled: 'Cancelled' };
/** Event IDs keep the audit name readable; beyond this it is cut (a pasted paragraph is no name). */
const MAX_NAME_IN_ID = 100;
/** Lists of cells in one message stop here, with a count of the rest. */
const LIST_LIMIT = 8;
const TOTAL_LABEL = /^(totals?|sum|summe|gesamt|anzahl|count|number of audits|totaux|total général)\b/i;
/** "7.5 Documented information", "Clause 8.4 Purchasing": a clause number leading the audit name. */
const LEADING_CLAUSE =
  /^(?:clause|cl\.?|§|kapitel|chapitre)?\s*(\d{1,2}(?:\.\d{1,2}){0,3}(?:\s*[-–]\s*\d{1,2}(?:\.\d{1,2}){0,3})?)\s+\p{L}/iu;
/** A mark followed by the day of the month: `C 14`, `C14`, `P-3`, `X 7.`. */
const MARK_WITH_DAY = /^(.*?\S)\s*[-/.,]?\s*(\d{1,2})\.?$/u;

/** Event types read from the audit's name when Type is blank; a reading, so always reported. */
const TYPE_WORDS: readonly [RegExp, AuditType][] = [
  [
    /management\s*-?\s*review|managementbewertung|revue\s+de\s+direction|revisi[oó]n\s+por\s+la\s+direcci[oó]n/i,
    'Management review',
  ],
  [/stage\s*(?:1|one|i)\b|stufe\s*1|[ée]tape\s*1|fase\s*1/i, 'Stage 1 audit'],
  [/stage\s*(?:2|two|ii)\b|stufe\s*2|[ée]tape\s*2|fase\s*2/i, 'Stage 2 audit'],
  [/re-?certification|rezertifizierung|renouvellement|recertificaci[oó]n/i, 'Recertification audit'],
  [/surveillance|[üu]berwachungsaudit|seguimiento/i, 'Surveillance audit'],
];

export function auditCalendarRules(reads: SheetReads, context: ParseContext): TemplateResult {
  const read = reads[AUDIT_CALENDAR_SHEET] as TableRead | undefined;
  const result = emptyResult(auditCalendarSpec);
  if (!read) return result;
  // The core read the sheet with fixed headers (Jan … Dec); its rows and issues are not used, because months with
  // years (2026-01, dates) and legends need the calendar's own reading of the whole grid. Its header row and
  // columns are kept in view, so that no row the core would call data goes unaccounted.
  const o = read.input.origin ?? { row: 1, column: 1 };
  const core = {
    headerIndex: read.headerRow - o.row,
    columns: Object.values(read.columns).map((c) => c - o.column),
  };
  const out = readCalendar(read.input, context, core);
  appendAll(result.records, out.records);
  appendAll(result.issues, out.issues);
  return result;
}

/** Where a cell is: 0-based indexes into the sheet's values. */
interface At {
  row: number;
  column: number;
}

interface MarkRead {
  at: At;
  text: string;
  month: MonthColumn;
  meaning: Meaning;
  date: IsoDate;
  /** Whether the cell gave the day; else the date is the 1st of the month. */
  dayGiven: boolean;
}

class CalendarReader {
  readonly issues: Issue[] = [];
  readonly records: QmsRecord[] = [];
  private readonly origin: { row: number; column: number };

  constructor(
    readonly sheet: SheetInput,
    readonly context: ParseContext,
  ) {
    this.origin = sheet.origin ?? { row: 1, column: 1 };
  }

  get asOf(): IsoDate {
    return this.context.asOf;
  }

  /** `B5`: the sheet address of a 0-based position. */
  ref(at: At): string {
    return a1(this.origin.row + at.row, this.origin.column + at.column);
  }

  letter(column: number): string {
    return columnLetter(this.origin.column + column);
  }

  sheetRow(row: number): number {
    return this.origin.row + row;
  }

  issue(severity: Severity, code: string, at: At, message: string): Issue {
    const made = makeIssue(
      severity,
      code,
      this.sheet.name,
      this.origin.row + at.row,
      this.origin.column + at.column,
      message,
    );
    this.issues.push(made);
    return made;
  }

  cell(at: At): Cell {
    return toCell(this.sheet.values[at.row]?.[at.column]);
  }
}

/** `B5, C7, D9 and 4 more`. */
function listed(items: readonly string[]): string {
  const shown = items.slice(0, LIST_LIMIT).join(', ');
  return items.length > LIST_LIMIT ? `${shown} and ${items.length - LIST_LIMIT} more` : shown;
}

function quote(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return `"${t.length > 40 ? `${t.slice(0, 37)}...` : t}"`;
}

/** `Jan–Dec 2026` or `Sep 2025 – Aug 2026`. */
function span(months: readonly MonthColumn[]): string {
  const first = months[0];
  const last = months[months.length - 1];
  if (!first || !last) return '';
  if (first.year === last.year) {
    return `${monthLabel(first.year, first.month).slice(0, 3)}–${monthLabel(last.year, last.month)}`;
  }
  return `${monthLabel(first.year, first.month)} – ${monthLabel(last.year, last.month)}`;
}

/** What the core reader took as the header row and the template's columns (0-based). */
interface CoreReading {
  headerIndex: number;
  columns: number[];
}

function readCalendar(
  sheet: SheetInput,
  context: ParseContext,
  core: CoreReading,
): { records: QmsRecord[]; issues: Issue[] } {
  const reader = new CalendarReader(sheet, context);
  const header = findCalendarHeader(sheet.values, context.date1904, context.asOf, core.headerIndex);
  if (!header) {
    // audit-calendar.no-header: reached when the sheet was taken by its marker, its name or a few month names
    reader.issue(
      'error',
      'audit-calendar.no-header',
      { row: Math.max(core.headerIndex, 0), column: 0 },
      'No header row with an audit column (Audit, Process, Area, Department, Clause …) and at least two month columns (Jan, Feb … or 2026-01, Jan 2026) was found in the first 20 rows; add such a header row above the audits',
    );
    return reader;
  }
  // Rows with something mark-like in a month cell are data: their cells are never read as a legend.
  const markLike = (r: number): boolean =>
    header.months.some((m) => {
      const cell = reader.cell({ row: r, column: m.index });
      return cell.kind !== 'blank' && (cell.kind !== 'text' || cell.value.length <= 6);
    });
  const legend = usedLegend(
    reader,
    header,
    readLegend(sheet.values, (r) => r === header.index || (r > header.index && markLike(r))),
  );
  const columns = dataColumns(header, core);
  aboveHeader(reader, header, core, columns);
  // audit-calendar.not-marks: a wide KPI table ("KPI | Process | Jan …" with numbers) looks like a calendar to
  // header matching; numbers and no text anywhere in the months mean it is none, so it is not read at all.
  if (notMarks(reader, header, legend, columns)) return reader;
  legendIssues(reader, header, legend);
  yearIssues(reader, header);
  duplicateMonthIssues(reader, header);
  readRows(reader, header, legend, columns);
  return reader;
}

/**
 * A legend the sheet holds without a "Legend" heading ("P = planned" cells, a "P" | "Planned" pair) counts only
 * when some month cell uses one of its marks: a note such as "Q1: done" above the table is no legend, and taking
 * it for one would make every P and C of the calendar an unknown mark.
 */
function usedLegend(reader: CalendarReader, header: CalendarHeader, legend: Legend): Legend {
  if (legend.source === 'default' || legend.headed) return legend;
  for (let r = header.index + 1; r < reader.sheet.values.length; r++) {
    for (const m of header.months) {
      const at = { row: r, column: m.index };
      const cell = reader.cell(at);
      if (cell.kind === 'text' && !legend.cells.has(pointKey(at)) && lookUp(legend, cell.value)) return legend;
    }
  }
  return defaultLegend();
}

/**
 * The columns whose cells make a row "not blank": the calendar's own, and any the core matched (a header the core
 * reads that this reader does not, such as a month in a two-row header, still makes its rows count).
 */
function dataColumns(header: CalendarHeader, core: CoreReading): number[] {
  const own = [
    header.audit,
    header.type,
    header.lead,
    header.scope,
    header.report,
    ...header.months.map((m) => m.index),
    ...header.duplicates.map((d) => d.column.index),
  ].filter((c): c is number => c !== undefined);
  return [...new Set([...own, ...core.columns])];
}

function blankRow(reader: CalendarReader, row: number, columns: readonly number[]): boolean {
  return columns.every((column) => reader.cell({ row, column }).kind === 'blank');
}

/**
 * audit-calendar.above-header: when the core took a higher row as the header, the rows between it and the
 * calendar's header are said to be titles, one info each, so that no row under either header goes unmentioned.
 */
function aboveHeader(reader: CalendarReader, header: CalendarHeader, core: CoreReading, columns: number[]): void {
  // Without a single matched column the core found no header at all (its row index is then only a default).
  if (core.columns.length === 0) return;
  for (let r = Math.max(core.headerIndex + 1, 0); r < header.index; r++) {
    if (blankRow(reader, r, columns)) continue;
    const at = { row: r, column: columns.find((c) => reader.cell({ row: r, column: c }).kind !== 'blank') ?? 0 };
    reader.issue(
      'info',
      'audit-calendar.above-header',
      at,
      `Row ${reader.sheetRow(r)} is above the calendar's header row (row ${reader.sheetRow(header.index)}), so it is read as a title, not an audit; move it below the header if it is one`,
    );
  }
}

/** audit-calendar.legend-from-sheet / audit-calendar.default-legend / audit-calendar.legend-conflict */
function legendIssues(reader: CalendarReader, header: CalendarHeader, legend: Legend): void {
  const dating = 'each mark is dated the 1st of its month unless a day follows it (C 14)';
  if (legend.source === 'sheet') {
    const places = [...new Set([...legend.entries.values()].map((e) => reader.ref(e.at)))];
    const first = [...legend.entries.values()][0];
    reader.issue(
      'info',
      'audit-calendar.legend-from-sheet',
      first?.at ?? { row: header.index, column: header.audit },
      `Marks are read with the legend on this sheet (${listed(places)}): ${describeLegend(legend)}; ${dating}. Marks not in this legend are errors, so add any other mark you use to it`,
    );
  } else {
    reader.issue(
      'info',
      'audit-calendar.default-legend',
      { row: header.index, column: header.audit },
      `No legend on this sheet, so marks are read with the default legend: P = planned; C, X, ✓ or ✔ = completed; ${dating}. To use other marks, put a legend such as "P = planned, C = completed" above the table`,
    );
  }
  for (const { entry, first } of legend.conflicts) {
    reader.issue(
      'error',
      'audit-calendar.legend-conflict',
      entry.at,
      `The legend says ${entry.mark} = ${quote(entry.meaningText)} here but ${first.mark} = ${quote(first.meaningText)} in ${reader.ref(first.at)}; the first is used. Give each mark one meaning`,
    );
  }
}

/** audit-calendar.year-from-title / audit-calendar.year-from-as-of */
function yearIssues(reader: CalendarReader, header: CalendarHeader): void {
  const first = header.months[0];
  if (!first) return;
  const at = { row: header.index, column: first.index };
  const years = header.years;
  if (years.kind === 'title') {
    reader.issue(
      'info',
      'audit-calendar.year-from-title',
      at,
      `The month headers have no year; read as ${span(header.months)} from the title in ${reader.ref(years.at)} (${quote(years.text)}). If that is not this plan's year, write the year in the headers (Jan ${years.year}) or correct the title`,
    );
  } else if (years.kind === 'as-of') {
    reader.issue(
      'info',
      'audit-calendar.year-from-as-of',
      at,
      `The month headers have no year and no title above the header names one; read as ${span(header.months)}, from the as-of date ${reader.asOf}. Put the year in a title above the table (Audit calendar ${years.year}) or in the headers (Jan ${years.year})`,
    );
  }
}

/** audit-calendar.duplicate-month */
function duplicateMonthIssues(reader: CalendarReader, header: CalendarHeader): void {
  for (const { column, first } of header.duplicates) {
    reader.issue(
      'error',
      'audit-calendar.duplicate-month',
      { row: header.index, column: column.index },
      `Column ${reader.letter(column.index)} (${quote(column.text)}) is ${monthLabel(column.year, column.month)} again, after column ${reader.letter(first.index)}; its marks are not read. Give each month one column, or write the year in the headers (Jan 2026, Jan 2027)`,
    );
  }
}

type MarkResult =
  { ok: true; entry: LegendEntry; day: number | undefined } | { ok: false; code: string; message: string };

function legendName(reader: CalendarReader, legend: Legend): string {
  if (legend.source === 'default') return `default legend (${describeLegend(legend)})`;
  const first = [...legend.entries.values()][0];
  return `legend in ${first ? reader.ref(first.at) : 'this sheet'} (${describeLegend(legend)})`;
}

function lookUp(legend: Legend, text: string): { entry: LegendEntry; day: number | undefined } | undefined {
  const whole = legend.entries.get(markKey(text));
  if (whole) return { entry: whole, day: undefined };
  const m = MARK_WITH_DAY.exec(text);
  const entry = m?.[1] === undefined ? undefined : legend.entries.get(markKey(m[1]));
  return entry ? { entry, day: Number(m?.[2]) } : undefined;
}

/** audit-calendar.unknown-mark / audit-calendar.legend-meaning: what a month cell says, or why it says nothing. */
function readMark(reader: CalendarReader, legend: Legend, cell: Cell, date1904: boolean): MarkResult {
  const name = legendName(reader, legend);
  const unknown = (what: string, hint: string): MarkResult => ({
    ok: false,
    code: 'audit-calendar.unknown-mark',
    message: `${what} is not a mark of the ${name}; ${hint}`,
  });
  switch (cell.kind) {
    case 'text': {
      const found = lookUp(legend, cell.value);
      if (found && found.entry.meaning === undefined) {
        return {
          ok: false,
          code: 'audit-calendar.legend-meaning',
          message: `The legend in ${reader.ref(found.entry.at)} says ${found.entry.mark} means ${quote(found.entry.meaningText)}, which cannot be read as planned, completed or cancelled; reword that legend entry (e.g. "${found.entry.mark} = planned") or use another mark`,
        };
      }
      if (found) return { ok: true, entry: found.entry, day: found.day };
      const dateLike = /^\d{1,2}[./-]\d{1,2}(?:[./-]\d{2,4})?\.?$/.test(cell.value.trim());
      return unknown(
        describeCell(cell),
        dateLike
          ? 'to give the day, write the mark and the day, e.g. C 12 for completed on the 12th or P 12 for planned'
          : `write one of those marks, or add it to the legend above the table (e.g. "${cell.value.trim().slice(0, 3)} = completed")`,
      );
    }
    case 'number': {
      const n = cell.value;
      if (Number.isInteger(n) && n >= 1 && n <= 31)
        return unknown(String(n), `a day alone does not say planned or completed: write P ${n} or C ${n}`);
      const iso = serialToIso(n, date1904);
      if (iso && n >= 32874)
        return unknown(
          `The date ${iso}`,
          `write P ${Number(iso.slice(8))} or C ${Number(iso.slice(8))} (mark and day)`,
        );
      return unknown(String(n), 'write P (planned) or C (completed) in the month cell');
    }
    case 'date': {
      const day = cell.value.getUTCDate();
      return unknown(`The date ${describeCell(cell)}`, `write P ${day} or C ${day} (mark and day)`);
    }
    case 'bool':
      return unknown(
        describeCell(cell),
        'a tick box does not say planned or completed: write C for completed or P for planned',
      );
    case 'error':
      return {
        ok: false,
        code: 'cell.error-value',
        message: `The month cell holds the error value ${cell.value}; fix the formula or type a mark such as P or C`,
      };
    case 'blank':
      return unknown('A blank cell', 'type a mark');
  }
}

function notMarks(reader: CalendarReader, header: CalendarHeader, legend: Legend, columns: number[]): boolean {
  let numbers = 0;
  let other = 0;
  let firstNumber: At | undefined;
  for (let r = header.index + 1; r < reader.sheet.values.length; r++) {
    for (const m of header.months) {
      const at = { row: r, column: m.index };
      if (legend.cells.has(pointKey(at))) continue;
      const cell = reader.cell(at);
      if (cell.kind === 'blank') continue;
      if (cell.kind === 'number') {
        numbers += 1;
        firstNumber ??= at;
      } else other += 1;
      if (other > 0) return false;
    }
  }
  if (numbers === 0 || !firstNumber) return false;
  // A warning, not an error: most such sheets are other tables, which the check must not fail for.
  reader.issue(
    'warning',
    'audit-calendar.not-marks',
    { row: header.index, column: header.audit },
    `This sheet has an audit column (${reader.letter(header.audit)}) and month columns, but its ${numbers} filled month cells hold numbers (such as ${describeCell(reader.cell(firstNumber))} in ${reader.ref(firstNumber)}), not marks, so nothing is read from it as an audit calendar. If it is one, write P (planned) or C (completed) in the month cells; if it is another table (KPI values per month), rename the "${header.auditText}" header so it is not taken for an audit column`,
  );
  for (let r = header.index + 1; r < reader.sheet.values.length; r++) {
    if (blankRow(reader, r, columns)) continue;
    reader.issue(
      'info',
      'audit-calendar.not-marks',
      { row: r, column: header.audit },
      `Row ${reader.sheetRow(r)} is not read: the month cells of this sheet hold numbers, not marks (see ${reader.ref({ row: header.index, column: header.audit })})`,
    );
  }
  return true;
}

/** The audit's type when Type is blank: the name itself when it is a type, a keyword reading, or the default. */
function typeFromName(name: string): { type: AuditType; how: 'exact' | 'reading' | 'default' } {
  const exact = matchListValue(name, AUDIT_TYPES);
  if (exact !== undefined) return { type: exact as AuditType, how: 'exact' };
  for (const [pattern, type] of TYPE_WORDS) if (pattern.test(name)) return { type, how: 'reading' };
  return { type: 'Internal audit', how: 'default' };
}

interface RowFields {
  name: string;
  type: AuditType;
  lead?: string;
  scope?: string;
  scopeClauses?: string[];
  reportReference?: string;
}

/** Summaries collected over the rows, each reported once per sheet. */
interface Notes {
  defaultType: number[];
  typeReadings: string[];
  scopeFromName: string[];
  sameName: Map<string, number[]>;
  needsReport: { mark: MarkRead; record: QmsRecord }[];
  dayAssumed: MarkRead[];
  needsScope: { mark: MarkRead; record: QmsRecord }[];
  overdue: { mark: MarkRead; record: QmsRecord }[];
}

function readRows(reader: CalendarReader, header: CalendarHeader, legend: Legend, columns: number[]): void {
  const values = reader.sheet.values;
  const totalsRows = new Set(reader.sheet.totalsRows ?? []);
  const notes: Notes = {
    defaultType: [],
    typeReadings: [],
    scopeFromName: [],
    sameName: new Map(),
    needsReport: [],
    dayAssumed: [],
    needsScope: [],
    overdue: [],
  };
  const seenNames = new Map<string, number>();

  for (let r = header.index + 1; r < values.length; r++) {
    const cellAt = (column: number | undefined): Cell =>
      column === undefined || legend.cells.has(pointKey({ row: r, column })) ? BLANK : reader.cell({ row: r, column });
    const filledRaw = columns.filter((c) => reader.cell({ row: r, column: c }).kind !== 'blank');
    if (filledRaw.length === 0) continue;
    const sheetRow = reader.sheetRow(r);
    const filled = filledRaw.filter((c) => cellAt(c).kind !== 'blank');
    if (filled.length === 0) {
      // audit-calendar.legend-row: a legend under the table, in its columns
      reader.issue(
        'info',
        'audit-calendar.legend-row',
        { row: r, column: filledRaw[0] ?? header.audit },
        `Row ${sheetRow} is part of the legend, not an audit`,
      );
      continue;
    }
    const marks = header.months
      .map((month) => ({ month, cell: cellAt(month.index) }))
      .filter((m) => m.cell.kind !== 'blank');
    const label = cellAt(header.audit);
    // Line breaks become spaces and other control characters go: the name ends up in the Event ID.
    const name =
      label.kind === 'blank'
        ? ''
        : cellText(label).replace(/\s+/g, ' ').replace(new RegExp(CONTROL_CHARACTERS.source, 'g'), '').trim();
    const firstAt = { row: r, column: filled[0] ?? header.audit };
    // audit-calendar.totals-row: counts per month (COUNTIF rows, an Excel totals row) are no audits
    if (totalsRows.has(sheetRow) || TOTAL_LABEL.test(name)) {
      reader.issue(
        'info',
        'audit-calendar.totals-row',
        firstAt,
        `Row ${sheetRow} holds totals or counts, not an audit, and is left out`,
      );
      continue;
    }
    const labelAt = { row: r, column: header.audit };
    // Rows of one name are numbered in sheet order, marked or not, so that a row's number does not change when
    // another row of that name gains or loses its marks (or an error).
    // Counted by the name as the Event ID holds it (cut at MAX_NAME_IN_ID), so that two long names sharing their
    // start get two numbers, not one ID.
    const idName = name.slice(0, MAX_NAME_IN_ID).trim();
    let nth = 0;
    if (name !== '') {
      const nameKey = idName.toLowerCase();
      nth = (seenNames.get(nameKey) ?? 0) + 1;
      seenNames.set(nameKey, nth);
      notes.sameName.set(nameKey, [...(notes.sameName.get(nameKey) ?? []), sheetRow]);
    }
    if (marks.length === 0) {
      // audit-calendar.no-event
      reader.issue(
        'info',
        'audit-calendar.no-event',
        name === '' ? firstAt : labelAt,
        `Row ${sheetRow}${name === '' ? '' : ` (${quote(name)})`} gives no event because no month is marked; mark P in the month the audit is planned (or C once done) to include it`,
      );
      continue;
    }
    const marksNote = `none of this row's ${marks.length} mark${marks.length === 1 ? '' : 's'} (${listed(marks.map((m) => reader.ref({ row: r, column: m.month.index })))}) is read until then`;
    // audit-calendar.name-required: the name is what the event is called (and its Event ID)
    if (name === '' || label.kind === 'error') {
      reader.issue(
        'error',
        label.kind === 'error' ? 'cell.error-value' : 'audit-calendar.name-required',
        labelAt,
        label.kind === 'error'
          ? `The audit name holds the error value ${cellText(label)}; type the process or area audited; ${marksNote}`
          : `Row ${sheetRow} has marks but no audit name in ${reader.ref(labelAt)}; write the process, area or clauses audited; ${marksNote}`,
      );
      continue;
    }

    const fields = rowFields(reader, header, r, name, cellAt, notes, marksNote);
    if (!fields) continue;
    const idSuffix = nth > 1 ? ` (${nth})` : '';
    const read: MarkRead[] = [];
    for (const { month, cell } of marks) {
      const at = { row: r, column: month.index };
      const mark = readMonthCell(reader, legend, month, cell, at);
      if (mark) read.push(mark);
    }
    for (const mark of read) {
      const record = toRecord(reader, fields, `${idName} ${mark.month.key}${idSuffix}`, mark, sheetRow);
      reader.records.push(record);
      if (mark.meaning === 'completed') {
        if (fields.reportReference === undefined) notes.needsReport.push({ mark, record });
        else if (!mark.dayGiven) notes.dayAssumed.push(mark);
        if (fields.type === 'Internal audit' && fields.scopeClauses === undefined)
          notes.needsScope.push({ mark, record });
      }
      // audit-calendar.planned-overdue: past planned marks with nothing done or cancelled after them in the row
      if (mark.meaning === 'planned' && isPast(mark, reader.asOf)) {
        const later = read.some((m) => m.meaning !== 'planned' && m.date >= mark.date);
        if (!later) notes.overdue.push({ mark, record });
      }
    }
  }
  summaryIssues(reader, header, notes);
}

const BLANK: Cell = { kind: 'blank' };

/** A planned mark is past when its day (or, with no day, its whole month) is before the as-of date. */
function isPast(mark: MarkRead, asOf: IsoDate): boolean {
  if (mark.dayGiven) return mark.date < asOf;
  const last = isoFromParts(mark.month.year, mark.month.month, daysInMonth(mark.month.year, mark.month.month));
  return last !== undefined && last < asOf;
}

/** Name, Type, Lead, Scope and Report reference of a marked row; undefined (after an error) when one is wrong. */
function rowFields(
  reader: CalendarReader,
  header: CalendarHeader,
  r: number,
  name: string,
  cellAt: (column: number | undefined) => Cell,
  notes: Notes,
  marksNote: string,
): RowFields | undefined {
  const sheetRow = reader.sheetRow(r);
  let ok = true;
  const fail = (code: string, column: number, message: string): void => {
    ok = false;
    reader.issue('error', code, { row: r, column }, `${message}; ${marksNote}`);
  };
  const text = (column: number | undefined, spec: ColumnSpec): string | undefined => {
    const cell = cellAt(column);
    if (cell.kind === 'blank' || column === undefined) return undefined;
    const v = coerce(cell, spec, reader.context);
    if (!v.ok) {
      fail(v.code, column, v.message);
      return undefined;
    }
    const t = String(v.value).trim();
    return t === '' ? undefined : t;
  };
  // audit-calendar.default-type
  let type: AuditType;
  const typeCell = cellAt(header.type);
  if (typeCell.kind !== 'blank' && header.type !== undefined) {
    const v = coerce(typeCell, TYPE_COLUMN, reader.context);
    if (v.ok) {
      type = v.value as AuditType;
      if (v.guessed !== undefined) notes.typeReadings.push(`row ${sheetRow} ${v.guessed} → ${type}`);
    } else {
      fail(v.code, header.type, v.message);
      type = 'Internal audit';
    }
  } else {
    const fromName = typeFromName(name);
    type = fromName.type;
    if (fromName.how === 'reading') notes.typeReadings.push(`row ${sheetRow} ${quote(name)} → ${type}`);
    if (fromName.how === 'default') notes.defaultType.push(sheetRow);
  }

  const lead = text(header.lead, LEAD_COLUMN);
  const reportReference = text(header.report, REPORT_COLUMN);

  // audit-calendar.scope-in-catalogue: the Scope column, else the name when the name is itself a clause list
  let scope: string | undefined;
  let scopeClauses: string[] | undefined;
  const scopeText = header.scope === undefined ? undefined : text(header.scope, columnSpec('scope'));
  if (scopeText !== undefined && header.scope !== undefined) {
    const parsed = parseScope(scopeText);
    if (parsed.ok) {
      scope = scopeText;
      scopeClauses = parsed.clauses;
    } else {
      fail(
        'audit-calendar.scope-in-catalogue',
        header.scope,
        `Scope / clauses: ${parsed.problems.map((p) => p.reason).join('; ')}; write all, or clauses such as 4, 5.1-5.3, 9.2`,
      );
    }
  } else {
    const whole = parseScope(name);
    if (whole.ok && whole.clauses.length > 0) {
      // The name is a clause list ("9.2", "4-10", "all"): exactly what was audited.
      scope = name;
      scopeClauses = whole.clauses;
    } else {
      // audit-calendar.scope-from-name: "7.5 Documented information" is read as scope 7.5, and said so
      const leading = LEADING_CLAUSE.exec(name)?.[1];
      const parsed = leading === undefined ? undefined : parseScope(leading);
      if (leading !== undefined && parsed?.ok && parsed.clauses.length > 0) {
        scope = leading;
        scopeClauses = parsed.clauses;
        notes.scopeFromName.push(`row ${sheetRow} ${quote(name)} → ${leading}`);
      }
    }
  }
  if (!ok) return undefined;
  return { name, type, lead, scope, scopeClauses, reportReference };
}

/** One month cell: a mark of the legend (with its date), or an error naming the cell. */
function readMonthCell(
  reader: CalendarReader,
  legend: Legend,
  month: MonthColumn,
  cell: Cell,
  at: At,
): MarkRead | undefined {
  const result = readMark(reader, legend, cell, reader.context.date1904);
  if (!result.ok) {
    reader.issue('error', result.code, at, result.message);
    return undefined;
  }
  const meaning = result.entry.meaning as Meaning;
  const text = cellText(cell);
  const day = result.day ?? 1;
  const date = isoFromParts(month.year, month.month, day);
  if (date === undefined) {
    // audit-calendar.day-in-month
    reader.issue(
      'error',
      'audit-calendar.day-in-month',
      at,
      `${quote(text)} names day ${day} of ${monthLabel(month.year, month.month)}, which has ${daysInMonth(month.year, month.month)} days; correct the day`,
    );
    return undefined;
  }
  if (meaning === 'completed' && date > reader.asOf) {
    // audit-calendar.completed-not-future
    const when = result.day === undefined ? `in ${monthLabel(month.year, month.month)}` : `on ${date}`;
    reader.issue(
      'error',
      'audit-calendar.completed-not-future',
      at,
      `${quote(text)} marks an audit completed ${when}, after the as-of date ${reader.asOf}; an audit cannot be completed in the future, so mark it P while it is still planned, or check the month's year`,
    );
    return undefined;
  }
  return { at, text, month, meaning, date, dayGiven: result.day !== undefined };
}

/**
 * Event ID `Purchasing 2026-03`: named after the audit and its month, so it stays when rows are inserted or sorted
 * (a row number would not); a repeated name adds ` (2)` after the month, which keeps the ID readable back into name
 * and month (grids.ts).
 */
function toRecord(reader: CalendarReader, fields: RowFields, eventId: string, mark: MarkRead, row: number): QmsRecord {
  const status = STATUS_OF[mark.meaning];
  const data: AuditEvent = {
    eventId,
    type: fields.type,
    scope: fields.scope,
    scopeClauses: fields.scopeClauses,
    lead: fields.lead,
    status,
    ...(status === 'Completed'
      ? { completedDate: mark.date, reportReference: fields.reportReference }
      : { plannedDate: mark.date }),
  };
  return makeRecord('audit-event', data.eventId, data, { sheet: reader.sheet.name, row }, []);
}

function summaryIssues(reader: CalendarReader, header: CalendarHeader, notes: Notes): void {
  const headerAt = (column: number | undefined): At => ({ row: header.index, column: column ?? header.audit });
  const refs = (marks: readonly { mark: MarkRead }[]): string[] => marks.map((m) => reader.ref(m.mark.at));
  const warnEach = (list: readonly { record: QmsRecord }[], issue: Issue): void => {
    for (const { record } of list) record.warnings.push(issue);
  };
  const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

  // audit-calendar.completed-needs-report: kept as Completed records (see the report), one warning per sheet
  const first = notes.needsReport[0];
  if (first) {
    const n = notes.needsReport.length;
    const noDay = notes.needsReport.filter((m) => !m.mark.dayGiven);
    const where =
      header.report === undefined
        ? `add a Report reference column (after the months) and name each audit's report or minutes there`
        : `fill in the Report reference column (${reader.letter(header.report)}) of those rows`;
    const dates =
      noDay.length > 0
        ? ` Their completed date is taken as the 1st of the month (${noDay[0]?.mark.date ?? ''} for ${reader.ref(noDay[0]?.mark.at ?? first.mark.at)}); write the day after the mark (C 14) for the exact date.`
        : '';
    const issue = reader.issue(
      'warning',
      'audit-calendar.completed-needs-report',
      first.mark.at,
      `${plural(n, 'completed audit has', 'completed audits have')} no report reference (${listed(refs(notes.needsReport))}): ${where}, or record ${n === 1 ? 'it' : 'them'} in the Audit Programme with the report. ${n === 1 ? 'It is' : 'They are'} still counted as completed, as the calendar says.${dates}`,
    );
    warnEach(notes.needsReport, issue);
  }
  // audit-calendar.completed-day-assumed
  const assumed = notes.dayAssumed[0];
  if (assumed) {
    reader.issue(
      'info',
      'audit-calendar.completed-day-assumed',
      assumed.at,
      `${plural(notes.dayAssumed.length, 'completed mark gives', 'completed marks give')} no day (${listed(notes.dayAssumed.map((m) => reader.ref(m.at)))}), so the completed date is the 1st of the month (${assumed.date} for ${reader.ref(assumed.at)}); write the day after the mark (C 14) for the exact date`,
    );
  }
  // audit-calendar.completed-needs-scope
  const unscoped = notes.needsScope[0];
  if (unscoped) {
    const fix =
      header.scope === undefined
        ? 'add a Scope / clauses column with all, or the clauses audited such as 4, 5.1-5.3, 9.2'
        : `fill in Scope / clauses (column ${reader.letter(header.scope)}) with all, or the clauses audited such as 4, 5.1-5.3, 9.2`;
    const issue = reader.issue(
      'warning',
      'audit-calendar.completed-needs-scope',
      unscoped.mark.at,
      `${plural(notes.needsScope.length, 'completed Internal audit has', 'completed Internal audits have')} no scope (${listed(refs(notes.needsScope))}), so ${notes.needsScope.length === 1 ? 'it counts' : 'they count'} as covering no ISO 9001 clause; ${fix}`,
    );
    warnEach(notes.needsScope, issue);
  }
  // audit-calendar.planned-overdue
  const overdue = notes.overdue[0];
  if (overdue) {
    const issue = reader.issue(
      'warning',
      'audit-calendar.planned-overdue',
      overdue.mark.at,
      `${plural(notes.overdue.length, 'planned audit is', 'planned audits are')} past on ${reader.asOf} with no completion marked after ${notes.overdue.length === 1 ? 'it' : 'them'} (${listed(notes.overdue.map((o) => `${reader.ref(o.mark.at)} ${monthLabel(o.mark.month.year, o.mark.month.month)}`))}); change P to C where the audit took place, or move the P to the month it is now planned`,
    );
    warnEach(notes.overdue, issue);
  }
  // audit-calendar.default-type
  if (notes.defaultType.length > 0 || notes.typeReadings.length > 0) {
    const parts: string[] = [];
    if (notes.defaultType.length > 0)
      parts.push(
        `${header.type === undefined ? 'There is no Type column, so rows' : 'Rows with a blank Type'} ${listed(notes.defaultType.map(String))} are read as Internal audit (the default)`,
      );
    if (notes.typeReadings.length > 0) parts.push(`types read from the row: ${listed(notes.typeReadings)}`);
    reader.issue(
      'info',
      'audit-calendar.default-type',
      headerAt(header.type),
      `${parts.join('; ')}. Set Type (${AUDIT_TYPES.join(', ')}) where a row is something else`,
    );
  }
  // audit-calendar.scope-from-name
  if (notes.scopeFromName.length > 0) {
    reader.issue(
      'info',
      'audit-calendar.scope-from-name',
      headerAt(header.scope),
      `Scope read from the clause number that starts the audit name: ${listed(notes.scopeFromName)}. Write the scope in a Scope / clauses column if it is wider`,
    );
  }
  // audit-calendar.same-name
  const repeated = [...notes.sameName.values()].filter((rows) => rows.length > 1);
  if (repeated.length > 0) {
    reader.issue(
      'info',
      'audit-calendar.same-name',
      headerAt(header.audit),
      `Rows ${listed(repeated.map((rows) => rows.join(' and ')))} share an audit name; their events are told apart as "… (2)", "… (3)" in row order, which changes if the rows are sorted. Give each row its own name (e.g. add the area)`,
    );
  }
}
