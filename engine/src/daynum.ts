import { addMonths, isoFromUtcMs } from '@qms/templates';
import type { IsoDate } from './types.js';

/** Dates as whole days since 1970-01-01 (UTC): the timeline's inner loop works on plain integers. */
const MS_PER_DAY = 86_400_000;

export function toDay(iso: IsoDate): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY);
}

export function fromDay(day: number): IsoDate {
  return isoFromUtcMs(day * MS_PER_DAY);
}

export function addMonthsDay(day: number, months: number): number {
  return toDay(addMonths(fromDay(day), months));
}
