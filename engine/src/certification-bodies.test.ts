import { describe, expect, it } from 'vitest';
import type { QmsRecord } from '@qms/templates';
import { assess } from './assess.js';
import { md5MinimumDays } from './audit-days.js';
import { DEFAULT_SETTINGS } from './settings.js';
import { summaryGrid } from './summary-grid.js';
import { profile, quote, readyRecords } from './test-records.js';

// G10, cost and lead time from the chosen certification body; quotes beside the MD 5 estimate (engine/src/SPEC.md).
const AS_OF = '2026-06-30';
const FAST = { runs: 50 };
const run = (records: QmsRecord[], p = profile()) => assess(records, p, AS_OF, FAST);
const g10 = (records: QmsRecord[], p = profile()) => run(records, p).gates.find((g) => g.id === 'G10');
const threeQuotes = () => [
  quote({ certificationBody: 'Alpha Cert', quotedAuditDays: 5.5 }, 4),
  quote({ certificationBody: 'Beta Cert', chosen: true, dayRate: 1350, travelPerDay: 150, leadTimeWeeks: 10 }, 5),
  quote({ certificationBody: 'Gamma Cert', quotedAuditDays: 2.5, dayRate: 1100 }, 6),
];

describe('certification bodies', () => {
  it('R-GATE-G10-CHOSEN: passes on a chosen body accredited for the scope and impartial, whatever the profile names', () => {
    const gate = g10([...readyRecords(), ...threeQuotes()], profile({ certificationBody: undefined }));
    expect(gate).toMatchObject({ passed: true, rule: 'R-GATE-G10-CHOSEN' });
    expect(gate?.reason).toContain('Beta Cert');
    expect(gate?.inputs).toMatchObject({ quotesCompared: 3, chosen: 'Beta Cert', accreditedForScope: true });
  });

  it('R-GATE-G10-CHOSEN: fails with quotes but none chosen, on an unaccredited choice, and on a consultant', () => {
    const none = g10([...readyRecords(), quote({ certificationBody: 'Alpha Cert' })]);
    expect(none).toMatchObject({ passed: false, reason: expect.stringContaining('none is Chosen') });
    const unaccredited = g10([
      ...readyRecords(),
      quote({ certificationBody: 'Alpha Cert', chosen: true, accreditedForScope: false }),
    ]);
    expect(unaccredited).toMatchObject({ passed: false, reason: expect.stringContaining('not shown as accredited') });
    const consultant = g10([
      ...readyRecords(),
      quote({ certificationBody: 'Alpha Cert', chosen: true, consultancyToUs: true }),
    ]);
    expect(consultant).toMatchObject({ passed: false, reason: expect.stringContaining('17021-1') });
    // G10 is a Stage 1 gate.
    expect(run([...readyRecords(), quote({ certificationBody: 'Alpha Cert' })]).verdict.value).toBe('Not ready');
  });

  it('R-GATE-G10-CHOSEN: without quotes, R-GATE-G10 (the profile names a body) stands', () => {
    expect(g10(readyRecords())).toMatchObject({ passed: true, rule: 'R-GATE-G10' });
    expect(g10(readyRecords(), profile({ certificationBody: undefined }))).toMatchObject({
      passed: false,
      rule: 'R-GATE-G10',
    });
  });

  it('R-CB-MD5: the minimum is the table time with its site additions less 30 %, rounded to the half day', () => {
    // 40 people: table 4 days; 4 × 0.7 = 2.8 → 3.
    expect(md5MinimumDays({ effectivePersonnel: 40 }, DEFAULT_SETTINGS)).toMatchObject({
      value: 3,
      rule: 'R-CB-MD5',
      inputs: { tableDays: 4, sampledSites: 1, maxReduction: 0.3, unrounded: 2.8 },
    });
    // Two sites: ⌈√2⌉ = 2 sampled; the second adds the 20-person table time (3) halved: (4 + 1.5) × 0.7 = 3.85 → 4.
    expect(md5MinimumDays({ effectivePersonnel: 40, sitesInScope: 2 }, DEFAULT_SETTINGS)).toMatchObject({
      value: 4,
      inputs: { sites: 2, sampledSites: 2, addedPerExtraSite: 1.5, unrounded: 3.85 },
    });
  });

  it('R-CB-MD5: a quote below the minimum is flagged with what to ask; one at or above it is not', () => {
    const a = run([...readyRecords(), ...threeQuotes()], profile({ sitesInScope: 2 }));
    const cb = a.certificationBodies;
    expect(cb?.md5Minimum?.value).toBe(4);
    const byBody = Object.fromEntries((cb?.quotes ?? []).map((q) => [q.certificationBody, q]));
    expect(byBody['Gamma Cert']?.belowMd5Minimum).toMatchObject({
      value: true,
      rule: 'R-CB-MD5',
      inputs: { quotedAuditDays: 2.5, md5Minimum: 4 },
    });
    expect(byBody['Gamma Cert']?.warnings[0]).toContain('quote below MD 5, ask what reductions it assumes');
    expect(byBody['Gamma Cert']?.source).toEqual({ sheet: 'CB Comparison', row: 6 });
    expect(byBody['Alpha Cert']?.belowMd5Minimum.value).toBe(false);
    expect(byBody['Alpha Cert']?.warnings).toEqual([]);
    expect(a.notes.filter((n) => n.includes('R-CB-MD5'))).toEqual([expect.stringContaining('Gamma Cert')]);
    // Exactly at the minimum is not below it.
    const at = run(
      [...readyRecords(), quote({ certificationBody: 'Delta', quotedAuditDays: 4 })],
      profile({ sitesInScope: 2 }),
    );
    expect(at.certificationBodies?.quotes[0]?.belowMd5Minimum.value).toBe(false);
  });

  it('R-CB-MD5: without a profile there is no minimum, and no quote is judged against one', () => {
    const a = assess([...readyRecords(), ...threeQuotes()], undefined, AS_OF, FAST);
    expect(a.certificationBodies?.md5Minimum).toBeNull();
    expect(a.certificationBodies?.md5Estimate).toBeNull();
    expect(a.certificationBodies?.quotes.every((q) => q.belowMd5Minimum.value === null)).toBe(true);
  });

  it('R-CB-1: the assessment lists every quote next to the MD 5 estimate, and names the chosen body', () => {
    const a = run([...readyRecords(), ...threeQuotes()]);
    expect(
      a.certificationBodies?.quotes.map((q) => [q.certificationBody, q.quotedAuditDays, q.dayRate, q.chosen]),
    ).toEqual([
      ['Alpha Cert', 5.5, 1500, false],
      ['Beta Cert', 5, 1350, true],
      ['Gamma Cert', 2.5, 1100, false],
    ]);
    expect(a.certificationBodies?.chosen).toMatchObject({ value: 'Beta Cert', rule: 'R-CB-1' });
    expect(a.certificationBodies?.md5Estimate).toEqual(a.auditDays?.initial);
    expect(run(readyRecords()).certificationBodies).toBeUndefined();
    const unchosen = run([...readyRecords(), quote({ certificationBody: 'Alpha Cert' })]);
    expect(unchosen.certificationBodies?.chosen.value).toBeNull();
  });

  it("R-COST-8: the chosen body's day rate and travel win over the profile's, and the cost says which it used", () => {
    const p = profile({ cbDayRate: 1200, travelPerAuditDay: 50 });
    const a = run([...readyRecords(), ...threeQuotes()], p);
    const rate = (name: string) => a.cost?.rates.find((r) => r.name === name);
    expect(rate('cbDayRate')).toMatchObject({ value: 1350, defaulted: false, from: 'chosen body' });
    expect(rate('travelPerAuditDay')).toMatchObject({ value: 150, from: 'chosen body' });
    const initial = a.cost?.lines.find((l) => l.id === 'cb-initial');
    const days = a.auditDays?.initial.value ?? 0;
    expect(initial?.amount.value?.likely).toBe(days * (1350 + 150));
    expect(initial?.amount.inputs).toMatchObject({
      chosenBody: 'Beta Cert',
      dayRateFrom: 'chosen body',
      travelFrom: 'chosen body',
    });
    // The same workbook without quotes costs at the profile's rates, with no "from" labels.
    const plain = run(readyRecords(), p);
    expect(plain.cost?.lines.find((l) => l.id === 'cb-initial')?.amount.value?.likely).toBe(days * (1200 + 50));
    expect(plain.cost?.rates.find((r) => r.name === 'cbDayRate')?.from).toBeUndefined();
  });

  it('R-COST-8: a figure the chosen quote leaves blank comes from the profile; a quote in another currency is not used', () => {
    const p = profile({ cbDayRate: 1200, travelPerAuditDay: 50 });
    const noTravel = run(
      [...readyRecords(), quote({ certificationBody: 'A', chosen: true, travelPerDay: undefined })],
      p,
    );
    expect(noTravel.cost?.rates.find((r) => r.name === 'travelPerAuditDay')).toMatchObject({
      value: 50,
      from: 'profile',
    });
    expect(noTravel.cost?.rates.find((r) => r.name === 'cbDayRate')).toMatchObject({
      value: 1500,
      from: 'chosen body',
    });
    const usd = run([...readyRecords(), quote({ certificationBody: 'A', chosen: true, currency: 'USD' })], p);
    expect(usd.cost?.rates.find((r) => r.name === 'cbDayRate')).toMatchObject({ value: 1200, from: 'profile' });
    expect(usd.cost?.lines[0]?.amount.inputs.chosenBodyRatesNotUsed).toBe(
      'the chosen body quotes in USD, the cost is in EUR',
    );
    // No profile rate either: the indicative default, labelled so.
    const bare = run([...readyRecords(), quote({ certificationBody: 'A', chosen: true, dayRate: undefined })]);
    expect(bare.cost?.rates.find((r) => r.name === 'cbDayRate')).toMatchObject({ defaulted: true, from: 'default' });
  });

  it("R-TIME-9: the Stage 1 estimate waits the chosen body's lead time instead of the default 6 weeks", () => {
    const open = (records: QmsRecord[]) => records.filter((r) => !(r.type === 'audit-event'));
    const withBody = run(open([...readyRecords(), ...threeQuotes()]));
    const without = run(open(readyRecords()));
    const stage1 = (a: typeof withBody) => a.timeline.milestones.find((m) => m.id === 'stage-1');
    expect(stage1(withBody)?.p50).toMatchObject({
      rule: 'R-TIME-9',
      inputs: { weeksAfterLatestEarlierMilestone: 10, leadTimeFrom: 'Beta Cert' },
    });
    expect(stage1(without)?.p50).toMatchObject({ rule: 'R-TIME-5', inputs: { weeksAfterLatestEarlierMilestone: 6 } });
    const days = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
    expect(days(stage1(withBody)?.p50.value ?? '') - days(stage1(without)?.p50.value ?? '')).toBe(4 * 7);
    // A chosen body with no lead time given leaves the default.
    const blank = run(
      open([...readyRecords(), quote({ certificationBody: 'A', chosen: true, leadTimeWeeks: undefined })]),
    );
    expect(stage1(blank)?.p50.rule).toBe('R-TIME-5');
  });

  it('R-CB-1: the summary sheet lists the compared quotes next to the MD 5 estimate and minimum, with their rule ids', () => {
    const result = run([...readyRecords(), ...threeQuotes()]);
    const cells = summaryGrid(result, { generatedAt: '2026-06-30T12:00:00Z' }).flat();
    const texts = cells.map((c) => String(c ?? ''));
    const at = texts.indexOf('Certification body quotes');
    expect(at).toBeGreaterThan(-1);
    expect(texts).toEqual(expect.arrayContaining(['Alpha Cert', 'Beta Cert (chosen)', 'Gamma Cert']));
    expect(texts).toEqual(
      expect.arrayContaining(['MD 5 estimate of the initial audit', 'MD 5 minimum (after reductions)']),
    );
    expect(texts.filter((t) => t === 'R-CB-MD5').length).toBeGreaterThanOrEqual(4);
    // Gamma quotes 2.5 days, below the minimum: the sheet says what to ask.
    expect(texts.some((t) => /Gamma|below/.test(t) && /MD 5/.test(t))).toBe(true);
    // Without quotes there is no such block.
    const plain = summaryGrid(run(readyRecords()), { generatedAt: '2026-06-30T12:00:00Z' }).flat();
    expect(plain).not.toContain('Certification body quotes');
  });
});
