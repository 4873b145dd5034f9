import { hasErrors } from '../core/issues.js';
import { checkIdCharacters, isBlank, requireUnique, rowsToRecords, str, valuesOf } from '../core/rules-kit.js';
import type { TableSheetSpec } from '../core/spec.js';
import type { TableRead, TypedRow } from '../core/table.js';
import { emptyResult, type ParseContext, type SheetReads, type TemplateResult } from '../core/template.js';
import { parseScope } from './scope.js';
import { auditProgrammeSpec, AUDIT_SHEET } from './spec.js';
import { appendAll } from '../core/arrays.js';

const sheetSpec = auditProgrammeSpec.sheets[0] as TableSheetSpec;

/**
 * Audit Programme rules (docs/architecture.md, Templates and records). Event ID required, Type and Status lists, dates and findings as integers
 * ≥ 0 are checked by the spec through the generic reader; the rules below add scope and status logic.
 * Rule ids in comments match the test names.
 */
export function auditProgrammeRules(reads: SheetReads, context: ParseContext): TemplateResult {
  const read = reads[AUDIT_SHEET] as TableRead | undefined;
  const result = emptyResult(auditProgrammeSpec);
  if (!read) return result;
  appendAll(result.issues, read.issues);
  if (hasErrors(read.issues)) return result;

  const scopes = new Map<TypedRow, string[]>();
  for (const row of read.rows) {
    checkIdCharacters(row, 'eventId', 'Event ID');
    const clauses = checkScope(row);
    if (clauses) scopes.set(row, clauses);
    const status = str(row, 'status');
    if (status === 'Completed') completedRules(row, context);
    if (status === 'Planned') plannedRules(row, context);
  }
  stageOrder(read.rows);
  // audit.id-unique
  requireUnique(read.rows, (r) => str(r, 'eventId'), 'eventId', 'audit.id-unique', 'Event ID');

  const out = rowsToRecords(
    read.rows,
    'audit-event',
    (r) => str(r, 'eventId') ?? '',
    (r) => ({ ...valuesOf(r, sheetSpec.columns), scopeClauses: scopes.get(r) }),
  );
  appendAll(result.records, out.records);
  appendAll(result.issues, out.issues);
  return result;
}

/** audit.scope-in-catalogue: `all` or a list of catalogue clauses, headings and ranges; returns the clauses covered. */
function checkScope(row: TypedRow): string[] | undefined {
  const typed = str(row, 'scope');
  if (typed === undefined) {
    if (!isBlank(row, 'scope')) return undefined;
    // audit.completed-audit-needs-scope: an internal audit's scope is what proves clause coverage (readiness of 9.2).
    if (str(row, 'status') === 'Completed' && str(row, 'type') === 'Internal audit') {
      row.issue(
        'warning',
        'audit.completed-audit-needs-scope',
        'scope',
        'Completed Internal audit has a blank Scope / clauses, so it counts as covering no clause; write all, or the clauses audited such as 4, 5.1-5.3, 9.2',
      );
    }
    return undefined;
  }
  const scope = parseScope(typed);
  if (scope.ok) return scope.clauses;
  const reasons = scope.problems.map((p) => p.reason).join('; ');
  row.issue(
    'error',
    'audit.scope-in-catalogue',
    'scope',
    `Scope / clauses: ${reasons}; write all, or clauses such as 4, 5.1-5.3, 9.2`,
  );
  return undefined;
}

function completedRules(row: TypedRow, context: ParseContext): void {
  const completed = str(row, 'completedDate');
  // audit.completed-needs-date
  if (isBlank(row, 'completedDate')) {
    row.issue(
      'error',
      'audit.completed-needs-date',
      'completedDate',
      'Status is Completed but Completed date is blank; enter the day the event took place',
    );
  } else if (completed !== undefined && completed > context.asOf) {
    // audit.completed-not-future
    row.issue(
      'error',
      'audit.completed-not-future',
      'completedDate',
      `Completed date ${completed} is after the as-of date ${context.asOf}; an event cannot be completed in the future, so correct the date or set Status to Planned`,
    );
  }
  // audit.completed-needs-report
  if (isBlank(row, 'reportReference')) {
    row.issue(
      'error',
      'audit.completed-needs-report',
      'reportReference',
      'Status is Completed but Report reference is blank; name the report or minutes that record the results',
    );
  }
}

/**
 * audit.stage2-after-stage1: a certification body holds Stage 1 before Stage 2, so a completed Stage 2 with no
 * completed Stage 1 on or before its date usually means a row is missing or a date is wrong.
 */
function stageOrder(rows: readonly TypedRow[]): void {
  const completedOn = (row: TypedRow, type: string): string | undefined =>
    str(row, 'status') === 'Completed' && str(row, 'type') === type ? str(row, 'completedDate') : undefined;
  const stage1Dates = rows.map((r) => completedOn(r, 'Stage 1 audit')).filter((d): d is string => d !== undefined);
  for (const row of rows) {
    const stage2 = completedOn(row, 'Stage 2 audit');
    if (stage2 === undefined || stage1Dates.some((d) => d <= stage2)) continue;
    row.issue(
      'warning',
      'audit.stage2-after-stage1',
      'type',
      `Stage 2 audit completed on ${stage2}, but no Stage 1 audit completed on or before that date is listed; add the Stage 1 audit row with its Completed date`,
    );
  }
}

function plannedRules(row: TypedRow, context: ParseContext): void {
  const planned = str(row, 'plannedDate');
  const completed = str(row, 'completedDate');
  // audit.planned-with-completed-date
  if (completed !== undefined) {
    row.issue(
      'warning',
      'audit.planned-with-completed-date',
      'completedDate',
      `Status is Planned but Completed date is ${completed}; set Status to Completed if the event took place, or clear the date`,
    );
  }
  // audit.planned-needs-date
  if (isBlank(row, 'plannedDate')) {
    row.issue(
      'warning',
      'audit.planned-needs-date',
      'plannedDate',
      'Status is Planned but Planned date is blank; schedule the event so the timeline can use it',
    );
  } else if (planned !== undefined && planned < context.asOf && isBlank(row, 'completedDate')) {
    // audit.planned-overdue
    row.issue(
      'warning',
      'audit.planned-overdue',
      'plannedDate',
      `Overdue: the event was planned for ${planned}, before ${context.asOf}, and is still Planned; mark it Completed with its date and report, or re-plan it`,
    );
  }
}
