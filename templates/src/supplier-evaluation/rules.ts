import { addMonths } from '../core/dates.js';
import { a1, hasErrors, makeIssue } from '../core/issues.js';
import { checkIdCharacters, num, requireUnique, rowsToRecords, str, valuesOf } from '../core/rules-kit.js';
import type { TableSheetSpec } from '../core/spec.js';
import { findHeaderRow, readTable, type SheetInput, type TableRead, type TypedRow } from '../core/table.js';
import type { ParseContext, SheetReads, TemplateResult } from '../core/template.js';
import {
  criteriaRules,
  defaultCriteria,
  findCriteriaBlock,
  type CriteriaResult,
  type CriteriaWeights,
} from './criteria.js';
import { CRITERIA_SHEET, REEVALUATION_MONTHS, supplierEvaluationSpec, SUPPLIER_SHEET } from './spec.js';

const supplierSpec = supplierEvaluationSpec.sheets[0] as TableSheetSpec;
const SCORE_KEYS = ['quality', 'delivery', 'responsiveness', 'cost'] as const;
const CRITERION_OF: Record<(typeof SCORE_KEYS)[number], keyof CriteriaWeights> = {
  quality: 'Quality',
  delivery: 'Delivery',
  responsiveness: 'Responsiveness',
  cost: 'Cost',
};
/** Approved suppliers scoring below this get a warning. */
export const APPROVAL_MIN_SCORE = 3;

/** Weighted mean of the four 1–5 scores with weights in percent, to two decimals (as the sheet's formula shows it). */
export function supplierScore(
  scores: Partial<Record<(typeof SCORE_KEYS)[number], number>>,
  weights: CriteriaWeights,
): number | undefined {
  let sum = 0;
  let weightTotal = 0;
  for (const key of SCORE_KEYS) {
    const score = scores[key];
    if (score === undefined) return undefined;
    const weight = weights[CRITERION_OF[key]];
    sum += score * weight;
    weightTotal += weight;
  }
  return weightTotal > 0 ? Math.round((sum / weightTotal) * 100) / 100 : undefined;
}

function looksLikeSupplierTable(input: SheetInput): boolean {
  const header = findHeaderRow(input.values, supplierSpec.columns);
  return !!header && supplierSpec.columns.every((c) => !c.required || header.matches.has(c.key));
}

/**
 * Supplier Evaluation rules (DESIGN §3.4). Rule ids in comments match the test names. Criteria come from a block on
 * the supplier sheet, else the "Evaluation Criteria" sheet, else the default weights (silently: they are the
 * template's own). Criterion records are emitted in every case.
 * Checked by the spec through the generic reader: supplier.id-required, supplier.criticality-list,
 * supplier.status-list, supplier.score-range (integers 1–5) and, in the criteria, supplier.criterion-known.
 */
export function supplierEvaluationRules(reads: SheetReads, context: ParseContext): TemplateResult {
  const result: TemplateResult = {
    templateId: supplierEvaluationSpec.id,
    version: supplierEvaluationSpec.version,
    records: [],
    issues: [],
  };
  let table = reads[SUPPLIER_SHEET] as TableRead | undefined;
  let criteriaSheet = reads[CRITERIA_SHEET] as TableRead | undefined;
  // A supplier sheet whose criteria block has all three criteria columns scores as a criteria sheet when recognised
  // by header; it is still the supplier table, with its block.
  if (!table && criteriaSheet && looksLikeSupplierTable(criteriaSheet.input)) {
    table = readTable(criteriaSheet.input, supplierSpec, context);
    criteriaSheet = undefined;
  }

  const block = table ? findCriteriaBlock(table, context) : undefined;
  let criteria: CriteriaResult;
  if (block) {
    criteria = criteriaRules(block);
    // supplier.criteria-twice
    if (criteriaSheet) {
      criteria.issues.push(
        makeIssue(
          'warning',
          'supplier.criteria-twice',
          criteriaSheet.sheet,
          criteriaSheet.headerRow,
          criteriaSheet.columns.criterion ?? 1,
          `Criteria are given twice: on "${block.sheet}" (row ${block.headerRow}) and on this sheet; only those on "${block.sheet}" are used, so delete one of them`,
        ),
      );
    }
  } else if (criteriaSheet) {
    criteria = criteriaRules(criteriaSheet);
  } else {
    criteria = defaultCriteria();
  }
  result.records.push(...criteria.records);

  if (table) {
    result.issues.push(...table.issues);
    if (!hasErrors(table.issues)) supplierRows(table, criteria.weights, context, result);
  }
  result.issues.push(...criteria.issues);
  return result;
}

