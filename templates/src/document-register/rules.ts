import { parseScope } from '../audit-programme/scope.js';
import { appendAll } from '../core/arrays.js';
import { hasErrors } from '../core/issues.js';
import { checkIdCharacters, isBlank, requireUnique, rowsToRecords, str, valuesOf } from '../core/rules-kit.js';
import type { TableSheetSpec } from '../core/spec.js';
import type { TableRead, TypedRow } from '../core/table.js';
import { emptyResult, type ParseContext, type SheetReads, type TemplateResult } from '../core/template.js';
import { documentRegisterSpec, DOCUMENT_SHEET } from './spec.js';

const sheetSpec = documentRegisterSpec.sheets[0] as TableSheetSpec;

/**
 * Document Register rules. Doc ID required and Status from its list are the spec's; the rules add the approval and
 * review logic and the clause check. Rule ids in comments match the test names.
 */
export function documentRegisterRules(reads: SheetReads, context: ParseContext): TemplateResult {
  const read = reads[DOCUMENT_SHEET] as TableRead | undefined;
  const result = emptyResult(documentRegisterSpec);
  if (!read) return result;
  appendAll(result.issues, read.issues);
  if (hasErrors(read.issues)) return result;

  const clauseLists = new Map<TypedRow, string[]>();
  for (const row of read.rows) {
    checkIdCharacters(row, 'docId', 'Doc ID');
    const clauses = checkClauses(row);
    if (clauses) clauseLists.set(row, clauses);
    const status = str(row, 'status');
    const approved = str(row, 'approvalDate');
    const next = str(row, 'nextReview');
    if (status === 'Approved') approvedRules(row);
    // doc.approval-not-future
    if (approved && approved > context.asOf) {
      row.issue(
        'error',
        'doc.approval-not-future',
        'approvalDate',
        `Approval date ${approved} is after the as-of date ${context.asOf}; a document cannot be approved in the future — enter the day it was approved`,
      );
    }
    // doc.review-after-approval
    if (approved && next && next < approved) {
      row.issue(
        'error',
        'doc.review-after-approval',
        'nextReview',
        `Next review ${next} is before Approval date ${approved}; set the next review on or after the approval`,
      );
    } else if (next && next < context.asOf && status !== 'Obsolete') {
      // doc.review-overdue: an Approved document past its review date is evidence gone stale.
      row.issue(
        'warning',
        'doc.review-overdue',
        'nextReview',
        `Review overdue: Next review was ${next}; review the document, then record the new approval and next review date`,
      );
    }
  }
  // doc.id-unique
  requireUnique(read.rows, (r) => str(r, 'docId'), 'docId', 'doc.id-unique', 'Doc ID');

  const out = rowsToRecords(
    read.rows,
    'document',
    (r) => str(r, 'docId') ?? '',
    (r) => ({ ...valuesOf(r, sheetSpec.columns), clauseList: clauseLists.get(r) }),
  );
  appendAll(result.records, out.records);
  appendAll(result.issues, out.issues);
  return result;
}

/**
 * doc.clauses-in-catalogue: the Clauses cell lists catalogue clauses or headings (7.5 covers 7.5.1–7.5.3) and ranges;
 * returns the catalogue clauses it names. "all" is refused: a document names the clauses it serves, and one that
 * claimed every clause would back every mandatory item of documented information at once.
 */
function checkClauses(row: TypedRow): string[] | undefined {
  const typed = str(row, 'clauses');
  if (typed === undefined) return undefined;
  const scope = parseScope(typed);
  if (scope.ok && !scope.all) return scope.clauses;
  const reasons = scope.ok ? '"all" names no clause in particular' : scope.problems.map((p) => p.reason).join('; ');
  row.issue(
    'error',
    'doc.clauses-in-catalogue',
    'clauses',
    `Clauses: ${reasons}; list the ISO 9001:2015 clauses the document serves, such as 7.5, 8.1`,
  );
  return undefined;
}

/** An Approved document names who approved it and when: each missing one is its own error. */
function approvedRules(row: TypedRow): void {
  // doc.approved-needs-approver
  if (isBlank(row, 'approvedBy')) {
    row.issue(
      'error',
      'doc.approved-needs-approver',
      'approvedBy',
      'Status is Approved but Approved by is blank; name who approved this revision',
    );
  }
  // doc.approved-needs-date
  if (isBlank(row, 'approvalDate')) {
    row.issue(
      'error',
      'doc.approved-needs-date',
      'approvalDate',
      'Status is Approved but Approval date is blank; enter the day this revision was approved',
    );
  }
}
