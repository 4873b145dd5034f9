import { toCell, type Cell } from '../core/cells.js';
import { addMonths } from '../core/dates.js';
import { a1, hasErrors, makeIssue, type Issue } from '../core/issues.js';
import { checkIdCharacters, num, requireUnique, rowsToRecords, str, valuesOf } from '../core/rules-kit.js';
import type { TableSheetSpec, TemplateSpec } from '../core/spec.js';
import { findHeaderRow, readTable, type SheetInput, type TableRead, type TypedRow } from '../core/table.js';
import { emptyResult, type ParseContext, type SheetReads, type TemplateResult } from '../core/template.js';
import { cellText } from '../core/values.js';
import {
  criteriaRules,
  defaultCriteria,
  findCriteriaBlock,
  type CriteriaResult,
  type CriteriaWeights,
  type ScaleDeclaration,
} from './criteria.js';
import { DEFAULT_SCALE, isPercentHeader, readMark, SCALES, type ColumnScale } from './scale.js';
import {
  CRITERIA_SHEET,
  REEVALUATION_MONTHS,
  scoreSpecKey,
  supplierEvaluationSpec,
  supplierEvaluationSpecFor,
  supplierSheetsOf,
  SUPPLIER_SHEET,
} from './spec.js';
import { appendAll } from '../core/arrays.js';
import { PRODUCT_CRITERIA, type CriterionDef } from './criteria-set.js';

const [productSupplierSpec] = supplierSheetsOf(supplierEvaluationSpec);
/** The product's four score fields of a supplier record. */
export const SCORE_KEYS = PRODUCT_CRITERIA.map((c) => c.key);
/** Approved suppliers scoring below this get a warning. */
export const APPROVAL_MIN_SCORE = 3;

/**
 * Weighted mean of the criteria's 1–5 scores (by criterion key) with weights in percent (by criterion name), to two
 * decimals (as the sheet's formula shows it). Marks on another scale are converted first (scale.ts), and the mean is
 * taken of the converted marks as stored. Undefined until every criterion is scored.
 */
export function supplierScore(
  scores: Readonly<Record<string, number | undefined>>,
  weights: CriteriaWeights,
  criteria: readonly CriterionDef[] = PRODUCT_CRITERIA,
): number | undefined {
  let sum = 0;
  let weightTotal = 0;
  for (const criterion of criteria) {
    const score = scores[criterion.key];
    if (score === undefined) return undefined;
    const weight = weights[criterion.name] ?? 0;
    sum += score * weight;
    weightTotal += weight;
  }
  return weightTotal > 0 ? Math.round((sum / weightTotal) * 100) / 100 : undefined;
}

function looksLikeSupplierTable(input: SheetInput, supplierSpec: TableSheetSpec): boolean {
  const header = findHeaderRow(input.values, supplierSpec.columns);
  return !!header && supplierSpec.columns.every((c) => !c.required || header.matches.has(c.key));
}

/**
 * Supplier Evaluation rules (docs/architecture.md, Templates and records). Rule ids in comments match the test names. Criteria come from a block on
 * the supplier sheet, else the "Evaluation Criteria" sheet, else the default weights (silently: they are the
 * template's own). Criterion records are emitted in every case.
 * Checked by the spec through the generic reader: supplier.id-required, supplier.criticality-list,
 * supplier.status-list and, in the criteria, supplier.criterion-known. The marks are read here, on the scale the
 * criteria declare (supplier.scale-*, scale.ts), not by the spec's 1–5 bounds (which the built template validates).
 */
export const supplierEvaluationRules = (reads: SheetReads, context: ParseContext): TemplateResult =>
  supplierEvaluationRulesFor(PRODUCT_CRITERIA)(reads, context);

/** The spec scoring these criteria; the product's own object for the product's criteria. */
export const supplierEvaluationSpecOf = (set: readonly CriterionDef[]): TemplateSpec =>
  set === PRODUCT_CRITERIA ? supplierEvaluationSpec : supplierEvaluationSpecFor(set);

/** The rules of a Supplier Evaluation scoring these criteria (the product's, or a pack's: packs/modules.ts). */
export function supplierEvaluationRulesFor(set: readonly CriterionDef[]) {
  const spec = supplierEvaluationSpecOf(set);
  return (reads: SheetReads, context: ParseContext): TemplateResult => rulesWith(set, spec, reads, context);
}

function rulesWith(
  set: readonly CriterionDef[],
  spec: TemplateSpec,
  reads: SheetReads,
  context: ParseContext,
): TemplateResult {
  const [supplierSpec, criteriaSheetSpec] = supplierSheetsOf(spec);
  const result = emptyResult(spec);
  let table = reads[SUPPLIER_SHEET] as TableRead | undefined;
  let criteriaSheet = reads[CRITERIA_SHEET] as TableRead | undefined;
  // A supplier sheet whose criteria block has all three criteria columns scores as a criteria sheet when recognised
  // by header; it is still the supplier table, with its block.
  if (!table && criteriaSheet && looksLikeSupplierTable(criteriaSheet.input, supplierSpec)) {
    table = readTable(criteriaSheet.input, supplierSpec, context);
    criteriaSheet = undefined;
  }

  const block = table ? findCriteriaBlock(table, context, criteriaSheetSpec) : undefined;
  let criteria: CriteriaResult;
  if (block) {
    criteria = criteriaRules(block, set);
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
    criteria = criteriaRules(criteriaSheet, set);
  } else {
    criteria = defaultCriteria(set);
  }
  appendAll(result.records, criteria.records);

  if (table) {
    appendAll(result.issues, table.issues);
    if (!hasErrors(table.issues)) supplierRows(table, criteria, set, context, result);
  }
  appendAll(result.issues, criteria.issues);
  return result;
}