function supplierRows(
  read: TableRead,
  weights: CriteriaWeights | undefined,
  context: ParseContext,
  result: TemplateResult,
): void {
  const extra = new Map<TypedRow, Record<string, unknown>>();
  for (const row of read.rows) {
    // supplier.score-computed, part 1: the sheet's Score cell is the formula's output, ignored even when it shows an error.
    if (read.columns.score !== undefined) {
      const scoreCell = a1(row.row, read.columns.score);
      const kept = row.issues.filter((i) => i.address !== scoreCell);
      row.issues.splice(0, row.issues.length, ...kept);
    }
    checkIdCharacters(row, 'supplierId', 'Supplier ID');
    const data: Record<string, unknown> = {};
    // supplier.score-computed, part 2: recomputed from the four scores and the criteria weights.
    const score = weights
      ? supplierScore(Object.fromEntries(SCORE_KEYS.map((k) => [k, num(row, k)])), weights)
      : undefined;
    data.score = score;
    const status = str(row, 'status');
    // supplier.approved-low-score
    if (status === 'Approved' && score !== undefined && score < APPROVAL_MIN_SCORE) {
      row.issue(
        'warning',
        'supplier.approved-low-score',
        'status',
        `Approved with a score of ${score} (below ${APPROVAL_MIN_SCORE.toFixed(1)}); review the approval or set Status to Conditional`,
      );
    }
    nextEvaluationRules(row, data, context);
    // supplier.certificate-expired
    const expiry = str(row, 'certificateExpiry');
    if (expiry && expiry < context.asOf) {
      row.issue(
        'warning',
        'supplier.certificate-expired',
        'certificateExpiry',
        `Certificate expired on ${expiry}; ask the supplier for the renewed certificate and update the expiry date`,
      );
    }
    extra.set(row, data);
  }
  // supplier.id-unique
  requireUnique(read.rows, (r) => str(r, 'supplierId'), 'supplierId', 'supplier.id-unique', 'Supplier ID');
  const out = rowsToRecords(
    read.rows,
    'supplier',
    (r) => str(r, 'supplierId') ?? '',
    (r) => ({ ...valuesOf(r, supplierSpec.columns), ...extra.get(r) }),
  );
  result.records.push(...out.records);
  result.issues.push(...out.issues);
}

function nextEvaluationRules(row: TypedRow, data: Record<string, unknown>, context: ParseContext): void {
  const evaluated = str(row, 'evaluationDate');
  let next = str(row, 'nextEvaluation');
  const criticality = str(row, 'criticality') as keyof typeof REEVALUATION_MONTHS | undefined;
  // supplier.next-evaluation-default
  if (!next && evaluated && criticality && criticality in REEVALUATION_MONTHS) {
    next = addMonths(evaluated, REEVALUATION_MONTHS[criticality]);
    data.nextEvaluation = next;
    data.nextEvaluationDefaulted = true;
  } else if (next && evaluated && next < evaluated) {
    // supplier.next-after-evaluation
    row.issue(
      'error',
      'supplier.next-after-evaluation',
      'nextEvaluation',
      `Next evaluation ${next} is before Evaluation date ${evaluated}; set a date after the evaluation (or leave it blank for the default)`,
    );
    return;
  }
  // supplier.reevaluation-overdue
  if (next && next < context.asOf) {
    row.issue(
      'warning',
      'supplier.reevaluation-overdue',
      'nextEvaluation',
      `Re-evaluation overdue: it was due ${next}; evaluate the supplier again and update Evaluation date`,
    );
  }
}
