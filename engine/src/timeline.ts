import type { Capa } from '@qms/templates';
import { addMonthsDay, fromDay, toDay } from './daynum.js';
import type { Evidence } from './evidence.js';
import { figure, round1, type FigureInput } from './figure.js';
import { mulberry32, percentile, triangular } from './prng.js';
import type { RemainingEffort } from './effort.js';
import type { Settings } from './settings.js';
import type { IsoDate, Milestone, MilestoneId, Timeline } from './types.js';

export interface TimelineProfile {
  projectStart?: IsoDate;
  targetCertificationDate?: IsoDate;
  teamCapacityHoursPerWeek?: number;
  monthsOfRecordsBeforeStage1?: number;
}

/**
 * One step of the route: dated from records when `recorded` is set, otherwise `weeks` after the latest of
 * every earlier milestone (so an estimate never lands before something it follows).
 */
interface Step {
  id: MilestoneId;
  name: string;
  rule: string;
  recorded?: number;
  weeks: number;
  /** More inputs for an estimated date (where the weeks came from). */
  from?: Record<string, FigureInput>;
}

/** R-TIME-9: the chosen certification body's lead time to Stage 1, from the CB Comparison sheet. */
export interface ChosenLeadTime {
  certificationBody: string;
  weeks: number;
}

const NAMES: Record<MilestoneId, string> = {
  implementation: 'Implementation done',
  'records-period': 'Records period satisfied',
  'internal-audit': 'Internal audit',
  'management-review': 'Management review',
  'stage-1': 'Stage 1 audit',
  'stage-2': 'Stage 2 audit',
  'nonconformity-closure': 'Nonconformities closed',
  'certification-decision': 'Certification decision',
};

