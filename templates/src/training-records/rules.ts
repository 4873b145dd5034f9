import { appendAll } from '../core/arrays.js';
import { hasErrors } from '../core/issues.js';
import { isBlank, requireUnique, rowsToRecords, str, valuesOf } from '../core/rules-kit.js';
import type { TableSheetSpec } from '../core/spec.js';
import type { TableRead, TypedRow } from '../core/table.js';
import { emptyResult, type ParseContext, type SheetReads, type TemplateResult } from '../core/template.js';
import { trainingId } from './schema.js';
import { trainingRecordsSpec, TRAINING_SHEET } from './spec.js';

const sheetSpec = trainingRecordsSpec.sheets[0] as TableSheetSpec;

/** Messages shared with the wide matrix, so both layouts say the same thing about the same training. */
export const trainingMessages = {
  completedFuture: (completed: string, asOf: string) =>
    `Completed date ${completed} is after the as-of date ${asOf}; a training cannot be completed in the future — enter the day it was completed`,
  refresherDue: (validUntil: string) =>
    `Refresher due: valid until ${validUntil}; repeat the training and record the new completion and Valid until`,
  gap: (person: string, competence: string) =>
    `Training gap: ${competence} is required for ${person}'s role but has no completion; plan the training and record its Completed date`,
};

/**
 * Training Matrix rules: one row per person and competence. Person and Competence / course are required by the spec;
 * the rules add the date logic, the training gap and the uniqueness of the pair. Rule ids in comments match the test names.
 */
export function trainingRecordsRules(reads: SheetReads, context: ParseContext): TemplateResult {
  const read = reads[TRAINING_SHEET] as TableRead | undefined;
  const result = emptyResult(trainingRecordsSpec);
  if (!read) return result;
  appendAll(result.issues, read.issues);
  if (hasErrors(read.issues)) return result;

  for (const row of read.rows) rowRules(row, context);
  // training.person-competence-unique
  requireUnique(read.rows, pairOf, 'competence', 'training.person-competence-unique', 'Person and Competence');

  const out = rowsToRecords(
    read.rows,
    'training',
    (r) => pairOf(r) ?? '',
    (r) => valuesOf(r, sheetSpec.columns),
  );
  appendAll(result.records, out.records);
  appendAll(result.issues, out.issues);
  return result;
}

function pairOf(row: TypedRow): string | undefined {
  const person = str(row, 'person');
  const competence = str(row, 'competence');
  return person !== undefined && competence !== undefined ? trainingId(person, competence) : undefined;
}

function rowRules(row: TypedRow, context: ParseContext): void {
  const completed = str(row, 'completedDate');
  const validUntil = str(row, 'validUntil');
  // training.completed-not-future
  if (completed && completed > context.asOf) {
    row.issue(
      'error',
      'training.completed-not-future',
      'completedDate',
      trainingMessages.completedFuture(completed, context.asOf),
    );
  }
  // training.valid-after-completed
  if (completed && validUntil && validUntil < completed) {
    row.issue(
      'error',
      'training.valid-after-completed',
      'validUntil',
      `Valid until ${validUntil} is before Completed date ${completed}; a training is valid from its completion, so correct one of the dates`,
    );
  } else if (validUntil && validUntil < context.asOf) {
    // training.refresher-due
    row.issue('warning', 'training.refresher-due', 'validUntil', trainingMessages.refresherDue(validUntil));
  }
  // training.gap: only a blank Completed date is a gap; a refused date already has its own error.
  if (row.values.requiredForRole === true && isBlank(row, 'completedDate')) {
    row.issue(
      'warning',
      'training.gap',
      'completedDate',
      trainingMessages.gap(str(row, 'person') ?? 'this person', str(row, 'competence') ?? 'this competence'),
    );
  }
}
