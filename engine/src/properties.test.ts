import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLAUSES, GAP_STATUSES, REVIEW_INPUTS, mayBeNotApplicable, type GapRow, type QmsRecord } from '@qms/templates';
import { assess } from './assess.js';
import { capa, event, gap, kpi, measurement, profile, quote, review } from './test-records.js';

const AS_OF = '2026-06-30';
const FAST = { runs: 300 };
const STATUSES = GAP_STATUSES.filter((s) => s !== 'Not applicable');
/** Statuses in increasing credit; evidence only matters for Compliant. */
const LADDER: Partial<GapRow>[] = [
  { status: 'Non-compliant' },
  { status: 'Partially compliant' },
  { status: 'Compliant', evidence: '' },
  { status: 'Compliant', evidence: 'Record' },
];

const gapArb = fc.record({
  status: fc.constantFrom(...STATUSES),
  evidence: fc.constantFrom('', 'Procedure'),
  priority: fc.constantFrom(undefined, 'High', 'Medium', 'Low'),
  effortDays: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
  present: fc.boolean(),
});

const dateArb = fc
  .integer({ min: 0, max: 700 })
  .map((d) => new Date(Date.UTC(2025, 0, 1) + d * 86_400_000).toISOString().slice(0, 10))
  .filter((d) => d <= AS_OF);

const otherArb = fc.record({
  measurements: fc.array(fc.integer({ min: 0, max: 17 }), { maxLength: 8 }),
  capas: fc.array(
    fc.record({
      severity: fc.constantFrom('Major', 'Minor', 'Observation'),
      status: fc.constantFrom('Open', 'In progress', 'Closed', 'Cancelled'),
      due: dateArb,
    }),
    { maxLength: 4 },
  ),
  events: fc.array(
    fc.record({
      type: fc.constantFrom('Internal audit', 'Management review', 'Stage 1 audit', 'Stage 2 audit'),
      date: dateArb,
      scope: fc.constantFrom('all', '4-8', '9, 10'),
    }),
    { maxLength: 5 },
  ),
  // Management Review and CB Comparison rows (empty arrays: the workbook has no such sheet).
  reviews: fc.array(
    fc.record({
      date: dateArb,
      status: fc.constantFrom('Planned', 'Completed'),
      missing: fc.subarray(REVIEW_INPUTS.map((i) => i.name)),
    }),
    { maxLength: 3 },
  ),
  quotes: fc.array(
    fc.record({
      days: fc.option(fc.constantFrom(1, 2.5, 4, 6, 9), { nil: undefined }),
      chosen: fc.boolean(),
      accredited: fc.option(fc.boolean(), { nil: undefined }),
      consultancy: fc.boolean(),
      leadTimeWeeks: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
      currency: fc.constantFrom('EUR', 'USD', undefined),
    }),
    { maxLength: 3 },
  ),
  capacity: fc.integer({ min: 2, max: 80 }),
  target: fc.option(
    dateArb.map((d) => d.replace('2025', '2027')),
    { nil: undefined },
  ),
});

type Other = typeof otherArb extends fc.Arbitrary<infer T> ? T : never;

function build(gaps: (typeof gapArb extends fc.Arbitrary<infer T> ? T : never)[], other: Other): QmsRecord[] {
  const records: QmsRecord[] = [];
  CLAUSES.forEach((c, i) => {
    const g = gaps[i];
    if (g?.present)
      records.push(
        gap({
          clause: c.clause,
          status: g.status,
          evidence: g.evidence,
          priority: g.priority,
          effortDays: g.effortDays,
        }),
      );
  });
  records.push(kpi());
  other.measurements.forEach((m) =>
    records.push(measurement(`${2025 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`)),
  );
  other.capas.forEach((c, i) =>
    records.push(
      capa({
        capaId: `C${i}`,
        severity: c.severity,
        status: c.status,
        dueDate: c.due,
        dateOpened: '2025-01-01',
        effectiveness: 'Effective',
      }),
    ),
  );
  other.events.forEach((e, i) =>
    records.push(event({ eventId: `E${i}`, type: e.type, completedDate: e.date, scope: e.scope })),
  );
  other.reviews.forEach((r, i) =>
    records.push(review({ reviewId: `MR${i}`, date: r.date, status: r.status }, r.missing)),
  );
  other.quotes.forEach((q, i) =>
    records.push(
      quote({
        certificationBody: `CB${i}`,
        quotedAuditDays: q.days,
        chosen: q.chosen,
        accreditedForScope: q.accredited,
        consultancyToUs: q.consultancy,
        leadTimeWeeks: q.leadTimeWeeks,
        currency: q.currency,
      }),
    ),
  );
  return records;
}

const gapsArb = fc.array(gapArb, { minLength: CLAUSES.length, maxLength: CLAUSES.length });
const p = (other: Other) =>
  profile({ teamCapacityHoursPerWeek: other.capacity, targetCertificationDate: other.target });

