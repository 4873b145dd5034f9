import { toCell, type Cell } from '../core/cells.js';
import { headerMatchKey } from '../core/headers.js';
import type { IsoDate } from '../core/dates.js';
import type { SheetSpec } from '../core/spec.js';
import type { SheetInput } from '../core/table.js';
import { cellText } from '../core/values.js';
import { monthKey, parseMonthHeader, type MonthHeader } from './months.js';
import {
  AUDIT_CALENDAR_SHEET,
  AUDIT_COLUMN_ALIASES,
  AUDIT_SPEC_ALIASES,
  CLAUSE_COLUMN_ALIASES,
  LEAD_COLUMN_ALIASES,
  REPORT_COLUMN_ALIASES,
  TYPE_COLUMN_ALIASES,
} from './spec.js';

/**
 * The header row of a year planner: the audit (row label) column, optional Type, Lead, Scope and Report reference
 * columns, and the month columns. The core reader matches fixed header texts, which cannot describe "any month of
 * any year", so the calendar finds its own header; it is pure and looks at the first 20 rows only, like the core.
 */
export interface MonthColumn {
  /** 0-based index in the sheet's values rows. */
  index: number;
  month: number;
  year: number;
  /** `2026-03`. */
  key: string;
  /** Header text as shown (for messages). */
  text: string;
}

export type YearSource =
  /** Every month header names its year (or sits under a year band). */
  | { kind: 'header' }
  /** A title above the header names the year. */
  | { kind: 'title'; at: { row: number; column: number }; text: string; year: number }
  /** Nothing on the sheet names the year: the as-of date's year. */
  | { kind: 'as-of'; year: number };

export interface CalendarHeader {
  /** 0-based index in values. */
  index: number;
  audit: number;
  /** True when the audit column is a Clause(s) / Scope column: its labels are the scope too. */
  auditIsScope: boolean;
  auditText: string;
  type?: number;
  lead?: number;
  scope?: number;
  report?: number;
  /** Month columns in sheet order, years resolved; duplicates of an earlier column are in `duplicates`. */
  months: MonthColumn[];
  duplicates: { column: MonthColumn; first: MonthColumn }[];
  years: YearSource;
}

const HEADER_SCAN_ROWS = 20;
const keysOf = (aliases: readonly string[]): Set<string> => new Set(aliases.map(headerMatchKey));
/** The spec's own words win over looser ones: in "Process | Audit | Jan …" the Audit column is the audit. */
const AUDIT_SPEC_KEYS = keysOf([...AUDIT_SPEC_ALIASES, 'Audit / process']);
const AUDIT_KEYS = keysOf(AUDIT_COLUMN_ALIASES);
const CLAUSE_KEYS = keysOf(CLAUSE_COLUMN_ALIASES);
const TYPE_KEYS = keysOf(TYPE_COLUMN_ALIASES);
const LEAD_KEYS = keysOf(LEAD_COLUMN_ALIASES);
const REPORT_KEYS = keysOf(REPORT_COLUMN_ALIASES);

interface RawMonth extends MonthHeader {
  index: number;
  text: string;
}

interface Candidate {
  index: number;
  roles: { audit?: number; looseAudit?: number; clause?: number; type?: number; lead?: number; report?: number };
  months: RawMonth[];
}

function headerText(cell: Cell): string {
  return cell.kind === 'text' || cell.kind === 'number' || cell.kind === 'date' ? cellText(cell) : '';
}

function candidateAt(values: SheetInput['values'], index: number, date1904: boolean): Candidate {
  const row = values[index] ?? [];
  const roles: Candidate['roles'] = {};
  const months: RawMonth[] = [];
  for (let c = 0; c < row.length; c++) {
    const cell = toCell(row[c]);
    if (cell.kind === 'blank') continue;
    const month = parseMonthHeader(cell, date1904);
    if (month) {
      months.push({ ...month, index: c, text: headerText(cell) });
      continue;
    }
    if (cell.kind !== 'text') continue;
    const key = headerMatchKey(cell.value);
    // The first column of each role wins, as in the core reader.
    if (AUDIT_SPEC_KEYS.has(key)) roles.audit ??= c;
    else if (AUDIT_KEYS.has(key)) roles.looseAudit ??= c;
    else if (CLAUSE_KEYS.has(key)) roles.clause ??= c;
    else if (TYPE_KEYS.has(key)) roles.type ??= c;
    else if (LEAD_KEYS.has(key)) roles.lead ??= c;
    else if (REPORT_KEYS.has(key)) roles.report ??= c;
  }
  return { index, roles, months };
}

