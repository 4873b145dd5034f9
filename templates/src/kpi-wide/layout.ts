import { toCell, type Cell } from '../core/cells.js';
import { isoFromParts, type IsoDate } from '../core/dates.js';
import { columnLetter, makeIssue, type Issue } from '../core/issues.js';
import { findHeaderRow, type SheetInput } from '../core/table.js';
import { cellText } from '../core/values.js';
import {
  quarterStart,
  UNIT_OF_FREQUENCY,
  type KpiFrequency,
  type ParsedPeriod,
  type PeriodUnit,
} from '../kpi-tracker/periods.js';
import { HOW_TO_HEAD, monthShort, parsePeriodHeader, yearOfCell, type HeaderParse } from './period-headers.js';
import { KPI_DEFINITION_COLUMNS, kpiWideSheetSpec, KPI_WIDE_MONTH_COLUMNS } from './spec.js';

/** One period column: where it is, its heading as typed (for messages) and the period it heads. */
export interface PeriodColumn {
  /** 0-based index into a row of the sheet's values. */
  index: number;
  /** 1-based sheet column. */
  column: number;
  heading: string;
  period: ParsedPeriod;
}

/** How a wide sheet is laid out: its header row, which columns define the KPI and which are periods. */
export interface WideLayout {
  /** 0-based index into the sheet's values of the header row. */
  headerIndex: number;
  /** 1-based sheet row of the header. */
  headerRow: number;
  /** Definition column key → 0-based index. */
  definitions: Map<string, number>;
  /** The header text per column as read (the matched text of a two-row header). */
  headerTexts: readonly string[];
  periods: PeriodColumn[];
  /** Indexes of every column under a period-like heading, valid or not: not definition data. */
  periodIndexes: Set<number>;
  /** Notes on the header cells: how year-less headings were dated, headings that name no period. */
  notes: Issue[];
  /** The frequency every period column implies when they are all of one kind (all months, say). */
  impliedFrequency?: KpiFrequency;
}

type Unit = 'month' | 'quarter';
type Entry =
  | { at: number; heading: string; kind: 'period'; period: ParsedPeriod; monthEndOf?: IsoDate }
  | { at: number; heading: string; kind: 'year-less'; unit: Unit; number: number };

const DEFINITION_KEYS = new Set(KPI_DEFINITION_COLUMNS.map((c) => c.key));

export const FREQUENCY_OF_UNIT: Record<PeriodUnit, KpiFrequency> = Object.fromEntries(
  Object.entries(UNIT_OF_FREQUENCY).map(([frequency, unit]) => [unit, frequency]),
) as Record<PeriodUnit, KpiFrequency>;

function heading(cell: Cell): string {
  return cell.kind === 'date' ? cell.value.toISOString().slice(0, 10) : cellText(cell);
}

/** "its value is" / "its 3 values are". */
const itsValues = (n: number, verb: string): string =>
  n === 1 ? `its value is ${verb}` : `its ${n} values are ${verb}`;

