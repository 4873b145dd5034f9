import { clausesUnder, findClause, normaliseClause } from '../catalogue/iso9001-2015.js';

/** What a Gap Analysis Clause cell holds, once "Clause 8.5.1", "8.5.1." or "8.5.1 Control of production…" is tidied. */
export type ClauseCell =
  { kind: 'clause'; clause: string } | { kind: 'heading'; heading: string; clauses: string[] } | { kind: 'unknown' };

const NUMBER_THEN_TEXT = /^(\d+(?:\.\d+)*)\.?\s+\D.*$/s;

export function readClauseCell(text: string): ClauseCell {
  let number = normaliseClause(text);
  // A clause number followed by its title in the same cell: the number is what identifies the row.
  const m = NUMBER_THEN_TEXT.exec(number);
  if (m?.[1] !== undefined) number = m[1];
  if (findClause(number)) return { kind: 'clause', clause: number };
  const under = clausesUnder(number);
  if (/^\d+(\.\d+)*$/.test(number) && under.length > 0) {
    return { kind: 'heading', heading: number, clauses: under.map((c) => c.clause) };
  }
  return { kind: 'unknown' };
}
