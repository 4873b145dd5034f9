import { describeCell, toCell } from '../core/cells.js';
import { addMonths } from '../core/dates.js';
import { hasErrors, makeIssue, type Issue } from '../core/issues.js';
import { makeRecord } from '../core/record.js';
import { num, str } from '../core/rules-kit.js';
import { normaliseHeader, type FieldSheetSpec } from '../core/spec.js';
import { findHeaderRow, type FieldsRead, type TypedRow } from '../core/table.js';
import { emptyResult, type ParseContext, type SheetReads, type TemplateResult } from '../core/template.js';
import { cellText } from '../core/values.js';
import { isCurrencyCode } from './currencies.js';
import { PROFILE_SHEET, qmsProfileSpec } from './spec.js';
import { appendAll } from '../core/arrays.js';

const sheetSpec = qmsProfileSpec.sheets[0] as FieldSheetSpec;

/**
 * QMS Profile rules (docs/architecture.md, Templates and records). Single-field checks (required, integers ≥ 1, lists, dates, Yes/No, numbers ≥ 0,
 * capacity > 0, defaults) come from the spec through the generic reader; the rules below add what a spec cannot
 * say. Rule ids in comments match the test names.
 */
export function qmsProfileRules(reads: SheetReads, _context: ParseContext): TemplateResult {
  const read = reads[PROFILE_SHEET] as FieldsRead | undefined;
  const result = emptyResult(qmsProfileSpec);
  if (!read) return result;
  const row = read.row;

  checkCurrency(row);
  checkDates(row);
  checkPersonnel(row);
  const labelWarnings = checkFieldLabels(read);

  for (const part of [read.issues, row.issues, labelWarnings]) appendAll(result.issues, part);
  if (hasErrors(result.issues)) return result;
  const data = Object.fromEntries(sheetSpec.fields.map((f) => [f.key, row.values[f.key]]));
  const warnings = [...row.issues, ...labelWarnings].filter((i) => i.severity === 'warning');
  result.records.push(makeRecord('profile', 'profile', data, { sheet: read.sheet, row: read.headerRow + 1 }, warnings));
  return result;
}

// profile.currency-code: a three-letter ISO 4217 code; lower case is accepted and stored upper case.
function checkCurrency(row: TypedRow): void {
  const typed = str(row, 'currency');
  if (typed === undefined) return;
  const code = typed.trim().toUpperCase();
  const shown = describeCell(row.cells.currency ?? { kind: 'text', value: typed });
  if (!/^[A-Z]{3}$/.test(code)) {
    row.issue(
      'error',
      'profile.currency-code',
      'currency',
      `Currency ${shown} is not a three-letter ISO 4217 code; type a code such as EUR, GBP or USD`,
    );
  } else if (!isCurrencyCode(code)) {
    row.issue(
      'error',
      'profile.currency-code',
      'currency',
      `Currency ${shown} is not an ISO 4217 currency code; type a code such as EUR, GBP or USD`,
    );
  } else {
    row.values.currency = code;
  }
}

function checkDates(row: TypedRow): void {
  const start = str(row, 'projectStart');
  const target = str(row, 'targetCertificationDate');
  if (start === undefined || target === undefined) return;
  // profile.target-after-start
  if (target < start) {
    row.issue(
      'error',
      'profile.target-after-start',
      'targetCertificationDate',
      `Target certification date ${target} is before Project start ${start}; set a target after the project starts`,
    );
    return;
  }
  // profile.target-allows-records: certification bodies want the QMS running with records before Stage 1, so a
  // target closer to the start than that period cannot be met.
  const months = num(row, 'monthsOfRecordsBeforeStage1') ?? 0;
  const earliest = addMonths(start, months);
  if (months > 0 && target < earliest) {
    row.issue(
      'warning',
      'profile.target-allows-records',
      'targetCertificationDate',
      `Target certification date ${target} leaves less than the ${months} months of records expected before Stage 1 (Project start ${start}); move the target to ${earliest} or later, or lower Months of records before Stage 1`,
    );
  }
}

