import { recordsToTable } from '../core/rules-kit.js';
import type { TableSheetSpec } from '../core/spec.js';
import type { TemplateModule } from '../core/template.js';
import { kpiTrackerRules } from './rules.js';
import { kpiTrackerSpec, KPI_DEFINITIONS_SHEET, KPI_MEASUREMENTS_SHEET } from './spec.js';

const [definitionsSpec, measurementsSpec] = kpiTrackerSpec.sheets as [TableSheetSpec, TableSheetSpec];

export const kpiTracker: TemplateModule = {
  spec: kpiTrackerSpec,
  rules: kpiTrackerRules,
  toGrids: (records) => ({
    [KPI_DEFINITIONS_SHEET]: recordsToTable(definitionsSpec, records),
    // The Period cell gets the canonical label (2026-Q1), which parses back to the same period start.
    [KPI_MEASUREMENTS_SHEET]: recordsToTable(
      measurementsSpec,
      records.map((r) =>
        r.type === 'kpi-measurement' ? { ...r, data: { ...r.data, period: r.data.periodLabel } } : r,
      ),
    ),
  }),
};

export * from './spec.js';
export * from './schema.js';
export {
  kpiSummaries,
  kpiRag,
  leastSquaresSlope,
  TREND_PERIODS,
  TREND_FLAT_TOLERANCE,
  type KpiSummary,
  type KpiTrend,
  type KpiDirection,
  type Rag,
} from './summaries.js';
export {
  parsePeriodCell,
  parsePeriodText,
  fitPeriod,
  periodLabel,
  isoWeekOf,
  isoWeekStart,
  type KpiFrequency,
  type PeriodUnit,
} from './periods.js';