/** How many columns a candidate row names; 0 when it is no calendar header (no label column or under two months). */
function candidateScore(c: Candidate): number {
  const label = c.roles.audit ?? c.roles.looseAudit ?? c.roles.clause;
  if (label === undefined || c.months.length < 2) return 0;
  return c.months.length + Object.values(c.roles).filter((v) => v !== undefined).length;
}

function bestCandidate(values: SheetInput['values'], date1904: boolean): Candidate | undefined {
  let best: { candidate: Candidate; score: number } | undefined;
  const limit = Math.min(values.length, HEADER_SCAN_ROWS);
  for (let i = 0; i < limit; i++) {
    const candidate = candidateAt(values, i, date1904);
    const score = candidateScore(candidate);
    if (score > 0 && (!best || score > best.score)) best = { candidate, score };
  }
  return best?.candidate;
}

/**
 * The module's `sheetScore`: how surely a sheet is an audit calendar (0 = not one). recognise() takes the higher of
 * it and the header score, so month headers with years (2026-01, Jan 2026, Excel dates), which no fixed header
 * alias matches, and planners headed "Process" or "Department", which the spec leaves to this reader, count.
 *
 * 1 for an audit column and two months or more, plus the share of twelve months, plus a tenth per other column:
 * at most 2.5, so above the header score of the Audit Programme or Gap Analysis on such a sheet (about 1 at most)
 * and below a wide KPI tracker's sheetScore (above 3). Month cells holding numbers and no text at all are KPI
 * values, not marks: 0.
 */
export function auditCalendarScore(sheet: SheetInput, spec?: SheetSpec): number {
  if (spec !== undefined && spec.name !== AUDIT_CALENDAR_SHEET) return 0;
  // The 1900/1904 system moves a date heading by four years only; it never decides whether it is a month.
  const c = bestCandidate(sheet.values, false);
  if (!c) return 0;
  let numbers = 0;
  let texts = 0;
  for (let r = c.index + 1; r < sheet.values.length; r++) {
    for (const m of c.months) {
      const kind = toCell(sheet.values[r]?.[m.index]).kind;
      if (kind === 'number') numbers++;
      else if (kind !== 'blank') texts++;
    }
  }
  if (numbers > 0 && texts === 0) return 0;
  const roles = Object.values(c.roles).filter((v) => v !== undefined).length;
  return 1 + Math.min(c.months.length, 12) / 12 + Math.min(roles, 5) / 10;
}

/** A cell that is only a year: `2026` as text or number (a year band over the month columns). */
function yearOnly(raw: unknown): number | undefined {
  const cell = toCell(raw);
  const text = cell.kind === 'text' ? cell.value.trim() : cell.kind === 'number' ? String(cell.value) : '';
  return /^(19|20)\d{2}$/.test(text) ? Number(text) : undefined;
}

const FULL_DATE = /\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b/g;
const YEAR_IN_TEXT = /(?<!\d)(19|20)\d{2}(?!\d)/;

/**
 * The year a title above the header names: the first text cell (top to bottom, left to right) holding a 4-digit
 * year once full dates ("Issued 2025-11-03") are taken out, since those date the document, not the plan.
 */
function titleYear(
  values: SheetInput['values'],
  headerIndex: number,
): Extract<YearSource, { kind: 'title' }> | undefined {
  for (let r = 0; r < headerIndex; r++) {
    const row = values[r] ?? [];
    for (let c = 0; c < row.length; c++) {
      const cell = toCell(row[c]);
      if (cell.kind !== 'text') continue;
      const m = YEAR_IN_TEXT.exec(cell.value.replace(FULL_DATE, ' '));
      if (m) return { kind: 'title', at: { row: r, column: c }, text: cell.value, year: Number(m[0]) };
    }
  }
  return undefined;
}

