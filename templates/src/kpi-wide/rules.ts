import { describeCell, toCell, type Cell } from '../core/cells.js';
import { columnLetter, makeIssue, type Issue } from '../core/issues.js';
import { makeRecord } from '../core/record.js';
import { str } from '../core/rules-kit.js';
import type { TableSheetSpec } from '../core/spec.js';
import { isBlankRow, readTable, type SheetInput, type TableRead, type TypedRow } from '../core/table.js';
import { emptyResult, type ParseContext, type SheetReads, type TemplateResult } from '../core/template.js';
import { parseNumberText } from '../core/values.js';
import { kpiTracker } from '../kpi-tracker/index.js';
import { fitPeriod, periodLabel, periodStartOf, UNIT_OF_FREQUENCY } from '../kpi-tracker/periods.js';
import type { Kpi } from '../kpi-tracker/schema.js';
import { KPI_DEFINITIONS_SHEET } from '../kpi-tracker/spec.js';
import { kpiRag } from '../kpi-tracker/summaries.js';
import { FREQUENCY_OF_UNIT, readLayout, type PeriodColumn, type WideLayout } from './layout.js';
import { KPI_DEFINITION_COLUMNS, KPI_DEFINITION_COLUMNS_NO_FREQUENCY, KPI_WIDE_SHEET, kpiWideSpec } from './spec.js';
import { appendAll } from '../core/arrays.js';

/**
 * KPI Tracker (wide) rules: one row per KPI, one column per period. Rule ids in comments match the test names.
 *
 * The KPI columns are the KPI Tracker's definitions, checked by the KPI Tracker's own rules (kpi.id-unique,
 * kpi.amber-bad-side, kpi.clause-in-catalogue …) so that both layouts give the same `kpi` records. Each filled
 * period cell is then one `kpi-measurement`, exactly as a KPI Measurements row with that KPI, period and actual
 * would be: same id (`KPI ID|period start`), period, label and RAG, and the same frequency check.
 */
export function kpiWideRules(reads: SheetReads, context: ParseContext): TemplateResult {
  const result = emptyResult(kpiWideSpec);
  const read = reads[KPI_WIDE_SHEET] as TableRead | undefined;
  if (!read) return result;
  const sheet = read.input;
  // The framework's read knows only Jan…Dec; the rules read the header themselves, for every period spelling.
  const layout = readLayout(sheet, context.asOf, context.date1904);
  const hasFrequency = layout.definitions.has('frequency');
  const definitions = readDefinitions(sheet, layout, hasFrequency, context);
  appendAll(result.issues, layout.notes);
  if (layout.definitions.size === 0) {
    // kpi-wide.kpi-columns-missing: a sheet marked as this template whose header has periods but no KPI columns.
    result.issues.push(
      makeIssue(
        'error',
        'kpi-wide.kpi-columns-missing',
        sheet.name,
        layout.headerRow,
        sheet.origin?.column ?? 1,
        `Row ${layout.headerRow} has none of the KPI columns; add KPI ID, KPI, Direction, Target and Frequency left of the period columns, one row per KPI`,
      ),
    );
    return result;
  }
  if (definitions.headerRow !== layout.headerRow) {
    // kpi-wide.header-unclear: only a grid with KPI headings in a data row gets here; guessing would misread rows.
    result.issues.push(
      makeIssue(
        'error',
        'kpi-wide.header-unclear',
        sheet.name,
        layout.headerRow,
        sheet.origin?.column ?? 1,
        `Rows ${layout.headerRow} and ${definitions.headerRow} both look like the header row (KPI ID, KPI, Target …); keep the headings in one row above the KPIs and rename the cells that repeat them`,
      ),
    );
    return result;
  }

  const firstPeriodColumn = layout.periods[0]?.column ?? sheet.origin?.column ?? 1;
  const headerIssue = (severity: Issue['severity'], code: string, column: number, message: string) =>
    makeIssue(severity, code, sheet.name, layout.headerRow, column, message);
  // An error here stops the definitions as a header error would: records without a frequency would be invalid.
  const blocking: Issue[] = [];
  if (!hasFrequency) {
    const frequency = layout.impliedFrequency;
    if (frequency) {
      // kpi-wide.frequency-from-columns (said when there is a KPI to say it of)
      for (const row of definitions.rows) row.values.frequency = frequency;
      if (definitions.rows.length > 0)
        result.issues.push(
          headerIssue(
            'info',
            'kpi-wide.frequency-from-columns',
            firstPeriodColumn,
            `No Frequency column: every KPI is read as measured ${frequency.toLowerCase()}, as the period columns are all ${UNIT_OF_FREQUENCY[frequency]}s; add a Frequency column (Weekly, Monthly, Quarterly or Annually) if some KPIs are measured otherwise`,
          ),
        );
    } else {
      // kpi-wide.frequency-missing
      blocking.push(
        headerIssue(
          'error',
          'kpi-wide.frequency-missing',
          firstPeriodColumn,
          `There is no Frequency column, and ${layout.periods.length === 0 ? 'no period column says how often the KPIs are measured' : 'the period columns are of more than one kind (months and quarters, say)'}; add a Frequency column (Weekly, Monthly, Quarterly or Annually) beside the KPI columns`,
        ),
      );
    }
  }
  if (layout.periodIndexes.size === 0) {
    // kpi-wide.no-period-columns: the KPIs are still read; there is just nothing measured.
    result.issues.push(
      headerIssue(
        'warning',
        'kpi-wide.no-period-columns',
        firstPeriodColumn,
        `Row ${layout.headerRow} has no period columns, so no measurements are read; add one column per period right of the KPI columns, headed Jan … Dec (with the year in the title), 2026-01 or Q1 2026`,
      ),
    );
  }

  const tracker = kpiTracker.rules(
    { [KPI_DEFINITIONS_SHEET]: { ...definitions, issues: [...definitions.issues, ...blocking] } },
    context,
  );
  appendAll(result.issues, tracker.issues);
  const kpiOfRow = new Map<number, Kpi>();
  for (const record of tracker.records) {
    if (record.type !== 'kpi') continue;
    result.records.push(record);
    kpiOfRow.set(record.source.row, record.data as Kpi);
  }

  for (const row of definitions.rows) measurementsOfRow(sheet, layout, row, kpiOfRow.get(row.row), result);
  appendAll(result.issues, rowsWithoutKpi(sheet, layout, definitions));
  return result;
}

