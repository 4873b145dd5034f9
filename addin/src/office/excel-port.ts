import type { Issue, SheetUpgrade } from '@qms/templates';
import { Highlighter } from './highlight.ts';
import { buildSheets, existingSheets, insertFromBase64 } from './insert.ts';
import { saveMapping } from './mapping.ts';
import { selectCell } from './navigate.ts';
import { readWorkbook } from './read.ts';
import { inspectSummary, writeSummary } from './summary.ts';
import { upgradeSheet } from './upgrade.ts';
import type { InsertRequest, SheetBuild, SummarySheet, WorkbookPort } from './types.ts';

/** Excel.run's shape; tests pass an in-memory stand-in. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** What the host supports beyond ExcelApi 1.7 (all on unless said otherwise, as in current Excel). */
export interface ExcelPortOptions {
  /** Worksheet custom properties (ExcelApi 1.12): the `qms.template` sheet markers. */
  sheetMarkers?: boolean;
  /** Table.resize (ExcelApi 1.13). */
  tableResize?: boolean;
  /** Data validation (ExcelApi 1.8): drop-downs. */
  dataValidation?: boolean;
}

/** The one object the pane uses to reach the workbook. */
export function createExcelPort(
  run: ExcelRun = (batch) => Excel.run(batch),
  options: ExcelPortOptions = {},
): WorkbookPort {
  // The record of painted cells lives in the workbook where worksheet properties exist (ExcelApi 1.12).
  const highlighter = new Highlighter(options.sheetMarkers ?? true);
  return {
    read: () => run((context) => readWorkbook(context)),
    select: (sheet: string, address: string) => run((context) => selectCell(context, sheet, address)),
    insert: (request: InsertRequest) => run((context) => insertFromBase64(context, request)),
    build: (sheets: SheetBuild[], templates: Record<string, number>) =>
      run((context) => buildSheets(context, sheets, templates, options.sheetMarkers ?? true)),
    highlight: (issues: readonly Issue[]) => run((context) => highlighter.highlight(context, issues)),
    clearHighlights: () => run((context) => highlighter.clear(context)),
    inspectSummary: (name: string) => run((context) => inspectSummary(context, name)),
    highlightCount: () => run((context) => highlighter.count(context)),
    writeSummary: (summary: SummarySheet) => run((context) => writeSummary(context, summary)),
    upgradeSheet: (upgrade: SheetUpgrade, templates: Record<string, number>, pack?: { id: string; version: number }) =>
      run((context) =>
        upgradeSheet(
          context,
          upgrade,
          templates,
          {
            sheetMarkers: options.sheetMarkers ?? true,
            tableResize: options.tableResize ?? true,
            dataValidation: options.dataValidation ?? true,
          },
          pack,
        ),
      ),
    saveMapping: (sheet: string, text: string) => run((context) => saveMapping(context, sheet, text)),
    existingSheets: (names: readonly string[]) => run((context) => existingSheets(context, names)),
  };
}
