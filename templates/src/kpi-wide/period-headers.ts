import { toCell, type Cell } from '../core/cells.js';
import { isoFromParts, serialToIso, type IsoDate } from '../core/dates.js';
import { parsePeriodText, quarterStart, type ParsedPeriod } from '../kpi-tracker/periods.js';

/**
 * Period headings of a wide KPI sheet: one column per month (or quarter, week, year), headed the way people
 * head them. A heading either names a whole period, with or without its year, or is a date:
 *
 * | heading                                   | read as                                                  |
 * |-------------------------------------------|----------------------------------------------------------|
 * | Jan, January, Januar, janv., ene …        | that month, of the sheet's year (year-less)              |
 * | Q1 … Q4, Qtr 1, Quarter 1, Quartal 1      | that quarter, of the sheet's year (year-less)            |
 * | Jan 2026, Jan-26, janv. 2026, 2026 Jan    | the month                                                |
 * | 2026-01, 2026/01, 01/2026, 1.2026         | the month                                                |
 * | Q1 2026, Q1-26, 2026 Q1, 2026-Q1          | the quarter                                              |
 * | 2026-W09, 2026                            | the ISO week, the year (as the KPI Tracker reads them)   |
 * | a date (Excel date, Date, 2026-01-01)     | the period it starts, as the KPI Tracker reads a date    |
 * | the last day of a month (31 Jan 2026)     | that month: month-end dates are a common way to head one |
 *
 * Two-digit years are 20xx (a KPI sheet of the 1990s is not expected). A number below 1900 is no period (column
 * numbers 1, 2, 3 are too ambiguous to guess); 1900–9999 is a year, as in a Period cell; above that, a date.
 */
export type HeaderParse =
  | {
      kind: 'period';
      period: ParsedPeriod;
      /**
       * Set on a Monday that is also a month's last day: a week in a sheet of Mondays, a month in a sheet of
       * month-end dates. Which one only the other headings tell (layout.ts).
       */
      monthEndOf?: IsoDate;
    }
  /** A month (1–12) or quarter (1–4) without a year: the year comes from the sheet (layout.ts). */
  | { kind: 'year-less'; unit: 'month' | 'quarter'; number: number }
  /** Looks like a period but names none (2026-13, an ambiguous date); the message says what to type. */
  | { kind: 'invalid'; message: string }
  /** Not a period heading at all (YTD, Total, Comments). */
  | { kind: 'other' };

/**
 * Month names by month, the template's header first. English, German, French and Spanish, full and short, as
 * typed (accents and a trailing dot are ignored when reading, so "févr." and "Mär" need no second spelling).
 */
export const KPI_MONTH_NAMES: readonly (readonly string[])[] = [
  ['Jan', 'January', 'Januar', 'Jän', 'Jänner', 'janv', 'janvier', 'ene', 'enero'],
  ['Feb', 'February', 'Februar', 'févr', 'fév', 'février', 'febr', 'febrero'],
  ['Mar', 'March', 'März', 'Maerz', 'mars', 'marzo'],
  ['Apr', 'April', 'avr', 'avril', 'abr', 'abril'],
  ['May', 'Mai', 'mayo'],
  ['Jun', 'June', 'Juni', 'juin', 'junio'],
  ['Jul', 'July', 'Juli', 'juil', 'juillet', 'julio'],
  ['Aug', 'August', 'août', 'ago', 'agosto'],
  ['Sep', 'Sept', 'September', 'septembre', 'septiembre', 'setiembre'],
  ['Oct', 'October', 'Okt', 'Oktober', 'octobre', 'octubre'],
  ['Nov', 'November', 'novembre', 'noviembre'],
  ['Dec', 'December', 'Dez', 'Dezember', 'déc', 'décembre', 'dic', 'diciembre'],
];

/** Lower case, accents and marks dropped: "Févr." → "fevr.", "März" → "marz". */
function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

const MONTH_BY_NAME = new Map<string, number>(
  KPI_MONTH_NAMES.flatMap((names, i) => names.map((n) => [fold(n), i + 1] as const)),
);