/**
 * The KPI columns read with the KPI Tracker's column specs, from a copy of the sheet that holds only them: period
 * columns blanked (they are no definition data, and a row of averages under the table, after a blank row, is then
 * a summary the reader leaves out with a note), and above the data a single header row with the texts the layout
 * read (a two-row header folded into one), so the reader finds the header where the layout found it.
 */
function readDefinitions(
  sheet: SheetInput,
  layout: WideLayout,
  hasFrequency: boolean,
  context: ParseContext,
): TableRead {
  const masked = layout.periodIndexes;
  const header = Array.from(layout.headerTexts, (text, c) => (masked.has(c) ? '' : text));
  const values = sheet.values.map((row, i) =>
    i < layout.headerIndex
      ? []
      : i === layout.headerIndex
        ? header
        : masked.size === 0
          ? row
          : Array.from(row, (v, c) => (masked.has(c) ? undefined : v)),
  );
  const spec: TableSheetSpec = {
    kind: 'table',
    name: KPI_WIDE_SHEET,
    recordType: 'kpi',
    columns: hasFrequency ? KPI_DEFINITION_COLUMNS : KPI_DEFINITION_COLUMNS_NO_FREQUENCY,
  };
  return readTable({ ...sheet, values }, spec, context);
}

function actualOf(cell: Cell): number | undefined {
  if (cell.kind === 'number') return cell.value;
  return cell.kind === 'text' ? parseNumberText(cell.value) : undefined;
}

