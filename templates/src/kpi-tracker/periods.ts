import { describeCell, type Cell } from '../core/cells.js';
import { addDays, isoFromParts, isoFromUtcMs, parseTextDate, serialToIso, type IsoDate } from '../core/dates.js';
import type { KPI_FREQUENCIES } from '../core/lists.js';

/**
 * Measurement periods (docs/architecture.md, Templates and records). A Period cell holds either a label naming a whole period or a date that is
 * the first day of one:
 *
 * | frequency  | labels accepted          | dates accepted                        | canonical label |
 * |------------|--------------------------|---------------------------------------|-----------------|
 * | Weekly     | 2026-W09 (ISO 8601 week) | a Monday (the ISO week's first day)   | 2026-W09        |
 * | Monthly    | 2026-03, Mar 2026        | the 1st of a month                    | 2026-03         |
 * | Quarterly  | 2026-Q1, Q1 2026         | 1 Jan, 1 Apr, 1 Jul or 1 Oct          | 2026-Q1         |
 * | Annually   | 2026                     | 1 Jan                                 | 2026            |
 *
 * Any other date (2026-03-31 for a monthly KPI) is refused rather than rounded into a period: a date in the
 * middle of a period usually means the wrong row or the wrong KPI, and the message names the label to type.
 * A whole number 1900–9999 in the cell is a year (as a date serial it would fall in 1905–1927).
 */
export type KpiFrequency = (typeof KPI_FREQUENCIES)[number];
export type PeriodUnit = 'week' | 'month' | 'quarter' | 'year';

export type ParsedPeriod =
  /** A label: the unit it names and that period's first day. */
  { kind: 'label'; unit: PeriodUnit; start: IsoDate; text: string } | { kind: 'date'; date: IsoDate };

export type PeriodParse = { ok: true; value: ParsedPeriod } | { ok: false; message: string };

export const UNIT_OF_FREQUENCY: Record<KpiFrequency, PeriodUnit> = {
  Weekly: 'week',
  Monthly: 'month',
  Quarterly: 'quarter',
  Annually: 'year',
};

const HOW_TO_TYPE = 'type a period such as 2026-03, 2026-Q1, 2026-W09 or 2026, or the date the period starts';

