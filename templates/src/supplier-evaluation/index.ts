import { recordsToTable } from '../core/rules-kit.js';
import type { TableSheetSpec } from '../core/spec.js';
import type { TemplateModule } from '../core/template.js';
import { supplierEvaluationRules } from './rules.js';
import { supplierEvaluationSpec, SUPPLIER_SHEET } from './spec.js';

export const supplierEvaluation: TemplateModule = {
  spec: supplierEvaluationSpec,
  rules: supplierEvaluationRules,
  toGrids: (records) => ({ [SUPPLIER_SHEET]: recordsToTable(supplierEvaluationSpec.sheets[0] as TableSheetSpec, records) }),
};

export * from './spec.js';
export * from './schema.js';
