import type { IsoDate, Profile } from '@qms/templates';
import type { Figure, FigureInput } from './figure.js';

export type RiskCategory = 'High' | 'Medium' | 'Low';
export type { IsoDate, Profile };

/** The status a clause is scored with (a missing clause or an invalid Not applicable counts as Not assessed). */
export type ClauseStatus = 'Compliant' | 'Partially compliant' | 'Non-compliant' | 'Not applicable' | 'Not assessed';

/** Which record evidence caps a clause (engine/src/SPEC.md). */
export type CapId =
  | 'kpi'
  | 'suppliers'
  | 'internal-audit'
  | 'management-review'
  | 'capa'
  | 'review-inputs'
  | 'training'
  | 'documents'
  | 'documents-stale';

export interface ClauseScore {
  clause: string;
  title: string;
  group: number;
  status: ClauseStatus;
  hasEvidence: boolean;
  applicable: boolean;
  /** Credit after caps; absent (null) when Not applicable. */
  credit: Figure<number | null>;
  /** The cap that lowered the credit, if one did. */
  cappedBy?: CapId;
}

export interface GroupScore {
  group: number;
  /** Percentage 0–100, one decimal; null when every clause of the group is Not applicable. */
  score: Figure<number | null>;
  applicableClauses: number;
}

export interface CapResult {
  id: CapId;
  clauses: string[];
  /** The most a clause under this cap may claim (1 = no cap). */
  limit: Figure<number>;
  /** What the records show, in words. */
  reason: string;
}

export type GateId = 'G1' | 'G2' | 'G3' | 'G4' | 'G5' | 'G6' | 'G7' | 'G8' | 'G9' | 'G10';

export interface Gate {
  id: GateId;
  name: string;
  passed: boolean;
  rule: string;
  /** Why it passed or failed, naming the clauses, records or profile fields involved. */
  reason: string;
  /** The figures the rule used, for the gates whose records give numbers (G7 with a review sheet, G10 with quotes). */
  inputs?: Record<string, FigureInput>;
}

export type Verdict = 'Not ready' | 'Ready for Stage 1' | 'Ready for Stage 2' | 'Certified';

export interface Blocker {
  kind: 'gate' | 'cap' | 'clause';
  /** Gate id, cap id or clause number. */
  ref: string;
  /**
   * The rule whose figure it is: the gate's (R-GATE-G4, R-GATE-G7-INPUTS), the cap's (R-READY-CAP-TRAINING,
   * R-READY-CAP-REVIEW-INPUTS) or the clause credit's.
   */
  rule: string;
  title: string;
  /** What to do about it. */
  fix: string;
  /** Readiness points (overall percentage) the fix would add, found by re-scoring with the fix applied. */
  points: Figure<number>;
}

export interface CycleDue {
  audit: 'Surveillance 1' | 'Surveillance 2' | 'Recertification';
  due: Figure<IsoDate>;
  done: boolean;
  overdue: boolean;
}

export interface CertificationCycle {
  decisionDate: Figure<IsoDate>;
  expiry: Figure<IsoDate>;
  due: CycleDue[];
  /** The first audit not yet done, if any. */
  next?: CycleDue;
  overdue: boolean;
}

export type MilestoneId =
  | 'implementation'
  | 'records-period'
  | 'internal-audit'
  | 'management-review'
  | 'stage-1'
  | 'stage-2'
  | 'nonconformity-closure'
  | 'certification-decision';

export interface Milestone {
  id: MilestoneId;
  name: string;
  /** 'records' when a completed record dates it; 'estimate' otherwise. */
  source: 'records' | 'estimate';
  p50: Figure<IsoDate>;
  p80: Figure<IsoDate>;
}

export interface Timeline {
  start: Figure<IsoDate>;
  /** Person-days still to do (gaps + open CAPAs), the likely value. */
  remainingEffort: Figure<number>;
  capacityDaysPerWeek: Figure<number>;
  milestones: Milestone[];
  /** Against the profile's target certification date (weeks; positive = slack, negative = shortfall). */
  target?: { date: IsoDate; slackWeeksP50: Figure<number>; slackWeeksP80: Figure<number> };
  runs: number;
  seed: number;
}