/** The month a name means (1–12), in any of the four languages; undefined for anything else. */
export function monthOfName(name: string): number | undefined {
  return MONTH_BY_NAME.get(fold(name).replace(/\.$/, ''));
}

/** The short English name, for messages and suggestions ("Jan 2026"). */
export function monthShort(month: number): string {
  return KPI_MONTH_NAMES[month - 1]?.[0] ?? String(month);
}

const QUARTER_WORD = '(?:q|qtr|quarter|quartal)\\.?\\s*';
const YEAR = '(\\d{4}|\\d{2})';
const SEP = "[\\s\\-/.'’]*";
const RE = {
  month: /^(\p{L}+)\.?$/u,
  monthYear: new RegExp(`^(\\p{L}+)\\.?${SEP}${YEAR}$`, 'u'),
  yearMonth: /^(\d{4})[\s\-/.]*(\p{L}+)\.?$/u,
  quarter: new RegExp(`^${QUARTER_WORD}([1-4])$`),
  quarterYear: new RegExp(`^${QUARTER_WORD}([1-4])${SEP}${YEAR}$`),
  yearQuarter: new RegExp(`^(\\d{4})[\\s\\-/.]*${QUARTER_WORD}([1-4])$`),
  numberYear: /^(\d{1,2})[/.-](\d{4})$/,
  yearNumber: /^(\d{4})[/.-](\d{1,2})$/,
  /** Digits and separators, maybe a Q or W: meant as a period even when it names none (2026-13, 2026-W60). */
  periodLike: /^(?=.*\d)[\dqw\s\-/.]+$/i,
};

const fullYear = (digits: string): number => (digits.length === 2 ? 2000 + Number(digits) : Number(digits));

const label = (unit: 'month' | 'quarter', start: IsoDate | undefined, text: string): HeaderParse =>
  start
    ? { kind: 'period', period: { kind: 'label', unit, start, text } }
    : { kind: 'invalid', message: `"${text}" names no real ${unit}; ${HOW_TO_HEAD}` };

export const HOW_TO_HEAD = 'head the column with a month (Jan 2026 or 2026-01), a quarter (Q1 2026) or a year (2026)';

/** Reads one header cell of the period area. `raw` is the cell as the host gave it (text, number, Date). */
export function parsePeriodHeader(raw: unknown, date1904: boolean): HeaderParse {
  return parseHeaderCell(toCell(raw), date1904);
}

function parseHeaderCell(cell: Cell, date1904: boolean): HeaderParse {
  switch (cell.kind) {
    case 'date': {
      const d = cell.value;
      const iso = isoFromParts(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
      return iso
        ? fromDate(iso, iso)
        : { kind: 'invalid', message: `${d.toISOString().slice(0, 10)} is not a date Excel can hold; ${HOW_TO_HEAD}` };
    }
    case 'number': {
      const n = cell.value;
      if (n < 1900) return { kind: 'other' };
      if (n <= 9999) return Number.isInteger(n) ? fromParsed(parsePeriodText(String(n)), String(n)) : { kind: 'other' };
      const iso = serialToIso(n, date1904);
      return iso ? fromDate(iso, iso) : { kind: 'invalid', message: `${n} is no valid Excel date; ${HOW_TO_HEAD}` };
    }
    case 'text':
      return parseHeaderText(cell.value);
    default:
      return { kind: 'other' };
  }
}

/**
 * Brackets hold a year ("Jan (2026)" is Jan 2026) or a note that header matching drops too ("Jan (actual)",
 * "Q1 [%]"): the heading is read without the note.
 */
function withoutNotes(text: string): string {
  const year = /^(.*?)\s*[([]\s*(\d{4})\s*[)\]]$/.exec(text);
  if (year) return `${year[1] as string} ${year[2] as string}`.trim();
  return text.replace(/\s*[([][^)\]]*[)\]]\s*/g, ' ').trim() || text;
}

const ambiguity = (message: string): string => (/ambiguous/.test(message) ? ' (day/month or month/day?)' : '');

