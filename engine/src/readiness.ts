import { CLAUSES, CLAUSE_GROUPS, REVIEW_INPUTS, type GapRow } from '@qms/templates';
import { figure, round1, round2, type FigureInput } from './figure.js';
import type { Evidence } from './evidence.js';
import { scoredStatus } from './inputs.js';
import { DOCUMENT_CONTROL_CLAUSES, MANDATORY_DOCUMENT_CLAUSES } from './records-evidence.js';
import type { CapId, CapResult, ClauseScore, ClauseStatus, GroupScore, Readiness } from './types.js';

/** R-READY-1: credit by status (Not applicable is excluded, not credited). */
export const STATUS_CREDIT = {
  compliantWithEvidence: 1,
  compliantWithoutEvidence: 0.6,
  partial: 0.5,
  nonCompliant: 0,
  notAssessed: 0,
} as const;

/** The claim a clause may make while its records are missing (R-READY-CAP-*). */
export const CAP_LIMIT = 0.5;

/** The part of a clause that scoring needs; blockers re-score with edited copies of it. */
export interface ClauseState {
  clause: string;
  title: string;
  group: number;
  status: ClauseStatus;
  hasEvidence: boolean;
  /** Where the evidence was looked for: the Gap Analysis Evidence cell, or the Document Register (R-READY-DOCS). */
  evidenceFrom: 'gap-analysis' | 'document-register';
  /** Approved, current register entries naming the clause (when the register is where evidence is looked for). */
  registerEntries?: string[];
  invalidNa: boolean;
  /** The records that bound the clause's claim; the lowest limit among them applies. */
  caps: CapId[];
}

export type CapLimits = Record<CapId, number>;

/** Which records back a clause's claim (engine/src/SPEC.md); the document caps depend on what the register holds. */
export function clauseStates(gaps: ReadonlyMap<string, GapRow>, evidence?: Evidence): ClauseState[] {
  const docs = evidence?.documents;
  const hasRegister = docs !== undefined && docs.entries > 0;
  return CLAUSES.map((c) => {
    const s = scoredStatus(gaps.get(c.clause));
    const state: ClauseState = {
      clause: c.clause,
      title: c.title,
      group: c.group,
      status: s.status,
      hasEvidence: s.hasEvidence,
      evidenceFrom: 'gap-analysis',
      invalidNa: s.invalidNa,
      caps: capsOf(c.clause, evidence),
    };
    // R-READY-DOCS: with a register, a mandatory item of documented information is evidenced by an Approved entry
    // naming its clause whose review is not overdue, not by free text in the gap matrix.
    if (hasRegister && MANDATORY_DOCUMENT_CLAUSES.has(c.clause)) {
      const entries = docs.current.get(c.clause) ?? [];
      state.hasEvidence = entries.length > 0;
      state.evidenceFrom = 'document-register';
      state.registerEntries = entries;
    }
    return state;
  });
}

/**
 * Which records back a clause's claim (engine/src/SPEC.md). With a Management Review sheet, 9.3.2 is capped by the
 * inputs its latest review covered (R-READY-CAP-REVIEW-INPUTS) instead of by the review's date alone.
 */
export function capsOf(clause: string, evidence?: Evidence): CapId[] {
  const caps: CapId[] = [];
  const reviewSheet = evidence?.managementReview.sheet !== undefined;
  if (clause === '6.2' || clause === '9.1.1') caps.push('kpi');
  if (clause.startsWith('8.4.')) caps.push('suppliers');
  if (clause === '9.2') caps.push('internal-audit');
  if (clause === '9.3.2' && reviewSheet) caps.push('review-inputs');
  else if (clause.startsWith('9.3.')) caps.push('management-review');
  if (clause === '10.2') caps.push('capa');
  if (clause === '7.2') caps.push('training');
  if (MANDATORY_DOCUMENT_CLAUSES.has(clause) || DOCUMENT_CONTROL_CLAUSES.has(clause)) caps.push('documents');
  if (evidence?.documents.stale.has(clause)) caps.push('documents-stale');
  return caps;
}

export function computeCaps(evidence: Evidence, states: readonly ClauseState[]): CapResult[] {
  const caps = recordCaps(evidence, states);
  const sheet = evidence.managementReview.sheet;
  if (sheet) caps.push(reviewInputsCap(evidence, sheet, states));
  return caps;
}

/**
 * R-READY-CAP-REVIEW-INPUTS: with a Management Review sheet, 9.3.2 may claim at most the share of the 9.3.2 inputs
 * its latest completed review covered, and never more than R-READY-CAP-REVIEW allows. With no completed review on
 * the sheet nothing shows the inputs, and the usual limit for missing records applies.
 */
