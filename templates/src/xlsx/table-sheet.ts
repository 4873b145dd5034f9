import type ExcelJS from 'exceljs';
import { CLAUSES } from '../catalogue/iso9001-2015.js';
import type { ColumnSpec, TableSheetSpec } from '../core/spec.js';
import { GAP_SHEET } from '../gap-analysis/spec.js';
import { DEFAULT_CRITERIA_WEIGHTS, SUPPLIER_SHEET, criteriaColumns } from '../supplier-evaluation/spec.js';
import {
  DATE_FORMAT,
  FIRST_BLOCK_ROW,
  SCORE_FORMAT,
  TABLE_THEME,
  TEXT_FORMAT,
  freezeAbove,
  styleHeaderRow,
  tableName,
} from './style.js';
import { dataValidationsOf } from './exceljs-extras.js';
import { validationFor, type ListStore } from './validation.js';
import { scoreFormula, type ScoreFormulaLayout } from '../supplier-evaluation/score-formula.js';

/** Empty rows a fresh table offers; Excel grows the table (and its drop-downs) when a user types below it. */
export const EMPTY_TABLE_ROWS = 50;

/** Where the supplier criteria block sits: header row, then one row per default criterion, then a spacer row. */
export const CRITERIA_HEADER_ROW = FIRST_BLOCK_ROW;
/** Criterion and weight (%) per row of the criteria block. */
export type CriteriaRows = readonly (readonly [string, number])[];
const DEFAULT_CRITERIA: CriteriaRows = Object.entries(DEFAULT_CRITERIA_WEIGHTS);
const CRITERIA_FIRST_ROW = CRITERIA_HEADER_ROW + 1;
const criteriaLastRow = (criteria: CriteriaRows) => CRITERIA_HEADER_ROW + criteria.length;

/** ExcelJS treats a width of exactly 9 as "default" and drops it; 9.140625 is what Excel itself stores for 9. */
const EXCELJS_DEFAULT_WIDTH = 9;

function columnWidth(column: ColumnSpec): number {
  const width = column.width ?? Math.max(10, column.header.length + 2);
  return width === EXCELJS_DEFAULT_WIDTH ? 9.140625 : width;
}

/** Pre-filled rows: the Gap Analysis ships the clause catalogue (numbers and titles only); other tables start empty. */
function prefilledRows(spec: TableSheetSpec): unknown[][] {
  if (spec.name !== GAP_SHEET) return [];
  return CLAUSES.map((c) =>
    spec.columns.map((col) => (col.key === 'clause' ? c.clause : col.key === 'title' ? c.title : null)),
  );
}

/**
 * The supplier criteria block above the table (docs/architecture.md, Templates and records): Criterion | Weight (%) with the default weights,
 * separated from the supplier table by a blank row so a reader can tell where the block ends.
 */
function writeCriteriaBlock(sheet: ExcelJS.Worksheet, lists: ListStore, criteria: CriteriaRows): void {
  // Only Criterion | Weight (%): the optional columns of the criteria spec would make the block look like a table.
  // The drop-down offers the block's own criteria (a pack's names, when it renames or adds criteria).
  const [criterion, weight] = criteriaColumns as [ColumnSpec, ColumnSpec];
  const block = [{ ...criterion, list: criteria.map(([name]) => name) }, weight];
  block.forEach((column, i) => {
    sheet.getCell(CRITERIA_HEADER_ROW, i + 1).value = column.header;
  });
  styleHeaderRow(sheet, CRITERIA_HEADER_ROW, 1, block.length);
  criteria.forEach(([name, pct], r) => {
    const row = CRITERIA_FIRST_ROW + r;
    sheet.getCell(row, 1).value = name;
    sheet.getCell(row, 2).value = pct;
    block.forEach((column, i) => {
      const validation = validationFor(column, lists);
      if (validation) sheet.getCell(row, i + 1).dataValidation = validation;
    });
  });
}

/** Where the Score formulas of the supplier table look: the criteria's columns (by name) and the block above. */
function scoreLayout(spec: TableSheetSpec, headerRow: number, criteria: CriteriaRows): ScoreFormulaLayout {
  return {
    headerRow,
    scoreColumns: criteria.map(([name]) => spec.columns.findIndex((c) => c.header === name) + 1),
    blockFirst: CRITERIA_FIRST_ROW,
    blockLast: criteriaLastRow(criteria),
  };
}

/** Lays out one table sheet below the title rows: header, Excel table, drop-downs, formats, widths, frozen header. */
export function writeTableSheet(
  sheet: ExcelJS.Worksheet,
  spec: TableSheetSpec,
  lists: ListStore,
  /** The supplier sheet's criteria block (a pack's weights); the default weights when not given. */
  criteria: CriteriaRows = DEFAULT_CRITERIA,
): void {
  const isSupplier = spec.name === SUPPLIER_SHEET;
  if (isSupplier) writeCriteriaBlock(sheet, lists, criteria);
  const headerRow = isSupplier ? criteriaLastRow(criteria) + 2 : FIRST_BLOCK_ROW;
  const firstDataRow = headerRow + 1;
  const prefilled = prefilledRows(spec);
  const rowCount = prefilled.length > 0 ? prefilled.length : EMPTY_TABLE_ROWS;
  const rows = Array.from({ length: rowCount }, (_, i) => {
    const values = prefilled[i] ?? spec.columns.map(() => null);
    return spec.columns.map((column, c) =>
      column.type === 'formula' && isSupplier
        ? { formula: scoreFormula(scoreLayout(spec, headerRow, criteria), firstDataRow + i) }
        : values[c],
    );
  });

  sheet.addTable({
    name: tableName(spec.name),
    ref: `A${headerRow}`,
    headerRow: true,
    totalsRow: false,
    style: { theme: TABLE_THEME, showRowStripes: true },
    columns: spec.columns.map((column) => ({ name: column.header, filterButton: true })),
    rows,
  });
  styleHeaderRow(sheet, headerRow, 1, spec.columns.length);

  const lastDataRow = firstDataRow + rowCount - 1;
  spec.columns.forEach((column, index) => {
    const c = index + 1;
    const sheetColumn = sheet.getColumn(c);
    sheetColumn.width = isSupplier && c <= 2 ? Math.max(columnWidth(column), 16) : columnWidth(column);
    const numFmt =
      column.type === 'date'
        ? DATE_FORMAT
        : column.type === 'formula'
          ? SCORE_FORMAT
          : column.key === 'clause'
            ? TEXT_FORMAT
            : undefined;
    if (numFmt) for (let r = firstDataRow; r <= lastDataRow; r++) sheet.getCell(r, c).numFmt = numFmt;
    const validation = validationFor(column, lists);
    if (validation) {
      const letter = sheetColumn.letter;
      // A range-keyed validation is written as one sqref, not one entry per cell.
      dataValidationsOf(sheet).add(`${letter}${firstDataRow}:${letter}${lastDataRow}`, validation);
    }
  });
  // The gap matrix is wide: its Clause and Title stay in view while the user scrolls right to Action and Owner.
  freezeAbove(sheet, firstDataRow, spec.name === GAP_SHEET ? 2 : 0);
}
