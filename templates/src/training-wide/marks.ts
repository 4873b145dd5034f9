import type { Cell } from '../core/cells.js';
import type { IsoDate } from '../core/dates.js';
import { dateFromCell } from '../core/values.js';

/** What one competence cell of a wide matrix says. */
export type Mark =
  | { kind: 'none' }
  | { kind: 'completed'; date?: IsoDate }
  | { kind: 'required' }
  | { kind: 'not-required' }
  | { kind: 'unreadable'; reason: string };

const DONE = new Set(['✓', '✔', '☑', 'x', 'yes', 'y', 'done', 'ok', 'completed', 'trained']);
const REQUIRED = new Set(['r', 'req', 'required', 'due', 'needed', 'todo', 'to do']);
const NOT_REQUIRED = new Set(['n/a', 'na', '-', '–', '—', 'not required', 'no']);

/**
 * Reads a cell under a competence heading: a date (a date cell, an Excel serial, 2026-03-31 or 31 Mar 2026) is a
 * completion on that day; ✓ (or x, yes, done) a completion on a day not recorded; R (or required, due) a training the
 * role requires and nobody has done yet; n/a or a dash a competence the role does not need. Anything else is unreadable
 * and said so, never guessed.
 */
export function readMark(cell: Cell, date1904: boolean): Mark {
  switch (cell.kind) {
    case 'blank':
      return { kind: 'none' };
    case 'bool':
      return cell.value ? { kind: 'completed' } : { kind: 'not-required' };
    case 'date':
    case 'number': {
      const d = dateFromCell(cell, { date1904 });
      return d.ok ? { kind: 'completed', date: d.value } : { kind: 'unreadable', reason: d.message };
    }
    case 'text': {
      const word = cell.value.trim().toLowerCase();
      if (DONE.has(word)) return { kind: 'completed' };
      if (REQUIRED.has(word)) return { kind: 'required' };
      if (NOT_REQUIRED.has(word)) return { kind: 'not-required' };
      const d = dateFromCell(cell, { date1904 });
      return d.ok ? { kind: 'completed', date: d.value } : { kind: 'unreadable', reason: d.message };
    }
    default:
      return { kind: 'unreadable', reason: `holds the error value ${cell.value}` };
  }
}

/** Whether a cell reads as a mark at all (recognition counts them). */
export function isMark(cell: Cell, date1904: boolean): boolean {
  const mark = readMark(cell, date1904);
  return mark.kind !== 'unreadable' && mark.kind !== 'none';
}
