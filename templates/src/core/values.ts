import { describeCell, ILL_FORMED_TEXT, percentText, type Cell } from './cells.js';
import { isoFromParts, parseTextDate, serialToIso, type IsoDate } from './dates.js';
import type { ColumnSpec } from './spec.js';
import { defaultReading, likelyListValue, listKey, readYesNo } from './vocabulary.js';

/** Longest text we keep: the backend's limit (docs/api.md), a little under Excel's own 32,767. */
export const MAX_TEXT_LENGTH = 32_000;

/**
 * `guessed`: the value came from a default reading of the user's own word (e.g. "Yes" read as Compliant), which
 * the caller reports so that it is never applied in silence.
 */
export type Coerced =
  { ok: true; value: string | number | boolean; guessed?: string } | { ok: false; code: string; message: string };

export interface CoerceOptions {
  date1904: boolean;
}

const ok = (value: string | number | boolean): Coerced => ({ ok: true, value });
const fail = (code: string, message: string): Coerced => ({ ok: false, code, message });

/** Turns a non-blank cell into the column's type, or says why it can't (the message omits the cell; callers add it). */
export function coerce(cell: Cell, column: ColumnSpec, options: CoerceOptions): Coerced {
  if (cell.kind === 'error' && cell.value === ILL_FORMED_TEXT) {
    return fail(
      'cell.ill-formed-text',
      `${column.header} holds a broken character (half of a UTF-16 surrogate pair, such as _xD800_ written by another program); retype the cell`,
    );
  }
  if (cell.kind === 'error') {
    return fail(
      'cell.error-value',
      `${column.header} holds the error value ${cell.value}; fix the formula or type a value`,
    );
  }
  switch (column.type) {
    case 'text':
    case 'formula':
      return asText(cell, column);
    case 'number':
    case 'integer':
      return asNumber(cell, column);
    case 'date':
      return asDate(cell, column, options);
    case 'list':
      return asListValue(cell, column);
    case 'yesno':
      return asYesNo(cell, column);
  }
}

export function cellText(cell: Cell): string {
  switch (cell.kind) {
    case 'blank':
      return '';
    case 'text':
    case 'error':
      return cell.value;
    case 'number':
      // A %-formatted number is the text the user sees: 0.5 shown as 50 % is "50 %".
      return cell.percent ? percentText(cell.value) : String(cell.value);
    case 'bool':
      return cell.value ? 'TRUE' : 'FALSE';
    case 'date':
      return cell.value.toISOString().slice(0, 10);
  }
}

function asText(cell: Cell, column: ColumnSpec): Coerced {
  const text = cellText(cell);
  if (text.length > MAX_TEXT_LENGTH) {
    return fail(
      'cell.text-too-long',
      `${column.header} is ${text.length.toLocaleString('en')} characters long; shorten it to at most ${MAX_TEXT_LENGTH.toLocaleString('en')} (keep long evidence in a linked document)`,
    );
  }
  return ok(text);
}

/** "1,234.5", " 12 ", "40%" typed as text are numbers too. */
export function parseNumberText(text: string): number | undefined {
  const t = text.trim().replace(/[\s\u00a0]/g, '');
  const pct = t.endsWith('%');
  const body = (pct ? t.slice(0, -1) : t).replace(/,(?=\d{3}(\D|$))/g, '');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(body)) return undefined;
  const n = Number(body);
  return Number.isFinite(n) ? n : undefined;
}

