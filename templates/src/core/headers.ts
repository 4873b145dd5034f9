import { normaliseHeader, type ColumnSpec } from './spec.js';

/**
 * Header texts as registers really write them: "Effort (days)", "Due date [UTC]", "Owners", "Effective?".
 * Units in brackets are dropped, then case, spaces and punctuation (normaliseHeader), then a plural "s".
 * Used on both sides of a comparison, so "Observations" meets "Observation" and "Weight (%)" meets "Weight".
 */
export function headerMatchKey(text: string): string {
  // Recognition tries every template's columns on the same few header texts: each text is keyed once.
  let key = matchKeys.get(text);
  if (key === undefined) {
    key = computeMatchKey(text);
    if (matchKeys.size >= MATCH_KEYS_KEPT) matchKeys.clear();
    matchKeys.set(text, key);
  }
  return key;
}

const matchKeys = new Map<string, string>();
const MATCH_KEYS_KEPT = 10_000;

function computeMatchKey(text: string): string {
  const withoutUnits = text.replace(/\s*[([][^)\]]*[)\]]\s*/g, ' ').trim();
  const key = normaliseHeader(withoutUnits === '' ? text : withoutUnits);
  return key.length > 3 && key.endsWith('s') && !key.endsWith('ss') ? key.slice(0, -1) : key;
}

// Header keys per column, computed once per spec column (specs are constants), never per row.
const keysOf = new WeakMap<ColumnSpec, readonly string[]>();

export function columnHeaderKeys(column: ColumnSpec): readonly string[] {
  let keys = keysOf.get(column);
  if (!keys) {
    keys = [column.header, ...(column.aliases ?? [])].map(headerMatchKey);
    keysOf.set(column, keys);
  }
  return keys;
}

const words = (text: string): string[] =>
  text
    .normalize('NFKD')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 3 && !['the', 'and', 'date', 'for', 'of'].includes(w));

/**
 * How likely an unmatched header means a column: 3 for a listed hint ("Created" for Date opened), 2 when it shares
 * a distinctive word with the header or an alias, else 0. Only used to word a message, never to read a column.
 */
export function guessScore(headerText: string, column: ColumnSpec): number {
  const key = headerMatchKey(headerText);
  if (key === '') return 0;
  if ((column.hints ?? []).some((h) => headerMatchKey(h) === key)) return 3;
  const seen = new Set(words(headerText));
  const shared = [column.header, ...(column.aliases ?? [])].some((h) => words(h).some((w) => seen.has(w)));
  return shared ? 2 : 0;
}

/** The unmatched header (text and 0-based index) that most likely means `column`, if any. */
export function bestGuess(
  unmatched: readonly { text: string; index: number }[],
  column: ColumnSpec,
): { text: string; index: number } | undefined {
  let best: { text: string; index: number; score: number } | undefined;
  for (const h of unmatched) {
    const score = guessScore(h.text, column);
    if (score > 0 && (!best || score > best.score)) best = { ...h, score };
  }
  return best && { text: best.text, index: best.index };
}