/** The measurements of one KPI row: one per filled period cell, or an issue on that cell saying what to fix. */
function measurementsOfRow(
  sheet: SheetInput,
  layout: WideLayout,
  row: TypedRow,
  kpi: Kpi | undefined,
  result: TemplateResult,
): void {
  const raw = sheet.values[row.row - (sheet.origin?.row ?? 1)] ?? [];
  const who = kpi ? `KPI "${kpi.kpiId}"` : kpiName(row);
  const issue = (code: string, column: PeriodColumn, message: string) =>
    result.issues.push(makeIssue('error', code, sheet.name, row.row, column.column, message));
  const first = new Map<string, PeriodColumn>();
  for (const column of layout.periods) {
    const cell = toCell(raw[column.index]);
    // kpi-wide.blank-not-measured: a blank cell is a period without a measurement, not an error.
    if (cell.kind === 'blank') continue;
    const actual = actualOf(cell);
    if (actual === undefined) {
      // kpi-wide.not-a-number: checked even on a row with errors, so every problem shows at once.
      issue(
        'kpi-wide.not-a-number',
        column,
        cell.kind === 'error'
          ? `The ${column.heading} value of ${who} holds the error value ${cell.value}; fix the formula, or clear the cell if the period was not measured`
          : `The ${column.heading} value of ${who} must be a number, not ${describeCell(cell)}; type the measured value (e.g. 96.5), or clear the cell if the period was not measured`,
      );
      continue;
    }
    // A row with errors has them on its own cells already (no record, never in silence).
    if (!kpi) continue;
    // kpi-wide.period-frequency: the KPI Tracker's check (fitPeriod), worded for a column rather than a cell.
    const fitted = fitPeriod(column.period, kpi.frequency, kpi.kpiId);
    if (!fitted.ok) {
      issue('kpi-wide.period-frequency', column, frequencyMessage(column, kpi));
      continue;
    }
    // kpi-wide.measurement-unique: two columns for one period (Jan and 2026-01, or a date and its month).
    const earlier = first.get(fitted.periodLabel);
    if (earlier) {
      issue(
        'kpi-wide.measurement-unique',
        column,
        `Column ${columnLetter(column.column)} ("${column.heading}") is the same period (${fitted.periodLabel}) as column ${columnLetter(earlier.column)} ("${earlier.heading}") for ${who}; keep the value in one of them and clear the other`,
      );
      continue;
    }
    first.set(fitted.periodLabel, column);
    // kpi-wide.months-as-columns: the same record a KPI Measurements row would give.
    result.records.push(
      makeRecord(
        'kpi-measurement',
        `${kpi.kpiId}|${fitted.period}`,
        {
          kpiId: kpi.kpiId,
          period: fitted.period,
          periodLabel: fitted.periodLabel,
          actual,
          rag: kpiRag(kpi, actual),
        },
        { sheet: sheet.name, row: row.row },
      ),
    );
  }
}

function kpiName(row: TypedRow): string {
  const id = str(row, 'kpiId');
  if (id !== undefined) return `KPI "${id}"`;
  const name = str(row, 'name');
  return name !== undefined ? `"${name}"` : `row ${row.row}`;
}

function frequencyMessage(column: PeriodColumn, kpi: Kpi): string {
  const unit = UNIT_OF_FREQUENCY[kpi.frequency];
  const letter = columnLetter(column.column);
  const measured = `KPI "${kpi.kpiId}" is measured ${kpi.frequency.toLowerCase()}`;
  const p = column.period;
  if (p.kind === 'label') {
    const suggestion = periodLabel(periodStartOf(p.start, unit), unit);
    return `${measured}, but column ${letter} ("${column.heading}") is a ${p.unit}; put the value in a ${unit} column (${suggestion}), or set the KPI's Frequency to ${FREQUENCY_OF_UNIT[p.unit]} if that is how it is measured`;
  }
  const start = periodStartOf(p.date, unit);
  return `${measured}, but column ${letter} is headed ${p.date}, which does not start a ${unit}; head the column with ${start} or ${periodLabel(start, unit)} (the ${unit} holding that day), or set the KPI's Frequency to match the columns`;
}

/**
 * kpi-wide.no-silent-drop: a row whose KPI columns are blank is skipped by the reader, so values typed under the
 * periods of such a row would vanish. Each one is an error instead. (Rows the reader left out with a note of its
 * own, a totals row or a summary block under the table, are not repeated here.)
 */
function rowsWithoutKpi(sheet: SheetInput, layout: WideLayout, definitions: TableRead): Issue[] {
  const origin = sheet.origin ?? { row: 1, column: 1 };
  const typed = new Set(definitions.rows.map((r) => r.row));
  const totals = new Set(sheet.totalsRows ?? []);
  const kpiColumns = [...layout.definitions.values()];
  const issues: Issue[] = [];
  for (let i = layout.headerIndex + 1; i < sheet.values.length; i++) {
    const rowNumber = origin.row + i;
    if (typed.has(rowNumber) || totals.has(rowNumber)) continue;
    const raw = sheet.values[i] ?? [];
    if (!isBlankRow(raw, kpiColumns)) continue;
    const filled = layout.periods.filter((p) => toCell(raw[p.index]).kind !== 'blank');
    const first = filled[0];
    if (!first) continue;
    issues.push(
      makeIssue(
        'error',
        'kpi-wide.row-without-kpi',
        sheet.name,
        rowNumber,
        first.column,
        `Row ${rowNumber} has ${filled.length === 1 ? 'a value' : `${filled.length} values`} under the period columns but no KPI (its KPI columns are blank); fill in the KPI ID, KPI, Direction and Target, or clear the values`,
      ),
    );
  }
  return issues;
}
