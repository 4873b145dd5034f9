import { describe, expect, it } from 'vitest';
import { addDays, addMonths, validateWorkbook, type QmsRecord } from '@qms/templates';
import { assess } from './assess.js';
import { allGaps, capa, event, gap, kpi, measurement, profile, readyRecords, workbookFrom } from './test-records.js';
import type { Milestone, MilestoneId } from './types.js';

const AS_OF = '2026-06-30';
/** No spread: every draw equals its mode, so dates can be worked out by hand. */
const EXACT = { runs: 20, effortSpreadLow: 1, effortSpreadHigh: 1 };
const milestone = (ms: Milestone[], id: MilestoneId) => ms.find((m) => m.id === id) as Milestone;

const openGaps = (): QmsRecord[] => [
  ...allGaps().filter((r) => !['4.1', '4.2', '4.3', '4.4'].includes(r.id)),
  gap({ clause: '4.1', status: 'Non-compliant', priority: 'High' }), // 5
  gap({ clause: '4.2', status: 'Partially compliant', priority: 'Low' }), // 1 halved = 0.5
  gap({ clause: '4.3', status: 'Partially compliant', effortDays: 4 }), // as typed: 4
  gap({ clause: '4.4', status: 'Not assessed' }), // blank priority = Medium: 3
];

