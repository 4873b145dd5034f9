import type { SheetUpgrade } from '@qms/templates';
import { columnLetters, topLeft } from './address.ts';
import { asText } from './insert.ts';
import { DOCUMENT_TEMPLATES_KEY, SHEET_MARKER_KEY } from './markers.ts';
import type { UpgradeResult } from './types.ts';

/** First and last 1-based rows and columns of an A1 range such as `'CAPA Log'!A4:K64`. */
function bounds(address: string): { row: number; column: number; lastRow: number; lastColumn: number } {
  const local = address.slice(address.lastIndexOf('!') + 1);
  const [a = '', b] = local.split(':');
  const start = topLeft(a);
  const end = b ? topLeft(b) : start;
  return { row: start.row, column: start.column, lastRow: end.row, lastColumn: end.column };
}

/**
 * Applies an upgrade plan to one sheet in three syncs: (1) find the sheet's tables, (2) write the planned cells,
 * the marker and the document property, and learn each table's range, (3) widen the table whose header row is the
 * template's header row over the columns the plan appended, so filters, banding and structured references
 * cover them (ExcelApi 1.13 `Table.resize`). Only cells the plan names are written: every typed value stays.
 */
export async function upgradeSheet(context: Excel.RequestContext, upgrade: SheetUpgrade, templates: Record<string, number>): Promise<UpgradeResult> {
  const sheet = context.workbook.worksheets.getItem(upgrade.sheet);
  const tables = context.workbook.worksheets.getItem(upgrade.sheet).tables;
  tables.load('items/name');
  await context.sync();

  for (const w of upgrade.writes) sheet.getRangeByIndexes(w.row - 1, w.column - 1, 1, 1).values = [[asText(w.value)]];
  sheet.customProperties.add(SHEET_MARKER_KEY, upgrade.marker);
  context.workbook.properties.custom.add(DOCUMENT_TEMPLATES_KEY, JSON.stringify(templates));
  const ranges = tables.items.map((table) => {
    const range = table.getRange();
    range.load('address');
    return { table, range };
  });
  await context.sync();

  const result: UpgradeResult = { cells: upgrade.writes.length };
  const lastAdded = Math.max(0, ...upgrade.added.map((a) => a.column));
  const owner = ranges.find(({ range }) => bounds(range.address).row === upgrade.headerRow);
  if (owner && lastAdded > 0) {
    const b = bounds(owner.range.address);
    if (lastAdded > b.lastColumn) {
      owner.table.resize(`${columnLetters(b.column)}${b.row}:${columnLetters(lastAdded)}${b.lastRow}`);
      await context.sync();
      result.table = owner.table.name;
    }
  }
  return result;
}
