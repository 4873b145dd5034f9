import { auditDays } from './audit-days.js';
import { costOf } from './cost.js';
import { remainingEffort } from './effort.js';
import { gatherEvidence } from './evidence.js';
import { collectInputs } from './inputs.js';
import { clauseStates } from './readiness.js';
import { resolveSettings, type Settings } from './settings.js';
import { buildTimeline } from './timeline.js';
import type { Estimate, EstimateProfile, IsoDate } from './types.js';

/**
 * A quick quote from a profile alone (no records): audit days, the 3-year cost, and — when a start date is
 * known — the timeline. With no gap analysis every catalogue clause is still to do at its default effort
 * (R-EST-1), so the quote is the cost of building the whole QMS.
 */
export function estimate(profile: EstimateProfile, overrides?: Partial<Settings>, asOf?: IsoDate): Estimate {
  const settings = resolveSettings(overrides);
  const inputs = collectInputs([]);
  const states = clauseStates(inputs.gaps);
  const effort = remainingEffort(states, inputs.gaps, [], settings);
  const days = auditDays(profile, settings);
  const out: Estimate = {
    auditDays: days,
    cost: costOf(profile, days, effort.total.value, settings),
    notes: ['No gap analysis given: every clause counts as still to do, at its default effort (R-EST-1)'],
  };
  const start = asOf ?? profile.projectStart;
  if (start !== undefined) {
    const evidence = gatherEvidence(inputs, start, settings.capaOverdueGraceDays);
    out.timeline = buildTimeline(effort, evidence, [], profile, start, settings);
  }
  return out;
}