function reviewInputsCap(
  evidence: Evidence,
  sheet: NonNullable<Evidence['managementReview']['sheet']>,
  states: readonly ClauseState[],
): CapResult {
  const windowLimit = evidence.managementReview.latestInWindow ? 1 : CAP_LIMIT;
  const latest = sheet.latest;
  const total = REVIEW_INPUTS.length;
  const share = latest ? latest.covered.length / total : CAP_LIMIT;
  // Two decimals, rounded down, so the cap never credits more than the review covered.
  const limit = Math.min(windowLimit, Math.floor(share * 100 + 1e-9) / 100);
  return {
    id: 'review-inputs',
    clauses: states.filter((s) => s.caps.includes('review-inputs')).map((s) => s.clause),
    limit: figure(limit, 'R-READY-CAP-REVIEW-INPUTS', {
      latestCompletedReview: latest?.reviewId ?? null,
      reviewDate: latest?.date ?? null,
      inputsCovered: latest?.covered.length ?? 0,
      inputsListed: total,
      inputsNotCovered: latest?.missing ?? [],
      latestManagementReviewIn12Months: evidence.managementReview.latestInWindow ?? null,
    }),
    reason: !latest
      ? 'the Management Review sheet has no completed review, so nothing shows which 9.3.2 inputs were reviewed; record the review with its inputs'
      : latest.missing.length === 0
        ? windowLimit < 1
          ? `review ${latest.reviewId} (${latest.date}) covered every 9.3.2 input, but no management review was completed in the last 12 months`
          : `review ${latest.reviewId} (${latest.date}) covered all ${total} 9.3.2 inputs`
        : `review ${latest.reviewId} (${latest.date}) covered ${latest.covered.length} of ${total} 9.3.2 inputs; not covered: ${latest.missing.join(', ')}`,
  };
}

function recordCaps(evidence: Evidence, states: readonly ClauseState[]): CapResult[] {
  const clausesOf = (id: CapId) => states.filter((s) => s.caps.includes(id)).map((s) => s.clause);
  const e = evidence;
  const kpiOk = e.kpi.qualifying.length > 0;
  const supplierShare = e.suppliers.criticalOrMajor === 0 ? 1 : e.suppliers.current / e.suppliers.criticalOrMajor;
  const capaBad = [...e.capa.openMajorsOverdue, ...e.capa.closedNotEffective];
  return [
    {
      id: 'kpi',
      clauses: clausesOf('kpi'),
      limit: figure(kpiOk ? 1 : CAP_LIMIT, 'R-READY-CAP-KPI', {
        kpisWith3MeasurementsIn6Months: e.kpi.qualifying,
        measurementsIn6Months: e.kpi.measurementsInWindow,
      }),
      reason: kpiOk
        ? `KPI ${e.kpi.qualifying.join(', ')} has a target and at least 3 measurements in the last 6 months`
        : 'no KPI has a target and at least 3 measurements in the last 6 months; record measurements in KPI Measurements',
    },
    {
      id: 'suppliers',
      clauses: clausesOf('suppliers'),
      limit: figure(supplierShare, 'R-READY-CAP-SUPPLIERS', {
        criticalOrMajorSuppliers: e.suppliers.criticalOrMajor,
        withCurrentEvaluation: e.suppliers.current,
      }),
      reason:
        e.suppliers.criticalOrMajor === 0
          ? 'no Critical or Major supplier is listed, so supplier records do not limit 8.4'
          : `${e.suppliers.current} of ${e.suppliers.criticalOrMajor} Critical or Major suppliers have a current evaluation`,
    },
    {
      id: 'internal-audit',
      clauses: clausesOf('internal-audit'),
      limit: figure(e.internalAudit.qualifies ? 1 : CAP_LIMIT, 'R-READY-CAP-AUDIT', {
        completedInternalAuditsIn12Months: e.internalAudit.completedInWindow.map((a) => a.eventId),
        clausesNotCovered: e.internalAudit.missingClauses,
      }),
      reason: e.internalAudit.qualifies
        ? 'completed internal audits in the last 12 months cover clauses 4–10'
        : e.internalAudit.completedInWindow.length === 0
          ? 'no internal audit completed in the last 12 months'
          : `completed internal audits of the last 12 months do not cover ${listShort(e.internalAudit.missingClauses)}`,
    },
    {
      id: 'management-review',
      clauses: clausesOf('management-review'),
      limit: figure(e.managementReview.latestInWindow ? 1 : CAP_LIMIT, 'R-READY-CAP-REVIEW', {
        latestManagementReviewIn12Months: e.managementReview.latestInWindow ?? null,
      }),
      reason: e.managementReview.latestInWindow
        ? `management review completed on ${e.managementReview.latestInWindow}`
        : 'no management review completed in the last 12 months',
    },
    {
      id: 'capa',
      clauses: clausesOf('capa'),
      limit: figure(capaBad.length === 0 ? 1 : CAP_LIMIT, 'R-READY-CAP-CAPA', {
        openMajorPastDue: e.capa.openMajorsOverdue,
        closedWithoutEffective: e.capa.closedNotEffective,
      }),
      reason:
        capaBad.length === 0
          ? 'no Major CAPA is open past its due date and every closed CAPA is Effective'
          : [
              e.capa.openMajorsOverdue.length ? `Major CAPA open past due: ${listShort(e.capa.openMajorsOverdue)}` : '',
              e.capa.closedNotEffective.length
                ? `closed CAPA not Effective: ${listShort(e.capa.closedNotEffective)}`
                : '',
            ]
              .filter(Boolean)
              .join('; '),
    },
    trainingCap(e, clausesOf('training')),
    ...documentCaps(e, clausesOf('documents'), clausesOf('documents-stale')),
  ];
}

