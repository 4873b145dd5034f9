import type { Cell } from '../core/cells.js';
import { isoFromParts, parseTextDate, serialToIso } from '../core/dates.js';

/**
 * Month headers of a year planner: a month name in English, German, French or Spanish (full or short, with or
 * without a year: `Jan`, `März`, `févr.`, `Jan 2026`, `Jan-26`), a numeric month (`2026-01`, `01/2026`), or an
 * Excel date (a date cell or its serial number). Pure: a cell in, a month (and a year when the header has one) out.
 */
export interface MonthHeader {
  /** 1–12. */
  month: number;
  /** Only when the header itself names the year. */
  year?: number;
}

/** Spellings per month, as printed; matching drops case, accents and a trailing dot. First entry: the template's. */
export const MONTH_SPELLINGS: readonly (readonly string[])[] = [
  ['Jan', 'January', 'Januar', 'Jänner', 'Janvier', 'Janv', 'Enero', 'Ene'],
  ['Feb', 'February', 'Februar', 'Feber', 'Février', 'Févr', 'Fév', 'Febrero'],
  ['Mar', 'March', 'März', 'Mär', 'Maerz', 'Mars', 'Marzo'],
  ['Apr', 'April', 'Avril', 'Avr', 'Abril', 'Abr'],
  ['May', 'Mai', 'Mayo'],
  ['Jun', 'June', 'Juni', 'Juin', 'Junio'],
  ['Jul', 'July', 'Juli', 'Juillet', 'Juil', 'Julio'],
  ['Aug', 'August', 'Août', 'Agosto', 'Ago'],
  ['Sep', 'September', 'Sept', 'Septembre', 'Septiembre', 'Setiembre', 'Set'],
  ['Oct', 'October', 'Okt', 'Oktober', 'Octobre', 'Octubre'],
  ['Nov', 'November', 'Novembre', 'Noviembre'],
  ['Dec', 'December', 'Dez', 'Dezember', 'Déc', 'Décembre', 'Dic', 'Diciembre'],
];

export const MONTH_ABBREVIATIONS = MONTH_SPELLINGS.map((s) => s[0] ?? '');

/** Lower case, no accents, no dots: "Févr." → "fevr", "März" → "marz". */
function nameKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\./g, '');
}

const MONTH_OF_NAME = new Map<string, number>(
  MONTH_SPELLINGS.flatMap((spellings, i) => spellings.map((s) => [nameKey(s), i + 1] as const)),
);

/**
 * Serials of 1990-01-01 and 2100-12-31: a header number outside them is a count or a code, not a date. Without
 * the bound, a header "12" would read as 1900-01-12.
 */
const FIRST_SERIAL = 32874;
const LAST_SERIAL = 73415;

/**
 * A date heads a month column only as the month's first day (what Excel shows as "Jan-26" with an mmm-yy format)
 * and within 1990–2100: any other date in a header row is a date of something else, not a month.
 */
export function parseMonthHeader(cell: Cell, date1904: boolean): MonthHeader | undefined {
  switch (cell.kind) {
    case 'date': {
      const d = cell.value;
      return monthStart(isoFromParts(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()));
    }
    case 'number': {
      if (cell.value < FIRST_SERIAL || cell.value > LAST_SERIAL) return undefined;
      return monthStart(serialToIso(cell.value, date1904));
    }
    case 'text':
      return parseMonthText(cell.value);
    default:
      return undefined;
  }
}

function monthStart(iso: string | undefined): MonthHeader | undefined {
  const m = iso === undefined ? null : /^(\d{4})-(\d{2})-01$/.exec(iso);
  const year = Number(m?.[1]);
  return m && year >= 1990 && year <= 2100 ? { year, month: Number(m[2]) } : undefined;
}

function valid(year: number, month: number): MonthHeader | undefined {
  return monthStart(isoFromParts(year, month, 1));
}

/** Two-digit years are this century's: a planner headed `Jan-26` is about 2026, never 1926. */
function fullYear(digits: string): number {
  return digits.length === 2 ? 2000 + Number(digits) : Number(digits);
}

export function parseMonthText(raw: string): MonthHeader | undefined {
  // Brackets hold units or notes in headers ("Jan (planned)"), or the year ("Jan (2026)"), which is kept.
  const text = raw
    .replace(/\s*[([]([^)\]]*)[)\]]\s*/g, (_, inner: string) =>
      /^\d{2,4}$/.test(inner.trim()) ? ` ${inner.trim()}` : ' ',
    )
    .trim()
    .replace(/\s+/g, ' ');
  // 2026-01, 2026/1, 2026.01, and an ISO date typed as text on the 1st (2026-01-01)
  let m = /^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?$/.exec(text);
  if (m) return m[3] === undefined || Number(m[3]) === 1 ? valid(Number(m[1]), Number(m[2])) : undefined;
  // 01/2026, 1.2026
  m = /^(\d{1,2})[-/.](\d{4})$/.exec(text);
  if (m) return valid(Number(m[2]), Number(m[1]));
  // Jan, January, Jan 2026, Jan-26, Jan '26, Janv. 2026, März26
  m = /^([\p{L}]+)\.?(?:\s*[-/.' ]?\s*'?(\d{4}|\d{2}))?$/u.exec(text);
  if (m?.[1] !== undefined) {
    const month = MONTH_OF_NAME.get(nameKey(m[1]));
    if (month === undefined) return undefined;
    return m[2] === undefined ? { month } : valid(fullYear(m[2]), month);
  }
  // A month's first day typed as text (1 Jan 2026, 2026-01-01T00:00)
  const date = parseTextDate(text);
  return date.ok ? monthStart(date.value) : undefined;
}

/** `Mar 2026`: how messages name a month. */
export function monthLabel(year: number, month: number): string {
  return `${MONTH_ABBREVIATIONS[month - 1] ?? String(month)} ${year}`;
}

/** `2026-03`. */
export function monthKey(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** Days in a month (UTC calendar, no clock). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
