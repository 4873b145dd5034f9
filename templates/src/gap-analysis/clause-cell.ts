import { clausesUnder, findClause, normaliseClause } from '../catalogue/iso9001-2015.js';

/**
 * What a Gap Analysis Clause cell holds, once "Clause 8.5.1", "8.5.1." or "8.5.1 Control of production…" is tidied.
 * A `part` is a sub-clause below the catalogue's level (8.2.3.1, 9.2.1): it is assessed as part of `clause`, its
 * nearest catalogue ancestor.
 */
export type ClauseCell =
  | { kind: 'clause'; clause: string }
  | { kind: 'part'; clause: string; part: string }
  | { kind: 'heading'; heading: string; clauses: string[] }
  | { kind: 'unknown' };

/**
 * gap.clause-title-forms: a number followed by its title in the same cell, after a space ("8.5.1 Control…"), a colon
 * ("8.5.1: Control…") or a hyphen or dash ("8.5.1 - Control…", "8.5.1 – Control…"). The title must start with
 * something other than a digit or a separator, so "8.5.1 - 2" or "8.5.1 8.5.2" stay unread rather than becoming 8.5.1.
 */
const NUMBER_THEN_TITLE = /^(\d+(?:\.\d+)*)\.?(?:\s*[:\-–—]\s*|\s+)[^\d\s:\-–—]/s;
const NUMBER = /^\d+(\.\d+)*$/;

export function readClauseCell(text: string): ClauseCell {
  let number = normaliseClause(text);
  // The number is what identifies the row; the title is the user's own wording.
  const m = NUMBER_THEN_TITLE.exec(number);
  if (m?.[1] !== undefined) number = m[1];
  if (findClause(number)) return { kind: 'clause', clause: number };
  if (!NUMBER.test(number)) return { kind: 'unknown' };
  const under = clausesUnder(number);
  if (under.length > 0) return { kind: 'heading', heading: number, clauses: under.map((c) => c.clause) };
  const parent = catalogueAncestor(number);
  return parent === undefined ? { kind: 'unknown' } : { kind: 'part', clause: parent, part: number };
}

/** 8.2.3.1 → 8.2.3 when 8.2.3 is in the catalogue, else 8.2, …; undefined when no ancestor is (11.1, 0.3, 8.4.9). */
function catalogueAncestor(number: string): string | undefined {
  const parts = number.split('.');
  for (let n = parts.length - 1; n >= 1; n--) {
    const ancestor = parts.slice(0, n).join('.');
    if (findClause(ancestor)) return ancestor;
  }
  return undefined;
}