describe('properties', () => {
  it('R-READY-4: readiness is always within 0–100 and every group score too', () => {
    fc.assert(
      fc.property(gapsArb, otherArb, (gaps, other) => {
        const a = assess(build(gaps, other), p(other), AS_OF, FAST);
        expect(a.readiness.overall.value).toBeGreaterThanOrEqual(0);
        expect(a.readiness.overall.value).toBeLessThanOrEqual(100);
        for (const g of a.readiness.groups) if (g.score.value !== null) expect(g.score.value).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 60 },
    );
  });

  it('R-READY-1: improving any clause’s status never lowers readiness', () => {
    fc.assert(
      fc.property(gapsArb, otherArb, fc.nat(CLAUSES.length - 1), fc.nat(3), fc.nat(3), (gaps, other, index, x, y) => {
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        const clause = (CLAUSES[index] as (typeof CLAUSES)[number]).clause;
        const base = build(gaps, other).filter((r) => !(r.type === 'gap' && r.id === clause));
        const worse = assess([...base, gap({ clause, ...LADDER[lo] })], p(other), AS_OF, FAST);
        const better = assess([...base, gap({ clause, ...LADDER[hi] })], p(other), AS_OF, FAST);
        expect(better.readiness.overall.value).toBeGreaterThanOrEqual(worse.readiness.overall.value);
      }),
      { numRuns: 60 },
    );
  });

  it('R-READY-CAP-REVIEW-INPUTS: covering one more 9.3.2 input in the latest review never lowers readiness', () => {
    fc.assert(
      fc.property(
        gapsArb,
        otherArb,
        fc.subarray(REVIEW_INPUTS.map((i) => i.name)),
        fc.nat(11),
        (gaps, other, missing, k) => {
          const base = build(gaps, { ...other, reviews: [] });
          const name = (REVIEW_INPUTS[k] as (typeof REVIEW_INPUTS)[number]).name;
          const withGap = [...new Set([...missing, name])];
          const worse = assess([...base, review({ reviewId: 'MR-X', date: AS_OF }, withGap)], p(other), AS_OF, FAST);
          const better = assess(
            [
              ...base,
              review(
                { reviewId: 'MR-X', date: AS_OF },
                withGap.filter((n) => n !== name),
              ),
            ],
            p(other),
            AS_OF,
            FAST,
          );
          expect(better.readiness.overall.value).toBeGreaterThanOrEqual(worse.readiness.overall.value);
          const credit = (a: typeof worse) => a.readiness.clauses.find((c) => c.clause === '9.3.2')?.credit.value ?? 0;
          expect(credit(better)).toBeGreaterThanOrEqual(credit(worse));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('R-READY-2: a valid Not applicable never changes another clause’s credit', () => {
    const excludable = CLAUSES.filter((c) => mayBeNotApplicable(c.clause)).map((c) => c.clause);
    fc.assert(
      fc.property(gapsArb, otherArb, fc.constantFrom(...excludable), (gaps, other, clause) => {
        const base = build(gaps, other).filter((r) => !(r.type === 'gap' && r.id === clause));
        const before = assess(base, p(other), AS_OF, FAST);
        const after = assess(
          [...base, gap({ clause, status: 'Not applicable', gap: 'Does not apply: no such activity' })],
          p(other),
          AS_OF,
          FAST,
        );
        const credits = (a: typeof before) =>
          a.readiness.clauses.filter((c) => c.clause !== clause).map((c) => c.credit.value);
        expect(credits(after)).toEqual(credits(before));
        expect(after.readiness.clauses.find((c) => c.clause === clause)?.applicable).toBe(false);
      }),
      { numRuns: 40 },
    );
  });

  it('R-TIME-6: the same input and seed give identical output', () => {
    fc.assert(
      fc.property(gapsArb, otherArb, fc.integer(), (gaps, other, seed) => {
        const records = build(gaps, other);
        expect(assess(records, p(other), AS_OF, { ...FAST, seed })).toEqual(
          assess(records, p(other), AS_OF, { ...FAST, seed }),
        );
      }),
      { numRuns: 25 },
    );
  });

  it('R-TIME-6: P80 ≥ P50 for every milestone', () => {
    fc.assert(
      fc.property(gapsArb, otherArb, (gaps, other) => {
        for (const m of assess(build(gaps, other), p(other), AS_OF, FAST).timeline.milestones)
          expect(m.p80.value >= m.p50.value).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it('R-TIME-5: milestones are in order — no estimate before any milestone above it, nothing before the start', () => {
    fc.assert(
      fc.property(gapsArb, otherArb, (gaps, other) => {
        const t = assess(build(gaps, other), p(other), AS_OF, FAST).timeline;
        const ms = t.milestones;
        expect(ms.map((m) => m.id)).toEqual([
          'implementation',
          'records-period',
          'internal-audit',
          'management-review',
          'stage-1',
          'stage-2',
          'nonconformity-closure',
          'certification-decision',
        ]);
        expect((ms[0] as (typeof ms)[number]).p50.value >= t.start.value).toBe(true);
        ms.forEach((m, i) => {
          if (m.source === 'estimate') expect(m.p50.value >= t.start.value).toBe(true);
          if (i < 2 || m.source === 'records') return;
          for (const earlier of ms.slice(0, i)) {
            expect(m.p50.value >= earlier.p50.value).toBe(true);
            expect(m.p80.value >= earlier.p80.value).toBe(true);
          }
        });
      }),
      { numRuns: 50 },
    );
  });
});