export interface AuditDays {
  tableDays: Figure<number>;
  riskAdjusted: Figure<number>;
  initial: Figure<number>;
  stage1: Figure<number>;
  stage2: Figure<number>;
  surveillance: Figure<number>;
  recertification: Figure<number>;
  sampledSites: { initial: Figure<number>; surveillance: Figure<number>; recertification: Figure<number> };
}

export interface Range {
  low: number;
  likely: number;
  high: number;
}

export interface CostLine {
  id: 'cb-initial' | 'cb-surveillance-1' | 'cb-surveillance-2' | 'cb-recertification' | 'consultant' | 'internal';
  label: string;
  /** Null when no rate is known for the currency (the reason says which figure to enter). */
  amount: Figure<Range | null>;
}

export interface RateUsed {
  name: 'cbDayRate' | 'travelPerAuditDay' | 'consultantDayRate' | 'internalHourlyCost';
  value: number | null;
  defaulted: boolean;
  /** Where a certification-body rate came from when a body is chosen on the comparison sheet (R-COST-8). */
  from?: 'chosen body' | 'profile' | 'default';
  /** For defaulted rates: where the figure comes from (indicative, never a quote). */
  source?: string;
}

export interface Cost {
  currency: string;
  rates: RateUsed[];
  lines: CostLine[];
  threeYearTotal: Figure<Range | null>;
}

export interface Readiness {
  clauses: ClauseScore[];
  groups: GroupScore[];
  overall: Figure<number>;
  caps: CapResult[];
}

export interface Assessment {
  asOf: IsoDate;
  organization?: string;
  readiness: Readiness;
  gates: Gate[];
  verdict: Figure<Verdict>;
  blockers: Blocker[];
  cycle?: CertificationCycle;
  timeline: Timeline;
  auditDays?: AuditDays;
  cost?: Cost;
  /** The certification bodies compared on the CB Comparison sheet, beside the IAF MD 5 estimate (R-CB-*). */
  certificationBodies?: CertificationBodies;
  /** Records the engine ignored, and why (duplicates, clauses outside the catalogue). */
  notes: string[];
}

export interface EstimateProfile {
  effectivePersonnel: number;
  sitesInScope?: number;
  riskCategory?: RiskCategory;
  cbDayRate?: number;
  currency?: string;
  travelPerAuditDay?: number;
  consultantDayRate?: number;
  consultantInvolvement?: 'None' | 'Light' | 'Full';
  internalHourlyCost?: number;
  teamCapacityHoursPerWeek?: number;
  monthsOfRecordsBeforeStage1?: number;
  projectStart?: IsoDate;
  targetCertificationDate?: IsoDate;
}

export interface Estimate {
  auditDays: AuditDays;
  cost: Cost;
  /** Present when a start date is known (the as-of date given, or the profile's project start). */
  timeline?: Timeline;
  notes: string[];
}

/** One quote of the CB Comparison sheet as the engine judged it (R-CB-1, R-CB-MD5). */
export interface QuoteComparison {
  certificationBody: string;
  /** The sheet and row the quote came from. */
  source: { sheet: string; row: number };
  accreditationBody: string | null;
  accreditedForScope: boolean | null;
  consultancyToUs: boolean;
  chosen: boolean;
  quotedAuditDays: number | null;
  dayRate: number | null;
  travelPerDay: number | null;
  quotedTotal: number | null;
  currency: string | null;
  leadTimeWeeks: number | null;
  /** R-CB-MD5: true when the quoted initial days are below the MD 5 minimum; null when either is unknown. */
  belowMd5Minimum: Figure<boolean | null>;
  /** What to ask or do about this quote (below MD 5, not accredited, not impartial); empty when nothing. */
  warnings: string[];
}

export interface CertificationBodies {
  quotes: QuoteComparison[];
  /** The body marked Chosen (R-CB-1), if any. */
  chosen: Figure<string | null>;
  /** R-CB-MD5: the least initial audit time MD 5 allows for the profile (table time less the 30 % cap); null without a profile. */
  md5Minimum: Figure<number> | null;
  /** The product's own MD 5 estimate of the initial audit (R-DAYS-3), to read the quotes against. */
  md5Estimate: Figure<number> | null;
}
