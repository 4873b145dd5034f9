/**
 * What the Readiness view draws, worked out from the assessment as plain data (no React, no clock), so each
 * rule of the picture is tested on its own: which blockers are worth listing, which gates each verdict rests
 * on, where bars and milestones sit.
 */
import type { Assessment } from '@qms/client';

type Blocker = Assessment['blockers'][number];
type Gate = Assessment['gates'][number];
type Milestone = Assessment['timeline']['milestones'][number];

/** The clause-group score the implementation gate asks of every group (engine/src/SPEC.md, G3). */
export const GROUP_TARGET = 80;
/** Blockers shown before "Show N more". */
export const TOP_BLOCKERS = 5;

/**
 * The gates "Ready for Stage 1" needs (engine/src/SPEC.md, R-VERDICT-STAGE1); Stage 2 needs every gate and a
 * completed Stage 1 audit (R-VERDICT-STAGE2). Kept here as data because the pane does not load the engine.
 */
export const STAGE1_GATES: readonly string[] = ['G1', 'G2', 'G4', 'G6', 'G7', 'G10'];

/** Blockers worth a line: those that add points, most points first; the first five shown, the rest folded. */
export function blockerList(blockers: readonly Blocker[]): { top: Blocker[]; rest: Blocker[] } {
  const worth = blockers
    .map((b, order) => ({ b, order }))
    .filter(({ b }) => b.points.value > 0)
    .sort((x, y) => y.b.points.value - x.b.points.value || x.order - y.order)
    .map(({ b }) => b);
  return { top: worth.slice(0, TOP_BLOCKERS), rest: worth.slice(TOP_BLOCKERS) };
}

export interface GateItem {
  gate: Gate;
  /** The first verdict that needs this gate. */
  neededFor: 'Stage 1' | 'Stage 2';
}

/** The gates as a checklist: those Stage 1 needs first (in gate order), then those only Stage 2 needs. */
export function gateChecklist(gates: readonly Gate[]): GateItem[] {
  const items = gates.map((gate): GateItem => ({
    gate,
    neededFor: STAGE1_GATES.includes(gate.id) ? 'Stage 1' : 'Stage 2',
  }));
  return [...items.filter((i) => i.neededFor === 'Stage 1'), ...items.filter((i) => i.neededFor === 'Stage 2')];
}

/** One line on what the verdict rests on, naming the gates still failing for the next step. */
export function verdictBasis(gates: readonly Gate[], verdict: string): string {
  const failing = (ids: readonly string[]) => gates.filter((g) => ids.includes(g.id) && !g.passed).map((g) => g.id);
  const stage1 = failing(STAGE1_GATES);
  const all = gates.filter((g) => !g.passed).map((g) => g.id);
  if (verdict === 'Not ready')
    return `Ready for Stage 1 needs gates ${STAGE1_GATES.join(', ')}; still failing: ${stage1.join(', ')}.`;
  if (verdict === 'Ready for Stage 1')
    return all.length
      ? `Stage 1 needs gates ${STAGE1_GATES.join(', ')}, and they pass. Stage 2 needs every gate and a completed Stage 1 audit; still failing: ${all.join(', ')}.`
      : `Stage 1 needs gates ${STAGE1_GATES.join(', ')}, and they pass. Stage 2 needs every gate (they pass) and a completed Stage 1 audit.`;
  if (verdict === 'Ready for Stage 2') return 'Every gate passes and the Stage 1 audit is completed.';
  return 'The Stage 2 audit is completed and no major nonconformity from an external audit is open.';
}

/** Days since 1970-01-01 of an ISO date (UTC, so no time zone moves it). */
function day(iso: string): number {
  const [y = 1970, m = 1, d = 1] = iso.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

export interface MilestoneBand {
  milestone: Milestone;
  /** Where P50 and P80 sit along the time axis, 0–1 from the as-of date to the latest P80. */
  from: number;
  to: number;
}

/** The milestones along one time axis from the as-of date (or the earliest recorded date) to the latest P80. */
export function milestoneBands(milestones: readonly Milestone[], asOf: string): MilestoneBand[] {
  if (milestones.length === 0) return [];
  const start = Math.min(day(asOf), ...milestones.map((m) => day(m.p50.value)));
  const end = Math.max(start + 1, ...milestones.map((m) => day(m.p80.value)));
  const at = (iso: string) => (day(iso) - start) / (end - start);
  return milestones.map((milestone) => ({ milestone, from: at(milestone.p50.value), to: at(milestone.p80.value) }));
}

/** A polyline over 0–100 (x: first to last day, y: readiness, 100 at the top) for the history chart. */
export function historyLine(points: readonly { date: string; readiness: number }[]): string {
  if (points.length === 0) return '';
  const first = day(points[0]!.date);
  const span = Math.max(1, day(points[points.length - 1]!.date) - first);
  return points
    .map((p) => {
      const x = points.length === 1 ? 50 : ((day(p.date) - first) / span) * 100;
      const y = 100 - Math.max(0, Math.min(100, p.readiness));
      return `${round(x)},${round(y)}`;
    })
    .join(' ');
}

const round = (n: number) => Math.round(n * 10) / 10;
