import { appendAll } from '../core/arrays.js';
import { hasErrors } from '../core/issues.js';
import { checkIdCharacters, isBlank, requireUnique, rowsToRecords, str, valuesOf } from '../core/rules-kit.js';
import type { TableSheetSpec } from '../core/spec.js';
import type { TableRead, TypedRow } from '../core/table.js';
import { emptyResult, type ParseContext, type SheetReads, type TemplateResult } from '../core/template.js';
import { REVIEW_INPUTS } from './inputs.js';
import { managementReviewSpec, REVIEW_SHEET } from './spec.js';

const sheetSpec = managementReviewSpec.sheets[0] as TableSheetSpec;

/**
 * Management Review rules (docs/architecture.md, Templates and records). Review ID required, Status list, Yes/No and
 * date cells are checked by the spec through the generic reader; the rules below add what a completed review must
 * show. Rule ids in comments match the test names.
 */
export function managementReviewRules(reads: SheetReads, context: ParseContext): TemplateResult {
  const read = reads[REVIEW_SHEET] as TableRead | undefined;
  const result = emptyResult(managementReviewSpec);
  if (!read) return result;
  appendAll(result.issues, read.issues);
  if (hasErrors(read.issues)) return result;

  for (const row of read.rows) {
    checkIdCharacters(row, 'reviewId', 'Review ID');
    if (str(row, 'status') === 'Completed') completedRules(row, context);
  }
  // review.id-unique
  requireUnique(read.rows, (r) => str(r, 'reviewId'), 'reviewId', 'review.id-unique', 'Review ID');

  const out = rowsToRecords(
    read.rows,
    'management-review',
    (r) => str(r, 'reviewId') ?? '',
    (r) => valuesOf(r, sheetSpec.columns),
  );
  appendAll(result.records, out.records);
  appendAll(result.issues, out.issues);
  return result;
}

function completedRules(row: TypedRow, context: ParseContext): void {
  const date = str(row, 'date');
  // review.completed-needs-date
  if (isBlank(row, 'date')) {
    row.issue(
      'error',
      'review.completed-needs-date',
      'date',
      'Status is Completed but Date is blank; enter the day the review was held',
    );
  } else if (date !== undefined && date > context.asOf) {
    // review.completed-not-future
    row.issue(
      'error',
      'review.completed-not-future',
      'date',
      `Date ${date} is after the as-of date ${context.asOf}; a review cannot be completed in the future, so correct the date or set Status to Planned`,
    );
  }
  // review.completed-needs-minutes
  if (isBlank(row, 'minutesReference')) {
    row.issue(
      'error',
      'review.completed-needs-minutes',
      'minutesReference',
      'Status is Completed but Minutes reference is blank; name the minutes that record the review',
    );
  }
  // review.input-not-covered: one warning per input, on its own cell, naming it. A blank answer is not a Yes.
  for (const input of REVIEW_INPUTS) {
    const value = row.values[input.key];
    if (value === true) continue;
    // A cell refused by its type check (not Yes or No) already has its error.
    if (value === undefined && !isBlank(row, input.key)) continue;
    row.issue(
      'warning',
      'review.input-not-covered',
      input.key,
      `Completed review does not cover the input "${input.name}" (ISO 9001 9.3.2 ${input.item}): ${value === false ? 'it is No' : 'it is blank'}; take it into account at the next review, or set Yes if the minutes show it was covered`,
    );
  }
}
