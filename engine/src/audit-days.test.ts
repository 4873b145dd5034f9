import { describe, expect, it } from 'vitest';
import { auditDays, roundHalfDay } from './audit-days.js';
import { tableDays } from './audit-days-table.js';
import { DEFAULT_SETTINGS, resolveSettings } from './settings.js';

// Table QMS 1 as printed in the design (§11.3), written out independently of the engine's data file.
const PRINTED: [number, number, number][] = [
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
];

describe('audit days (IAF MD 5 / MD 1)', () => {
  it.each(PRINTED)('R-DAYS-1: band %i–%i gives %f days at both ends', (min, max, days) => {
    expect(tableDays(min).days).toBe(days);
    expect(tableDays(max).days).toBe(days);
    expect(tableDays(max).band).toEqual({ minPersonnel: min, maxPersonnel: max });
    expect(tableDays(max).progression).toBe(false);
  });

  it('R-DAYS-1: each band ends where the next starts (no gaps, no overlaps)', () => {
    for (let i = 1; i < PRINTED.length; i += 1) {
      expect(tableDays((PRINTED[i - 1] as number[])[1] as number).days).not.toBe(
        tableDays((PRINTED[i] as number[])[0] as number).days,
      );
    }
  });

  it('R-DAYS-1b: beyond 10,700 each band is 1.27 × wider at the top (nearest hundred), one day more', () => {
    expect(tableDays(10700).days).toBe(22);
    expect(tableDays(10701)).toMatchObject({
      days: 23,
      progression: true,
      band: { minPersonnel: 10701, maxPersonnel: 13600 },
    });
    expect(tableDays(13600).days).toBe(23);
    expect(tableDays(13601)).toMatchObject({ days: 24, band: { minPersonnel: 13601, maxPersonnel: 17300 } });
    expect(tableDays(17300).days).toBe(24);
    expect(tableDays(17301)).toMatchObject({ days: 25, band: { maxPersonnel: 22000 } });
    expect(tableDays(22001).days).toBe(26);
    const d = auditDays({ effectivePersonnel: 12000 }, DEFAULT_SETTINGS);
    expect(d.tableDays).toMatchObject({ value: 23, rule: 'R-DAYS-1b' });
  });

  it('R-DAYS-2: risk High +10 %, Medium 0, Low −10 % of the table time', () => {
    expect(
      auditDays({ effectivePersonnel: 40, riskCategory: 'High' }, DEFAULT_SETTINGS).riskAdjusted.value,
    ).toBeCloseTo(4.4);
    expect(auditDays({ effectivePersonnel: 40, riskCategory: 'Medium' }, DEFAULT_SETTINGS).riskAdjusted.value).toBe(4);
    expect(auditDays({ effectivePersonnel: 40, riskCategory: 'Low' }, DEFAULT_SETTINGS).riskAdjusted.value).toBeCloseTo(
      3.6,
    );
    expect(auditDays({ effectivePersonnel: 40 }, DEFAULT_SETTINGS).riskAdjusted.defaulted).toBe(true);
  });

  it('R-DAYS-2: the total reduction is capped at 30 % whatever the settings ask', () => {
    const settings = resolveSettings({ riskAdjustment: { High: 0.1, Medium: 0, Low: -0.5 } });
    const d = auditDays({ effectivePersonnel: 40, riskCategory: 'Low' }, settings);
    expect(d.riskAdjusted.value).toBeCloseTo(2.8);
    expect(d.riskAdjusted.inputs).toMatchObject({ requested: -0.5, cappedAt: -0.3, adjustment: -0.3 });
    expect(d.initial.value).toBe(3);
    const exactly30 = auditDays(
      { effectivePersonnel: 40, riskCategory: 'Low' },
      resolveSettings({ riskAdjustment: { High: 0, Medium: 0, Low: -0.3 } }),
    );
    expect(exactly30.riskAdjusted.inputs).not.toHaveProperty('cappedAt');
  });

  it('R-DAYS-3: the initial time rounds to the nearest half day, halves up', () => {
    expect(roundHalfDay(4.4)).toBe(4.5);
    expect(roundHalfDay(3.6)).toBe(3.5);
    expect(roundHalfDay(2.25)).toBe(2.5);
    expect(roundHalfDay(2.24)).toBe(2);
    expect(roundHalfDay(2.75)).toBe(3);
    expect(auditDays({ effectivePersonnel: 40, riskCategory: 'High' }, DEFAULT_SETTINGS).initial.value).toBe(4.5);
    expect(auditDays({ effectivePersonnel: 12, riskCategory: 'Low' }, DEFAULT_SETTINGS).initial.value).toBe(2.5); // 2.25
    expect(auditDays({ effectivePersonnel: 3, riskCategory: 'High' }, DEFAULT_SETTINGS).initial.value).toBe(1.5); // 1.65
  });

  it('R-DAYS-4: Stage 1 is 30 % rounded to the half day (at least 0.5), Stage 2 the rest', () => {
    const d = auditDays({ effectivePersonnel: 40 }, DEFAULT_SETTINGS);
    expect([d.initial.value, d.stage1.value, d.stage2.value]).toEqual([4, 1, 3]);
    const small = auditDays({ effectivePersonnel: 3 }, DEFAULT_SETTINGS);
    expect([small.initial.value, small.stage1.value, small.stage2.value]).toEqual([1.5, 0.5, 1]);
    const tiny = auditDays({ effectivePersonnel: 3 }, resolveSettings({ stage1Share: 0.1 }));
    expect(tiny.stage1.value).toBe(0.5);
    const big = auditDays({ effectivePersonnel: 1000 }, DEFAULT_SETTINGS);
    expect([big.initial.value, big.stage1.value, big.stage2.value]).toEqual([13, 4, 9]); // 3.9 → 4
  });

  it('R-DAYS-5: surveillance ⅓ and recertification ⅔ of the initial time, rounded, at least 1 day', () => {
    const d = auditDays({ effectivePersonnel: 40 }, DEFAULT_SETTINGS);
    expect(d.surveillance.value).toBe(1.5); // 1.33
    expect(d.recertification.value).toBe(2.5); // 2.67
    const small = auditDays({ effectivePersonnel: 3 }, DEFAULT_SETTINGS);
    expect(small.surveillance.value).toBe(1); // 0.5 → at least 1
    expect(small.recertification.value).toBe(1);
  });

  it('R-DAYS-6: multi-site sampling ⌈√n⌉ / ⌈0.6√n⌉ / ⌈0.8√n⌉, each further site adds half its share’s table time', () => {
    const d = auditDays({ effectivePersonnel: 90, sitesInScope: 9 }, DEFAULT_SETTINGS);
    expect([
      d.sampledSites.initial.value,
      d.sampledSites.surveillance.value,
      d.sampledSites.recertification.value,
    ]).toEqual([3, 2, 3]);
    // table(90) = 7; share 10 people → table 2, halved = 1 per further sampled site.
    expect(d.initial.value).toBe(9);
    expect(d.surveillance.value).toBe(2.5); // (7 + 1) / 3 = 2.67
    expect(d.recertification.value).toBe(6); // (7 + 2) × 2/3
    const two = auditDays({ effectivePersonnel: 40, sitesInScope: 2 }, DEFAULT_SETTINGS);
    expect([
      two.sampledSites.initial.value,
      two.sampledSites.surveillance.value,
      two.sampledSites.recertification.value,
    ]).toEqual([2, 1, 2]);
    expect(two.initial.value).toBe(5.5); // 4 + table(20) 3 × 0.5
    const one = auditDays({ effectivePersonnel: 40, sitesInScope: 1 }, DEFAULT_SETTINGS);
    expect(one.sampledSites.initial.value).toBe(1);
    expect(one.initial.value).toBe(4);
  });
});
