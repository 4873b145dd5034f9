/**
 * Cell values arrive in two dialects: Office.js `range.values` (numbers, strings, booleans, "" for blank,
 * error values as "#N/A" strings, dates as serial numbers) and ExcelJS `cell.value` (also Date objects,
 * formula/rich-text/hyperlink/error objects). A reader that knows a cell's number format may also give a number as
 * a FormattedNumber. Everything is first reduced to one small union.
 *
 * `percent`: the number is shown as a percentage (its number format has a %): Excel stores 50 % as 0.5. The value
 * stays the number Excel holds; messages quote it as the user sees it (50 %), and readings of a percentage (gap
 * statuses, supplier marks in percent) take it as one.
 */
export type Cell =
  | { kind: 'blank' }
  | { kind: 'number'; value: number; percent?: true }
  | { kind: 'text'; value: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'date'; value: Date }
  | { kind: 'error'; value: string };

const ERROR_VALUES = new Set([
  '#N/A',
  '#REF!',
  '#VALUE!',
  '#DIV/0!',
  '#NAME?',
  '#NULL!',
  '#NUM!',
  '#SPILL!',
  '#CALC!',
  '#FIELD!',
  '#BLOCKED!',
  '#CONNECT!',
  '#BUSY!',
  '#UNKNOWN!',
  '#GETTING_DATA',
  '#PYTHON!',
]);

export function isExcelError(text: string): boolean {
  return ERROR_VALUES.has(text.trim().toUpperCase());
}

const BLANK: Cell = { kind: 'blank' };

/**
 * A number with the number format it is shown in, as a reader that knows formats gives it:
 * `{ value: 0.5, numFmt: '0%' }`. The package's xlsx reader gives it for %-formatted cells; the pane's reader
 * (addin/src/office/read.ts) loads `numberFormat` for the columns holding small numbers only (|v| ≤ 10), since
 * formats for every cell would double each chunk against Excel on the web's 5 MB limit. Plain numbers stay plain.
 */
export interface FormattedNumber {
  value: number;
  /** The Excel number format code, e.g. `0%`, `0.00%`, `#,##0.0 %`. */
  numFmt: string;
}

/**
 * Whether an Excel number format shows a number as a percentage: a % outside quoted text, backslash escapes and
 * [colour]/[condition] brackets, in the section that applies to the number (positive;negative;zero;text).
 */
export function isPercentFormat(code: string, value = 0): boolean {
  if (!code.includes('%')) return false;
  const sections = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .split(';');
  const section = value < 0 ? sections[1] : value === 0 && sections.length > 2 ? sections[2] : sections[0];
  return (section ?? sections[0] ?? '').includes('%');
}

/** The percentage a %-formatted number shows (0.5 → 50), without binary noise (0.07 × 100 is 7.000000000000001). */
export function percentOf(value: number): number {
  return Number((value * 100).toPrecision(12));
}

/** How a %-formatted number reads: 0.5 → "50 %". */
export function percentText(value: number): string {
  return `${percentOf(value)} %`;
}

export function toCell(raw: unknown): Cell {
  if (raw === null || raw === undefined) return BLANK;
  switch (typeof raw) {
    case 'number':
      return Number.isFinite(raw) ? { kind: 'number', value: raw } : { kind: 'error', value: '#NUM!' };
    case 'bigint':
      return { kind: 'number', value: Number(raw) };
    case 'boolean':
      return { kind: 'bool', value: raw };
    case 'string': {
      const text = raw.trim();
      if (text === '') return BLANK;
      if (text.startsWith('#') && isExcelError(text)) return { kind: 'error', value: text.toUpperCase() };
      if (!isWellFormedText(text)) return { kind: 'error', value: ILL_FORMED_TEXT };
      return { kind: 'text', value: text };
    }
    case 'object':
      return objectCell(raw);
    default:
      return { kind: 'text', value: typeof raw === 'symbol' ? raw.toString() : typeof raw };
  }
}

function objectCell(raw: object): Cell {
  if (raw instanceof Date) {
    return Number.isNaN(raw.getTime()) ? { kind: 'error', value: '#VALUE!' } : { kind: 'date', value: raw };
  }
  const o = raw as Record<string, unknown>;
  if (typeof o.error === 'string') return { kind: 'error', value: o.error };
  if (typeof o.numFmt === 'string' && 'value' in o) {
    const cell = toCell(o.value);
    return cell.kind === 'number' && isPercentFormat(o.numFmt, cell.value)
      ? { kind: 'number', value: cell.value, percent: true }
      : cell;
  }
  if ('formula' in o || 'sharedFormula' in o) {
    // A formula cell: its cached result is what the user sees. No cached result counts as blank.
    return 'result' in o ? toCell(o.result) : BLANK;
  }
  if (Array.isArray(o.richText)) {
    const text = (o.richText as unknown[])
      .map((part) => (part && typeof part === 'object' && 'text' in part ? String(part.text) : ''))
      .join('');
    return toCell(text);
  }
  if ('text' in o) return toCell(typeof o.text === 'string' ? o.text : String(o.text));
  if ('result' in o) return toCell(o.result);
  return { kind: 'text', value: JSON.stringify(raw) ?? '' };
}

/** How a cell looks in a message: short, quoted, never a 10,000-character dump. */
export function describeCell(cell: Cell): string {
  switch (cell.kind) {
    case 'blank':
      return 'blank';
    case 'number':
      return cell.percent ? percentText(cell.value) : String(cell.value);
    case 'bool':
      return cell.value ? 'TRUE' : 'FALSE';
    case 'date':
      return cell.value.toISOString().slice(0, 10);
    case 'error':
      return cell.value;
    case 'text':
      return `"${cell.value.length > 40 ? `${cell.value.slice(0, 37)}...` : cell.value}"`;
  }
}

const ANY_SURROGATE = /[\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * text.well-formed: no lone UTF-16 surrogate (half of a pair). Such text cannot be encoded as UTF-8, so it cannot
 * be a storage key or travel as JSON intact; other programs write it into workbooks as `_xD800_`.
 * `String.prototype.isWellFormed` does the same from ES2024; this works on every Node the project runs on.
 */
export function isWellFormedText(text: string): boolean {
  return !ANY_SURROGATE.test(text) || !LONE_SURROGATE.test(text);
}

/**
 * The error value a cell of ill-formed text reads as: the cell is refused by name, like a cell holding #VALUE!,
 * rather than carried into records that storage cannot hold.
 */
export const ILL_FORMED_TEXT = '#ILL-FORMED-TEXT';

/** C0 and C1 control characters: they cannot live in ids, cells' one-line values or storage keys. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point of this pattern
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;
