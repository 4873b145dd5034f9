import { describeCell, toCell } from '../core/cells.js';
import { appendAll } from '../core/arrays.js';
import { columnLetter, hasErrors, makeIssue, type Issue } from '../core/issues.js';
import { makeRecord } from '../core/record.js';
import { str } from '../core/rules-kit.js';
import type { TableSheetSpec } from '../core/spec.js';
import { isBlankRow, readTable, type SheetInput, type TableRead, type TypedRow } from '../core/table.js';
import { emptyResult, type ParseContext, type SheetReads, type TemplateResult } from '../core/template.js';
import { trainingMessages } from '../training-records/rules.js';
import { trainingId, type TrainingRecord } from '../training-records/schema.js';
import { TRAINING_PERSON_COLUMNS } from '../training-records/spec.js';
import { readTrainingLayout, type CompetenceColumn, type WideTrainingLayout } from './layout.js';
import { readMark } from './marks.js';
import { HOW_TO_MARK, TRAINING_WIDE_SHEET, trainingWideSpec } from './spec.js';

const PERSON_SPEC: TableSheetSpec = {
  kind: 'table',
  name: TRAINING_WIDE_SHEET,
  recordType: 'training',
  columns: TRAINING_PERSON_COLUMNS,
};

/**
 * Training Matrix (wide) rules: one row per person, one column per competence. Each marked cell is one `training`
 * record, the same a Training Matrix row with that person and competence would give (Required for role = Yes, the
 * cell's date as Completed date), checked by the same rules where a cell can say as much. Rule ids match the tests.
 */
export function trainingWideRules(reads: SheetReads, context: ParseContext): TemplateResult {
  const result = emptyResult(trainingWideSpec);
  const read = reads[TRAINING_WIDE_SHEET] as TableRead | undefined;
  if (!read) return result;
  const sheet = read.input;
  const layout = readTrainingLayout(sheet);
  if (!layout) {
    // The reader's own missing-column error names Person.
    appendAll(result.issues, read.issues.length > 0 ? read.issues : [personMissing(sheet)]);
    return result;
  }
  const people = readPeople(sheet, layout, context);
  appendAll(result.issues, people.issues);
  if (hasErrors(people.issues)) return result;
  const competences = uniqueCompetences(sheet, layout, result.issues);
  if (layout.competences.length === 0) {
    // training-wide.no-competence-columns: the people are there, but nothing says what they were trained in.
    result.issues.push(
      makeIssue(
        'warning',
        'training-wide.no-competence-columns',
        sheet.name,
        layout.headerRow,
        sheet.origin?.column ?? 1,
        `Row ${layout.headerRow} has no competence columns, so no training is read; add one column per competence or course right of Person, Role and Department`,
      ),
    );
  }

  const firstRowOf = new Map<string, number>();
  for (const row of people.rows) {
    const person = str(row, 'person');
    if (person === undefined) {
      // A person cell refused by the reader (an error value) has its error; the row reads no marks.
      appendAll(result.issues, row.issues);
      continue;
    }
    // training-wide.person-unique: one row per person, so each (person, competence) has one cell.
    const earlier = firstRowOf.get(person.toLowerCase());
    if (earlier !== undefined) {
      row.issue(
        'error',
        'training-wide.person-unique',
        'person',
        `Person "${person}" has a row already (row ${earlier}); keep one row per person and merge the marks into it`,
      );
      appendAll(result.issues, row.issues);
      continue;
    }
    firstRowOf.set(person.toLowerCase(), row.row);
    appendAll(result.issues, row.issues);
    if (hasErrors(row.issues)) continue;
    const before = result.records.length + result.issues.length;
    cellsOfRow(sheet, row, competences, context, result);
    if (result.records.length + result.issues.length === before) {
      // training-wide.no-marks: a person with no marked competence gives no record, and says so rather than vanish.
      result.issues.push(
        makeIssue(
          'info',
          'training-wide.no-marks',
          sheet.name,
          row.row,
          row.columnOf('person'),
          `${person} has no marked competence, so no training is read for this row; ${HOW_TO_MARK} under each competence the role requires`,
        ),
      );
    }
  }
  appendAll(result.issues, unreadCells(sheet, layout, people.rows));
  return result;
}

function personMissing(sheet: SheetInput): Issue {
  return makeIssue(
    'error',
    'training-wide.person-missing',
    sheet.name,
    sheet.origin?.row ?? 1,
    sheet.origin?.column ?? 1,
    'No Person column; head the column of names Person, with one column per competence beside it',
  );
}

/**
 * The person columns read with their own specs from a copy of the sheet in which the competence columns are blank,
 * so that a row is a person's when its person columns say so (values under competences alone are unreadCells').
 */
function readPeople(sheet: SheetInput, layout: WideTrainingLayout, context: ParseContext): TableRead {
  const masked = new Set([...layout.competences.map((c) => c.index), ...layout.unheaded]);
  const values = sheet.values.map((row, i) =>
    i <= layout.headerIndex ? row : Array.from(row, (v, c) => (masked.has(c) ? undefined : v)),
  );
  return readTable({ ...sheet, values }, PERSON_SPEC, context);
}

