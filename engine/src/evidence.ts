import {
  CLAUSES,
  REVIEW_INPUTS,
  addMonths,
  type AuditEvent,
  type KpiMeasurement,
  type ManagementReview,
} from '@qms/templates';
import { coveredClauses, evaluationIsCurrent, isCompleted, isOpenCapa, withinMonths, type Inputs } from './inputs.js';
import {
  documentEvidence,
  trainingEvidence,
  type DocumentEvidence,
  type TrainingEvidence,
} from './records-evidence.js';
import type { IsoDate } from './types.js';

/** What the records prove, computed once and shared by the caps, the gates, the timeline and the cycle. */
export interface Evidence {
  kpi: { qualifying: string[]; measurementsInWindow: number; earliestPeriod?: IsoDate; spanMonths: number };
  suppliers: { criticalOrMajor: number; current: number; criticalNotOk: string[] };
  internalAudit: { completedInWindow: AuditEvent[]; missingClauses: string[]; latest?: IsoDate; qualifies: boolean };
  managementReview: {
    latestInWindow?: IsoDate;
    afterLatestAudit?: IsoDate;
    /** Present when the workbook has a Management Review sheet (R-GATE-G7-INPUTS, R-READY-CAP-REVIEW-INPUTS). */
    sheet?: ReviewSheetEvidence;
  };
  capa: {
    openMajors: string[];
    openMajorsOverdue: string[];
    closedNotEffective: string[];
    overdueBeyondGrace: string[];
    openExternalMajors: string[];
  };
  documents: DocumentEvidence;
  training: TrainingEvidence;
  stage1?: IsoDate;
  stage2?: IsoDate;
  /** Completed surveillance / recertification audits, sorted by date. */
  surveillance: IsoDate[];
  recertification: IsoDate[];
}

/** What the Management Review sheet shows of its latest completed review. */
export interface ReviewSheetEvidence {
  reviews: number;
  latest?: { reviewId: string; date: IsoDate; covered: string[]; missing: string[] };
}

const KPI_WINDOW_MONTHS = 6;
const KPI_MIN_MEASUREMENTS = 3;
const AUDIT_WINDOW_MONTHS = 12;
const FREQUENCY_MONTHS = { Weekly: 0.25, Monthly: 1, Quarterly: 3, Annually: 12 } as const;

export function gatherEvidence(inputs: Inputs, asOf: IsoDate, capaGraceDays: number): Evidence {
  return {
    kpi: kpiEvidence(inputs, asOf),
    suppliers: supplierEvidence(inputs, asOf),
    ...auditEvidence(inputs.events, inputs.reviewSheet ? inputs.reviews : undefined, asOf),
    capa: capaEvidence(inputs, asOf, capaGraceDays),
    documents: documentEvidence(inputs.documents, asOf),
    training: trainingEvidence(inputs.trainings, asOf),
  };
}

function kpiEvidence(inputs: Inputs, asOf: IsoDate): Evidence['kpi'] {
  const perKpi = new Map<string, number>();
  let inWindow = 0;
  let earliest: IsoDate | undefined;
  let latestEnd: IsoDate | undefined;
  for (const m of inputs.measurements) {
    const kpi = inputs.kpis.get(m.kpiId);
    if (!kpi || m.period > asOf) continue;
    if (earliest === undefined || m.period < earliest) earliest = m.period;
    const end = periodEnd(m, FREQUENCY_MONTHS[kpi.frequency]);
    if (latestEnd === undefined || end > latestEnd) latestEnd = end;
    if (withinMonths(m.period, asOf, KPI_WINDOW_MONTHS)) {
      inWindow += 1;
      perKpi.set(m.kpiId, (perKpi.get(m.kpiId) ?? 0) + 1);
    }
  }
  const qualifying = [...perKpi]
    .filter(([, n]) => n >= KPI_MIN_MEASUREMENTS)
    .map(([id]) => id)
    .sort();
  return {
    qualifying,
    measurementsInWindow: inWindow,
    earliestPeriod: earliest,
    spanMonths: spanMonths(earliest, latestEnd, asOf),
  };
}

