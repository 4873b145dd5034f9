import type { ExcelPortOptions, ExcelRun } from './excel-port.ts';
import type { WorkbookPort } from './types.ts';

/**
 * The workbook port as the pane's entry creates it: the reading, inserting, highlighting and summary code (with
 * the templates' mapping parser and its zod schemas) loads on the first call, not with the first paint, which
 * keeps the pane's initial JavaScript within its budget (docs/architecture.md, Budgets). Every call waits for the
 * same one load; a failed load is tried again on the next call.
 */
export function createLazyExcelPort(run?: ExcelRun, options: ExcelPortOptions = {}): WorkbookPort {
  let loading: Promise<WorkbookPort> | undefined;
  const port = (): Promise<WorkbookPort> => {
    loading ??= import('./excel-port.ts').then(
      (m) => m.createExcelPort(run, options),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    );
    return loading;
  };
  return {
    read: async () => (await port()).read(),
    select: async (sheet, address) => (await port()).select(sheet, address),
    insert: async (request) => (await port()).insert(request),
    build: async (sheets, templates) => (await port()).build(sheets, templates),
    highlight: async (issues) => (await port()).highlight(issues),
    clearHighlights: async () => (await port()).clearHighlights(),
    inspectSummary: async (name) => (await port()).inspectSummary(name),
    highlightCount: async () => (await port()).highlightCount(),
    writeSummary: async (summary) => (await port()).writeSummary(summary),
    upgradeSheet: async (upgrade, templates, pack) => (await port()).upgradeSheet(upgrade, templates, pack),
    existingSheets: async (names) => (await port()).existingSheets(names),
    saveMapping: async (sheet, text) => (await port()).saveMapping(sheet, text),
  };
}