interface ScoreColumn {
  /** The spec key of the column (scoreSpecKey). */
  key: string;
  /** The spec's header (as messages name the column) and the sheet's own. */
  header: string;
  text: string;
  column: number;
  /** Undefined when the declared scale is unreadable: the column's marks cannot be read. */
  scale?: ColumnScale;
}

/**
 * The score columns present and the scale of each. supplier.percent-columns: a header that says % ("Quality %",
 * "Quality (%)") makes its column percent whatever is declared; the header is the user's own statement, not a guess.
 */
function scoreColumns(
  read: TableRead,
  declared: ScaleDeclaration | undefined,
  set: readonly CriterionDef[],
): ScoreColumn[] {
  const o = read.input.origin ?? { row: 1, column: 1 };
  const headerCells = read.input.values[read.headerRow - o.row] ?? [];
  return set.flatMap((criterion) => {
    const key = scoreSpecKey(criterion);
    const column = read.columns[key];
    if (column === undefined) return [];
    const header = criterion.name;
    const text = cellText(toCell(headerCells[column - o.column]));
    const percentHeader = isPercentHeader(text);
    let scale: ColumnScale | undefined;
    if (percentHeader && (declared === 'unreadable' || declared?.scale !== 'percent'))
      scale = { scale: 'percent', byHeader: true };
    else if (declared !== 'unreadable') scale = declared ?? { scale: DEFAULT_SCALE };
    return [{ key, header, text, column, scale }];
  });
}

/** One info issue per conversion, at the first converted column's header: converted marks are never silent. */
function conversionNotes(read: TableRead, columns: readonly ScoreColumn[]): Issue[] {
  const notes: Issue[] = [];
  const declared = columns.filter((c) => c.scale && !c.scale.byHeader && c.scale.scale !== '1-5');
  const first = declared[0];
  if (first?.scale) {
    notes.push(
      makeIssue(
        'info',
        'supplier.scale-declared',
        read.sheet,
        read.headerRow,
        first.column,
        `${declared.map((c) => c.header).join(', ')} marks are on the ${SCALES[first.scale.scale].name} scale declared at ${first.scale.at ?? ''}; each is ${SCALES[first.scale.scale].rule}; records and Score hold the converted marks`,
      ),
    );
  }
  const byHeader = columns.filter((c) => c.scale?.byHeader);
  const firstByHeader = byHeader[0];
  if (firstByHeader) {
    notes.push(
      makeIssue(
        'info',
        'supplier.percent-columns',
        read.sheet,
        read.headerRow,
        firstByHeader.column,
        `${byHeader.map((c) => `"${c.text}" (${a1(read.headerRow, c.column)})`).join(', ')} ${byHeader.length === 1 ? 'is read as percentages because its header says' : 'are read as percentages because their headers say'} %; each mark is ${SCALES.percent.rule}`,
      ),
    );
  }
  return notes;
}

const BLANK: Cell = { kind: 'blank' };

function supplierRows(
  read: TableRead,
  criteria: CriteriaResult,
  set: readonly CriterionDef[],
  context: ParseContext,
  result: TemplateResult,
): void {
  const { weights } = criteria;
  const columns = scoreColumns(read, criteria.scale, set);
  const added = set.filter((c) => c.extra);
  appendAll(result.issues, conversionNotes(read, columns));
  // Rows with a mark that no known scale can read yield no record (the declaration's error says why).
  const unread = new Set<TypedRow>();
  const extra = new Map<TypedRow, Record<string, unknown>>();
  // supplier.score-computed, part 1: the sheet's Score cell is the formula's output, ignored even when it shows an
  // error. The marks' cells are read again below on their scale, so the spec's 1–5 verdict on them goes too.
  const reread = [read.columns.score, ...columns.map((c) => c.column)].filter((c): c is number => c !== undefined);
  for (const row of read.rows) {
    const ignored = new Set(reread.map((c) => a1(row.row, c)));
    const kept = row.issues.filter((i) => !ignored.has(i.address));
    row.issues.splice(0, row.issues.length, ...kept);
    for (const { key, header, scale } of columns) {
      const cell = row.cells[key] ?? BLANK;
      row.values[key] = undefined;
      if (cell.kind === 'blank') continue;
      if (!scale) {
        unread.add(row);
        continue;
      }
      // supplier.scale-out-of-range (and the default 1–5 when nothing is declared: supplier.scale-never-guessed)
      const mark = readMark(cell, header, scale, context);
      if (mark.ok) row.values[key] = mark.value;
      else row.issue('error', mark.code, key, mark.message);
    }
    checkIdCharacters(row, 'supplierId', 'Supplier ID');
    const data: Record<string, unknown> = {};
    // supplier.score-computed, part 2: recomputed from the criteria's scores and weights.
    const score = weights
      ? supplierScore(Object.fromEntries(set.map((c) => [c.key, num(row, scoreSpecKey(c))])), weights, set)
      : undefined;
    data.score = score;
    // supplier.extra-criteria: the marks of a pack's own criteria are kept in `extra`, by the criterion's key.
    if (added.length > 0) data.extra = Object.fromEntries(added.map((c) => [c.key, num(row, scoreSpecKey(c)) ?? null]));
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
    read.rows.filter((r) => !unread.has(r)),
    'supplier',
    (r) => str(r, 'supplierId') ?? '',
    (r) => ({ ...valuesOf(r, productSupplierSpec.columns), ...extra.get(r) }),
  );
  appendAll(result.records, out.records);
  appendAll(result.issues, out.issues);
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
