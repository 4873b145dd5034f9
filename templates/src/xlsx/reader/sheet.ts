import type JSZip from 'jszip';
import { XlsxReadError, type InflateBudget } from './inflate.js';
import type { ReadLimits } from './limits.js';
import { isPercentFormat } from '../../core/cells.js';
import type { NumberStyle } from './styles.js';
import { decodeXstring, parsePart } from './xml.js';

export interface SheetContext {
  strings: readonly string[];
  /** How each cell style shows a number (readNumberStyles): a date, possibly a percentage, or plainly. */
  dateStyles: readonly NumberStyle[];
  date1904: boolean;
  limits: ReadLimits;
  /** Cells read so far in the workbook, shared by all its sheets. */
  cells: { count: number };
}

/** `AB12` → column 28 (1-based), row 12; undefined for anything else. */
export function decodeCellRef(ref: string): { row: number; column: number } | undefined {
  let column = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code >= 65 && code <= 90) column = column * 26 + code - 64;
    else if (code >= 97 && code <= 122) column = column * 26 + code - 96;
    else break;
  }
  const row = Number(ref.slice(i));
  return column > 0 && i > 0 && Number.isInteger(row) && row > 0 ? { row, column } : undefined;
}

/** An Excel serial as the instant it shows, as ExcelJS gives date-formatted cells (UTC midnight for whole days). */
function serialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

const MAX_ROW = 1_048_576;
const MAX_COLUMN = 16_384;

/**
 * One worksheet's cell values from A1, as the grid the parser takes: numbers, strings, booleans, Dates for
 * date-formatted numbers, `{ value, numFmt }` (core/cells.ts FormattedNumber) for numbers a percent format shows, `{ error: '#N/A' }` for error cells, the cached value of a formula (a formula with none
 * is blank, and listed in `uncalculated`). The covered cells of a merge are blank, as Excel shows them.
 */
export interface SheetRead {
  values: unknown[][];
  /** Worksheet custom properties: name → relationship id of the part holding the value. */
  customProperties: Record<string, string>;
  /** Relationship ids of the sheet's Excel tables (`<tablePart>`), in document order. */
  tableParts: string[];
  /** Cells holding a formula with no cached value (a writer that does not calculate): read as blank, and said. */
  uncalculated: { row: number; column: number }[];
}

