import type { IsoDate, Milestone } from './types.js';

/** The Gantt band is this many columns wide whatever the dates, so the page layout never moves. */
export const BAND_COLUMNS = 12;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Months since year 0 of an ISO date (2026-11-24 → 2026 × 12 + 10). */
const monthIndex = (iso: IsoDate) => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;

export interface Band {
  /** One label per column ("Nov 26"): the first month each column stands for. */
  labels: string[];
  /** Months per column (1 when the timeline fits in a year, more when it is longer). */
  step: number;
  /**
   * A milestone's cells: 1 from the as-of month up to its P50 month, 2 after that up to its P80 month (the
   * slip a one-in-five chance allows), null elsewhere. A milestone already dated by records has no band.
   */
  cells(m: Milestone): (1 | 2 | null)[];
}

/** The band's columns from the as-of month to the latest P80, in whole months per column. */
export function milestoneBand(asOf: IsoDate, milestones: readonly Milestone[]): Band {
  const start = monthIndex(asOf);
  const last = Math.max(start, ...milestones.map((m) => monthIndex(m.p80.value)));
  const step = Math.max(1, Math.ceil((last - start + 1) / BAND_COLUMNS));
  const labels = Array.from({ length: BAND_COLUMNS }, (_, k) => {
    const month = start + k * step;
    return `${MONTHS[month % 12] ?? ''} ${String(Math.floor(month / 12) % 100).padStart(2, '0')}`;
  });
  const column = (iso: IsoDate) => Math.min(BAND_COLUMNS - 1, Math.floor((monthIndex(iso) - start) / step));
  return {
    labels,
    step,
    cells(m) {
      if (m.source === 'records' || monthIndex(m.p80.value) < start) return Array<null>(BAND_COLUMNS).fill(null);
      const p50 = column(m.p50.value);
      const p80 = column(m.p80.value);
      return Array.from({ length: BAND_COLUMNS }, (_, k) => (k <= p50 ? 1 : k <= p80 ? 2 : null));
    },
  };
}