function parseHeaderText(raw: string): HeaderParse {
  const text = raw.trim();
  const s = fold(withoutNotes(text));
  let m = RE.month.exec(s);
  if (m) {
    const month = monthOfName(m[1] as string);
    return month === undefined ? { kind: 'other' } : { kind: 'year-less', unit: 'month', number: month };
  }
  m = RE.monthYear.exec(s);
  if (m) {
    const month = monthOfName(m[1] as string);
    if (month !== undefined) return label('month', isoFromParts(fullYear(m[2] as string), month, 1), text);
  }
  m = RE.yearMonth.exec(s);
  if (m) {
    const month = monthOfName(m[2] as string);
    if (month !== undefined) return label('month', isoFromParts(Number(m[1]), month, 1), text);
  }
  m = RE.quarter.exec(s);
  if (m) return { kind: 'year-less', unit: 'quarter', number: Number(m[1]) };
  m = RE.quarterYear.exec(s);
  if (m) return label('quarter', quarterStart(fullYear(m[2] as string), Number(m[1])), text);
  m = RE.yearQuarter.exec(s);
  if (m) return label('quarter', quarterStart(Number(m[1]), Number(m[2])), text);
  m = RE.numberYear.exec(s);
  if (m) return label('month', isoFromParts(Number(m[2]), Number(m[1]), 1), text);
  m = RE.yearNumber.exec(s);
  if (m) return label('month', isoFromParts(Number(m[1]), Number(m[2]), 1), text);
  // The KPI Tracker's own spellings: 2026, 2026-W09, a text date (2026-01-01, 1 Jan 2026).
  const parsed = parsePeriodText(withoutNotes(text));
  if (parsed.ok) return fromParsed(parsed, text);
  if (RE.periodLike.test(s) || /ambiguous/.test(parsed.message)) {
    return { kind: 'invalid', message: `"${text}" names no period${ambiguity(parsed.message)}; ${HOW_TO_HEAD}` };
  }
  return { kind: 'other' };
}

function fromParsed(parsed: ReturnType<typeof parsePeriodText>, text: string): HeaderParse {
  if (!parsed.ok) return { kind: 'invalid', message: `"${text}" names no period; ${HOW_TO_HEAD}` };
  return parsed.value.kind === 'date' ? fromDate(parsed.value.date, text) : { kind: 'period', period: parsed.value };
}

/**
 * A date heading. The first of a month, or a Monday, may start a period of the KPI's frequency, which the rules
 * check per KPI as the KPI Tracker checks a Period date. A month's last day is that month (EOMONTH headings).
 * Any other date starts no period of any frequency: said once on the heading, not once per value below it.
 * (`text` is the heading as typed, kept as the label's text for messages.)
 */
function fromDate(iso: IsoDate, text: string): HeaderParse {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const monthStart = isoFromParts(y, m, 1) ?? iso;
  const monthEnd = isoFromParts(y, m, d + 1) === undefined;
  const monday = new Date(`${iso}T00:00:00Z`).getUTCDay() === 1;
  if (d === 1 || monday) {
    const period: ParsedPeriod = { kind: 'date', date: iso };
    return monday && monthEnd ? { kind: 'period', period, monthEndOf: monthStart } : { kind: 'period', period };
  }
  if (monthEnd) return label('month', monthStart, text);
  return {
    kind: 'invalid',
    message: `${iso} starts no week, month, quarter or year; head the column with the date its period starts (${monthStart}) or a label such as ${monthShort(m)} ${y}`,
  };
}

/**
 * A year written in a cell above the header: a title ("KPIs 2026", "FY 2025/26") or a group heading over the
 * months ("2026"). A cell writing a year more than once ("2025 vs 2026", or a how-to line with examples such as
 * "Jan 2026 or 2026-01") is prose, not a title, and names none.
 */
export function yearOfCell(raw: unknown): number | undefined {
  const cell = toCell(raw);
  if (cell.kind === 'number') {
    return Number.isInteger(cell.value) && cell.value >= 1900 && cell.value <= 2999 ? cell.value : undefined;
  }
  if (cell.kind !== 'text') return undefined;
  const years = [...cell.value.matchAll(/(?<!\d)(?:19|20)\d{2}(?!\d)/g)];
  return years.length === 1 ? Number(years[0]?.[0]) : undefined;
}