/** Reads a Period cell without knowing the KPI's frequency (that check is `fitPeriod`). */
export function parsePeriodCell(cell: Cell, date1904: boolean): PeriodParse {
  switch (cell.kind) {
    case 'date': {
      const d = cell.value;
      const iso = isoFromParts(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
      return iso
        ? { ok: true, value: { kind: 'date', date: iso } }
        : { ok: false, message: `Period is not a date Excel can hold; ${HOW_TO_TYPE}` };
    }
    case 'number': {
      if (Number.isInteger(cell.value) && cell.value >= 1900 && cell.value <= 9999)
        return parsePeriodText(String(cell.value));
      const iso = serialToIso(cell.value, date1904);
      return iso
        ? { ok: true, value: { kind: 'date', date: iso } }
        : { ok: false, message: `Period ${cell.value} is neither a year nor a valid Excel date; ${HOW_TO_TYPE}` };
    }
    case 'text':
      return parsePeriodText(cell.value);
    default:
      return { ok: false, message: `Period is ${describeCell(cell)}; ${HOW_TO_TYPE}` };
  }
}

export function parsePeriodText(raw: string): PeriodParse {
  const text = raw.trim();
  const label = (unit: PeriodUnit, start: IsoDate | undefined): PeriodParse =>
    start
      ? { ok: true, value: { kind: 'label', unit, start, text } }
      : { ok: false, message: `Period "${text}" names no real period; ${HOW_TO_TYPE}` };

  let m = /^(\d{4})$/.exec(text);
  if (m) return label('year', isoFromParts(Number(m[1]), 1, 1));
  m = /^(\d{4})\s*[-/ ]?\s*Q([1-4])$/i.exec(text);
  if (m) return label('quarter', quarterStart(Number(m[1]), Number(m[2])));
  m = /^Q([1-4])\s*[-/ ]?\s*(\d{4})$/i.exec(text);
  if (m) return label('quarter', quarterStart(Number(m[2]), Number(m[1])));
  m = /^(\d{4})-?W(\d{1,2})$/i.exec(text);
  if (m) return label('week', isoWeekStart(Number(m[1]), Number(m[2])));
  m = /^(\d{4})[-/](\d{1,2})$/.exec(text);
  if (m) return label('month', isoFromParts(Number(m[1]), Number(m[2]), 1));
  m = /^([A-Za-z]{3,9})\.?[\s-]+(\d{4})$/.exec(text);
  if (m) {
    const month = monthNumber(m[1] as string);
    if (month !== undefined) return label('month', isoFromParts(Number(m[2]), month, 1));
  }
  const date = parseTextDate(text);
  if (date.ok) return { ok: true, value: { kind: 'date', date: date.value } };
  if (date.reason === 'ambiguous') {
    return { ok: false, message: `Period "${text}" is an ambiguous date (day/month or month/day?); ${HOW_TO_TYPE}` };
  }
  return {
    ok: false,
    message: `Period "${text.length > 40 ? `${text.slice(0, 37)}...` : text}" is not a period; ${HOW_TO_TYPE}`,
  };
}

const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** "Mar", "March" and "Sept" name months; "Marc" or "Ma" do not. */
function monthNumber(name: string): number | undefined {
  const n = name.toLowerCase();
  const index = MONTH_NAMES.findIndex(
    (full) => full === n || full.slice(0, 3) === n || (full === 'september' && n === 'sept'),
  );
  return index >= 0 ? index + 1 : undefined;
}

export function quarterStart(year: number, quarter: number): IsoDate | undefined {
  return isoFromParts(year, (quarter - 1) * 3 + 1, 1);
}

/** Monday of ISO week 1: the week holding 4 January. */
function isoWeekOneMonday(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  const weekday = (new Date(jan4).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return jan4 - weekday * 86_400_000;
}

/** A year has 53 ISO weeks when it starts on a Thursday, or is a leap year starting on a Wednesday. */
export function isoWeeksInYear(year: number): number {
  return isoWeekOf(isoFromUtcMs(Date.UTC(year, 11, 28))).week;
}

export function isoWeekStart(year: number, week: number): IsoDate | undefined {
  if (year < 1900 || year > 9999 || week < 1 || week > isoWeeksInYear(year)) return undefined;
  const start = isoFromUtcMs(isoWeekOneMonday(year) + (week - 1) * 7 * 86_400_000);
  // Week 1 of 1900 starts in 1900 (1 Jan 1900 was a Monday), so every start is a date Excel can hold.
  return start;
}

/** ISO week-numbering year and week of a date (the week belongs to the year holding its Thursday). */
export function isoWeekOf(date: IsoDate): { year: number; week: number } {
  const ms = Date.parse(`${date}T00:00:00Z`);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7;
  const thursday = new Date(ms + (3 - weekday) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
  return { year, week };
}

/** The canonical label of the period of `unit` starting on `start`. */
export function periodLabel(start: IsoDate, unit: PeriodUnit): string {
  const [y, m] = start.split('-') as [string, string, string];
  switch (unit) {
    case 'year':
      return y;
    case 'quarter':
      return `${y}-Q${Math.floor((Number(m) - 1) / 3) + 1}`;
    case 'month':
      return `${y}-${m}`;
    case 'week': {
      const w = isoWeekOf(start);
      return `${w.year}-W${String(w.week).padStart(2, '0')}`;
    }
  }
}

/** First day of the period of `unit` that holds `date`. */
export function periodStartOf(date: IsoDate, unit: PeriodUnit): IsoDate {
  const [y, m] = date.split('-').map(Number) as [number, number, number];
  switch (unit) {
    case 'year':
      return `${String(y).padStart(4, '0')}-01-01`;
    case 'quarter':
      return quarterStart(y, Math.floor((m - 1) / 3) + 1) ?? date;
    case 'month':
      return isoFromParts(y, m, 1) ?? date;
    case 'week': {
      const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
      return addDays(date, -weekday);
    }
  }
}

const UNIT_WORD: Record<PeriodUnit, string> = { week: 'week', month: 'month', quarter: 'quarter', year: 'year' };
const DATE_RULE: Record<PeriodUnit, string> = {
  week: 'a Monday',
  month: 'the 1st of a month',
  quarter: '1 Jan, 1 Apr, 1 Jul or 1 Oct',
  year: '1 Jan',
};

export type FittedPeriod = { ok: true; period: IsoDate; periodLabel: string } | { ok: false; message: string };

/** Checks a parsed period against the KPI's frequency and gives its start date and canonical label. */
export function fitPeriod(parsed: ParsedPeriod, frequency: KpiFrequency, kpiId: string): FittedPeriod {
  const unit = UNIT_OF_FREQUENCY[frequency];
  if (parsed.kind === 'label') {
    if (parsed.unit === unit) return { ok: true, period: parsed.start, periodLabel: periodLabel(parsed.start, unit) };
    return {
      ok: false,
      message: `Period "${parsed.text}" is a ${UNIT_WORD[parsed.unit]} but KPI "${kpiId}" is measured ${frequency.toLowerCase()}; type a ${UNIT_WORD[unit]} such as ${periodLabel(periodStartOf(parsed.start, unit), unit)}`,
    };
  }
  const start = periodStartOf(parsed.date, unit);
  if (start === parsed.date) return { ok: true, period: start, periodLabel: periodLabel(start, unit) };
  return {
    ok: false,
    message: `Period ${parsed.date} is not the start of a ${UNIT_WORD[unit]} (KPI "${kpiId}" is measured ${frequency.toLowerCase()}, so a date must be ${DATE_RULE[unit]}); type ${periodLabel(start, unit)} for the ${UNIT_WORD[unit]} holding that day`,
  };
}

/** Consecutive number of a period (weeks, months, quarters or years since year 0), for trend slopes over gaps. */
export function periodOrdinal(start: IsoDate, unit: PeriodUnit): number {
  const [y, m] = start.split('-').map(Number) as [number, number, number];
  switch (unit) {
    case 'year':
      return y;
    case 'quarter':
      return y * 4 + Math.floor((m - 1) / 3);
    case 'month':
      return y * 12 + (m - 1);
    case 'week':
      return Math.round(Date.parse(`${start}T00:00:00Z`) / (7 * 86_400_000));
  }
}
