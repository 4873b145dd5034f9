import { describe, expect, it } from 'vitest';
import { assess } from './assess.js';
import { estimate } from './estimate.js';
import { allGaps, gap, profile } from './test-records.js';
import type { Cost, CostLine } from './types.js';

const line = (cost: Cost, id: CostLine['id']) => cost.lines.find((l) => l.id === id) as CostLine;

describe('cost', () => {
  it('R-COST-1: a CB audit costs its days × (day rate + travel per day)', () => {
    const e = estimate({ effectivePersonnel: 40, cbDayRate: 1000, travelPerAuditDay: 100, currency: 'EUR' });
    expect(line(e.cost, 'cb-initial').amount).toMatchObject({
      value: { likely: 4400 },
      rule: 'R-COST-1',
      inputs: { auditDays: 4, dayRate: 1000, travelPerAuditDay: 100 },
    });
  });

  it('R-COST-2: initial, surveillance years 1 and 2, recertification year 3', () => {
    const e = estimate({ effectivePersonnel: 40, cbDayRate: 1000, travelPerAuditDay: 0 });
    expect(e.cost.lines.slice(0, 4).map((l) => [l.id, l.amount.value?.likely])).toEqual([
      ['cb-initial', 4000],
      ['cb-surveillance-1', 1500],
      ['cb-surveillance-2', 1500],
      ['cb-recertification', 2500],
    ]);
  });

  it('R-COST-3: ±10 % on rates the user gave, ±20 % when a rate is defaulted', () => {
    const given = estimate({ effectivePersonnel: 40, cbDayRate: 1000, travelPerAuditDay: 0 });
    expect(line(given.cost, 'cb-initial').amount.value).toEqual({ low: 3600, likely: 4000, high: 4400 });
    expect(line(given.cost, 'cb-initial').amount.defaulted).toBeUndefined();
    const defaulted = estimate({ effectivePersonnel: 40, currency: 'EUR' });
    expect(line(defaulted.cost, 'cb-initial').amount).toMatchObject({
      value: { low: 3840, likely: 4800, high: 5760 },
      defaulted: true,
    });
    // A defaulted travel figure of 0 adds nothing, so it cannot widen the user's day rate.
    const mixed = estimate({ effectivePersonnel: 40, cbDayRate: 1000 });
    expect(line(mixed.cost, 'cb-initial').amount.value).toEqual({ low: 3600, likely: 4000, high: 4400 });
    // Each rate keeps its own band: user day rate ±10 %, defaulted travel ±20 %.
    const parts = estimate(
      { effectivePersonnel: 40, currency: 'EUR', cbDayRate: 1000 },
      {
        defaultRates: {
          EUR: {
            cbDayRate: 1200,
            travelPerAuditDay: 100,
            consultantDayRate: 800,
            internalHourlyCost: 40,
            source: 'test',
          },
        },
      },
    );
    expect(line(parts.cost, 'cb-initial').amount).toMatchObject({
      value: { low: 3920, likely: 4400, high: 4880 },
      defaulted: true,
    });
  });

  it('R-COST-4: consultant days = remaining effort × 0 / 0.25 / 0.6 by involvement', () => {
    // No gap analysis: 57 clauses × 3 days = 171 person-days (R-EST-1).
    const light = estimate({
      effectivePersonnel: 40,
      consultantInvolvement: 'Light',
      consultantDayRate: 800,
      internalHourlyCost: 50,
    });
    expect(line(light.cost, 'consultant').amount).toMatchObject({
      value: { likely: 34200, low: 30780, high: 37620 },
      inputs: { consultantDays: 42.75 },
    });
    const full = estimate({ effectivePersonnel: 40, consultantInvolvement: 'Full', consultantDayRate: 800 });
    expect(line(full.cost, 'consultant').amount.value?.likely).toBe(82080);
    const none = estimate({ effectivePersonnel: 40, consultantInvolvement: 'None' });
    expect(line(none.cost, 'consultant').amount.value).toEqual({ low: 0, likely: 0, high: 0 });
  });

  it('R-COST-5: internal cost = remaining effort × 8 h × hourly cost', () => {
    const e = estimate({ effectivePersonnel: 40, internalHourlyCost: 50 });
    expect(line(e.cost, 'internal').amount.value).toEqual({ low: 61560, likely: 68400, high: 75240 });
    const a = assess(
      [...allGaps().filter((r) => r.id !== '4.1'), gap({ clause: '4.1', status: 'Non-compliant', effortDays: 10 })],
      profile({ internalHourlyCost: 40 }),
      '2026-06-30',
      { runs: 10 },
    );
    expect(line(a.cost as Cost, 'internal').amount.value?.likely).toBe(3200);
  });

  it('R-COST-6: default rates are indicative, carry their source and never win over user input', () => {
    const e = estimate({ effectivePersonnel: 40, currency: 'USD' });
    const cb = e.cost.rates.find((r) => r.name === 'cbDayRate');
    expect(cb).toMatchObject({ value: 2000, defaulted: true });
    expect(cb?.source).toContain('vendor and blog figures collected in the product design');
    expect(cb?.source).toContain('not a quote');
    expect(e.cost.rates.find((r) => r.name === 'internalHourlyCost')?.source).toContain('placeholder');
    // The consultant rate is only listed when a consultant is involved.
    expect(e.cost.rates.find((r) => r.name === 'consultantDayRate')).toBeUndefined();
    const light = estimate({ effectivePersonnel: 40, currency: 'USD', consultantInvolvement: 'Light' });
    expect(light.cost.rates.find((r) => r.name === 'consultantDayRate')).toMatchObject({
      value: 1000,
      defaulted: true,
      source: expect.stringContaining('placeholder'),
    });
    const own = estimate({ effectivePersonnel: 40, currency: 'USD', cbDayRate: 1700 });
    expect(own.cost.rates.find((r) => r.name === 'cbDayRate')).toEqual({
      name: 'cbDayRate',
      value: 1700,
      defaulted: false,
    });
    const unknown = estimate({ effectivePersonnel: 40, currency: 'CHF' });
    expect(line(unknown.cost, 'cb-initial').amount).toMatchObject({
      value: null,
      inputs: { missing: expect.stringContaining('cbDayRate') },
    });
    expect(unknown.cost.threeYearTotal.value).toBeNull();
  });

  it('R-COST-7: the 3-year total sums every line’s low, likely and high', () => {
    const e = estimate({
      effectivePersonnel: 40,
      cbDayRate: 1000,
      travelPerAuditDay: 0,
      internalHourlyCost: 50,
      consultantInvolvement: 'Light',
      consultantDayRate: 800,
    });
    const sum = (k: 'low' | 'likely' | 'high') => e.cost.lines.reduce((a, l) => a + (l.amount.value?.[k] ?? 0), 0);
    expect(e.cost.threeYearTotal.value).toEqual({ low: sum('low'), likely: sum('likely'), high: sum('high') });
    expect(e.cost.threeYearTotal.value?.likely).toBe(4000 + 1500 + 1500 + 2500 + 34200 + 68400);
  });

  it('R-EST-1: an estimate from a profile alone assumes every clause still to do; timeline only with a start', () => {
    const e = estimate({ effectivePersonnel: 40 });
    expect(e.timeline).toBeUndefined();
    expect(e.notes[0]).toContain('R-EST-1');
    const dated = estimate({ effectivePersonnel: 40, teamCapacityHoursPerWeek: 40 }, { runs: 100 }, '2026-01-05');
    expect(dated.timeline?.remainingEffort.value).toBe(171);
    expect(dated.timeline?.milestones).toHaveLength(8);
    expect(dated.timeline?.start.value).toBe('2026-01-05');
  });
});
