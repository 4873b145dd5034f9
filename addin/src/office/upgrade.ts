import type { ColumnSpec, SheetUpgrade } from '@qms/templates';
import { columnLetters, topLeft } from './address.ts';
import { asText } from './insert.ts';
import { DOCUMENT_PACK_KEY, DOCUMENT_TEMPLATES_KEY, SHEET_MARKER_KEY } from './markers.ts';
import type { UpgradeResult } from './types.ts';

/** First and last 1-based rows and columns of an A1 range such as `'CAPA Log'!A4:K64`. */
function bounds(address: string): { row: number; column: number; lastRow: number; lastColumn: number } {
  const local = address.slice(address.lastIndexOf('!') + 1);
  const [a = '', b] = local.split(':');
  const start = topLeft(a);
  const end = b ? topLeft(b) : start;
  return { row: start.row, column: start.column, lastRow: end.row, lastColumn: end.column };
}

/** Excel keeps an inline list's source to 255 characters, and a comma would split a value. */
const MAX_LIST_SOURCE = 255;

/** The drop-down of a new column, as the template files have it: Yes/No, or the column's list of values. */
export function dropDownSource(spec: ColumnSpec | undefined): string | undefined {
  const values = spec?.type === 'yesno' ? ['Yes', 'No'] : spec?.type === 'list' ? (spec.list ?? []) : [];
  const source = values.join(',');
  return values.length > 0 && source.length <= MAX_LIST_SOURCE && values.every((v) => !v.includes(','))
    ? source
    : undefined;
}

/**
 * Applies an upgrade plan to one sheet in three syncs: (1) find the sheet's tables, (2) write the planned cells,
 * the marker and the document properties, and learn each table's range, (3) widen the table whose header row is the
 * template's header row over the columns the plan appended, so filters, banding and structured references
 * cover them (ExcelApi 1.13 `Table.resize`), and give appended columns their drop-down over the data rows.
 * Only cells the plan names are written: every typed value stays. What the host lacks (`supports`) is skipped.
 */
export async function upgradeSheet(
  context: Excel.RequestContext,
  upgrade: SheetUpgrade,
  templates: Record<string, number>,
  supports: { sheetMarkers: boolean; tableResize: boolean; dataValidation: boolean },
  pack?: { id: string; version: number },
): Promise<UpgradeResult> {
  const sheet = context.workbook.worksheets.getItem(upgrade.sheet);
  const tables = context.workbook.worksheets.getItem(upgrade.sheet).tables;
  tables.load('items/name');
  await context.sync();

  // A formula write (the supplier Score a pack upgrade rewrites) goes in as a formula; any other text stays text.
  for (const w of upgrade.writes)
    sheet.getRangeByIndexes(w.row - 1, w.column - 1, 1, 1).values = [
      [w.formula ? `=${String(w.value)}` : asText(w.value)],
    ];
  // Without sheet markers (before ExcelApi 1.12) the document property alone says which version the sheets hold.
  if (supports.sheetMarkers) sheet.customProperties.add(SHEET_MARKER_KEY, upgrade.marker);
  context.workbook.properties.custom.add(DOCUMENT_TEMPLATES_KEY, JSON.stringify(templates));
  // A pack upgrade stamps its new version with its last sheet: until then the workbook says the version it holds.
  if (pack) context.workbook.properties.custom.add(DOCUMENT_PACK_KEY, JSON.stringify(pack));
  const ranges = tables.items.map((table) => {
    const range = table.getRange();
    range.load('address');
    return { table, range };
  });
  await context.sync();

  const result: UpgradeResult = { cells: upgrade.writes.length, dropDowns: 0 };
  const lastAdded = Math.max(0, ...upgrade.added.map((a) => a.column));
  const owner = ranges.find(({ range }) => bounds(range.address).row === upgrade.headerRow);
  const table = owner ? bounds(owner.range.address) : undefined;
  if (supports.tableResize && owner && table && lastAdded > table.lastColumn) {
    owner.table.resize(`${columnLetters(table.column)}${table.row}:${columnLetters(lastAdded)}${table.lastRow}`);
    result.table = owner.table.name;
  }
  // The data rows: the table's, else down to the last row the plan fills.
  const lastRow = table?.lastRow ?? Math.max(upgrade.headerRow + upgrade.dataRows, ...upgrade.writes.map((w) => w.row));
  for (const added of upgrade.added) {
    const source = dropDownSource(added.spec);
    if (!supports.dataValidation || source === undefined || lastRow <= upgrade.headerRow) continue;
    const cells = sheet.getRangeByIndexes(upgrade.headerRow, added.column - 1, lastRow - upgrade.headerRow, 1);
    cells.dataValidation.clear();
    cells.dataValidation.rule = { list: { inCellDropDown: true, source } };
    result.dropDowns += 1;
  }
  // Drop-downs of existing cells set again (the supplier criteria block after a pack renames or adds criteria):
  // the old one cleared first, as Excel wants before a rule is set.
  for (const dropDown of upgrade.dropDowns ?? []) {
    const source = dropDown.values.join(',');
    if (!supports.dataValidation || source.length > MAX_LIST_SOURCE || dropDown.values.some((v) => v.includes(',')))
      continue;
    sheet.getRange(dropDown.replaces).dataValidation.clear();
    const cells = sheet.getRange(dropDown.range);
    cells.dataValidation.clear();
    cells.dataValidation.rule = { list: { inCellDropDown: true, source } };
    result.dropDowns += 1;
  }
  if (result.table !== undefined || result.dropDowns > 0) await context.sync();
  return result;
}
