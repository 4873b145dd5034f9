/** Dates are carried as ISO `YYYY-MM-DD` strings (calendar dates, no time zone). */
export type IsoDate = string;

const MS_PER_DAY = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
/** Serial of 9999-12-31 in the 1900 system: Excel's last date. */
const MAX_SERIAL = 2_958_465;

// Sheets repeat the same few hundred dates; formatting each through a Date object dominated date parsing.
const isoByDay = new Map<number, IsoDate>();

export function isoFromUtcMs(ms: number): IsoDate {
  const day = Math.floor(ms / MS_PER_DAY);
  let iso = isoByDay.get(day);
  if (iso === undefined) {
    iso = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    if (isoByDay.size < 100_000) isoByDay.set(day, iso);
  }
  return iso;
}

export function isoFromParts(year: number, month: number, day: number): IsoDate | undefined {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return undefined;
  if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1) return undefined;
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return isoFromUtcMs(ms);
}

/**
 * Excel date serial to ISO date. The 1900 system counts 1900-02-29 (a day that never existed, kept for
 * Lotus 1-2-3 compatibility), so serials before 61 are shifted by one day; serial 60 itself is rejected.
 */
export function serialToIso(serial: number, date1904 = false): IsoDate | undefined {
  if (!Number.isFinite(serial)) return undefined;
  const whole = Math.floor(serial);
  if (date1904) {
    if (whole < 0 || whole > MAX_SERIAL - 1462) return undefined;
    return isoFromUtcMs(EPOCH_1904 + whole * MS_PER_DAY);
  }
  if (whole < 1 || whole > MAX_SERIAL || whole === 60) return undefined;
  const days = whole < 60 ? whole + 1 : whole;
  return isoFromUtcMs(EPOCH_1900 + days * MS_PER_DAY);
}

/** ISO date to a 1900-system serial (used when writing dates back into a grid). */
export function isoToSerial(iso: IsoDate): number {
  const ms = Date.parse(`${iso}T00:00:00Z`);
  const days = Math.round((ms - EPOCH_1900) / MS_PER_DAY);
  return days < 61 ? days - 1 : days;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};

export type TextDateResult = { ok: true; value: IsoDate } | { ok: false; reason: 'ambiguous' | 'invalid' };

/**
 * Text dates accepted: ISO `2026-03-31` (optionally with a time), `31 Mar 2026` / `31-Mar-2026` / `Mar 31, 2026`,
 * and numeric day/month forms only when they cannot be read two ways (`31/03/2026`). `03/04/2026` is
 * ambiguous (3 April or 4 March) and is reported as such rather than guessed.
 */
export function parseTextDate(text: string): TextDateResult {
  const s = text.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (m) return wrap(isoFromParts(Number(m[1]), Number(m[2]), Number(m[3])));
  m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(s);
  if (m) return wrap(isoFromParts(Number(m[1]), Number(m[2]), Number(m[3])));
  m = /^(\d{1,2})[\s\-./]+([A-Za-z]{3,9})\.?[\s\-./,]+(\d{4})$/.exec(s);
  if (m) return wrap(monthName(m[2], Number(m[3]), Number(m[1])));
  m = /^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(s);
  if (m) return wrap(monthName(m[1], Number(m[3]), Number(m[2])));
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const year = Number(m[3]);
    if (a === b) return wrap(isoFromParts(year, a, b));
    if (a <= 12 && b <= 12) return { ok: false, reason: 'ambiguous' };
    return wrap(a > 12 ? isoFromParts(year, b, a) : isoFromParts(year, a, b));
  }
  return { ok: false, reason: 'invalid' };
}

function monthName(name: string | undefined, year: number, day: number): IsoDate | undefined {
  const month = name ? MONTHS[name.toLowerCase()] : undefined;
  return month ? isoFromParts(year, month, day) : undefined;
}

function wrap(value: IsoDate | undefined): TextDateResult {
  return value ? { ok: true, value } : { ok: false, reason: 'invalid' };
}

/** Calendar arithmetic on ISO dates (UTC, no clock). */
export function addDays(iso: IsoDate, days: number): IsoDate {
  return isoFromUtcMs(Date.parse(`${iso}T00:00:00Z`) + days * MS_PER_DAY);
}

export function addMonths(iso: IsoDate, months: number): IsoDate {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return isoFromParts(year, month, Math.min(d, lastDay)) ?? iso;
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / MS_PER_DAY);
}

export function isIsoDate(value: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(value) &&
    isoFromParts(...(value.split('-').map(Number) as [number, number, number])) === value
  );
}
