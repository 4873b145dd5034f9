import { CLAUSES, findClause, mayBeNotApplicable } from '../catalogue/iso9001-2015.js';
import { describeCell } from '../core/cells.js';
import { hasErrors, makeIssue } from '../core/issues.js';
import { isBlank, requireUnique, rowsToRecords, str, valuesOf } from '../core/rules-kit.js';
import type { TableSheetSpec } from '../core/spec.js';
import type { TableRead, TypedRow } from '../core/table.js';
import type { ParseContext, SheetReads, TemplateResult } from '../core/template.js';
import { readClauseCell } from './clause-cell.js';
import { gapAnalysisSpec, GAP_SHEET } from './spec.js';

const sheetSpec = gapAnalysisSpec.sheets[0] as TableSheetSpec;

/** Gaps still to close: these carry an owner, a target date and the overdue check. */
const OPEN_STATUSES = new Set(['Partially compliant', 'Non-compliant']);
/** Columns that make a row more than a section heading. */
const DETAIL_KEYS = ['status', 'evidence', 'gap', 'action', 'owner', 'targetDate', 'priority', 'effortDays'] as const;

/**
 * Gap Analysis rules (DESIGN §3.2). Status (blank = Not assessed), Priority, Target date and Effort ≥ 0 are
 * checked by the spec through the generic reader; the rules below work on clauses and statuses.
 * Rule ids in comments match the test names.
 */
export function gapAnalysisRules(reads: SheetReads, context: ParseContext): TemplateResult {
  const read = reads[GAP_SHEET] as TableRead | undefined;
  const result: TemplateResult = {
    templateId: gapAnalysisSpec.id,
    version: gapAnalysisSpec.version,
    records: [],
    issues: [],
  };
  if (!read) return result;
  result.issues.push(...read.issues);
  if (hasErrors(read.issues)) return result;

  const rows: TypedRow[] = [];
  for (const row of read.rows) {
    if (checkClauseCell(row) === 'section-heading') continue;
    rows.push(row);
    const clause = str(row, 'clause');
    if (clause === undefined || !findClause(clause)) continue;
    statusRules(row, clause, context);
  }
  // gap.clause-unique
  requireUnique(
    rows,
    (r) => (findClause(str(r, 'clause') ?? '') ? str(r, 'clause') : undefined),
    'clause',
    'gap.clause-unique',
    'Clause',
  );

  const out = rowsToRecords(
    rows,
    'gap',
    (r) => str(r, 'clause') ?? '',
    (r) => valuesOf(r, sheetSpec.columns),
  );
  result.records.push(...out.records);
  result.issues.push(...out.issues);

  // gap.clauses-missing: one sheet-level warning; the engine counts absent clauses as Not assessed.
  const present = new Set(rows.map((r) => str(r, 'clause')));
  const missing = CLAUSES.filter((c) => !present.has(c.clause)).map((c) => c.clause);
  if (missing.length > 0) {
    result.issues.push(
      makeIssue(
        'warning',
        'gap.clauses-missing',
        read.sheet,
        read.headerRow,
        read.columns.clause ?? 1,
        `${missing.length} catalogue clause${missing.length === 1 ? ' is' : 's are'} not in the sheet and count${missing.length === 1 ? 's' : ''} as Not assessed: ${missing.join(', ')}; add a row for each`,
      ),
    );
  }
  return result;
}

/**
 * gap.clause-in-catalogue: the Clause cell is tidied to the catalogue's number, or is an error. A heading number
 * (`8.4`, `7`) with nothing but a title is a section heading the user added for readability and is skipped.
 */
function checkClauseCell(row: TypedRow): 'clause' | 'section-heading' | 'invalid' | 'blank' {
  const raw = str(row, 'clause');
  if (raw === undefined) return 'blank';
  const cell = readClauseCell(raw);
  const typed = describeCell(row.cells.clause ?? { kind: 'text', value: raw });
  if (cell.kind === 'clause') {
    row.values.clause = cell.clause;
    // gap.title-from-catalogue
    if (str(row, 'title') === undefined) row.values.title = findClause(cell.clause)?.title;
    return 'clause';
  }
  if (cell.kind === 'heading') {
    if (DETAIL_KEYS.every((k) => isBlank(row, k))) return 'section-heading';
    const list =
      cell.clauses.length > 4
        ? `${cell.clauses.slice(0, 3).join(', ')} … ${cell.clauses.at(-1) ?? ''}`
        : cell.clauses.join(', ');
    row.issue(
      'error',
      'gap.clause-in-catalogue',
      'clause',
      `Clause ${typed} is a heading, not a clause the gap matrix assesses; put this row on one of its clauses (${list})`,
    );
    return 'invalid';
  }
  row.issue(
    'error',
    'gap.clause-in-catalogue',
    'clause',
    `Clause ${typed} is not an ISO 9001:2015 clause of the catalogue; use a clause number such as 8.5.1`,
  );
  return 'invalid';
}

function statusRules(row: TypedRow, clause: string, context: ParseContext): void {
  const status = str(row, 'status');
  if (status === 'Not applicable') {
    // gap.na-allowed
    if (!mayBeNotApplicable(clause)) {
      row.issue(
        'error',
        'gap.na-allowed',
        'status',
        `Clause ${clause} cannot be Not applicable: only 7.1.5.x and clause 8 requirements may be excluded, system clauses can't be; assess it (Compliant, Partially compliant or Non-compliant)`,
      );
    }
    // gap.na-needs-justification
    if (isBlank(row, 'gap')) {
      row.issue(
        'error',
        'gap.na-needs-justification',
        'gap',
        `Clause ${clause} is Not applicable but Gap is blank; write why the requirement cannot apply (the scope statement must justify it)`,
      );
    }
    return;
  }
  // gap.compliant-needs-evidence
  if (status === 'Compliant' && isBlank(row, 'evidence')) {
    row.issue(
      'warning',
      'gap.compliant-needs-evidence',
      'evidence',
      `Clause ${clause} is Compliant but claimed without evidence; name the document or record that shows it in Evidence`,
    );
  }
  const target = str(row, 'targetDate');
  // gap.overdue also covers an assessment that was due (Not assessed with a past Target date).
  if (status === 'Not assessed' && target !== undefined && target < context.asOf)
    overdue(row, clause, status, target, context);
  if (status === undefined || !OPEN_STATUSES.has(status)) return;
  // gap.open-needs-owner
  if (isBlank(row, 'owner')) {
    row.issue(
      'warning',
      'gap.open-needs-owner',
      'owner',
      `Clause ${clause} is ${status} but Owner is blank; name who will close the gap`,
    );
  }
  // gap.open-needs-target-date
  if (isBlank(row, 'targetDate')) {
    row.issue(
      'warning',
      'gap.open-needs-target-date',
      'targetDate',
      `Clause ${clause} is ${status} but Target date is blank; set the date the gap should be closed by`,
    );
  } else if (target !== undefined && target < context.asOf) {
    overdue(row, clause, status, target, context);
  }
}

// gap.overdue
function overdue(row: TypedRow, clause: string, status: string, target: string, context: ParseContext): void {
  row.issue(
    'warning',
    'gap.overdue',
    'targetDate',
    `Overdue: clause ${clause} is still ${status} and its Target date ${target} is before ${context.asOf}; ${status === 'Not assessed' ? 'assess the clause' : 'close the gap'} or agree a new target date`,
  );
}
