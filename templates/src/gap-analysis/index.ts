import { recordsToTable } from '../core/rules-kit.js';
import type { TableSheetSpec } from '../core/spec.js';
import type { TemplateModule } from '../core/template.js';
import { gapAnalysisRules } from './rules.js';
import { gapAnalysisSpec, GAP_SHEET } from './spec.js';

export const gapAnalysis: TemplateModule = {
  spec: gapAnalysisSpec,
  rules: gapAnalysisRules,
  toGrids: (records) => ({ [GAP_SHEET]: recordsToTable(gapAnalysisSpec.sheets[0] as TableSheetSpec, records) }),
};

export * from './spec.js';
export * from './schema.js';
