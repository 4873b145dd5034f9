import type { Estimate } from '@qms/engine';
import { describe, expect, it } from 'vitest';
import { main } from './main.js';
import { memoryIo } from './shared/memory-io.js';

const NOW = new Date(2026, 5, 30, 12, 0, 0);

async function run(...argv: string[]) {
  const io = memoryIo('/tmp', NOW);
  const code = await main(['estimate', ...argv], io);
  return { code, out: io.out(), err: io.err() };
}

describe('qms estimate', () => {
  it('R-CLI-3 / R-DAYS-4 / R-COST-1: --json gives audit days per audit and the cost lines', async () => {
    const r = await run('--personnel', '40', '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as Estimate;
    expect([
      json.auditDays.initial.value,
      json.auditDays.stage1.value,
      json.auditDays.stage2.value,
      json.auditDays.surveillance.value,
      json.auditDays.recertification.value,
    ]).toEqual([4, 1, 3, 1.5, 2.5]);
    expect(json.auditDays.initial.rule).toBe('R-DAYS-3');
    expect(json.cost.currency).toBe('EUR');
    expect(json.cost.lines.map((l) => l.id)).toEqual([
      'cb-initial',
      'cb-surveillance-1',
      'cb-surveillance-2',
      'cb-recertification',
      'consultant',
      'internal',
    ]);
    expect(json.cost.lines[0]?.amount).toMatchObject({ value: { likely: 4800 }, defaulted: true });
    expect(json.cost.rates[0]?.source).toContain('vendor and blog figures collected in the product design');
  });

  it('R-DAYS-6 / R-DAYS-2 / R-COST-3: sites, risk, day rate and currency flags are used', async () => {
    const r = await run(
      '--personnel',
      '90',
      '--sites',
      '9',
      '--risk',
      'HIGH',
      '--day-rate',
      '1500',
      '--currency',
      'usd',
      '--json',
    );
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.input).toEqual({
      effectivePersonnel: 90,
      sitesInScope: 9,
      riskCategory: 'High',
      cbDayRate: 1500,
      currency: 'USD',
    });
    expect(json.auditDays.sampledSites.initial.value).toBe(3);
    expect(json.auditDays.initial.value).toBe(10); // (7 + 2 × 1) × 1.1 = 9.9 → 10
    expect(json.cost.currency).toBe('USD');
    // The day rate is the user's (±10 %); the defaulted travel of 0 adds nothing.
    expect(json.cost.lines[0]?.amount.value).toEqual({ low: 13500, likely: 15000, high: 16500 });
  });

  it('R-CLI-3 / R-COST-6: prints a readable quote that says defaults are indicative', async () => {
    const r = await run('--personnel', '40');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Audit days: initial 4 (Stage 1 1, Stage 2 3)');
    expect(r.out).toContain('not a quote');
  });

  it.each([
    [[], '--personnel is required'],
    [['--personnel', 'forty'], '--personnel "forty"'],
    [['--personnel', '0'], '--personnel "0"'],
    [['--personnel', '40', '--sites', '1.5'], '--sites "1.5"'],
    [['--personnel', '40', '--risk', 'extreme'], '--risk "extreme" must be high, medium or low'],
    [['--personnel', '40', '--day-rate=-5'], '--day-rate "-5"'],
    [['--personnel', '40', '--currency', 'EURO'], '--currency "EURO"'],
    [['--personnel', '40', '--colour', 'red'], "'--colour'"],
  ])('R-CLI-1: exit 2 and a message naming the flag for %j', async (argv, message) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.out).toBe('');
  });
});