// profile.personnel-covers-sites: every site in scope has at least one person working there.
function checkPersonnel(row: TypedRow): void {
  const sites = num(row, 'sitesInScope');
  const personnel = num(row, 'effectivePersonnel');
  if (sites !== undefined && personnel !== undefined && personnel < sites) {
    row.issue(
      'warning',
      'profile.personnel-covers-sites',
      'effectivePersonnel',
      `Effective personnel ${personnel} is fewer than Sites in scope ${sites}; count every person in scope on all shifts and sites (part-time as full-time equivalents)`,
    );
  }
}

/**
 * profile.unknown-field / profile.duplicate-field: a mistyped label silently loses its value (the field reads as
 * blank), and a repeated label is read only once; both are said out loud. Labels without a value are left alone
 * so that section headings in the Field column stay quiet.
 */
function checkFieldLabels(read: FieldsRead): Issue[] {
  const values = read.input.values;
  const origin = read.input.origin ?? { row: 1, column: 1 };
  const header = findHeaderRow(values, [
    { key: 'field', header: sheetSpec.fieldHeader, type: 'text' },
    { key: 'value', header: sheetSpec.valueHeader, type: 'text' },
  ]);
  const found = header && header.matches.size === 2 ? header : undefined;
  const fieldIndex = found?.matches.get('field') ?? 0;
  const valueIndex = found?.matches.get('value') ?? 1;
  const known = new Map<string, string>();
  for (const field of sheetSpec.fields) {
    for (const label of [field.header, ...(field.aliases ?? [])]) known.set(normaliseHeader(label), field.key);
  }
  const firstRow = (i: number): number => (found?.index ?? -1) + 1 + i;
  const labels = values.slice(firstRow(0)).map((r) => {
    const cell = toCell(r[fieldIndex]);
    return cell.kind === 'blank' ? undefined : cellText(cell);
  });
  // The row the reader takes for each field: the first row of the field's header text, else of its first alias seen.
  const firstOfLabel = new Map<string, number>();
  labels.forEach((label, i) => {
    const normal = label === undefined ? '' : normaliseHeader(label);
    if (normal !== '' && !firstOfLabel.has(normal)) firstOfLabel.set(normal, i);
  });
  const readRow = new Map<string, number>();
  for (const field of sheetSpec.fields) {
    const i = [field.header, ...(field.aliases ?? [])]
      .map((l) => firstOfLabel.get(normaliseHeader(l)))
      .find((v) => v !== undefined);
    if (i !== undefined) readRow.set(field.key, i);
  }
  const warnings: Issue[] = [];
  labels.forEach((label, i) => {
    if (label === undefined) return;
    const sheetRow = origin.row + firstRow(i);
    const key = known.get(normaliseHeader(label));
    if (key === undefined) {
      if (toCell(values[firstRow(i)]?.[valueIndex]).kind === 'blank') return;
      warnings.push(
        makeIssue(
          'warning',
          'profile.unknown-field',
          read.sheet,
          sheetRow,
          origin.column + fieldIndex,
          `${describeCell({ kind: 'text', value: label })} is not a QMS Profile field, so its value is ignored; correct the spelling to one of the template's field names (such as ${sheetSpec.fields[0]?.header ?? 'Organization name'}) or delete the row`,
        ),
      );
      return;
    }
    const chosen = readRow.get(key);
    if (chosen !== undefined && chosen !== i) {
      const chosenRow = origin.row + firstRow(chosen);
      warnings.push(
        makeIssue(
          'warning',
          'profile.duplicate-field',
          read.sheet,
          sheetRow,
          origin.column + fieldIndex,
          `${describeCell({ kind: 'text', value: label })} is given more than once; only row ${chosenRow} is read, so delete this row or move its value there`,
        ),
      );
    }
  });
  return warnings;
}