describe('timeline', () => {
  it('R-TIME-1: effort per open gap, default by priority, default halved when partial', () => {
    const a = assess(openGaps(), profile(), AS_OF, EXACT);
    expect(a.timeline.remainingEffort).toMatchObject({
      value: 12.5,
      rule: 'R-TIME-1',
      defaulted: true,
      inputs: { openGaps: 4, gapsWithDefaultEffort: 3 },
    });
    const missing = assess(
      allGaps().filter((r) => r.id !== '7.4'),
      profile(),
      AS_OF,
      EXACT,
    );
    expect(missing.timeline.remainingEffort.value).toBe(3);
    const custom = assess(openGaps(), profile(), AS_OF, {
      ...EXACT,
      effortByPriority: { High: 10, Medium: 3, Low: 1 },
    });
    expect(custom.timeline.remainingEffort.value).toBe(17.5);
  });

  it('R-TIME-2: open CAPAs add 3 (Major) or 1 (other) days; closed and cancelled add none', () => {
    const records = [
      ...openGaps(),
      capa({ capaId: 'C1', severity: 'Major', dueDate: '2026-12-31' }),
      capa({ capaId: 'C2' }),
      capa({ capaId: 'C3', status: 'Cancelled' }),
      capa({ capaId: 'C4', status: 'Closed', effectiveness: 'Effective' }),
    ];
    expect(assess(records, profile(), AS_OF, EXACT).timeline.remainingEffort).toMatchObject({
      value: 16.5,
      inputs: { openCapas: 2, capaDays: 4 },
    });
  });

  it('R-TIME-3: implementation done = effort ÷ (hours ÷ 8) weeks from the later of as-of and project start', () => {
    const a = assess(openGaps(), profile({ teamCapacityHoursPerWeek: 20 }), AS_OF, EXACT);
    // 12.5 person-days at 2.5 days a week = 5 weeks.
    expect(milestone(a.timeline.milestones, 'implementation').p50.value).toBe(addDays(AS_OF, 35));
    expect(a.timeline.capacityDaysPerWeek.value).toBe(2.5);
    expect(a.timeline.capacityDaysPerWeek.defaulted).toBeUndefined();
    const later = assess(
      openGaps(),
      profile({ teamCapacityHoursPerWeek: 20, projectStart: '2026-09-01' }),
      AS_OF,
      EXACT,
    );
    expect(later.timeline.start.value).toBe('2026-09-01');
    expect(milestone(later.timeline.milestones, 'implementation').p50.value).toBe('2026-10-06');
    const defaulted = assess(openGaps(), profile(), AS_OF, EXACT);
    expect(defaulted.timeline.capacityDaysPerWeek).toMatchObject({ value: 2, defaulted: true });
  });

  it('R-TIME-4: the records period ends months-of-records after the first measurement, or after the start', () => {
    const none = assess(openGaps(), profile(), AS_OF, EXACT);
    expect(milestone(none.timeline.milestones, 'records-period')).toMatchObject({
      source: 'estimate',
      p50: { value: addMonths(AS_OF, 3) },
    });
    const some = assess([...openGaps(), kpi(), measurement('2026-06-01')], profile(), AS_OF, EXACT);
    expect(milestone(some.timeline.milestones, 'records-period')).toMatchObject({
      source: 'estimate',
      p50: { value: '2026-09-01' },
    });
    // Records that stopped long ago: the missing months are counted from the start, never dated in the past.
    const stale = assess([...openGaps(), kpi(), measurement('2025-01-01')], profile(), AS_OF, EXACT);
    expect(milestone(stale.timeline.milestones, 'records-period').p50.value).toBe(addMonths(AS_OF, 2));
    const met = assess(readyRecords(), profile(), AS_OF, EXACT);
    expect(milestone(met.timeline.milestones, 'records-period')).toMatchObject({
      source: 'records',
      p50: { value: '2026-05-01' },
    });
  });

  it('R-TIME-5: each later milestone is its offset after the latest earlier one', () => {
    const a = assess(openGaps(), profile({ teamCapacityHoursPerWeek: 20 }), AS_OF, EXACT);
    const d = Object.fromEntries(a.timeline.milestones.map((m) => [m.id, m.p50.value]));
    const records = addMonths(AS_OF, 3); // 2026-09-30, later than implementation (2026-08-04)
    expect(d['internal-audit']).toBe(addDays(records, 14));
    expect(d['management-review']).toBe(addDays(records, 28));
    expect(d['stage-1']).toBe(addDays(records, 28 + 42));
    expect(d['stage-2']).toBe(addDays(records, 28 + 42 + 28));
    expect(d['nonconformity-closure']).toBe(addDays(records, 28 + 42 + 56));
    expect(d['certification-decision']).toBe(addDays(records, 28 + 42 + 56 + 14));
    const slower = assess(openGaps(), profile({ teamCapacityHoursPerWeek: 20 }), AS_OF, {
      ...EXACT,
      cbLeadTimeWeeks: 10,
    });
    expect(milestone(slower.timeline.milestones, 'stage-1').p50.value).toBe(addDays(records, 28 + 70));
  });

  it('R-TIME-6: 5,000 seeded runs; P80 ≥ P50; same seed → same dates; the spread is triangular(0.7e, e, 2e)', () => {
    const records = openGaps();
    const a = assess(records, profile({ teamCapacityHoursPerWeek: 4 }), AS_OF);
    const b = assess(records, profile({ teamCapacityHoursPerWeek: 4 }), AS_OF);
    expect(a.timeline.runs).toBe(5000);
    expect(a.timeline.milestones).toEqual(b.timeline.milestones);
    const impl = milestone(a.timeline.milestones, 'implementation');
    expect(impl.p80.value > impl.p50.value).toBe(true);
    // 12.5 days at 0.5 days/week: between 0.7 × and 2 × the likely 175 calendar days.
    const days = (iso: string) => (Date.parse(iso) - Date.parse(AS_OF)) / 86_400_000;
    expect(days(impl.p50.value)).toBeGreaterThan(0.7 * 175);
    expect(days(impl.p80.value)).toBeLessThan(2 * 175);
    // The triangular mean (0.7 + 1 + 2) / 3 ≈ 1.23 × e sits right of the mode, so P50 > the likely date.
    expect(days(impl.p50.value)).toBeGreaterThan(175);
    const other = assess(records, profile({ teamCapacityHoursPerWeek: 4 }), AS_OF, { seed: 7 });
    expect(other.timeline.seed).toBe(7);
    // Another seed moves P50 by a day or two at most: 5,000 runs make the percentiles stable.
    expect(
      Math.abs(days(milestone(other.timeline.milestones, 'implementation').p50.value) - days(impl.p50.value)),
    ).toBeLessThanOrEqual(3);
  });

  it('R-TIME-7: completed internal audit, management review and Stage 1 in a parsed workbook date their milestones', () => {
    const records = [...readyRecords(), event({ eventId: 'S1', type: 'Stage 1 audit', completedDate: '2026-06-25' })];
    const parsed = validateWorkbook(workbookFrom([profileRecord(), ...records]), { asOf: AS_OF });
    expect(parsed.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(parsed.records.filter((r) => r.type === 'audit-event')).toHaveLength(3);
    const a = assess(parsed.records, undefined, AS_OF, { runs: 200 });
    const m = (id: MilestoneId) => milestone(a.timeline.milestones, id);
    expect(m('internal-audit')).toMatchObject({
      source: 'records',
      p50: { value: '2026-05-20', rule: 'R-TIME-7' },
      p80: { value: '2026-05-20' },
    });
    expect(m('management-review')).toMatchObject({ source: 'records', p50: { value: '2026-06-10' } });
    expect(m('stage-1')).toMatchObject({ source: 'records', p50: { value: '2026-06-25' } });
    expect(m('stage-2')).toMatchObject({ source: 'estimate', p50: { value: addDays(AS_OF, 28) } });
    expect(a.verdict.value).toBe('Ready for Stage 2');
  });

  it('R-TIME-7: a certified workbook dates Stage 2 and the decision from records and gets surveillance dates', () => {
    const records = [
      ...readyRecords(),
      event({ eventId: 'S1', type: 'Stage 1 audit', completedDate: '2026-04-01' }),
      event({ eventId: 'S2', type: 'Stage 2 audit', completedDate: '2026-05-01' }),
      capa({
        capaId: 'X1',
        source: 'External audit',
        dateOpened: '2026-05-01',
        status: 'Closed',
        rootCause: 'r',
        correctiveAction: 'c',
        dateClosed: '2026-05-20',
        effectiveness: 'Effective',
        verifiedBy: 'QM',
      }),
    ];
    const parsed = validateWorkbook(workbookFrom([profileRecord(), ...records]), { asOf: AS_OF });
    expect(parsed.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const a = assess(parsed.records, undefined, AS_OF, { runs: 200 });
    expect(a.verdict.value).toBe('Certified');
    expect(milestone(a.timeline.milestones, 'nonconformity-closure')).toMatchObject({
      source: 'records',
      p50: { value: '2026-05-20' },
    });
    expect(milestone(a.timeline.milestones, 'certification-decision')).toMatchObject({
      source: 'records',
      p50: { value: '2026-05-20' },
    });
    expect(a.cycle?.due.map((d) => d.due.value)).toEqual(['2027-05-20', '2028-05-20', '2029-05-20']);
  });

  it('R-TIME-8: slack (positive) or shortfall (negative) in weeks against the target date', () => {
    const a = assess(
      openGaps(),
      profile({ teamCapacityHoursPerWeek: 20, targetCertificationDate: '2027-03-31' }),
      AS_OF,
      EXACT,
    );
    const decision = milestone(a.timeline.milestones, 'certification-decision').p50.value; // 2027-02-17
    expect(decision).toBe('2027-02-17');
    expect(a.timeline.target?.slackWeeksP50).toMatchObject({ value: 6, rule: 'R-TIME-8' });
    const late = assess(
      openGaps(),
      profile({ teamCapacityHoursPerWeek: 20, targetCertificationDate: '2026-12-31' }),
      AS_OF,
      EXACT,
    );
    expect(late.timeline.target?.slackWeeksP80.value).toBe(-6.9);
    expect(assess(openGaps(), profile(), AS_OF, EXACT).timeline.target).toBeUndefined();
  });
});

function profileRecord(): QmsRecord {
  return {
    type: 'profile',
    id: 'profile',
    data: { ...profile() },
    source: { sheet: 'QMS Profile', row: 2 },
    hash: '',
    warnings: [],
  };
}
