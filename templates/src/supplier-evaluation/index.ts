import { recordsToTable } from '../core/rules-kit.js';
import type { TableSheetSpec } from '../core/spec.js';
import type { TemplateModule } from '../core/template.js';
import type { QmsRecord } from '../core/record.js';
import { SCORE_KEYS, supplierEvaluationRules } from './rules.js';
import { roundMark } from './scale.js';
import { CRITERIA_SHEET, supplierEvaluationSpec, SUPPLIER_SHEET } from './spec.js';

const [supplierSpec, criteriaSpec] = supplierEvaluationSpec.sheets as [TableSheetSpec, TableSheetSpec];

const isConverted = (v: unknown) => typeof v === 'number' && !Number.isInteger(v);

/**
 * Marks converted from 1–10 or percent (3.67) are no whole 1–5 marks and would not read back on the default scale.
 * Records keep no raw mark, so such a grid declares 'Scale: Percent' and writes each 1–5 mark m as the percentage
 * (m − 1) × 25 with its % sign (so 1 % is never read as the fraction 1), which converts back to m exactly.
 */
function asPercent(record: QmsRecord): QmsRecord {
  const data = { ...record.data };
  for (const key of SCORE_KEYS) {
    const m = data[key];
    if (typeof m === 'number') data[key] = `${roundMark((m - 1) * 25)}%`;
  }
  return { ...record, data };
}

export const supplierEvaluation: TemplateModule = {
  spec: supplierEvaluationSpec,
  rules: supplierEvaluationRules,
  toGrids: (records) => {
    const percent = records.some((r) => r.type === 'supplier' && SCORE_KEYS.some((k) => isConverted(r.data[k])));
    return {
      // A defaulted Next evaluation is written blank, so parsing derives it (and the flag) again.
      [SUPPLIER_SHEET]: recordsToTable(
        supplierSpec,
        records.map((r) => {
          if (r.type !== 'supplier') return r;
          const written = percent ? asPercent(r) : r;
          return r.data.nextEvaluationDefaulted === true
            ? { ...written, data: { ...written.data, nextEvaluation: undefined } }
            : written;
        }),
      ),
      // Always written, even with no criterion records: an empty criteria sheet parses as "criteria in error" (no
      // scores), which is what produced no criterion records in the first place; defaults come back as written rows.
      [CRITERIA_SHEET]: [...recordsToTable(criteriaSpec, records), ...(percent ? [['Scale', 'Percent']] : [])],
    };
  },
};

export * from './spec.js';
export * from './schema.js';
export { supplierScore, APPROVAL_MIN_SCORE } from './rules.js';
export { type CriteriaWeights, type Criterion } from './criteria.js';
