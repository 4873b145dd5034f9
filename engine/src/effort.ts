import type { Capa, GapRow } from '@qms/templates';
import { figure, round1, type Figure } from './figure.js';
import { isOpenCapa } from './inputs.js';
import type { ClauseState } from './readiness.js';
import type { Settings } from './settings.js';

/** One open gap's likely effort in person-days: the mode of its triangular draw. */
export interface GapEffort {
  clause: string;
  days: number;
  defaulted: boolean;
}

export interface RemainingEffort {
  gaps: GapEffort[];
  /** Open CAPAs are a fixed load (not drawn): their days are small and set by severity. */
  capaDays: number;
  total: Figure<number>;
}

const OPEN_STATUSES = new Set(['Partially compliant', 'Non-compliant', 'Not assessed']);

/** R-TIME-1 (gaps) and R-TIME-2 (open CAPAs). */
export function remainingEffort(
  states: readonly ClauseState[],
  gaps: ReadonlyMap<string, GapRow>,
  capas: readonly Capa[],
  settings: Settings,
): RemainingEffort {
  const items: GapEffort[] = [];
  for (const s of states) {
    if (!OPEN_STATUSES.has(s.status)) continue;
    const gap = gaps.get(s.clause);
    if (gap?.effortDays !== undefined) {
      items.push({ clause: s.clause, days: gap.effortDays, defaulted: false });
      continue;
    }
    // The product reads §6.1 as halving only the default: a figure the user typed is taken as given.
    const byPriority = settings.effortByPriority[gap?.priority ?? 'Medium'];
    items.push({
      clause: s.clause,
      days: s.status === 'Partially compliant' ? byPriority * settings.partialEffortFactor : byPriority,
      defaulted: true,
    });
  }
  let capaDays = 0;
  let openCapas = 0;
  for (const c of capas) {
    if (!isOpenCapa(c)) continue;
    openCapas += 1;
    capaDays += settings.capaDays[c.severity ?? 'Minor'];
  }
  const gapDays = items.reduce((a, g) => a + g.days, 0);
  const defaultedGaps = items.filter((g) => g.defaulted).length;
  return {
    gaps: items,
    capaDays,
    total: figure(
      round1(gapDays + capaDays),
      'R-TIME-1',
      { openGaps: items.length, gapsWithDefaultEffort: defaultedGaps, gapDays: round1(gapDays), openCapas, capaDays },
      defaultedGaps > 0,
    ),
  };
}