export function readLayout(sheet: SheetInput, asOf: IsoDate, date1904: boolean): WideLayout {
  const origin = sheet.origin ?? { row: 1, column: 1 };
  const values = sheet.values;
  // The same header row the framework's read found (same columns), so both agree on where the table starts.
  const header = findHeaderRow(values, kpiWideSheetSpec.columns);
  const headerIndex = header?.index ?? 0;
  const headerRow = origin.row + headerIndex;
  const definitions = new Map([...(header?.matches ?? [])].filter(([key]) => DEFINITION_KEYS.has(key)));
  const taken = new Set(definitions.values());
  // Month columns the header match saw ("Jan (actual)"): months, whatever else their heading says, so that the
  // rules read every column recognition counted.
  const monthAt = new Map(
    [...(header?.matches ?? [])].flatMap(([key, index]) => {
      const month = KPI_WIDE_MONTH_COLUMNS.findIndex((c) => c.key === key) + 1;
      return month > 0 ? [[index, month] as const] : [];
    }),
  );
  const notes: Issue[] = [];
  const note = (severity: Issue['severity'], code: string, index: number, message: string) =>
    notes.push(makeIssue(severity, code, sheet.name, headerRow, origin.column + index, message));

  const totals = new Set(sheet.totalsRows ?? []);
  const below = values.slice(headerIndex + 1).filter((_, i) => !totals.has(headerRow + 1 + i));
  const filledBelow = (index: number): number => below.filter((r) => toCell(r[index]).kind !== 'blank').length;

  const headerCells = values[headerIndex] ?? [];
  // A loop, not Math.max(...rows): a sheet of 100,000 rows must not overflow the call's argument list.
  let width = headerCells.length;
  for (const r of below) width = Math.max(width, r.length);
  const entries: Entry[] = [];
  const periodIndexes = new Set<number>();
  for (let at = 0; at < width; at++) {
    if (taken.has(at)) continue;
    const raw = headerCells[at];
    const cell = toCell(raw);
    const text = heading(cell);
    const letter = columnLetter(origin.column + at);
    let parsed: HeaderParse = cell.kind === 'blank' ? ({ kind: 'other' } as const) : parsePeriodHeader(raw, date1904);
    const month = monthAt.get(at);
    if (parsed.kind === 'other' && month !== undefined) parsed = { kind: 'year-less', unit: 'month', number: month };
    if (parsed.kind === 'period') {
      entries.push({ at, heading: text, kind: 'period', period: parsed.period, monthEndOf: parsed.monthEndOf });
    } else if (parsed.kind === 'year-less') {
      entries.push({ at, heading: text, kind: 'year-less', unit: parsed.unit, number: parsed.number });
    } else if (parsed.kind === 'invalid') {
      // kpi-wide.period-header: said once on the heading rather than on every value under it.
      periodIndexes.add(at);
      const n = filledBelow(at);
      note(
        n > 0 ? 'error' : 'warning',
        'kpi-wide.period-header',
        at,
        `Column ${letter} heading ${parsed.message}${n > 0 ? `; until then ${itsValues(n, 'not read')}` : ''}`,
      );
    } else {
      // kpi-wide.not-a-period: YTD, Total, Comments… are left out, but never in silence when they hold values.
      const n = filledBelow(at);
      if (n === 0) continue;
      note(
        'info',
        'kpi-wide.not-a-period',
        at,
        text === ''
          ? `Column ${letter} has no heading, so ${itsValues(n, 'left out')}; if they are measurements, head the column with their period (Jan 2026, 2026-01 or Q1 2026)`
          : `Column ${letter} ("${text.length > 40 ? `${text.slice(0, 37)}...` : text}") is not a period heading, so ${itsValues(n, 'left out')}; if it is a period, ${HOW_TO_HEAD}`,
      );
    }
  }

  const periods = datePeriods(sheet, headerIndex, entries, asOf, note, filledBelow);
  for (const p of periods) periodIndexes.add(p.index);
  const headerTexts = header?.texts ?? Array.from(headerCells, (c) => heading(toCell(c)));
  const layout: WideLayout = { headerIndex, headerRow, definitions, headerTexts, periods, periodIndexes, notes };
  const frequency = impliedFrequency(periods);
  if (frequency) layout.impliedFrequency = frequency;
  return layout;
}

/**
 * Gives every year-less heading its year (kpi-wide.year-from-title, kpi-wide.year-from-as-of) and settles Mondays
 * that end a month; returns the period columns in sheet order.
 *
 * The year is the one written nearest above the heading: a group heading over the months ("2026"), else the
 * title ("KPIs 2026"). Without one it is the as-of year, said in an info on the first such heading. Months that
 * run on past December (a fiscal year: Apr … Dec, Jan … Mar) continue into the next year, with an info where the
 * year turns (kpi-wide.year-rollover): reading them all as one year would put January after December's data.
 */
