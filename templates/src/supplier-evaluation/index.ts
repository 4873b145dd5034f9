import { recordsToTable } from '../core/rules-kit.js';
import type { TableSheetSpec } from '../core/spec.js';
import type { TemplateModule } from '../core/template.js';
import { supplierEvaluationRules } from './rules.js';
import { CRITERIA_SHEET, supplierEvaluationSpec, SUPPLIER_SHEET } from './spec.js';

const [supplierSpec, criteriaSpec] = supplierEvaluationSpec.sheets as [TableSheetSpec, TableSheetSpec];

export const supplierEvaluation: TemplateModule = {
  spec: supplierEvaluationSpec,
  rules: supplierEvaluationRules,
  toGrids: (records) => ({
    // A defaulted Next evaluation is written blank, so parsing derives it (and the flag) again.
    [SUPPLIER_SHEET]: recordsToTable(
      supplierSpec,
      records.map((r) =>
        r.type === 'supplier' && r.data.nextEvaluationDefaulted === true
          ? { ...r, data: { ...r.data, nextEvaluation: undefined } }
          : r,
      ),
    ),
    // Always written, even with no criterion records: an empty criteria sheet parses as "criteria in error" (no
    // scores), which is what produced no criterion records in the first place; defaults come back as written rows.
    [CRITERIA_SHEET]: recordsToTable(criteriaSpec, records),
  }),
};

export * from './spec.js';
export * from './schema.js';
export { supplierScore, APPROVAL_MIN_SCORE } from './rules.js';
export { type CriteriaWeights, type Criterion } from './criteria.js';