function asNumber(cell: Cell, column: ColumnSpec): Coerced {
  let n: number | undefined;
  if (cell.kind === 'number') n = cell.value;
  else if (cell.kind === 'text') n = parseNumberText(cell.value);
  if (n === undefined) {
    return fail('cell.not-a-number', `${column.header} must be a number, not ${describeCell(cell)}`);
  }
  // The number is what Excel holds (0.5); a %-formatted cell is quoted as the user sees it: "not 50 % (0.5)".
  const shown = cell.kind === 'number' && cell.percent ? `${percentText(n)} (${n})` : String(n);
  if (column.type === 'integer' && !Number.isInteger(n)) {
    return fail('cell.not-an-integer', `${column.header} must be a whole number, not ${shown}`);
  }
  if (column.min !== undefined && n < column.min) {
    return fail('cell.below-minimum', `${column.header} must be at least ${column.min}, not ${shown}`);
  }
  if (column.max !== undefined && n > column.max) {
    return fail('cell.above-maximum', `${column.header} must be at most ${column.max}, not ${shown}`);
  }
  if (column.greaterThan !== undefined && n <= column.greaterThan) {
    return fail('cell.not-above', `${column.header} must be greater than ${column.greaterThan}, not ${shown}`);
  }
  return ok(n);
}

export function dateFromCell(
  cell: Cell,
  options: CoerceOptions,
): { ok: true; value: IsoDate } | { ok: false; message: string } {
  switch (cell.kind) {
    case 'date': {
      const d = cell.value;
      const iso = isoFromParts(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
      return iso ? { ok: true, value: iso } : { ok: false, message: `is not a date Excel can hold` };
    }
    case 'number': {
      const iso = serialToIso(cell.value, options.date1904);
      return iso
        ? { ok: true, value: iso }
        : { ok: false, message: `is not a date (the number ${cell.value} is no valid Excel date)` };
    }
    case 'text': {
      const parsed = parseTextDate(cell.value);
      if (parsed.ok) return parsed;
      if (parsed.reason === 'ambiguous') {
        return {
          ok: false,
          message: `is the ambiguous date ${describeCell(cell)} (day/month or month/day?); type it as 2026-03-31 or 31 Mar 2026`,
        };
      }
      return { ok: false, message: `is not a date: ${describeCell(cell)}; type it as 2026-03-31 or 31 Mar 2026` };
    }
    default:
      return { ok: false, message: `is not a date: ${describeCell(cell)}; type it as 2026-03-31 or 31 Mar 2026` };
  }
}

function asDate(cell: Cell, column: ColumnSpec, options: CoerceOptions): Coerced {
  const r = dateFromCell(cell, options);
  if (r.ok) return ok(r.value);
  return fail(
    r.message.includes('ambiguous') ? 'cell.ambiguous-date' : 'cell.not-a-date',
    `${column.header} ${r.message}`,
  );
}

const listIndexes = new WeakMap<readonly string[], Map<string, string>>();

/** Matches list values ignoring case, spaces and punctuation; returns the canonical spelling. */
export function matchListValue(text: string, list: readonly string[]): string | undefined {
  // Lists are spec constants: index each once, not once per cell.
  let index = listIndexes.get(list);
  if (!index) {
    index = new Map(list.map((v) => [listKey(v), v]));
    listIndexes.set(list, index);
  }
  return list.includes(text) ? text : index.get(listKey(text));
}

function asListValue(cell: Cell, column: ColumnSpec): Coerced {
  const list = column.list ?? [];
  const text = cellText(cell);
  const match = matchListValue(text, list);
  if (match !== undefined) return ok(match);
  const reading = defaultReading(cell, list);
  if (reading !== undefined) return { ok: true, value: reading, guessed: describeCell(cell) };
  // A unique prefix ("Partially") or a near spelling ("Complient") is not accepted silently, but named.
  const likely = likelyListValue(text, list);
  const hint = likely !== undefined ? `; did you mean "${likely}"?` : '; type one of those values';
  return fail(
    'cell.not-in-list',
    `${column.header} is ${describeCell(cell)}, which is not one of: ${list.join(', ')}${hint}`,
  );
}

function asYesNo(cell: Cell, column: ColumnSpec): Coerced {
  if (cell.kind === 'bool') return ok(cell.value);
  const yes = readYesNo(cellText(cell));
  if (yes !== undefined) return ok(yes);
  return fail(
    'cell.not-yes-no',
    `${column.header} must be Yes or No (or TRUE/FALSE, Ja/Nein, Oui/Non, Sí/No, a tick ✓ or X), not ${describeCell(cell)}`,
  );
}
