import { isIsoDate } from '@qms/templates';
import { ApiError } from '../http/problem.js';

/** `asOf` from the query string, or today (UTC) from the injected clock. */
export function asOfParam(raw: string | null, now: Date): string {
  if (raw === null || raw === '') return now.toISOString().slice(0, 10);
  if (!isIsoDate(raw))
    throw new ApiError(
      400,
      'bad-as-of',
      `asOf "${raw}" is not a date; write it as YYYY-MM-DD, e.g. ${now.toISOString().slice(0, 10)}.`,
    );
  return raw;
}
