import { recordsToTable } from '../core/rules-kit.js';
import type { TableSheetSpec } from '../core/spec.js';
import type { TemplateModule } from '../core/template.js';
import { cbComparisonRules } from './rules.js';
import { cbComparisonSpec, CB_SHEET } from './spec.js';

export const cbComparison: TemplateModule = {
  spec: cbComparisonSpec,
  rules: cbComparisonRules,
  toGrids: (records) => ({ [CB_SHEET]: recordsToTable(cbComparisonSpec.sheets[0] as TableSheetSpec, records) }),
};

export * from './spec.js';
export * from './schema.js';
export { quotedTotalExpected, QUOTE_TOLERANCE } from './rules.js';
