/**
 * Cell values arrive in two dialects: Office.js `range.values` (numbers, strings, booleans, "" for blank,
 * error values as "#N/A" strings, dates as serial numbers) and ExcelJS `cell.value` (also Date objects,
 * formula/rich-text/hyperlink/error objects). Everything is first reduced to one small union.
 */
export type Cell =
  | { kind: 'blank' }
  | { kind: 'number'; value: number }
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
      return String(cell.value);
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

/** C0 and C1 control characters: they cannot live in ids, cells' one-line values or storage keys. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point of this pattern
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;
