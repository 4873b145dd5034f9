import { MAPPING_PROPERTY } from '@qms/templates';

/**
 * Keeps a sheet's mapping in the workbook: the worksheet custom property `qms.mapping` (ExcelApi 1.12), the same
 * property `qms map` writes, so the CLI and a colleague's pane read the sheet the same way. `add` replaces an
 * existing property of that key. Errors surface at sync (a sheet renamed or deleted meanwhile: ItemNotFound).
 */
export async function saveMapping(context: Excel.RequestContext, sheet: string, text: string): Promise<void> {
  context.workbook.worksheets.getItem(sheet).customProperties.add(MAPPING_PROPERTY, text);
  await context.sync();
}