/** R-TIME-3 … R-TIME-8: milestones with P50/P80 from seeded Monte Carlo runs over the gaps' effort. */
export function buildTimeline(
  effort: RemainingEffort,
  evidence: Evidence,
  capas: readonly Capa[],
  profile: TimelineProfile | undefined,
  asOf: IsoDate,
  settings: Settings,
  leadTime?: ChosenLeadTime,
): Timeline {
  const startIso = profile?.projectStart && profile.projectStart > asOf ? profile.projectStart : asOf;
  const start = toDay(startIso);
  const hours = profile?.teamCapacityHoursPerWeek ?? settings.teamCapacityHoursPerWeek;
  const daysPerWeek = hours / settings.hoursPerDay;
  const months = profile?.monthsOfRecordsBeforeStage1 ?? settings.monthsOfRecords;

  // R-TIME-4: the records period runs from the first KPI measurement (or the start, when there is none). When
  // that date has passed unmet (the records stopped), the months still missing are counted from the start.
  const recordsMet = evidence.kpi.spanMonths >= months && evidence.kpi.earliestPeriod !== undefined;
  const recordsFrom = evidence.kpi.earliestPeriod !== undefined ? toDay(evidence.kpi.earliestPeriod) : start;
  const fromFirst = addMonthsDay(recordsFrom, months);
  const recordsDay =
    recordsMet || fromFirst >= start ? fromFirst : addMonthsDay(start, months - evidence.kpi.spanMonths);

  const closure = nonconformityClosure(evidence, capas);
  const steps: Step[] = [
    {
      id: 'internal-audit',
      name: NAMES['internal-audit'],
      rule: 'R-TIME-5',
      weeks: settings.weeksToInternalAudit,
      recorded:
        evidence.internalAudit.qualifies && evidence.internalAudit.latest
          ? toDay(evidence.internalAudit.latest)
          : undefined,
    },
    {
      id: 'management-review',
      name: NAMES['management-review'],
      rule: 'R-TIME-5',
      weeks: settings.weeksToManagementReview,
      recorded: evidence.managementReview.afterLatestAudit
        ? toDay(evidence.managementReview.afterLatestAudit)
        : undefined,
    },
    {
      id: 'stage-1',
      name: NAMES['stage-1'],
      rule: leadTime ? 'R-TIME-9' : 'R-TIME-5',
      weeks: leadTime?.weeks ?? settings.cbLeadTimeWeeks,
      recorded: evidence.stage1 ? toDay(evidence.stage1) : undefined,
      ...(leadTime ? { from: { leadTimeFrom: leadTime.certificationBody } } : {}),
    },
    {
      id: 'stage-2',
      name: NAMES['stage-2'],
      rule: 'R-TIME-5',
      weeks: settings.weeksStage1ToStage2,
      recorded: evidence.stage2 ? toDay(evidence.stage2) : undefined,
    },
    {
      id: 'nonconformity-closure',
      name: NAMES['nonconformity-closure'],
      rule: 'R-TIME-5',
      weeks: settings.weeksToCloseNonconformities,
      recorded: closure,
    },
    {
      id: 'certification-decision',
      name: NAMES['certification-decision'],
      rule: 'R-TIME-5',
      weeks: settings.weeksToDecision,
      // The workbook has no decision row: a Stage 2 with no open external Major CAPA stands for it, dated by the
      // recorded nonconformity closure when there is one (R-CYCLE-1).
      recorded:
        evidence.stage2 && evidence.capa.openExternalMajors.length === 0
          ? (closure ?? toDay(evidence.stage2))
          : undefined,
    },
  ];

  // R-TIME-6: each gap's effort ~ triangular(0.7e, e, 2e); the CAPA load is fixed.
  const runs = Math.max(1, Math.floor(settings.runs));
  const random = mulberry32(settings.seed);
  const gapDays = effort.gaps.map((g) => g.days);
  const dates: Float64Array[] = Array.from({ length: steps.length + 2 }, () => new Float64Array(runs));
  const lo = settings.effortSpreadLow;
  const hi = settings.effortSpreadHigh;
  for (let r = 0; r < runs; r += 1) {
    let total = effort.capaDays;
    for (const e of gapDays) total += triangular(random(), lo * e, e, hi * e);
    const implementation = start + Math.ceil((total / daysPerWeek) * 7);
    (dates[0] as Float64Array)[r] = implementation;
    (dates[1] as Float64Array)[r] = recordsDay;
    let latest = Math.max(implementation, recordsDay);
    steps.forEach((step, i) => {
      const day = step.recorded ?? latest + step.weeks * 7;
      (dates[i + 2] as Float64Array)[r] = day;
      latest = Math.max(latest, day);
    });
  }

  const quantiles = (i: number) => {
    const sorted = (dates[i] as Float64Array).slice().sort();
    return { p50: fromDay(percentile(sorted, 0.5)), p80: fromDay(percentile(sorted, 0.8)) };
  };
  const milestones: Milestone[] = [];
  const impl = quantiles(0);
  const implInputs = {
    start: startIso,
    remainingEffortDays: effort.total.value,
    capacityDaysPerWeek: round1(daysPerWeek * 100) / 100,
    runs,
    seed: settings.seed,
  };
  milestones.push({
    id: 'implementation',
    name: NAMES.implementation,
    source: 'estimate',
    p50: figure(impl.p50, 'R-TIME-3', implInputs, effort.total.defaulted),
    p80: figure(impl.p80, 'R-TIME-3', implInputs, effort.total.defaulted),
  });
  const recInputs = {
    firstMeasurement: evidence.kpi.earliestPeriod ?? null,
    monthsOfRecords: months,
    spanMonths: evidence.kpi.spanMonths,
  };
  const recIso = fromDay(recordsDay);
  milestones.push({
    id: 'records-period',
    name: NAMES['records-period'],
    source: recordsMet ? 'records' : 'estimate',
    p50: figure(recIso, 'R-TIME-4', recInputs),
    p80: figure(recIso, 'R-TIME-4', recInputs),
  });
  steps.forEach((step, i) => {
    const q = quantiles(i + 2);
    const inputs: Record<string, FigureInput> =
      step.recorded !== undefined
        ? { fromRecord: fromDay(step.recorded) }
        : { weeksAfterLatestEarlierMilestone: step.weeks, ...step.from };
    const rule = step.recorded !== undefined ? 'R-TIME-7' : step.rule;
    milestones.push({
      id: step.id,
      name: step.name,
      source: step.recorded !== undefined ? 'records' : 'estimate',
      p50: figure(q.p50, rule, inputs),
      p80: figure(q.p80, rule, inputs),
    });
  });

  const timeline: Timeline = {
    start: figure(startIso, 'R-TIME-3', { asOf, projectStart: profile?.projectStart ?? null }),
    remainingEffort: effort.total,
    capacityDaysPerWeek: figure(
      daysPerWeek,
      'R-TIME-3',
      { hoursPerWeek: hours, hoursPerDay: settings.hoursPerDay },
      profile?.teamCapacityHoursPerWeek === undefined,
    ),
    milestones,
    runs,
    seed: settings.seed,
  };
  const decision = milestones.at(-1);
  if (profile?.targetCertificationDate && decision) {
    const target = toDay(profile.targetCertificationDate);
    const slack = (iso: IsoDate) => round1((target - toDay(iso)) / 7);
    timeline.target = {
      date: profile.targetCertificationDate,
      slackWeeksP50: figure(slack(decision.p50.value), 'R-TIME-8', {
        target: profile.targetCertificationDate,
        decisionP50: decision.p50.value,
      }),
      slackWeeksP80: figure(slack(decision.p80.value), 'R-TIME-8', {
        target: profile.targetCertificationDate,
        decisionP80: decision.p80.value,
      }),
    };
  }
  return timeline;
}

/**
 * Nonconformity closure is evidenced once Stage 2 is complete and no External audit CAPA is open: dated by
 * the last such CAPA closed on or after Stage 2, or Stage 2 itself when it raised none.
 */
function nonconformityClosure(evidence: Evidence, capas: readonly Capa[]): number | undefined {
  const stage2 = evidence.stage2;
  if (stage2 === undefined) return undefined;
  const external = capas.filter(
    (c) => c.source === 'External audit' && c.dateOpened >= stage2 && c.status !== 'Cancelled',
  );
  if (external.some((c) => c.status !== 'Closed')) return undefined;
  const last = external
    .map((c) => c.dateClosed ?? stage2)
    .sort()
    .at(-1);
  return toDay(last !== undefined && last > stage2 ? last : stage2);
}
