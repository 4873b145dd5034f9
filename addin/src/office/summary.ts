import { asText } from './insert.ts';
import type { SummarySheet } from './types.ts';

/**
 * Writes the summary sheet in two syncs: the first learns whether it exists, the second replaces it with
 * fresh values (never formulas: text that starts like a formula gets a leading apostrophe) and one bar chart.
 */
export async function writeSummary(context: Excel.RequestContext, summary: SummarySheet): Promise<void> {
  const worksheets = context.workbook.worksheets;
  const existing = worksheets.getItemOrNullObject(summary.name);
  existing.load('name');
  await context.sync();

  // Replacing the sheet drops our old chart and any stale rows in one step.
  if (!existing.isNullObject) existing.delete();
  const sheet = worksheets.add(summary.name);
  const width = Math.max(1, ...summary.rows.map((r) => r.length));
  const rows = summary.rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')].map(asText));
  if (rows.length > 0) sheet.getRangeByIndexes(0, 0, rows.length, width).values = rows;
  for (const row of summary.boldRows ?? []) sheet.getRangeByIndexes(row - 1, 0, 1, width).format.font.bold = true;
  sheet.getRangeByIndexes(0, 0, rows.length, width).format.autofitColumns();

  const { firstRow, lastRow, labelColumn, title } = summary.chart;
  const data = sheet.getRangeByIndexes(firstRow - 1, labelColumn - 1, lastRow - firstRow + 1, 2);
  const chart = sheet.charts.add('BarClustered', data, 'Columns');
  chart.title.text = title;
  chart.legend.visible = false;
  chart.setPosition(sheet.getRangeByIndexes(0, width + 1, 1, 1), sheet.getRangeByIndexes(18, width + 7, 1, 1));
  sheet.activate();
  await context.sync();
}