/** R-READY-CAP-TRAINING: 7.2 at most the share of required trainings completed and still valid; 0.5 with none to count. */
function trainingCap(e: Evidence, clauses: string[]): CapResult {
  const t = e.training;
  const share = t.required === 0 ? CAP_LIMIT : t.current / t.required;
  const inputs = {
    trainingRecords: t.records,
    requiredTrainings: t.required,
    completedAndValid: t.current,
    trainingGaps: t.gaps.length,
    refresherDue: t.expired.length,
  };
  const missing = [
    t.gaps.length ? `not completed: ${listShort(t.gaps, 4)}` : '',
    t.expired.length ? `refresher due: ${listShort(t.expired, 4)}` : '',
  ]
    .filter(Boolean)
    .join('; ');
  return {
    id: 'training',
    clauses,
    limit: figure(round2(share), 'R-READY-CAP-TRAINING', inputs),
    reason:
      t.records === 0
        ? 'no Training Matrix: competence (7.2) is not backed by training records; record who is trained in what'
        : t.required === 0
          ? 'no training in the Training Matrix is marked Required for role; mark the trainings each role needs'
          : `${t.current} of ${t.required} required trainings are completed and still valid${missing ? ` (${missing})` : ''}`,
  };
}

/**
 * R-READY-CAP-DOCS: without a Document Register, the mandatory documented information and 7.5 rest on the gap
 * matrix's free text alone, worth what Compliant without evidence earns. R-READY-CAP-DOCS-STALE: an Approved entry
 * past its Next review is stale evidence and caps every clause it names the same way.
 */
function documentCaps(e: Evidence, clauses: string[], staleClauses: string[]): CapResult[] {
  const d = e.documents;
  const withoutEvidence = STATUS_CREDIT.compliantWithoutEvidence;
  const staleIds = [...new Set(staleClauses.flatMap((c) => d.stale.get(c) ?? []))].sort();
  return [
    {
      id: 'documents',
      clauses,
      limit: figure(d.entries === 0 ? withoutEvidence : 1, 'R-READY-CAP-DOCS', { documentRegisterEntries: d.entries }),
      reason:
        d.entries === 0
          ? 'no Document Register: the mandatory documented information and 7.5 rest on Gap Analysis evidence alone; list the controlled documents and records in a Document Register'
          : `the Document Register lists ${d.entries} entr${d.entries === 1 ? 'y' : 'ies'}`,
    },
    {
      id: 'documents-stale',
      clauses: staleClauses,
      limit: figure(staleIds.length > 0 ? withoutEvidence : 1, 'R-READY-CAP-DOCS-STALE', {
        overdueForReview: staleIds,
      }),
      reason:
        staleIds.length > 0
          ? `evidence stale: ${listShort(staleIds)} ${staleIds.length === 1 ? 'is' : 'are'} past the Next review date; review and re-approve them`
          : 'no Approved document is past its Next review date',
    },
  ];
}

export function listShort(items: readonly string[], max = 8): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

export function capLimits(caps: readonly CapResult[]): CapLimits {
  return Object.fromEntries(caps.map((c) => [c.id, c.limit.value])) as CapLimits;
}

/** R-READY-1: the credit a status earns before caps; null for Not applicable. */
export function statusCredit(s: Pick<ClauseState, 'status' | 'hasEvidence'>): number | null {
  switch (s.status) {
    case 'Compliant':
      return s.hasEvidence ? STATUS_CREDIT.compliantWithEvidence : STATUS_CREDIT.compliantWithoutEvidence;
    case 'Partially compliant':
      return STATUS_CREDIT.partial;
    case 'Non-compliant':
      return STATUS_CREDIT.nonCompliant;
    case 'Not applicable':
      return null;
    case 'Not assessed':
      return STATUS_CREDIT.notAssessed;
  }
}

