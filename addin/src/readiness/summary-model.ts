import type { Assessment as EngineAssessment } from '@qms/engine';
// Only the summary modules, never the engine: they need @qms/templates' group titles and types, nothing more.
import { SUMMARY_SHEET, summaryLayout, type SummaryHistoryPoint } from '@qms/engine/summary';
import { CLAUSE_GROUP_TITLES } from '@qms/templates';
import type { SummarySheet } from '../office/types.ts';

export { SUMMARY_SHEET };

export const GROUP_NAMES = CLAUSE_GROUP_TITLES;

export interface SummaryChoice {
  /** The sheet to write: "QMS Readiness", or the free name offered instead of replacing it. */
  name?: string;
  /** Replace the existing sheet of that name (its Notes area is kept). */
  replace?: boolean;
  /** Readiness over time from the backend, oldest first, when the pane has it. */
  history?: readonly SummaryHistoryPoint[];
}

/**
 * The "QMS Readiness" sheet as the pane writes it: the very layout `qms assess --summary` writes (summaryLayout),
 * so the sheet reads the same whichever wrote it; the brand line goes in the title bar. `generatedAt` comes from
 * the caller so this stays free of the clock. No chart: the data bars and fills carry the picture, as in the
 * CLI's copy.
 */
export function summarySheet(
  assessment: EngineAssessment,
  generatedAt: string,
  brand = '',
  choice: SummaryChoice = {},
): SummarySheet {
  const name = choice.name ?? SUMMARY_SHEET;
  return {
    name,
    replace: choice.replace ?? false,
    layout: (keptNotes) => ({
      ...summaryLayout(assessment, {
        generatedAt,
        ...(brand ? { brand } : {}),
        ...(choice.history ? { history: choice.history } : {}),
        ...(keptNotes ? { keptNotes } : {}),
      }),
      name,
    }),
  };
}
