import type { QmsRecord } from '@qms/templates';
import { auditDays } from './audit-days.js';
import { rankBlockers } from './blockers.js';
import { costOf } from './cost.js';
import { chosenQuote, compareQuotes } from './certification-bodies.js';
import { certificationCycle } from './cycle.js';
import { remainingEffort } from './effort.js';
import { gatherEvidence } from './evidence.js';
import { evaluateGates, verdictOf } from './gates.js';
import { collectInputs } from './inputs.js';
import { clauseStates, computeCaps, scoreReadiness } from './readiness.js';
import { resolveSettings, type Settings } from './settings.js';
import { buildTimeline } from './timeline.js';
import type { Assessment, IsoDate, Profile } from './types.js';

/**
 * Readiness, gates, verdict, blockers, certification cycle, timeline, audit days and cost for one
 * organisation's records on one day. Pure: the as-of date is an argument and nothing is read from outside.
 * When `profile` is undefined the profile record among `records` is used, if any.
 */
export function assess(
  records: readonly QmsRecord[],
  profile: Profile | undefined,
  asOf: IsoDate,
  overrides?: Partial<Settings>,
): Assessment {
  const settings = resolveSettings(overrides);
  const inputs = collectInputs(records);
  const theProfile = profile ?? (records.find((r) => r.type === 'profile')?.data as Profile | undefined);
  const evidence = gatherEvidence(inputs, asOf, settings.capaOverdueGraceDays);
  const states = clauseStates(inputs.gaps, evidence);
  const caps = computeCaps(evidence, states);
  const readiness = scoreReadiness(states, caps);
  const quotes = inputs.quotes.map((q) => q.data);
  const gates = evaluateGates(theProfile, states, readiness, evidence, settings, quotes);
  const chosen = chosenQuote(inputs.quotes)?.data;
  const verdict = verdictOf(gates, evidence);
  const blockers = rankBlockers(states, readiness, gates, settings);
  const effort = remainingEffort(states, inputs.gaps, inputs.capas, settings);
  const leadTime =
    chosen?.leadTimeWeeks !== undefined
      ? { certificationBody: chosen.certificationBody, weeks: chosen.leadTimeWeeks }
      : undefined;
  const timeline = buildTimeline(effort, evidence, inputs.capas, theProfile, asOf, settings, leadTime);

  const notes = [...inputs.notes];
  const missing = states.filter((s) => !inputs.gaps.has(s.clause)).length;
  if (missing > 0) notes.push(`${missing} catalogue clause(s) have no Gap Analysis row and count as Not assessed`);
  const invalidNa = states.filter((s) => s.invalidNa).map((s) => s.clause);
  if (invalidNa.length > 0)
    notes.push(`Not applicable is not allowed or not justified on ${invalidNa.join(', ')}: counted as Not assessed`);

  const assessment: Assessment = { asOf, readiness, gates, verdict, blockers, timeline, notes };
  if (theProfile?.organizationName) assessment.organization = theProfile.organizationName;
  if (verdict.value === 'Certified') {
    const decision = timeline.milestones.find((m) => m.id === 'certification-decision');
    if (decision) assessment.cycle = certificationCycle(decision.p50.value, evidence, asOf);
  }
  if (theProfile) {
    assessment.auditDays = auditDays(theProfile, settings);
    const body = chosen
      ? {
          certificationBody: chosen.certificationBody,
          ...(chosen.dayRate !== undefined ? { dayRate: chosen.dayRate } : {}),
          ...(chosen.travelPerDay !== undefined ? { travelPerDay: chosen.travelPerDay } : {}),
          ...(chosen.currency !== undefined ? { currency: chosen.currency } : {}),
        }
      : undefined;
    assessment.cost = costOf(theProfile, assessment.auditDays, effort.total.value, settings, body);
  } else {
    notes.push('No QMS Profile: audit days and cost need effective personnel, sites and risk category');
  }
  if (inputs.quotes.length > 0) {
    assessment.certificationBodies = compareQuotes(inputs.quotes, theProfile, assessment.auditDays, settings);
    for (const q of assessment.certificationBodies.quotes)
      if (q.belowMd5Minimum.value === true) notes.push(`${q.certificationBody}: ${q.warnings[0] ?? ''} (R-CB-MD5)`);
  }
  return assessment;
}