/** The cap that bounds a clause most, if any (the first listed on a tie). */
export function tightestCap(s: ClauseState, limits: CapLimits): CapId | undefined {
  let best: CapId | undefined;
  for (const id of s.caps) if (best === undefined || limits[id] < limits[best]) best = id;
  return best;
}

/** R-READY-2: credit after the clause's caps (the lowest of them applies). */
export function cappedCredit(s: ClauseState, limits: CapLimits): number | null {
  const base = statusCredit(s);
  if (base === null) return null;
  let credit = base;
  for (const id of s.caps) if (limits[id] < credit) credit = limits[id];
  return credit;
}

/** R-READY-3 and R-READY-4 on plain numbers: the fast path blockers re-run. Groups with no applicable clause drop out. */
export function overallOf(states: readonly ClauseState[], limits: CapLimits): number {
  const sums = new Map<number, { sum: number; n: number }>();
  for (const s of states) {
    const credit = cappedCredit(s, limits);
    if (credit === null) continue;
    const g = sums.get(s.group) ?? { sum: 0, n: 0 };
    g.sum += credit;
    g.n += 1;
    sums.set(s.group, g);
  }
  const groupScores = [...sums.values()].map((g) => g.sum / g.n);
  return groupScores.length === 0 ? 0 : round1((groupScores.reduce((a, b) => a + b, 0) / groupScores.length) * 100);
}

export function scoreReadiness(states: readonly ClauseState[], caps: CapResult[]): Readiness {
  const limits = capLimits(caps);
  const clauses: ClauseScore[] = states.map((s) => {
    const base = statusCredit(s);
    const credit = cappedCredit(s, limits);
    const capped = base !== null && credit !== null && credit < base;
    const cap = capped ? tightestCap(s, limits) : undefined;
    // R-READY-DOCS: where the evidence was looked for, and what was found there.
    const from: Record<string, FigureInput> =
      s.evidenceFrom === 'document-register'
        ? { evidenceFrom: 'Document Register', registerEntries: s.registerEntries ?? [] }
        : {};
    const score: ClauseScore = {
      clause: s.clause,
      title: s.title,
      group: s.group,
      status: s.status,
      hasEvidence: s.hasEvidence,
      applicable: credit !== null,
      credit: capped
        ? figure<number | null>(credit, capRule(cap), {
            status: s.status,
            evidence: s.hasEvidence,
            ...from,
            creditBeforeCap: base,
            cap: credit,
          })
        : figure<number | null>(credit, s.evidenceFrom === 'document-register' ? 'R-READY-DOCS' : 'R-READY-1', {
            status: s.status,
            evidence: s.hasEvidence,
            ...from,
            ...(s.invalidNa ? { invalidNotApplicable: true } : {}),
          }),
    };
    if (cap) score.cappedBy = cap;
    return score;
  });
  const groups: GroupScore[] = CLAUSE_GROUPS.map((group) => {
    const credits = clauses
      .filter((c) => c.group === group && c.credit.value !== null)
      .map((c) => c.credit.value as number);
    const value = credits.length === 0 ? null : round1((credits.reduce((a, b) => a + b, 0) / credits.length) * 100);
    return {
      group,
      applicableClauses: credits.length,
      score: figure<number | null>(value, 'R-READY-3', {
        group,
        applicableClauses: credits.length,
        creditSum: round2(credits.reduce((a, b) => a + b, 0)),
      }),
    };
  });
  const overall = overallOf(states, limits);
  return {
    clauses,
    groups,
    caps,
    overall: figure(overall, 'R-READY-4', { groupScores: groups.map((g) => g.score.value ?? 'n/a') }),
  };
}

export function capRule(cap: CapId | undefined): string {
  switch (cap) {
    case 'training':
      return 'R-READY-CAP-TRAINING';
    case 'documents':
      return 'R-READY-CAP-DOCS';
    case 'documents-stale':
      return 'R-READY-CAP-DOCS-STALE';
    case 'kpi':
      return 'R-READY-CAP-KPI';
    case 'suppliers':
      return 'R-READY-CAP-SUPPLIERS';
    case 'internal-audit':
      return 'R-READY-CAP-AUDIT';
    case 'management-review':
      return 'R-READY-CAP-REVIEW';
    case 'review-inputs':
      return 'R-READY-CAP-REVIEW-INPUTS';
    default:
      return 'R-READY-CAP-CAPA';
  }
}
