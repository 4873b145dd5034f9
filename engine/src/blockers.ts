import { figure, round1 } from './figure.js';
import { MANDATORY_DOCUMENT_CLAUSES } from './records-evidence.js';
import { capLimits, cappedCredit, overallOf, type CapLimits, type ClauseState } from './readiness.js';
import type { Settings } from './settings.js';
import type { Blocker, CapId, Gate, Readiness } from './types.js';

/** A fix: how the scoring inputs would look once the blocker is dealt with. */
interface Fix {
  states?: (s: ClauseState) => ClauseState;
  lift?: CapId[];
}

const COMPLIANT = (s: ClauseState): ClauseState => ({ ...s, status: 'Compliant', hasEvidence: true, invalidNa: false });

/**
 * R-BLOCK-1: failed gates, active caps and clauses scoring under full credit, each ranked by the readiness
 * points its fix would add (re-scoring with the fix applied; a fix that cannot move the score adds 0).
 */
export function rankBlockers(
  states: readonly ClauseState[],
  readiness: Readiness,
  gates: readonly Gate[],
  settings: Settings,
): Blocker[] {
  const limits = capLimits(readiness.caps);
  const base = readiness.overall.value;
  const gain = (fix: Fix): number => {
    const lifted: CapLimits = { ...limits };
    for (const id of fix.lift ?? []) lifted[id] = 1;
    const edited = fix.states ? states.map(fix.states) : states;
    return Math.max(0, round1(overallOf(edited, lifted) - base));
  };
  const out: Blocker[] = [];
  const add = (kind: Blocker['kind'], ref: string, rule: string, title: string, fixText: string, fix: Fix) => {
    const points = gain(fix);
    out.push({
      kind,
      ref,
      rule,
      title,
      fix: fixText,
      points: figure(points, 'R-BLOCK-1', { readinessNow: base, readinessAfterFix: round1(base + points) }),
    });
  };

  for (const g of gates.filter((x) => !x.passed)) {
    add('gate', g.id, g.rule, `${g.id} ${g.name}`, g.reason, gateFix(g, readiness, settings));
  }
  for (const cap of readiness.caps.filter((c) => c.limit.value < 1)) {
    // The cap's rule id is in the title, so that the summary sheet and the pane, which show titles, name it too.
    add('cap', cap.id, cap.limit.rule, `Records cap on ${listClauses(cap.clauses)} (${cap.limit.rule})`, cap.reason, {
      lift: [cap.id],
    });
  }
  for (const s of states) {
    const credit = cappedCredit(s, limits);
    if (credit === null || credit >= settings.lowCreditBelow) continue;
    const what = s.status === 'Compliant' ? 'add the evidence' : `close the gap (now ${s.status})`;
    add(
      'clause',
      s.clause,
      readiness.clauses.find((c) => c.clause === s.clause)?.credit.rule ?? 'R-READY-1',
      `${s.clause} ${s.title}`,
      `${what} so the clause is Compliant with evidence`,
      {
        states: (x) => (x.clause === s.clause ? COMPLIANT(x) : x),
      },
    );
  }
  const kindOrder = { gate: 0, cap: 1, clause: 2 } as const;
  return out.sort(
    (a, b) =>
      b.points.value - a.points.value ||
      kindOrder[a.kind] - kindOrder[b.kind] ||
      a.ref.localeCompare(b.ref, 'en', { numeric: true }),
  );
}

/** A cap's clauses in a title: at most eight, then how many more. */
function listClauses(clauses: readonly string[]): string {
  return clauses.length <= 8 ? clauses.join(', ') : `${clauses.slice(0, 8).join(', ')} and ${clauses.length - 8} more`;
}

/** What fixing a gate changes in the score inputs (gates about the profile or the CB change no clause). */
function gateFix(gate: Gate, readiness: Readiness, settings: Settings): Fix {
  switch (gate.id) {
    case 'G2':
      return { states: (s) => (s.status === 'Not assessed' ? COMPLIANT(s) : s) };
    case 'G3': {
      const lowGroups = new Set(
        readiness.groups
          .filter((g) => g.score.value !== null && g.score.value < settings.groupGatePercent)
          .map((g) => g.group),
      );
      return {
        states: (s) =>
          s.status === 'Non-compliant' || (lowGroups.has(s.group) && s.status !== 'Not applicable') ? COMPLIANT(s) : s,
      };
    }
    case 'G4':
      // Documented, and backed by a current register: the documents caps go as well.
      return {
        states: (s) => (MANDATORY_DOCUMENT_CLAUSES.has(s.clause) && s.status !== 'Not applicable' ? COMPLIANT(s) : s),
        lift: ['documents', 'documents-stale'],
      };
    case 'G5':
      return { lift: ['kpi'] };
    case 'G6':
      return { lift: ['internal-audit'] };
    case 'G7':
      return { lift: ['management-review', 'review-inputs'] };
    case 'G8':
      return { lift: ['capa'] };
    case 'G9':
      return { lift: ['suppliers'] };
    default:
      return {};
  }
}
