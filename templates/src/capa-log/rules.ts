import { hasErrors } from '../core/issues.js';
import { readClauseCell, type ClauseCell } from '../gap-analysis/clause-cell.js';
import {
  checkClause,
  checkIdCharacters,
  isBlank,
  requireUnique,
  rowsToRecords,
  str,
  valuesOf,
} from '../core/rules-kit.js';
import type { TableSheetSpec } from '../core/spec.js';
import type { TableRead } from '../core/table.js';
import { emptyResult, type ParseContext, type SheetReads, type TemplateResult } from '../core/template.js';
import { capaLogSpec, CAPA_SHEET } from './spec.js';
import { appendAll } from '../core/arrays.js';

const sheetSpec = capaLogSpec.sheets[0] as TableSheetSpec;

/** CAPA Log rules (docs/architecture.md, Templates and records). Rule ids in comments match the test names. */
export function capaRules(reads: SheetReads, context: ParseContext): TemplateResult {
  const read = reads[CAPA_SHEET] as TableRead | undefined;
  const result = emptyResult(capaLogSpec);
  if (!read) return result;
  appendAll(result.issues, read.issues);
  if (hasErrors(read.issues)) return result;

  const clauseReadings = new Map<string, ClauseCell>();
  for (const row of read.rows) {
    checkIdCharacters(row, 'capaId', 'CAPA ID');
    const opened = str(row, 'dateOpened');
    const due = str(row, 'dueDate');
    const status = str(row, 'status');
    // capa.opened-not-future
    if (opened && opened > context.asOf) {
      row.issue(
        'error',
        'capa.opened-not-future',
        'dateOpened',
        `Date opened ${opened} is after the as-of date ${context.asOf}; a CAPA cannot be opened in the future`,
      );
    }
    // capa.clause-in-catalogue (capa.clause-levels: a heading or a sub-clause is a clause too)
    if (!clauseAtAnyLevel(row, clauseReadings)) checkClause(row, 'clause', 'capa.clause-in-catalogue');
    // capa.due-after-opened
    if (opened && due && due < opened) {
      row.issue(
        'error',
        'capa.due-after-opened',
        'dueDate',
        `Due date ${due} is before Date opened ${opened}; set a due date on or after the day the CAPA was opened`,
      );
    }
    // capa.overdue
    if (due && (status === 'Open' || status === 'In progress') && due < context.asOf) {
      row.issue(
        'warning',
        'capa.overdue',
        'dueDate',
        `Overdue: ${status} CAPA was due ${due}; finish it or agree a new due date`,
      );
    }
    // capa.major-needs-containment
    if (str(row, 'severity') === 'Major' && !str(row, 'containment') && status !== 'Cancelled') {
      row.issue(
        'warning',
        'capa.major-needs-containment',
        'containment',
        'Major nonconformity without Containment; record the immediate action taken to contain it',
      );
    }
    if (status === 'Closed') closedRules(row);
  }
  // capa.id-unique
  requireUnique(read.rows, (r) => str(r, 'capaId'), 'capaId', 'capa.id-unique', 'CAPA ID');

  const out = rowsToRecords(
    read.rows,
    'capa',
    (r) => str(r, 'capaId') ?? '',
    (r) => valuesOf(r, sheetSpec.columns),
  );
  // Loops, not push(...all): 10,000 records are too many arguments for one call.
  for (const record of out.records) result.records.push(record);
  for (const issue of out.issues) result.issues.push(issue);
  return result;
}

/**
 * capa.clause-levels: a CAPA names the clause it concerns at whatever level the standard numbers it, not only at the
 * gap matrix's: a heading above catalogue clauses (8.4, 7.1.5, 9.3) or a sub-clause below one (8.2.3.1, 9.2.1) is a
 * real ISO 9001:2015 clause. Such a number is kept as written (tidied: "Clause 8.4." → 8.4); catalogue clauses and
 * anything else go to checkClause as before.
 */
function clauseAtAnyLevel(row: TableRead['rows'][number], readings: Map<string, ClauseCell>): boolean {
  const raw = str(row, 'clause');
  if (raw === undefined) return false;
  // A log names the same few clauses again and again: each distinct text is read once per sheet.
  let cell = readings.get(raw);
  if (cell === undefined) {
    cell = readClauseCell(raw);
    readings.set(raw, cell);
  }
  if (cell.kind === 'heading') row.values.clause = cell.heading;
  else if (cell.kind === 'part') row.values.clause = cell.part;
  else return false;
  return true;
}

/**
 * A CAPA cannot be closed without proof that it worked: each missing piece is its own error. A cell whose value was
 * refused (an error value, an ambiguous date) already has its error and is not called blank as well.
 */
function closedRules(row: TableRead['rows'][number]): void {
  if (isBlank(row, 'rootCause')) {
    row.issue(
      'error',
      'capa.closed-needs-root-cause',
      'rootCause',
      'Status is Closed but Root cause is blank; record the root cause found',
    );
  }
  if (isBlank(row, 'correctiveAction')) {
    row.issue(
      'error',
      'capa.closed-needs-corrective-action',
      'correctiveAction',
      'Status is Closed but Corrective action is blank; record the action taken',
    );
  }
  const opened = str(row, 'dateOpened');
  const closed = str(row, 'dateClosed');
  if (isBlank(row, 'dateClosed')) {
    row.issue(
      'error',
      'capa.closed-needs-date-closed',
      'dateClosed',
      'Status is Closed but Date closed is blank; enter the closure date',
    );
  } else if (opened && closed && closed < opened) {
    row.issue(
      'error',
      'capa.closed-after-opened',
      'dateClosed',
      `Date closed ${closed} is before Date opened ${opened}; correct one of the dates`,
    );
  }
  const effectiveness = str(row, 'effectiveness');
  if (effectiveness !== 'Effective' && (effectiveness !== undefined || isBlank(row, 'effectiveness'))) {
    row.issue(
      'error',
      'capa.closed-needs-effective',
      'effectiveness',
      effectiveness
        ? `Status is Closed but Effectiveness is ${effectiveness}; keep the CAPA open until the action is verified Effective`
        : 'Status is Closed but Effectiveness is blank; set it to Effective once verified',
    );
  }
  if (isBlank(row, 'verifiedBy')) {
    row.issue(
      'error',
      'capa.closed-needs-verifier',
      'verifiedBy',
      'Status is Closed but Verified by is blank; name who verified the action worked',
    );
  }
}
