import { isIsoDate, type IsoDate } from '@qms/templates';

/** Today's date on the user's own calendar (not UTC): "as of today" means the day the user sees. */
export function localToday(now: Date): IsoDate {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The --as-of option: a real calendar date written YYYY-MM-DD, or today when absent. */
export function parseAsOf(
  text: string | undefined,
  now: Date,
): { ok: true; asOf: IsoDate } | { ok: false; reason: string } {
  if (text === undefined) return { ok: true, asOf: localToday(now) };
  const trimmed = text.trim();
  return isIsoDate(trimmed)
    ? { ok: true, asOf: trimmed }
    : { ok: false, reason: `--as-of "${text}" is not a date; write it as YYYY-MM-DD, e.g. --as-of 2026-03-31` };
}
