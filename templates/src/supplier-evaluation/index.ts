import { recordsToTable } from '../core/rules-kit.js';
import type { TableSheetSpec } from '../core/spec.js';
import type { TemplateModule } from '../core/template.js';
import type { QmsRecord } from '../core/record.js';
import { supplierEvaluationRulesFor, supplierEvaluationSpecOf } from './rules.js';
import { roundMark } from './scale.js';
import { CRITERIA_SHEET, scoreSpecKey, SUPPLIER_SHEET } from './spec.js';
import { PRODUCT_CRITERIA, type CriterionDef } from './criteria-set.js';

const isConverted = (v: unknown) => typeof v === 'number' && !Number.isInteger(v);

/**
 * Marks converted from 1–10 or percent (3.67) are no whole 1–5 marks and would not read back on the default scale.
 * Records keep no raw mark, so such a grid declares 'Scale: Percent' and writes each 1–5 mark m as the percentage
 * (m − 1) × 25 with its % sign (so 1 % is never read as the fraction 1), which converts back to m exactly.
 */
function asPercent(record: QmsRecord, keys: readonly string[]): QmsRecord {
  const data = { ...record.data };
  for (const key of keys) {
    const m = data[key];
    if (typeof m === 'number') data[key] = `${roundMark((m - 1) * 25)}%`;
  }
  return { ...record, data };
}

/** A supplier record with its extra criteria's marks (in `extra`) where the grid's columns look for them. */
function withCriteriaMarks(record: QmsRecord, added: readonly CriterionDef[]): QmsRecord {
  if (added.length === 0) return record;
  const extra = (record.data.extra ?? {}) as Record<string, unknown>;
  return {
    ...record,
    data: { ...record.data, ...Object.fromEntries(added.map((c) => [scoreSpecKey(c), extra[c.key]])) },
  };
}

/** The Supplier Evaluation template scoring these criteria: the product's four, or a pack's (packs/modules.ts). */
export function supplierEvaluationFor(set: readonly CriterionDef[]): TemplateModule {
  const spec = supplierEvaluationSpecOf(set);
  const [supplierSpec, criteriaSpec] = spec.sheets as [TableSheetSpec, TableSheetSpec];
  const added = set.filter((c) => c.extra);
  const keys = set.map(scoreSpecKey);
  return {
    spec,
    rules: supplierEvaluationRulesFor(set),
    toGrids: (records) => gridsOf(records, supplierSpec, criteriaSpec, added, keys),
  };
}

function gridsOf(
  records: readonly QmsRecord[],
  supplierSpec: TableSheetSpec,
  criteriaSpec: TableSheetSpec,
  added: readonly CriterionDef[],
  keys: readonly string[],
): Record<string, unknown[][]> {
  const marked = records.map((r) => (r.type === 'supplier' ? withCriteriaMarks(r, added) : r));
  const percent = marked.some((r) => r.type === 'supplier' && keys.some((k) => isConverted(r.data[k])));
  return {
    // A defaulted Next evaluation is written blank, so parsing derives it (and the flag) again.
    [SUPPLIER_SHEET]: recordsToTable(
      supplierSpec,
      marked.map((r) => {
        if (r.type !== 'supplier') return r;
        const written = percent ? asPercent(r, keys) : r;
        return r.data.nextEvaluationDefaulted === true
          ? { ...written, data: { ...written.data, nextEvaluation: undefined } }
          : written;
      }),
    ),
    // Always written, even with no criterion records: an empty criteria sheet parses as "criteria in error" (no
    // scores), which is what produced no criterion records in the first place; defaults come back as written rows.
    [CRITERIA_SHEET]: [...recordsToTable(criteriaSpec, records), ...(percent ? [['Scale', 'Percent']] : [])],
  };
}

export const supplierEvaluation: TemplateModule = supplierEvaluationFor(PRODUCT_CRITERIA);

export * from './spec.js';
export * from './schema.js';
export { supplierScore, APPROVAL_MIN_SCORE } from './rules.js';
export { type CriteriaWeights, type Criterion } from './criteria.js';
export {
  criteriaSetOf,
  PRODUCT_CRITERIA,
  PRODUCT_CRITERION_KEYS,
  type CriterionChoice,
  type CriterionDef,
} from './criteria-set.js';
