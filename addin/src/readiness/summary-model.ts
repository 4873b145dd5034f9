import type { Assessment as EngineAssessment } from '@qms/engine';
// Only the grid module, never the engine: it needs @qms/templates' group titles and types, nothing more.
import { SUMMARY_SHEET, summaryGrid } from '@qms/engine/summary';
import { CLAUSE_GROUP_TITLES } from '@qms/templates';
import type { SummaryCell, SummarySheet } from '../office/types.ts';

export { SUMMARY_SHEET };

export const GROUP_NAMES = CLAUSE_GROUP_TITLES;

const isBlank = (row: readonly unknown[] | undefined) => row !== undefined && row.length === 0;

/**
 * The "QMS Readiness" sheet as the adapter writes it: the very rows `qms assess --summary` writes (summaryGrid),
 * so the sheet reads the same whichever wrote it, plus what only the pane adds: bold headings, an optional brand
 * line under the title, and one bar chart over the clause-group scores. `generatedAt` comes from the caller so
 * this stays free of the clock.
 */
export function summarySheet(assessment: EngineAssessment, generatedAt: string, brand = ''): SummarySheet {
  // The grid leaves cells empty as null; the adapter writes '' for those.
  const grid: SummaryCell[][] = summaryGrid(assessment, { generatedAt }).map((row) => row.map((cell) => cell ?? ''));
  const rows = brand ? [grid[0] ?? [], [`Prepared with ${brand}`], ...grid.slice(1)] : grid;

  // Title, then each table's header: the row that follows a blank row. 1-based, as the adapter takes them.
  const boldRows = [1];
  rows.forEach((row, i) => {
    if (row.length > 0 && isBlank(rows[i - 1])) boldRows.push(i + 1);
  });

  const header = rows.findIndex((row) => row[0] === 'Clause group');
  let last = header;
  while (last + 1 < rows.length && !isBlank(rows[last + 1])) last++;
  const firstRow = header + 2;
  return {
    name: SUMMARY_SHEET,
    rows,
    boldRows,
    chart: { title: 'Readiness by clause group (%)', firstRow, lastRow: Math.max(firstRow, last + 1), labelColumn: 1 },
  };
}
