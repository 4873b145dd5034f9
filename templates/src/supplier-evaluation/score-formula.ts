import { columnLetter } from '../core/issues.js';

/** Where a supplier row's Score formula finds what it weighs. */
export interface ScoreFormulaLayout {
  /** 1-based sheet row of the supplier table's header row. */
  headerRow: number;
  /** 1-based columns of the criteria's score columns, in any order. */
  scoreColumns: readonly number[];
  /** First and last 1-based rows of the criteria block's criterion rows (names in A, weights in B). */
  blockFirst: number;
  blockLast: number;
}

/**
 * One supplier row's Score, as the sheet shows it: blank until every criterion is scored, then the weighted mean to
 * two decimals. Each weight is looked up in the block by the score column's header cell, not by a name written into
 * the formula, so the block's rows may be reordered and a criterion renamed (its header and its block row, as a pack
 * upgrade does) without the formula going wrong. The parser recomputes the score and never reads this cell.
 */
export function scoreFormula(layout: ScoreFormulaLayout, row: number): string {
  const names = `$A$${layout.blockFirst}:$A$${layout.blockLast}`;
  const weights = `$B$${layout.blockFirst}:$B$${layout.blockLast}`;
  const letters = layout.scoreColumns.map((c) => columnLetter(c));
  const cells = letters.map((l) => `${l}${row}`);
  const sum = letters.map((l) => `${l}${row}*SUMIF(${names},${l}$${layout.headerRow},${weights})`).join('+');
  return `IF(COUNT(${cells.join(',')})<${cells.length},"",ROUND((${sum})/SUM(${weights}),2))`;
}
