import { a1, makeIssue, type Issue } from './issues.js';
import type { SheetSpec } from './spec.js';
import type { FieldsRead, TableRead } from './table.js';

/** How many cells a message names before "and N more". */
const NAMED_CELLS = 5;

/**
 * cells.formula-not-calculated: a file written by a program that does not calculate (openpyxl, ExcelJS, a script)
 * stores formulas with no value, and such a cell reads as blank. Said once per sheet, for the cells the template
 * reads in rows that hold data (a column the template does not read, one it recomputes itself such as the supplier
 * Score, or a formula in a row left empty, is no loss), so that a blank the user did not type is never taken in
 * silence.
 */
export function uncalculatedIssue(read: TableRead | FieldsRead, spec: SheetSpec): Issue | undefined {
  const cells = read.input.uncalculated;
  if (cells === undefined || cells.length === 0) return undefined;
  let hit: { row: number; column: number }[];
  if ('rows' in read) {
    const rows = new Set(read.rows.map((r) => r.row));
    const recomputed = new Set(
      spec.kind === 'table' ? spec.columns.filter((c) => c.type === 'formula').map((c) => c.key) : [],
    );
    const columns = new Set(
      Object.entries(read.columns)
        .filter(([key]) => !recomputed.has(key))
        .map(([, at]) => at),
    );
    hit = cells.filter((c) => rows.has(c.row) && columns.has(c.column));
  } else {
    hit = cells.filter((c) => c.row > read.headerRow);
  }
  const first = hit[0];
  if (first === undefined) return undefined;
  const named = hit.slice(0, NAMED_CELLS).map((c) => a1(c.row, c.column));
  const more = hit.length > NAMED_CELLS ? ` and ${hit.length - NAMED_CELLS} more` : '';
  return makeIssue(
    'warning',
    'cells.formula-not-calculated',
    read.sheet,
    first.row,
    first.column,
    `${hit.length === 1 ? 'This cell holds a formula' : `${hit.length} cells (${named.join(', ')}${more}) hold formulas`} with no calculated value, so ${hit.length === 1 ? 'it reads' : 'they read'} as blank. The file was saved by a program that does not calculate formulas; open it in Excel or LibreOffice, save it, and check again`,
  );
}
