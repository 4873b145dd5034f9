import type { QmsRecord } from '../core/record.js';
import type { SheetSpec } from '../core/spec.js';
import type { SheetInput } from '../core/table.js';
import type { TemplateModule } from '../core/template.js';
import { kpiWideSheetScore } from './recognition.js';
import { kpiWideRules } from './rules.js';
import { KPI_DEFINITION_COLUMNS, KPI_WIDE_SHEET, KPI_WIDE_MONTH_COLUMNS, kpiWideSpec } from './spec.js';

/** A template module that can also judge a sheet by more than its header names (see recognition.ts). */
export type TemplateModuleWithScore = TemplateModule & {
  sheetScore(sheet: SheetInput, spec: SheetSpec): number;
};

export const kpiWide: TemplateModuleWithScore = {
  spec: kpiWideSpec,
  rules: kpiWideRules,
  toGrids: (records) => ({ [KPI_WIDE_SHEET]: wideGrid(records) }),
  sheetScore: kpiWideSheetScore,
};

/**
 * Records back into the wide layout: the KPI columns, then one column per measured period in period order,
 * headed with its canonical label (2026-03, 2026-Q1), which carries its year, so the grid parses back to the same
 * records without a title. Without measurements the period columns are the template's Jan … Dec.
 */
function wideGrid(records: readonly QmsRecord[]): unknown[][] {
  const measurements = records.filter((r) => r.type === 'kpi-measurement');
  const periods = new Map<string, string>();
  for (const m of measurements) periods.set(String(m.data.periodLabel), String(m.data.period));
  const labels = [...periods]
    .sort(([la, pa], [lb, pb]) => (pa === pb ? la.localeCompare(lb) : pa < pb ? -1 : 1))
    .map(([label]) => label);
  const periodHeaders = labels.length > 0 ? labels : KPI_WIDE_MONTH_COLUMNS.map((c) => c.header);
  const width = KPI_DEFINITION_COLUMNS.length;
  const rows = new Map<string, unknown[]>();
  const rowOf = (kpiId: string): unknown[] => {
    let row = rows.get(kpiId.toLowerCase());
    if (!row) {
      // A measurement of a KPI without its record still gets a row (its KPI ID only), so nothing is lost.
      row = [...KPI_DEFINITION_COLUMNS.map((c) => (c.key === 'kpiId' ? kpiId : '')), ...periodHeaders.map(() => '')];
      rows.set(kpiId.toLowerCase(), row);
    }
    return row;
  };
  for (const kpi of records.filter((r) => r.type === 'kpi')) {
    const row = rowOf(String(kpi.data.kpiId));
    KPI_DEFINITION_COLUMNS.forEach((c, i) => {
      row[i] = kpi.data[c.key] ?? '';
    });
  }
  for (const m of measurements) {
    rowOf(String(m.data.kpiId))[width + labels.indexOf(String(m.data.periodLabel))] = m.data.actual;
  }
  return [[...KPI_DEFINITION_COLUMNS.map((c) => c.header), ...periodHeaders], ...rows.values()];
}

export * from './spec.js';
export { kpiWideRules } from './rules.js';
export { kpiWideSheetScore } from './recognition.js';
export {
  parsePeriodHeader,
  monthOfName,
  yearOfCell,
  KPI_MONTH_NAMES,
  type HeaderParse as KpiWideHeaderParse,
} from './period-headers.js';
