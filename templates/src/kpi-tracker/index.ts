import { recordsToTable } from '../core/rules-kit.js';
import type { TableSheetSpec } from '../core/spec.js';
import type { TemplateModule } from '../core/template.js';
import { kpiTrackerRules } from './rules.js';
import { kpiTrackerSpec, KPI_DEFINITIONS_SHEET } from './spec.js';

export const kpiTracker: TemplateModule = {
  spec: kpiTrackerSpec,
  rules: kpiTrackerRules,
  toGrids: (records) => ({ [KPI_DEFINITIONS_SHEET]: recordsToTable(kpiTrackerSpec.sheets[0] as TableSheetSpec, records) }),
};

export * from './spec.js';
export * from './schema.js';