function datePeriods(
  sheet: SheetInput,
  headerIndex: number,
  entries: readonly Entry[],
  asOf: IsoDate,
  note: (severity: Issue['severity'], code: string, index: number, message: string) => void,
  filledBelow: (index: number) => number,
): PeriodColumn[] {
  const origin = sheet.origin ?? { row: 1, column: 1 };
  // How a heading was dated matters only once a value sits under it: an empty template says nothing.
  const dated = entries.some((e) => e.kind === 'year-less' && filledBelow(e.at) > 0);
  const say: typeof note = (...args) => {
    if (dated) note(...args);
  };
  const asOfYear = Number(asOf.slice(0, 4));
  const hasMonths = entries.some(
    (e) =>
      (e.kind === 'year-less' && e.unit === 'month') ||
      (e.kind === 'period' && e.period.kind === 'label' && e.period.unit === 'month'),
  );
  const runs = new Map<string, { last: number; heading: string; at: number; offset: number }>();
  let undated: { at: number; units: Set<Unit> } | undefined;
  const out: PeriodColumn[] = [];
  for (const e of entries) {
    const column = origin.column + e.at;
    if (e.kind === 'period') {
      // A Monday ending a month is a month on a sheet that has months, else a week (a sheet of Mondays).
      const period: ParsedPeriod =
        e.monthEndOf && hasMonths ? { kind: 'label', unit: 'month', start: e.monthEndOf, text: e.heading } : e.period;
      out.push({ index: e.at, column, heading: e.heading, period });
      continue;
    }
    const source = yearAbove(sheet.values, headerIndex, e.at);
    if (!source) {
      undated ??= { at: e.at, units: new Set() };
      undated.units.add(e.unit);
    }
    const key = `${source ? `${source.row}:${source.column}` : 'as-of'}|${e.unit}`;
    const run = runs.get(key) ?? { last: 0, heading: '', at: e.at, offset: 0 };
    const base = source?.year ?? asOfYear;
    if (e.number <= run.last) {
      run.offset++;
      const year = base + run.offset;
      say(
        'info',
        'kpi-wide.year-rollover',
        e.at,
        `"${e.heading}" follows "${run.heading}" (column ${columnLetter(origin.column + run.at)}), so it and the ${e.unit}s after it are read as ${year}; if they belong to ${year - 1}, head them with their year (${headingWithYear(e.unit, e.number, year - 1)})`,
      );
    }
    runs.set(key, { last: e.number, heading: e.heading, at: e.at, offset: run.offset });
    const year = base + run.offset;
    const start = e.unit === 'month' ? isoFromParts(year, e.number, 1) : quarterStart(year, e.number);
    // Years come from 4-digit cells (1900–2999) or the as-of date, plus a rollover per repeated run: a start
    // always exists (the check only satisfies the type).
    if (start)
      out.push({
        index: e.at,
        column,
        heading: e.heading,
        period: { kind: 'label', unit: e.unit, start, text: e.heading },
      });
  }
  if (undated) {
    const what = [...undated.units].map((u) => `${u}s`).join(' and ');
    say(
      'info',
      'kpi-wide.year-from-as-of',
      undated.at,
      `${what} read as ${asOfYear} (no year on the sheet; put the year in the title, e.g. 'KPIs ${asOfYear}')`,
    );
  }
  return out;
}

function headingWithYear(unit: Unit, n: number, year: number): string {
  return unit === 'month' ? `${monthShort(n)} ${year}` : `Q${n} ${year}`;
}

/**
 * The year written above a heading: in the nearest row above that has one, the nearest year cell at or left of
 * the column (a group heading "2025" over Jan–Dec, "2026" over the next Jan–Dec; a title in A1, whose merged cell
 * keeps its text at the left); else, in that row, a single year anywhere (a title typed further right).
 */
function yearAbove(
  values: SheetInput['values'],
  headerIndex: number,
  at: number,
): { year: number; row: number; column: number } | undefined {
  for (let r = headerIndex - 1; r >= 0; r--) {
    const row = values[r] ?? [];
    for (let c = Math.min(at, row.length - 1); c >= 0; c--) {
      const year = yearOfCell(row[c]);
      if (year !== undefined) return { year, row: r, column: c };
    }
    const found = Array.from(row, (v, c) => ({ year: yearOfCell(v), column: c })).filter((x) => x.year !== undefined);
    const first = found[0];
    if (first?.year !== undefined && found.every((x) => x.year === first.year)) {
      return { year: first.year, row: r, column: first.column };
    }
  }
  return undefined;
}

/**
 * The frequency the period columns imply when the sheet has no Frequency column: their one unit. Date headings
 * count by their spacing (firsts of months three months apart are quarters); a mix of units implies none.
 */
function impliedFrequency(periods: readonly PeriodColumn[]): KpiFrequency | undefined {
  const units = new Set<PeriodUnit>();
  const dates: IsoDate[] = [];
  for (const p of periods) {
    if (p.period.kind === 'label') units.add(p.period.unit);
    else dates.push(p.period.date);
  }
  if (dates.length > 0) {
    const unit = dateUnit(dates);
    if (!unit) return undefined;
    units.add(unit);
  }
  const [only] = units;
  return units.size === 1 && only ? FREQUENCY_OF_UNIT[only] : undefined;
}

function dateUnit(dates: readonly IsoDate[]): PeriodUnit | undefined {
  const parts = dates.map((d) => d.split('-').map(Number) as [number, number, number]);
  if (parts.every(([, , d]) => d === 1)) {
    const months = parts.map(([y, m]) => y * 12 + m - 1);
    const steps = months.slice(1).map((m, i) => m - (months[i] as number));
    if (steps.length > 0 && steps.every((s) => s === 12) && parts.every(([, m]) => m === 1)) return 'year';
    if (steps.length > 0 && steps.every((s) => s === 3) && parts.every(([, m]) => (m - 1) % 3 === 0)) return 'quarter';
    return 'month';
  }
  return dates.every((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 1) ? 'week' : undefined;
}
