import type ExcelJS from 'exceljs';
import { columnLetter } from '../core/issues.js';
import { LISTS_SHEET } from '../core/product-sheets.js';
import type { ColumnSpec } from '../core/spec.js';

/** Excel refuses an inline list (`"a,b,c"`) longer than this; longer lists go to the hidden Lists sheet. */
export const INLINE_LIST_LIMIT = 255;

/** Where long lists live: a hidden sheet with one column per list, values from row 2 (row 1 names the list). */
export { LISTS_SHEET };

/**
 * Allocates ranges on the hidden Lists sheet. The sheet is only created (by `finish`, after the template sheets,
 * so it is the last tab) when some list was too long to write inline.
 */
export class ListStore {
  private readonly lists: { name: string; values: readonly string[]; range: string }[] = [];

  rangeFor(name: string, values: readonly string[]): string {
    const known = this.lists.find((l) => l.values.join('\u0000') === values.join('\u0000'));
    if (known) return known.range;
    const letter = columnLetter(this.lists.length + 1);
    const range = `${LISTS_SHEET}!$${letter}$2:$${letter}$${values.length + 1}`;
    this.lists.push({ name, values, range });
    return range;
  }

  finish(workbook: ExcelJS.Workbook): void {
    if (this.lists.length === 0) return;
    // Hidden, not "very hidden": a user who wants to extend a list can still unhide it from Excel's menu.
    const sheet = workbook.addWorksheet(LISTS_SHEET, { state: 'hidden' });
    this.lists.forEach((list, i) => {
      const column = i + 1;
      sheet.getCell(1, column).value = list.name;
      sheet.getCell(1, column).font = { bold: true };
      list.values.forEach((value, r) => {
        sheet.getCell(r + 2, column).value = value;
      });
      sheet.getColumn(column).width = Math.max(12, list.name.length + 2, ...list.values.map((v) => v.length + 2));
    });
  }
}

/** The allowed values of a list or yes/no column, in the spelling the parser treats as canonical. */
export function listValues(column: ColumnSpec): readonly string[] | undefined {
  if (column.type === 'list') return column.list ?? [];
  if (column.type === 'yesno') return ['Yes', 'No'];
  return undefined;
}

function inlineList(values: readonly string[]): string | undefined {
  // A comma or a quote inside a value cannot be written inline; such lists go to the Lists sheet too.
  if (values.some((v) => v.includes(',') || v.includes('"'))) return undefined;
  const joined = values.join(',');
  return joined.length <= INLINE_LIST_LIMIT ? `"${joined}"` : undefined;
}

function prompt(column: ColumnSpec): Partial<ExcelJS.DataValidation> {
  const text = column.guidance ?? column.hint;
  return text ? { showInputMessage: true, promptTitle: column.header.slice(0, 32), prompt: text.slice(0, 255) } : {};
}

/** Excel's longest cell text: a length rule this wide refuses nothing, it only carries the prompt. */
const EXCEL_MAX_CELL_CHARS = 32_767;

function numberRule(column: ColumnSpec): Pick<ExcelJS.DataValidation, 'operator' | 'formulae'> | undefined {
  const { min, max, greaterThan } = column;
  if (min !== undefined && max !== undefined) return { operator: 'between', formulae: [min, max] };
  if (greaterThan !== undefined) return { operator: 'greaterThan', formulae: [greaterThan] };
  if (min !== undefined) return { operator: 'greaterThanOrEqual', formulae: [min] };
  if (max !== undefined) return { operator: 'lessThanOrEqual', formulae: [max] };
  return undefined;
}

function describeBounds(column: ColumnSpec): string {
  const { min, max, greaterThan } = column;
  if (min !== undefined && max !== undefined) return `from ${min} to ${max}`;
  if (greaterThan !== undefined) return `greater than ${greaterThan}`;
  if (min !== undefined) return `of at least ${min}`;
  return `of at most ${String(max)}`;
}

/**
 * The data validation of a column's input cells, or undefined when the column has none: drop-downs for lists,
 * whole/decimal bounds where the spec has them. Messages name the column and say what to type instead.
 */
export function validationFor(column: ColumnSpec, lists: ListStore): ExcelJS.DataValidation | undefined {
  const values = listValues(column);
  if (values) {
    const formula = inlineList(values) ?? lists.rangeFor(column.header, values);
    return {
      type: 'list',
      allowBlank: true,
      formulae: [formula],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: column.header.slice(0, 32),
      error: `Pick a value from the list: ${values.join(', ')}`.slice(0, 255),
      ...prompt(column),
    };
  }
  const rule = column.type === 'integer' || column.type === 'number' ? numberRule(column) : undefined;
  if (!rule) {
    // A pack's guidance shows on every column: a cell with no rule of its own gets a rule that allows anything.
    if (column.guidance === undefined) return undefined;
    return {
      type: 'textLength',
      allowBlank: true,
      operator: 'lessThanOrEqual',
      formulae: [EXCEL_MAX_CELL_CHARS],
      showErrorMessage: false,
      ...prompt(column),
    };
  }
  const kind = column.type === 'integer' ? 'whole number' : 'number';
  return {
    type: column.type === 'integer' ? 'whole' : 'decimal',
    allowBlank: true,
    ...rule,
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: column.header.slice(0, 32),
    error: `${column.header} must be a ${kind} ${describeBounds(column)}`.slice(0, 255),
    ...prompt(column),
  };
}
