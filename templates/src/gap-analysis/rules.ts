import { CLAUSES, findClause, mayBeNotApplicable } from '../catalogue/iso9001-2015.js';
import { describeCell } from '../core/cells.js';
import { hasErrors, makeIssue } from '../core/issues.js';
import { GAP_STATUSES, PRIORITIES } from '../core/lists.js';
import { makeRecord } from '../core/record.js';
import { isBlank, num, requireUnique, str, valuesOf } from '../core/rules-kit.js';
import type { TableSheetSpec } from '../core/spec.js';
import type { TableRead, TypedRow, Value } from '../core/table.js';
import { emptyResult, type ParseContext, type SheetReads, type TemplateResult } from '../core/template.js';
import { readClauseCell } from './clause-cell.js';
import { gapAnalysisSpec, GAP_SHEET } from './spec.js';
import { appendAll } from '../core/arrays.js';

const sheetSpec = gapAnalysisSpec.sheets[0] as TableSheetSpec;

/** Gaps still to close: these carry an owner, a target date and the overdue check. */
const OPEN_STATUSES = new Set(['Partially compliant', 'Non-compliant']);
/** Columns that make a row more than a section heading. */
const DETAIL_KEYS = ['status', 'evidence', 'gap', 'action', 'owner', 'targetDate', 'priority', 'effortDays'] as const;

/**
 * gap.subclause-fold: a catalogue clause with several rows takes the weakest of their statuses, so no part can hide a
 * gap. Non-compliant is a known failure, so it is weakest. Not assessed comes next: an unassessed part means the
 * clause cannot claim what its assessed parts show (the engine also scores it 0, like Non-compliant, yet it is not a
 * finding). Then Partially compliant and Compliant. Not applicable is last, so it is kept only when every part is
 * Not applicable; an excluded part beside assessed ones leaves the clause with their status.
 */
const WEAKEST_FIRST: readonly (typeof GAP_STATUSES)[number][] = [
  'Non-compliant',
  'Not assessed',
  'Partially compliant',
  'Compliant',
  'Not applicable',
];

/**
 * Gap Analysis rules (docs/architecture.md, Templates and records). Status (blank = Not assessed), Priority, Target date and Effort ≥ 0 are
 * checked by the spec through the generic reader; the rules below work on clauses and statuses.
 * Rule ids in comments match the test names.
 */