export async function readSheet(
  zip: JSZip,
  path: string,
  budget: InflateBudget,
  ctx: SheetContext,
): Promise<SheetRead> {
  const grid: unknown[][] = [];
  const customProperties: Record<string, string> = {};
  const merges: string[] = [];
  const tableParts: string[] = [];
  let row = 0;
  let column = 0;
  let type = 'n';
  let style = 0;
  let text = '';
  let collecting = false;
  let hasValue = false;
  let phonetic = 0;
  let inCell = false;
  let formula = false;
  const uncalculated: { row: number; column: number }[] = [];

  const put = (value: unknown) => {
    if (++ctx.cells.count > ctx.limits.cells)
      throw new XlsxReadError(
        `The workbook holds more than ${ctx.limits.cells.toLocaleString('en-GB')} filled cells (a limit of this reader); split it into smaller workbooks, or delete unused sheets, and try again`,
      );
    const cells = (grid[row - 1] ??= []);
    cells[column - 1] = value;
  };

  const finishCell = () => {
    const before = ctx.cells.count;
    readValue();
    if (formula && ctx.cells.count === before) uncalculated.push({ row, column });
  };

  const readValue = () => {
    if (!hasValue) return;
    const raw = text;
    if (raw.length > ctx.limits.cellChars)
      throw new XlsxReadError(
        `Cell ${path}:${row}/${column} holds more than ${ctx.limits.cellChars.toLocaleString('en-GB')} characters, more than Excel allows; the file is damaged or was not written by a spreadsheet program`,
      );
    switch (type) {
      case 's': {
        const value = ctx.strings[Number(raw)];
        if (value !== undefined) put(value);
        return;
      }
      case 'str':
      case 'inlineStr':
        put(decodeXstring(raw));
        return;
      case 'b':
        put(raw.trim() === '1' || raw.trim().toLowerCase() === 'true');
        return;
      case 'e':
        put({ error: raw.trim() });
        return;
      case 'd': {
        const date = new Date(raw.trim());
        put(Number.isNaN(date.getTime()) ? raw : date);
        return;
      }
      default: {
        const trimmed = raw.trim();
        if (trimmed === '') return;
        const n = Number(trimmed);
        if (!Number.isFinite(n)) {
          put(trimmed);
          return;
        }
        const shown = ctx.dateStyles[style];
        if (shown === 'date') put(serialToDate(n, ctx.date1904));
        // A %-formatted number goes with its format, so that the validator quotes and reads it as the user sees it.
        else if (shown !== undefined && isPercentFormat(shown.percentFormat, n))
          put({ value: n, numFmt: shown.percentFormat });
        else put(n);
      }
    }
  };

  await parsePart(zip, path, budget, {
    open(name, a) {
      switch (name) {
        case 'row': {
          const r = a.r === undefined ? row + 1 : Number(a.r);
          row = Number.isInteger(r) && r >= 1 && r <= MAX_ROW ? r : row + 1;
          column = 0;
          return;
        }
        case 'c': {
          const ref = a.r === undefined ? undefined : decodeCellRef(a.r);
          if (ref) {
            row = ref.row;
            column = ref.column;
          } else column += 1;
          if (row < 1) row = 1;
          if (row > MAX_ROW || column > MAX_COLUMN)
            throw new XlsxReadError(
              `Part ${path} has a cell beyond Excel's last cell (XFD1048576); the file is damaged; open and re-save it in Excel or LibreOffice`,
            );
          type = a.t ?? 'n';
          style = a.s === undefined ? 0 : Number(a.s);
          text = '';
          hasValue = false;
          collecting = false;
          formula = false;
          inCell = true;
          return;
        }
        case 'f':
          if (inCell) formula = true;
          return;
        case 'v':
          if (inCell && type !== 'inlineStr') {
            collecting = true;
            hasValue = true;
            text = '';
          }
          return;
        case 'is':
          if (inCell) {
            type = 'inlineStr';
            hasValue = true;
          }
          return;
        case 'rPh':
          phonetic++;
          return;
        case 't':
          if (inCell && type === 'inlineStr' && phonetic === 0) collecting = true;
          return;
        case 'mergeCell':
          if (a.ref) merges.push(a.ref);
          return;
        case 'tablePart': {
          const id = Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1];
          if (id !== undefined) tableParts.push(id);
          return;
        }
        case 'customPr': {
          const id = Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1];
          if (a.name !== undefined && id !== undefined) customProperties[a.name] = id;
          return;
        }
        default:
          return;
      }
    },
    close(name) {
      switch (name) {
        case 'v':
        case 't':
          collecting = false;
          return;
        case 'rPh':
          phonetic--;
          return;
        case 'c':
          finishCell();
          inCell = false;
          collecting = false;
          return;
        default:
          return;
      }
    },
    text(chunk) {
      if (collecting) text += chunk;
    },
  });

  for (const ref of merges) blankCovered(grid, ref);
  for (let i = 0; i < grid.length; i++) grid[i] ??= [];
  return { values: grid, customProperties, tableParts, uncalculated };
}

/** Every cell of a merged range but its top-left one is blank in Excel, whatever the file stores there. */
function blankCovered(grid: unknown[][], ref: string): void {
  const [from, to] = ref.split(':');
  const a = from ? decodeCellRef(from) : undefined;
  const b = to ? decodeCellRef(to) : undefined;
  if (!a || !b) return;
  const bottom = Math.min(b.row, grid.length);
  for (let r = a.row; r <= bottom; r++) {
    const cells = grid[r - 1];
    if (!cells) continue;
    for (let c = a.column; c <= b.column && c <= cells.length; c++) {
      if (r === a.row && c === a.column) continue;
      if (cells[c - 1] !== undefined) cells[c - 1] = null;
    }
  }
}
