/**
 * IAF MD 5 Table QMS 1 (engine/src/SPEC.md): initial audit time (Stage 1 + Stage 2) in auditor-days of 8 hours,
 * by effective personnel. Each band is [up to and including `maxPersonnel`, days].
 */
export const TABLE_QMS_1: ReadonlyArray<{ minPersonnel: number; maxPersonnel: number; days: number }> = [
  [1, 5, 1.5],
  [6, 10, 2],
  [11, 15, 2.5],
  [16, 25, 3],
  [26, 45, 4],
  [46, 65, 5],
  [66, 85, 6],
  [86, 125, 7],
  [126, 175, 8],
  [176, 275, 9],
  [276, 425, 10],
  [426, 625, 11],
  [626, 875, 12],
  [876, 1175, 13],
  [1176, 1550, 14],
  [1551, 2025, 15],
  [2026, 2675, 16],
  [2676, 3450, 17],
  [3451, 4350, 18],
  [4351, 5450, 19],
  [5451, 6800, 20],
  [6801, 8500, 21],
  [8501, 10700, 22],
].map(([minPersonnel, maxPersonnel, days]) => ({
  minPersonnel: minPersonnel as number,
  maxPersonnel: maxPersonnel as number,
  days: days as number,
}));

/**
 * Beyond 10,700 the table says "follow the progression" without spelling it out. The product's reading
 * (R-DAYS-1b): each further band's upper limit is the previous one × 1.27, rounded to the nearest hundred
 * (10,701–13,600 → 23 days, 13,601–17,300 → 24, …), one day more per band.
 */
export const PROGRESSION_FACTOR = 1.27;
export const PROGRESSION_ROUNDING = 100;

export interface TableLookup {
  days: number;
  band: { minPersonnel: number; maxPersonnel: number };
  progression: boolean;
}

export function tableDays(personnel: number): TableLookup {
  const p = Math.max(1, Math.ceil(personnel));
  for (const band of TABLE_QMS_1) {
    if (p <= band.maxPersonnel)
      return {
        days: band.days,
        band: { minPersonnel: band.minPersonnel, maxPersonnel: band.maxPersonnel },
        progression: false,
      };
  }
  const last = TABLE_QMS_1[TABLE_QMS_1.length - 1] as (typeof TABLE_QMS_1)[number];
  let min = last.maxPersonnel + 1;
  let max = last.maxPersonnel;
  let days = last.days;
  // Bounded loop: 1.27^k passes any realistic head count (and Number.MAX_SAFE_INTEGER) in well under 200 bands.
  for (let k = 0; k < 200 && p > max; k += 1) {
    min = max + 1;
    max = Math.round((max * PROGRESSION_FACTOR) / PROGRESSION_ROUNDING) * PROGRESSION_ROUNDING;
    days += 1;
  }
  return { days, band: { minPersonnel: min, maxPersonnel: max }, progression: true };
}
