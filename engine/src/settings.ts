import type { RiskCategory } from './types.js';

/**
 * Every default the engine uses (engine/src/SPEC.md), named so a caller can override any of them. The values below are
 * the product's defaults; SPEC.md says where each one comes from.
 */
export interface Settings {
  /** R-TIME-1: person-days of a gap without an Effort figure, by priority (blank priority = Medium). Default High 5, Medium 3, Low 1. */
  effortByPriority: { High: number; Medium: number; Low: number };
  /** R-TIME-1: the default effort is multiplied by this for a Partially compliant clause. Default 0.5. */
  partialEffortFactor: number;
  /** R-TIME-2: person-days an open CAPA adds, by severity (blank severity counts as Minor). Default Major 3, Minor 1, Observation 1. */
  capaDays: { Major: number; Minor: number; Observation: number };
  /** R-TIME-3: team hours per week when the profile gives none (default 16); a person-day is `hoursPerDay` hours (default 8). */
  teamCapacityHoursPerWeek: number;
  hoursPerDay: number;
  /** R-TIME-4: months of KPI records before Stage 1 when the profile gives none. Default 3. */
  monthsOfRecords: number;
  /** R-TIME-5: weeks between milestones. Defaults: internal audit 2, management review 2, CB lead time to Stage 1 6, Stage 2 4, closure 4, decision 2. */
  weeksToInternalAudit: number;
  weeksToManagementReview: number;
  cbLeadTimeWeeks: number;
  weeksStage1ToStage2: number;
  weeksToCloseNonconformities: number;
  weeksToDecision: number;
  /** R-TIME-6: Monte Carlo runs (default 5,000) and the PRNG seed (default 9001); same input and seed → same output. */
  runs: number;
  seed: number;
  /** R-TIME-6: triangular(low·e, e, high·e) per gap. Default low 0.7, high 2. */
  effortSpreadLow: number;
  effortSpreadHigh: number;
  /** R-DAYS-2: adjustment of the table time by risk category (fractions: 0.1 = +10 %). Default High +0.1, Medium 0, Low −0.1. */
  riskAdjustment: Record<RiskCategory, number>;
  /** R-DAYS-2: the total reduction from the table time never exceeds this fraction. Default 0.3 (IAF MD 5). */
  maxReduction: number;
  /** R-DAYS-4: Stage 1's share of the initial audit time. Default 0.3. */
  stage1Share: number;
  /** R-DAYS-5: surveillance and recertification as shares of the initial audit time. Default ⅓ and ⅔. */
  surveillanceShare: number;
  recertificationShare: number;
  /** R-DAYS-6: per-site reduction of a sampled site's table time. Default 0.5 (IAF MD 1 allows at most 50 %). */
  sampledSiteReduction: number;
  /** R-COST-4: consultant days as a share of the remaining effort, by involvement. Default None 0, Light 0.25, Full 0.6. */
  consultantShare: { None: number; Light: number; Full: number };
  /** R-COST-3: the band on a line whose rate was defaulted (default ±0.2), and on one the user gave (default ±0.1). */
  defaultedRateBand: number;
  userRateBand: number;
  /** R-COST-6: indicative rates by currency when the profile has none (never a quote); EUR, GBP, USD, INR by default. */
  defaultRates: Record<string, DefaultRates>;
  /** R-BLOCK-1: a clause whose credit is below this is listed as a blocker. Default 1 (anything short of full credit). */
  lowCreditBelow: number;
  /** R-GATE-G3: every group must reach this percentage. Default 80. */
  groupGatePercent: number;
  /** R-GATE-G8: a CAPA overdue by more than this many days fails G8. Default 30. */
  capaOverdueGraceDays: number;
}

export interface DefaultRates {
  cbDayRate: number;
  consultantDayRate: number;
  internalHourlyCost: number;
  travelPerAuditDay: number;
  source: string;
}

/** Named once: the source of the indicative CB figures, as the output names it. */
export const INDICATIVE_SOURCE =
  'indicative figure derived from vendor and blog figures collected in the product design (§11.5); not a quote — enter your own rate';
const PLACEHOLDER_SOURCE = 'product placeholder with no published source; enter your own rate';

export const DEFAULT_SETTINGS: Settings = {
  effortByPriority: { High: 5, Medium: 3, Low: 1 },
  partialEffortFactor: 0.5,
  capaDays: { Major: 3, Minor: 1, Observation: 1 },
  teamCapacityHoursPerWeek: 16,
  hoursPerDay: 8,
  monthsOfRecords: 3,
  weeksToInternalAudit: 2,
  weeksToManagementReview: 2,
  cbLeadTimeWeeks: 6,
  weeksStage1ToStage2: 4,
  weeksToCloseNonconformities: 4,
  weeksToDecision: 2,
  runs: 5000,
  seed: 9001,
  effortSpreadLow: 0.7,
  effortSpreadHigh: 2,
  riskAdjustment: { High: 0.1, Medium: 0, Low: -0.1 },
  maxReduction: 0.3,
  stage1Share: 0.3,
  surveillanceShare: 1 / 3,
  recertificationShare: 2 / 3,
  sampledSiteReduction: 0.5,
  consultantShare: { None: 0, Light: 0.25, Full: 0.6 },
  defaultedRateBand: 0.2,
  userRateBand: 0.1,
  defaultRates: {
    // CB day rates: USD is the middle of the 1,500–2,500 USD range; EUR and GBP divide the German and UK
    // initial-audit fees by the 3–4 audit days Table QMS 1 gives small organisations; INR is the middle of
    // 25,000–60,000 INR. Consultant and internal rates have no published figure in the design: placeholders.
    EUR: {
      cbDayRate: 1200,
      consultantDayRate: 900,
      internalHourlyCost: 45,
      travelPerAuditDay: 0,
      source: INDICATIVE_SOURCE,
    },
    GBP: {
      cbDayRate: 1300,
      consultantDayRate: 800,
      internalHourlyCost: 40,
      travelPerAuditDay: 0,
      source: INDICATIVE_SOURCE,
    },
    USD: {
      cbDayRate: 2000,
      consultantDayRate: 1000,
      internalHourlyCost: 50,
      travelPerAuditDay: 0,
      source: INDICATIVE_SOURCE,
    },
    INR: {
      cbDayRate: 42500,
      consultantDayRate: 25000,
      internalHourlyCost: 1500,
      travelPerAuditDay: 0,
      source: INDICATIVE_SOURCE,
    },
  },
  lowCreditBelow: 1,
  groupGatePercent: 80,
  capaOverdueGraceDays: 30,
};

export const PLACEHOLDER_RATE_SOURCE = PLACEHOLDER_SOURCE;

export function resolveSettings(overrides: Partial<Settings> | undefined): Settings {
  return { ...DEFAULT_SETTINGS, ...(overrides ?? {}) };
}