/** training-wide.competence-unique: a second column with the same heading is not read (said on its heading). */
function uniqueCompetences(sheet: SheetInput, layout: WideTrainingLayout, issues: Issue[]): CompetenceColumn[] {
  const first = new Map<string, CompetenceColumn>();
  const out: CompetenceColumn[] = [];
  for (const c of layout.competences) {
    const key = c.competence.toLowerCase();
    const earlier = first.get(key);
    if (earlier) {
      issues.push(
        makeIssue(
          'error',
          'training-wide.competence-unique',
          sheet.name,
          layout.headerRow,
          c.column,
          `Column ${columnLetter(c.column)} is headed "${c.competence}" like column ${columnLetter(earlier.column)}, so its cells are not read; keep one column per competence and merge the marks into it`,
        ),
      );
      continue;
    }
    first.set(key, c);
    out.push(c);
  }
  return out;
}

function cellsOfRow(
  sheet: SheetInput,
  row: TypedRow,
  competences: readonly CompetenceColumn[],
  context: ParseContext,
  result: TemplateResult,
): void {
  const raw = sheet.values[row.row - (sheet.origin?.row ?? 1)] ?? [];
  const person = str(row, 'person') ?? '';
  const issue = (severity: Issue['severity'], code: string, c: CompetenceColumn, message: string) =>
    makeIssue(severity, code, sheet.name, row.row, c.column, message);
  for (const c of competences) {
    const cell = toCell(raw[c.index]);
    const mark = readMark(cell, context.date1904);
    if (mark.kind === 'none' || mark.kind === 'not-required') continue;
    if (mark.kind === 'unreadable') {
      // training-wide.cell-unreadable
      result.issues.push(
        issue(
          'error',
          'training-wide.cell-unreadable',
          c,
          `The ${c.competence} cell of ${person} ${cell.kind === 'text' && !mark.reason.includes('ambiguous') ? `holds ${describeCell(cell)}` : mark.reason}; ${HOW_TO_MARK}`,
        ),
      );
      continue;
    }
    const warnings: Issue[] = [];
    const data: TrainingRecord = {
      person,
      competence: c.competence,
      requiredForRole: true,
    };
    const role = str(row, 'role');
    const department = str(row, 'department');
    if (role !== undefined) data.role = role;
    if (department !== undefined) data.department = department;
    if (mark.kind === 'completed') {
      if (mark.date !== undefined) {
        // training-wide.completed-not-future
        if (mark.date > context.asOf) {
          result.issues.push(
            issue(
              'error',
              'training-wide.completed-not-future',
              c,
              trainingMessages.completedFuture(mark.date, context.asOf),
            ),
          );
          continue;
        }
        data.completedDate = mark.date;
      } else {
        data.completed = true;
      }
    } else {
      // training-wide.gap: R is a training the role requires and nobody has done.
      warnings.push(issue('warning', 'training-wide.gap', c, trainingMessages.gap(person, c.competence)));
    }
    appendAll(result.issues, warnings);
    result.records.push(
      makeRecord('training', trainingId(person, c.competence), data, { sheet: sheet.name, row: row.row }, warnings),
    );
  }
}

/**
 * training-wide.row-without-person: a row whose person columns are blank is skipped by the reader, so marks typed
 * under its competences would vanish; and marks under a blank heading belong to no competence. Each is an error.
 */
function unreadCells(sheet: SheetInput, layout: WideTrainingLayout, rows: readonly TypedRow[]): Issue[] {
  const origin = sheet.origin ?? { row: 1, column: 1 };
  const typed = new Set(rows.map((r) => r.row));
  const totals = new Set(sheet.totalsRows ?? []);
  const personColumns = [...layout.people.values()];
  const issues: Issue[] = [];
  for (let i = layout.headerIndex + 1; i < sheet.values.length; i++) {
    const rowNumber = origin.row + i;
    if (totals.has(rowNumber)) continue;
    const raw = sheet.values[i] ?? [];
    if (!typed.has(rowNumber) && isBlankRow(raw, personColumns)) {
      const filled = layout.competences.find((c) => toCell(raw[c.index]).kind !== 'blank');
      if (filled)
        issues.push(
          makeIssue(
            'error',
            'training-wide.row-without-person',
            sheet.name,
            rowNumber,
            filled.column,
            `Row ${rowNumber} has marks under the competences but no Person; fill in the person's name, or clear the marks`,
          ),
        );
    }
    const stray = layout.unheaded.find((at) => toCell(raw[at]).kind !== 'blank');
    if (stray !== undefined)
      issues.push(
        makeIssue(
          'error',
          'training-wide.heading-missing',
          sheet.name,
          rowNumber,
          origin.column + stray,
          `Column ${columnLetter(origin.column + stray)} has no heading, so this cell belongs to no competence; head the column with the competence or course in row ${layout.headerRow}`,
        ),
      );
  }
  return issues;
}
