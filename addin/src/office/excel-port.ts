import type { Issue, SheetUpgrade } from '@qms/templates';
import { Highlighter } from './highlight.ts';
import { buildSheets, insertFromBase64 } from './insert.ts';
import { selectCell } from './navigate.ts';
import { readWorkbook } from './read.ts';
import { writeSummary } from './summary.ts';
import { upgradeSheet } from './upgrade.ts';
import type { InsertRequest, SheetBuild, SummarySheet, WorkbookPort } from './types.ts';

/** Excel.run's shape; tests pass an in-memory stand-in. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** The one object the pane uses to reach the workbook. */
export function createExcelPort(run: ExcelRun = (batch) => Excel.run(batch), options: { sheetMarkers?: boolean } = {}): WorkbookPort {
  const highlighter = new Highlighter();
  return {
    read: () => run((context) => readWorkbook(context)),
    select: (sheet: string, address: string) => run((context) => selectCell(context, sheet, address)),
    insert: (request: InsertRequest) => run((context) => insertFromBase64(context, request)),
    build: (sheets: SheetBuild[], templates: Record<string, number>) =>
      run((context) => buildSheets(context, sheets, templates, options.sheetMarkers ?? true)),
    highlight: (issues: readonly Issue[]) => run((context) => highlighter.highlight(context, issues)),
    clearHighlights: () => run((context) => highlighter.clear(context)),
    writeSummary: (summary: SummarySheet) => run((context) => writeSummary(context, summary)),
    upgradeSheet: (upgrade: SheetUpgrade, templates: Record<string, number>) => run((context) => upgradeSheet(context, upgrade, templates)),
  };
}
