// Public surface of @qms/engine: pure (no I/O, no clock).
export { assess } from './assess.js';
export { estimate } from './estimate.js';
export {
  summaryGrid,
  summaryLayout,
  summaryValues,
  moneyFormat,
  keptNotes,
  GROUP_TARGET,
  NOTES_MARKER,
  SUMMARY_SHEET,
  type SummaryCell,
  type SummaryOptions,
  type SummaryHistoryPoint,
  type SummaryLayout,
  type CellStyle,
  type CellRange,
  type ConditionalFormat,
  type PrintSetup,
  type NotesArea,
  type StyleName,
} from './summary-grid.js';
export { auditDays, roundHalfDay } from './audit-days.js';
export { tableDays, TABLE_QMS_1 } from './audit-days-table.js';
export { DEFAULT_SETTINGS, INDICATIVE_SOURCE, resolveSettings, type Settings, type DefaultRates } from './settings.js';
export { figure, type Figure, type FigureInput } from './figure.js';
export { mulberry32 } from './prng.js';
export type * from './types.js';