export function gapAnalysisRules(reads: SheetReads, context: ParseContext): TemplateResult {
  const read = reads[GAP_SHEET] as TableRead | undefined;
  const result = emptyResult(gapAnalysisSpec);
  if (!read) return result;
  appendAll(result.issues, read.issues);
  if (hasErrors(read.issues)) return result;

  const rows: TypedRow[] = [];
  /** The catalogue clause each row is assessed under: its own number, or a sub-clause's catalogue ancestor. */
  const clauseOf = new Map<TypedRow, string>();
  for (const row of read.rows) {
    const cell = checkClauseCell(row);
    if (cell === 'section-heading') continue;
    rows.push(row);
    if (cell === undefined) continue;
    const { clause } = cell;
    clauseOf.set(row, clause);
    // The row's own number (8.2.3.1), so the messages point at what the user wrote and 8.x parts may be excluded.
    statusRules(row, str(row, 'clause') ?? clause, context);
  }
  // gap.clause-unique: on the number as written, so 8.2.3 and 8.2.3.1 are two parts of 8.2.3, not a repeat.
  requireUnique(rows, (r) => (clauseOf.has(r) ? str(r, 'clause') : undefined), 'clause', 'gap.clause-unique', 'Clause');

  // gap.subclause-fold: a catalogue clause's rows, in sheet order: its own row and those of its sub-clauses. A
  // repeated number stays out, as before: the first row of a number is the one that counts.
  const groups = new Map<string, TypedRow[]>();
  for (const row of rows) {
    const clause = clauseOf.get(row);
    if (clause === undefined || row.issues.some((i) => i.code === 'gap.clause-unique')) continue;
    const group = groups.get(clause);
    if (group) group.push(row);
    else groups.set(clause, [row]);
  }
  const folded = new Set<string>();
  for (const [clause, group] of groups) {
    if (group.some((r) => str(r, 'clause') !== clause)) folded.add(clause);
  }
  for (const clause of folded) foldNotes(clause, groups.get(clause) ?? []);

  // One record per catalogue clause, at the clause's own row, else at its first part. An error on any of its rows
  // means no record, as for a single row: part of the picture must not overwrite a stored record. Issues stay in
  // sheet order.
  for (const row of rows) {
    appendAll(result.issues, row.issues);
    const clause = clauseOf.get(row);
    const group = clause === undefined ? undefined : groups.get(clause);
    if (clause === undefined || !group || homeRow(clause, group) !== row || group.some((r) => hasErrors(r.issues)))
      continue;
    result.records.push(
      makeRecord(
        'gap',
        clause,
        folded.has(clause) ? foldedData(clause, group) : valuesOf(row, sheetSpec.columns),
        { sheet: row.sheet, row: row.row },
        group.flatMap((r) => r.issues.filter((i) => i.severity === 'warning')),
      ),
    );
  }

  // gap.clauses-missing: one sheet-level warning; the engine counts absent clauses as Not assessed.
  const present = new Set(clauseOf.values());
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
 * gap.clause-in-catalogue: the Clause cell is tidied to the catalogue's number, or to a sub-clause number below a
 * catalogue clause (gap.subclause-fold), or is an error. Returns the catalogue clause the row is assessed under. A
 * heading number (`8.4`, `7`) with nothing but a title is a section heading the user added for readability and is
 * skipped.
 */
function checkClauseCell(row: TypedRow): { clause: string } | 'section-heading' | undefined {
  const raw = str(row, 'clause');
  if (raw === undefined) return undefined;
  const cell = readClauseCell(raw);
  const typed = describeCell(row.cells.clause ?? { kind: 'text', value: raw });
  if (cell.kind === 'clause') {
    row.values.clause = cell.clause;
    // gap.title-from-catalogue
    if (str(row, 'title') === undefined) row.values.title = findClause(cell.clause)?.title;
    return { clause: cell.clause };
  }
  if (cell.kind === 'part') {
    // The sub-clause has no catalogue title; the record takes its catalogue clause's (foldedData).
    row.values.clause = cell.part;
    return { clause: cell.clause };
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
    return undefined;
  }
  row.issue(
    'error',
    'gap.clause-in-catalogue',
    'clause',
    `Clause ${typed} is not an ISO 9001:2015 clause of the catalogue, nor a sub-clause of one; use a clause number such as 8.5.1 (a sub-clause such as 8.2.3.1 is read as part of 8.2.3)`,
  );
  return undefined;
}

/** A row with only a number and a title names a part; it has no say in the clause's status. */
function hasDetails(row: TypedRow): boolean {
  return DETAIL_KEYS.some((k) => !isBlank(row, k));
}

/** gap.subclause-fold: the weakest status of the rows that say something; Not assessed when none does. */
function weakestStatus(group: readonly TypedRow[]): string {
  const voters = group.filter(hasDetails);
  const statuses = (voters.length > 0 ? voters : group).map((r) => str(r, 'status') ?? 'Not assessed');
  return WEAKEST_FIRST.find((s) => statuses.includes(s)) ?? 'Not assessed';
}

/** The row a catalogue clause's record comes from: the clause's own row, else its first part. */
function homeRow(clause: string, group: readonly TypedRow[]): TypedRow | undefined {
  return group.find((r) => str(r, 'clause') === clause) ?? group[0];
}

/**
 * gap.subclause-fold: a note on each sub-clause row, so that no row is read into another without saying so. When the
 * clause gets no record, its own row is noted too (unless it has its own error), naming the rows to fix.
 */
function foldNotes(clause: string, group: readonly TypedRow[]): void {
  const title = findClause(clause)?.title ?? '';
  const titlesOnly = group.filter((r) => !hasDetails(r)).length;
  const titleNote =
    titlesOnly > 0 && titlesOnly < group.length
      ? ` (${titlesOnly} with no Status or details ${titlesOnly === 1 ? 'is a title' : 'are titles'} only)`
      : '';
  const failing = group.filter((r) => hasErrors(r.issues)).map((r) => r.row);
  const outcome =
    failing.length > 0
      ? `${clause} gets no record until the errors on its rows are fixed (row${failing.length === 1 ? '' : 's'} ${failing.join(', ')})`
      : `${clause} takes the weakest status of its ${group.length} rows${titleNote}: ${weakestStatus(group)}`;
  for (const row of group) {
    const part = str(row, 'clause');
    if (part === undefined) continue;
    // A note on how the row was read, not a problem: nothing to fix, and the record does not carry it.
    if (part !== clause) {
      row.issue('info', 'gap.subclause-fold', 'clause', `${part} is read as part of ${clause} (${title}); ${outcome}`);
    } else if (failing.length > 0 && !hasErrors(row.issues)) {
      row.issue(
        'info',
        'gap.subclause-fold',
        'clause',
        `${clause} (${title}) is read with its sub-clause rows; ${outcome}`,
      );
    }
  }
}

/**
 * gap.subclause-fold: one record for a catalogue clause from all its rows. Nothing the rows say is dropped: texts are
 * joined (each once, in sheet order); the latest Target date, the highest Priority and the summed Effort stand for
 * the clause, because it is closed only when its last part is. The title is the clause row's own, else the
 * catalogue's (a sub-clause's title names the part, not the clause).
 */
function foldedData(clause: string, group: readonly TypedRow[]): Record<string, Value | undefined> {
  const own = group.find((r) => str(r, 'clause') === clause);
  const defined = <T>(values: (T | undefined)[]): T[] => values.filter((v): v is T => v !== undefined);
  const texts = (key: string): string | undefined =>
    [...new Set(defined(group.map((r) => str(r, key))))].join('; ') || undefined;
  const efforts = defined(group.map((r) => num(r, 'effortDays')));
  return {
    clause,
    title: (own && str(own, 'title')) ?? findClause(clause)?.title,
    status: weakestStatus(group),
    evidence: texts('evidence'),
    gap: texts('gap'),
    action: texts('action'),
    owner: texts('owner'),
    targetDate: defined(group.map((r) => str(r, 'targetDate')))
      .sort()
      .at(-1),
    priority: PRIORITIES.find((p) => group.some((r) => str(r, 'priority') === p)),
    effortDays: efforts.length > 0 ? Math.round(efforts.reduce((a, b) => a + b, 0) * 100) / 100 : undefined,
  };
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
