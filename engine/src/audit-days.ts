import { tableDays } from './audit-days-table.js';
import { figure, type Figure } from './figure.js';
import type { Settings } from './settings.js';
import type { AuditDays, RiskCategory } from './types.js';

/** Nearest half day; halves round up (2.25 → 2.5). */
export function roundHalfDay(days: number): number {
  return Math.round(days * 2 + 1e-9) / 2;
}

export interface AuditDaysInput {
  effectivePersonnel: number;
  sitesInScope?: number;
  riskCategory?: RiskCategory;
}

/** R-DAYS-1 … R-DAYS-6: IAF MD 5 audit time with the product's risk adjustment and IAF MD 1 sampling. */
export function auditDays(input: AuditDaysInput, settings: Settings): AuditDays {
  const personnel = input.effectivePersonnel;
  const sites = Math.max(1, Math.floor(input.sitesInScope ?? 1));
  const risk = input.riskCategory ?? 'Medium';
  const table = tableDays(personnel);
  const tableFigure = figure(table.days, table.progression ? 'R-DAYS-1b' : 'R-DAYS-1', {
    effectivePersonnel: personnel,
    bandFrom: table.band.minPersonnel,
    bandTo: table.band.maxPersonnel,
  });

  // R-DAYS-2: the risk adjustment; no combination of reductions may take more than 30 % off the table time.
  const wanted = settings.riskAdjustment[risk];
  const adjustment = Math.max(wanted, -settings.maxReduction);
  const factor = 1 + adjustment;
  const riskAdjusted = figure(
    table.days * factor,
    'R-DAYS-2',
    {
      tableDays: table.days,
      riskCategory: risk,
      adjustment,
      ...(adjustment !== wanted ? { requested: wanted, cappedAt: -settings.maxReduction } : {}),
    },
    input.riskCategory === undefined,
  );

  // R-DAYS-6: IAF MD 1 sampling; each sampled site after the first adds its share's table time, halved.
  const sqrt = Math.sqrt(sites);
  const sample = (k: number) => (sites > 1 ? Math.min(sites, Math.ceil(k * sqrt - 1e-9)) : 1);
  const sampled = { initial: sample(1), surveillance: sample(0.6), recertification: sample(0.8) };
  const share = Math.max(1, Math.ceil(personnel / sites));
  const perExtraSite = sites > 1 ? tableDays(share).days * (1 - settings.sampledSiteReduction) : 0;
  const extra = (n: number) => (n - 1) * perExtraSite;
  const siteInputs = (n: number) => ({
    sites,
    sampledSites: n,
    personnelPerSite: share,
    addedPerExtraSite: perExtraSite,
  });

  // R-DAYS-3: the initial audit time, rounded to the nearest half day.
  const initialRaw = (table.days + extra(sampled.initial)) * factor;
  const initial = roundHalfDay(initialRaw);
  // R-DAYS-4: Stage 1 is 30 % (at least half a day), Stage 2 the rest.
  const stage1 = Math.max(0.5, roundHalfDay(initial * settings.stage1Share));
  const stage2 = Math.max(0, initial - stage1);
  // R-DAYS-5: surveillance ⅓ and recertification ⅔ of the initial time (the initial time re-figured for that
  // audit's own site sample when there are several sites), rounded, at least 1 day.
  const cycleAudit = (part: number, n: number) =>
    Math.max(1, roundHalfDay(roundHalfDay((table.days + extra(n)) * factor) * part));
  const surveillance = cycleAudit(settings.surveillanceShare, sampled.surveillance);
  const recertification = cycleAudit(settings.recertificationShare, sampled.recertification);

  return {
    tableDays: tableFigure,
    riskAdjusted,
    initial: figure(initial, 'R-DAYS-3', {
      tableDays: table.days,
      riskFactor: factor,
      ...siteInputs(sampled.initial),
      unrounded: Math.round(initialRaw * 1000) / 1000,
    }),
    stage1: figure(stage1, 'R-DAYS-4', { initial, share: settings.stage1Share }),
    stage2: figure(stage2, 'R-DAYS-4', { initial, stage1 }),
    surveillance: figure(surveillance, 'R-DAYS-5', {
      tableDays: table.days,
      riskFactor: factor,
      share: round3(settings.surveillanceShare),
      ...siteInputs(sampled.surveillance),
    }),
    recertification: figure(recertification, 'R-DAYS-5', {
      tableDays: table.days,
      riskFactor: factor,
      share: round3(settings.recertificationShare),
      ...siteInputs(sampled.recertification),
    }),
    sampledSites: {
      initial: figure(sampled.initial, 'R-DAYS-6', { sites, rule: '⌈√n⌉' }),
      surveillance: figure(sampled.surveillance, 'R-DAYS-6', { sites, rule: '⌈0.6·√n⌉' }),
      recertification: figure(sampled.recertification, 'R-DAYS-6', { sites, rule: '⌈0.8·√n⌉' }),
    },
  };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/**
 * R-CB-MD5: the least initial audit time (Stage 1 + Stage 2) MD 5 lets a certification body quote for this profile:
 * the table time with its multi-site additions (R-DAYS-6, initial sample), less the most MD 5 allows off it
 * (`maxReduction`, 30 %), rounded to the nearest half day. A quote below it rests on reductions worth asking about.
 */
export function md5MinimumDays(input: AuditDaysInput, settings: Settings): Figure<number> {
  const personnel = input.effectivePersonnel;
  const sites = Math.max(1, Math.floor(input.sitesInScope ?? 1));
  const table = tableDays(personnel).days;
  const sampled = sites > 1 ? Math.min(sites, Math.ceil(Math.sqrt(sites) - 1e-9)) : 1;
  const share = Math.max(1, Math.ceil(personnel / sites));
  const perExtraSite = sites > 1 ? tableDays(share).days * (1 - settings.sampledSiteReduction) : 0;
  const withSites = table + (sampled - 1) * perExtraSite;
  const raw = withSites * (1 - settings.maxReduction);
  return figure(roundHalfDay(raw), 'R-CB-MD5', {
    effectivePersonnel: personnel,
    sites,
    tableDays: table,
    sampledSites: sampled,
    addedPerExtraSite: perExtraSite,
    maxReduction: settings.maxReduction,
    unrounded: Math.round(raw * 1000) / 1000,
  });
}