/** The first day after a measured period (a weekly period is 7 days). */
function periodEnd(m: KpiMeasurement, months: number): IsoDate {
  if (months < 1) {
    const d = new Date(`${m.period}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 7);
    return d.toISOString().slice(0, 10);
  }
  return addMonths(m.period, months);
}

/** Whole months from the first measured period to the end of the last one (never past the as-of date). */
function spanMonths(earliest: IsoDate | undefined, latestEnd: IsoDate | undefined, asOf: IsoDate): number {
  if (earliest === undefined || latestEnd === undefined) return 0;
  const end = latestEnd < asOf ? latestEnd : asOf;
  let months = 0;
  while (months < 1200 && addMonths(earliest, months + 1) <= end) months += 1;
  return months;
}

function supplierEvidence(inputs: Inputs, asOf: IsoDate): Evidence['suppliers'] {
  let criticalOrMajor = 0;
  let current = 0;
  const criticalNotOk: string[] = [];
  for (const s of inputs.suppliers) {
    const isCurrent = evaluationIsCurrent(s, asOf);
    if (s.criticality === 'Critical' || s.criticality === 'Major') {
      criticalOrMajor += 1;
      if (isCurrent) current += 1;
    }
    if (s.criticality === 'Critical' && !(isCurrent && (s.status === 'Approved' || s.status === 'Conditional')))
      criticalNotOk.push(s.supplierId);
  }
  return { criticalOrMajor, current, criticalNotOk };
}

function auditEvidence(
  events: readonly AuditEvent[],
  reviewRows: readonly ManagementReview[] | undefined,
  asOf: IsoDate,
): Pick<Evidence, 'internalAudit' | 'managementReview' | 'stage1' | 'stage2' | 'surveillance' | 'recertification'> {
  const done = events.filter((e) => isCompleted(e, asOf));
  const dates = (type: AuditEvent['type']): IsoDate[] =>
    done
      .filter((e) => e.type === type)
      .map((e) => e.completedDate)
      .sort();
  const audits = done.filter(
    (e) => e.type === 'Internal audit' && withinMonths(e.completedDate, asOf, AUDIT_WINDOW_MONTHS),
  );
  const covered = new Set(audits.flatMap(coveredClauses));
  const missingClauses = CLAUSES.map((c) => c.clause).filter((c) => !covered.has(c));
  const latestAudit = audits
    .map((e) => e.completedDate)
    .sort()
    .at(-1);
  // A review held counts whether the Audit Programme or the Management Review sheet records it.
  const sheet = reviewRows ? reviewSheetEvidence(reviewRows, asOf) : undefined;
  const reviews = [...dates('Management review'), ...(reviewRows ? completedReviewDates(reviewRows, asOf) : [])]
    .filter((d) => withinMonths(d, asOf, AUDIT_WINDOW_MONTHS))
    .sort();
  const qualifies = audits.length > 0 && missingClauses.length === 0;
  const afterLatestAudit =
    qualifies && latestAudit !== undefined ? reviews.filter((d) => d >= latestAudit).at(-1) : undefined;
  return {
    internalAudit: { completedInWindow: audits, missingClauses, latest: latestAudit, qualifies },
    managementReview: { latestInWindow: reviews.at(-1), afterLatestAudit, ...(sheet ? { sheet } : {}) },
    stage1: dates('Stage 1 audit').at(-1),
    stage2: dates('Stage 2 audit').at(-1),
    surveillance: dates('Surveillance audit'),
    recertification: dates('Recertification audit'),
  };
}

function isCompletedReview(r: ManagementReview, asOf: IsoDate): r is ManagementReview & { date: IsoDate } {
  return r.status === 'Completed' && r.date !== undefined && r.date <= asOf;
}

function completedReviewDates(rows: readonly ManagementReview[], asOf: IsoDate): IsoDate[] {
  return rows.filter((r) => isCompletedReview(r, asOf)).map((r) => r.date);
}

/** The latest completed review of the sheet (by date, then by row order) and the 9.3.2 inputs it covered. */
function reviewSheetEvidence(rows: readonly ManagementReview[], asOf: IsoDate): ReviewSheetEvidence {
  let latest: (ManagementReview & { date: IsoDate }) | undefined;
  for (const r of rows) if (isCompletedReview(r, asOf) && (latest === undefined || r.date >= latest.date)) latest = r;
  if (latest === undefined) return { reviews: rows.length };
  const answers = latest as unknown as Record<string, unknown>;
  return {
    reviews: rows.length,
    latest: {
      reviewId: latest.reviewId,
      date: latest.date,
      covered: REVIEW_INPUTS.filter((i) => answers[i.key] === true).map((i) => i.name),
      missing: REVIEW_INPUTS.filter((i) => answers[i.key] !== true).map((i) => i.name),
    },
  };
}

function capaEvidence(inputs: Inputs, asOf: IsoDate, graceDays: number): Evidence['capa'] {
  const graceLimit = new Date(`${asOf}T00:00:00Z`);
  graceLimit.setUTCDate(graceLimit.getUTCDate() - graceDays);
  const beyondGrace = graceLimit.toISOString().slice(0, 10);
  const out: Evidence['capa'] = {
    openMajors: [],
    openMajorsOverdue: [],
    closedNotEffective: [],
    overdueBeyondGrace: [],
    openExternalMajors: [],
  };
  for (const c of inputs.capas) {
    const open = isOpenCapa(c);
    if (open && c.severity === 'Major') {
      out.openMajors.push(c.capaId);
      if (c.dueDate !== undefined && c.dueDate < asOf) out.openMajorsOverdue.push(c.capaId);
      if (c.source === 'External audit') out.openExternalMajors.push(c.capaId);
    }
    if (open && c.dueDate !== undefined && c.dueDate < beyondGrace) out.overdueBeyondGrace.push(c.capaId);
    if (c.status === 'Closed' && c.effectiveness !== 'Effective') out.closedNotEffective.push(c.capaId);
  }
  return out;
}