/**
 * Years for months whose header has none. Explicit years first: the header's own, else a year band in the row
 * above (a "2026" cell over its months, merged or not). The others follow their neighbours in sheet order,
 * a month not after the one before it starting the next year (Nov, Dec, Jan); with no year anywhere, the title's
 * year, else the as-of year chosen so that the as-of month falls inside the planner where it can.
 */
function resolveYears(
  values: SheetInput['values'],
  headerIndex: number,
  raw: readonly RawMonth[],
  asOf: IsoDate,
): { years: number[]; source: YearSource } {
  const above = headerIndex > 0 ? (values[headerIndex - 1] ?? []) : [];
  const firstIndex = raw[0]?.index ?? 0;
  const bandYear = (index: number): number | undefined => {
    for (let c = index; c >= firstIndex; c--) {
      if (toCell(above[c]).kind !== 'blank') return yearOnly(above[c]);
    }
    return undefined;
  };
  const years: (number | undefined)[] = raw.map((m) => m.year ?? bandYear(m.index));
  const known = years.findIndex((y) => y !== undefined);
  if (known >= 0) {
    for (let i = known + 1; i < raw.length; i++) {
      const prev = years[i - 1] ?? 0;
      years[i] ??= (raw[i]?.month ?? 0) <= (raw[i - 1]?.month ?? 0) ? prev + 1 : prev;
    }
    for (let i = known - 1; i >= 0; i--) {
      const next = years[i + 1] ?? 0;
      years[i] ??= (raw[i]?.month ?? 0) >= (raw[i + 1]?.month ?? 0) ? next - 1 : next;
    }
    return { years: years.map((y) => y ?? 0), source: { kind: 'header' } };
  }
  // No year on any header: offsets from the first month (0, 0, …, 1 after the planner passes December).
  const offsets: number[] = [];
  raw.forEach((m, i) => {
    const prev = raw[i - 1];
    const before = offsets[i - 1] ?? 0;
    offsets.push(prev === undefined ? 0 : m.month <= prev.month ? before + 1 : before);
  });
  const title = titleYear(values, headerIndex);
  if (title) return { years: offsets.map((o) => title.year + o), source: title };
  const asOfYear = Number(asOf.slice(0, 4));
  const asOfMonth = Number(asOf.slice(5, 7));
  // A planner running Jul–Jun judged in March is most likely the one that contains March.
  const holding = raw.findIndex((m) => m.month === asOfMonth);
  const base = holding >= 0 ? asOfYear - (offsets[holding] ?? 0) : asOfYear;
  return { years: offsets.map((o) => base + o), source: { kind: 'as-of', year: base } };
}

/**
 * The calendar's header row: `prefer` (the row the core reader took as the header) when it is a calendar header,
 * so that both readings agree on which rows are data; else the best row of the first 20.
 */
export function findCalendarHeader(
  values: SheetInput['values'],
  date1904: boolean,
  asOf: IsoDate,
  prefer?: number,
): CalendarHeader | undefined {
  const preferred = prefer === undefined ? undefined : candidateAt(values, prefer, date1904);
  const c = preferred && candidateScore(preferred) > 0 ? preferred : bestCandidate(values, date1904);
  if (!c) return undefined;
  const named = c.roles.audit ?? c.roles.looseAudit;
  const auditIsScope = named === undefined;
  const audit = (named ?? c.roles.clause) as number;
  const { years, source } = resolveYears(values, c.index, c.months, asOf);
  const months: MonthColumn[] = [];
  const duplicates: CalendarHeader['duplicates'] = [];
  c.months.forEach((m, i) => {
    const year = years[i] ?? 0;
    const column: MonthColumn = { index: m.index, month: m.month, year, key: monthKey(year, m.month), text: m.text };
    const first = months.find((x) => x.key === column.key);
    if (first) duplicates.push({ column, first });
    else months.push(column);
  });
  return {
    index: c.index,
    audit,
    auditIsScope,
    auditText: headerText(toCell(values[c.index]?.[audit])),
    type: c.roles.type,
    lead: c.roles.lead,
    scope: auditIsScope ? undefined : c.roles.clause,
    report: c.roles.report,
    months,
    duplicates,
    years: source,
  };
}
