import { CLAUSES, clausesUnder, normaliseClause } from '../catalogue/iso9001-2015.js';

/**
 * The "Scope / clauses" cell of an audit: `all`, or a list such as `4, 5.1-5.3, 9.2`. Items are clause numbers or
 * headings (`8.4` means 8.4.1–8.4.3, `4` all of clause 4) and ranges between them, taken in catalogue order.
 * Pure: text in, catalogue clauses out.
 */
export type ScopeResult = { ok: true; all: boolean; clauses: string[] } | { ok: false; problems: ScopeProblem[] };

export interface ScopeProblem {
  /** The item as typed, e.g. `11.2` or `5.3-5.1`. */
  item: string;
  reason: string;
}

const ORDER = new Map(CLAUSES.map((c, i) => [c.clause, i]));
const ITEM_SEPARATORS = /[,;\n\r]+/;
const RANGE = /^(.+?)\s*(?:-|–|—|\bto\b)\s*(.+)$/i;
const NUMBER = /^\d+(?:\.\d+)*$/;
const ALL = /^all(\s+clauses)?$/i;

/** An item as messages quote it: never a pasted essay. */
function quote(item: string): string {
  const t = item.trim();
  return `"${t.length > 40 ? `${t.slice(0, 37)}...` : t}"`;
}

/** Catalogue positions a reference covers (a clause, or every clause under a heading), or why it covers none. */
function positions(reference: string): number[] | string {
  const ref = normaliseClause(reference);
  if (!NUMBER.test(ref)) return `${quote(reference)} is not a clause number`;
  const under = clausesUnder(ref).map((c) => ORDER.get(c.clause) ?? -1);
  return under.length > 0 ? under : `${quote(reference)} is not an ISO 9001:2015 clause or heading`;
}

export function parseScope(text: string): ScopeResult {
  const items = text
    .split(ITEM_SEPARATORS)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const covered = new Set<number>();
  const problems: ScopeProblem[] = [];
  let all = false;
  for (const item of items) {
    if (ALL.test(item)) {
      all = true;
      continue;
    }
    const range = RANGE.exec(item);
    if (range?.[1] !== undefined && range[2] !== undefined) {
      const from = positions(range[1]);
      const to = positions(range[2]);
      if (typeof from === 'string' || typeof to === 'string') {
        problems.push({ item, reason: typeof from === 'string' ? from : (to as string) });
        continue;
      }
      const start = Math.min(...from);
      const end = Math.max(...to);
      if (end < start) {
        problems.push({ item, reason: `${quote(item)} runs backwards; put the lower clause first` });
        continue;
      }
      for (let i = start; i <= end; i++) covered.add(i);
      continue;
    }
    const single = positions(item);
    if (typeof single === 'string') problems.push({ item, reason: single });
    else for (const i of single) covered.add(i);
  }
  if (problems.length > 0) return { ok: false, problems };
  if (all) return { ok: true, all: true, clauses: CLAUSES.map((c) => c.clause) };
  return { ok: true, all: false, clauses: [...covered].sort((a, b) => a - b).map((i) => CLAUSES[i]?.clause ?? '') };
}
