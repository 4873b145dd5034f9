import { a1, hasErrors, makeIssue } from '../core/issues.js';
import { checkClause, checkIdCharacters, num, requireUnique, rowsToRecords, str, valuesOf } from '../core/rules-kit.js';
import type { TableSheetSpec } from '../core/spec.js';
import type { TableRead, TypedRow } from '../core/table.js';
import { emptyResult, type ParseContext, type SheetReads, type TemplateResult } from '../core/template.js';
import { fitPeriod, parsePeriodCell, type PeriodParse } from './periods.js';
import type { Kpi } from './schema.js';
import { kpiTrackerSpec, KPI_DEFINITIONS_SHEET, KPI_MEASUREMENTS_SHEET } from './spec.js';
import { kpiRag } from './summaries.js';
import { appendAll } from '../core/arrays.js';

const definitionsSpec = kpiTrackerSpec.sheets[0] as TableSheetSpec;

/** A definition row as measurements see it: usable (no errors) or not, and where it is. */
interface Definition {
  row: TypedRow;
  kpi?: Kpi;
}

/**
 * KPI Tracker rules (docs/architecture.md, Templates and records). Rule ids in comments match the test names. Either sheet may be absent:
 * definitions alone give KPI records; measurements need their definitions (frequency, target, direction).
 * Checked by the spec through the generic reader: kpi.id-required, kpi.target-required, kpi.amber-numeric,
 * kpi.direction-list, kpi.frequency-list and kpi.actual-numeric.
 */
export function kpiTrackerRules(reads: SheetReads, context: ParseContext): TemplateResult {
  const result = emptyResult(kpiTrackerSpec);
  const definitions = reads[KPI_DEFINITIONS_SHEET] as TableRead | undefined;
  const measurements = reads[KPI_MEASUREMENTS_SHEET] as TableRead | undefined;

  let byId: Map<string, Definition> | undefined;
  if (definitions) {
    appendAll(result.issues, definitions.issues);
    if (!hasErrors(definitions.issues)) byId = definitionRules(definitions, result);
  }
  if (measurements) measurementRules(measurements, definitions, byId, context, result);
  return result;
}

function definitionRules(read: TableRead, result: TemplateResult): Map<string, Definition> {
  for (const row of read.rows) {
    // kpi.id-required is the reader's cell.required on the KPI ID column.
    checkIdCharacters(row, 'kpiId', 'KPI ID');
    // kpi.clause-in-catalogue
    checkClause(row, 'clause', 'kpi.clause-in-catalogue');
    // kpi.amber-bad-side: the threshold sits between the target and the red zone.
    const target = num(row, 'target');
    const amber = num(row, 'amberThreshold');
    const direction = str(row, 'direction');
    if (target !== undefined && amber !== undefined && direction) {
      const higher = direction === 'Higher is better';
      if (higher ? amber > target : amber < target) {
        row.issue(
          'error',
          'kpi.amber-bad-side',
          'amberThreshold',
          `Amber threshold ${amber} is ${higher ? 'above' : 'below'} the target ${target}, but ${direction.toLowerCase()}; set it ${higher ? 'at or below' : 'at or above'} ${target} (the worst result still counted as Amber)`,
        );
      }
    }
  }
  // kpi.id-unique
  requireUnique(read.rows, (r) => str(r, 'kpiId'), 'kpiId', 'kpi.id-unique', 'KPI ID');

  const byId = new Map<string, Definition>();
  for (const row of read.rows) {
    const id = str(row, 'kpiId');
    if (id === undefined || byId.has(id.toLowerCase())) continue;
    byId.set(id.toLowerCase(), {
      row,
      kpi: hasErrors(row.issues) ? undefined : (valuesOf(row, definitionsSpec.columns) as Kpi),
    });
  }
  const out = rowsToRecords(
    read.rows,
    'kpi',
    (r) => str(r, 'kpiId') ?? '',
    (r) => valuesOf(r, definitionsSpec.columns),
  );
  appendAll(result.records, out.records);
  appendAll(result.issues, out.issues);
  return byId;
}

function measurementRules(
  read: TableRead,
  definitions: TableRead | undefined,
  byId: Map<string, Definition> | undefined,
  context: ParseContext,
  result: TemplateResult,
): void {
  appendAll(result.issues, read.issues);
  if (hasErrors(read.issues)) return;
  if (!byId) {
    // kpi.definitions-missing: said once, on the KPI ID header, instead of on every row.
    result.issues.push(
      makeIssue(
        'error',
        'kpi.definitions-missing',
        read.sheet,
        read.headerRow,
        read.columns.kpiId ?? 1,
        definitions
          ? `Measurements cannot be checked because the "${definitions.sheet}" sheet has errors in its header row; fix those first`
          : `Measurements cannot be checked without a "${KPI_DEFINITIONS_SHEET}" sheet; add it with a row per KPI (KPI ID, Direction, Target, Frequency)`,
      ),
    );
    // Periods and actuals can still be checked on their own, so the user sees every problem at once.
    for (const row of read.rows) {
      const parsed = readPeriod(row, context);
      if (parsed && !parsed.ok) row.issue('error', 'kpi.period-format', 'period', parsed.message);
      appendAll(result.issues, row.issues);
    }
    return;
  }

  const data = new Map<TypedRow, Record<string, unknown>>();
  for (const row of read.rows) {
    const id = str(row, 'kpiId');
    const parsed = readPeriod(row, context);
    // kpi.period-format
    if (parsed && !parsed.ok) row.issue('error', 'kpi.period-format', 'period', parsed.message);
    if (id === undefined) continue;
    // kpi.measurement-kpi-known
    const definition = byId.get(id.toLowerCase());
    if (!definition) {
      row.issue(
        'error',
        'kpi.measurement-kpi-known',
        'kpiId',
        `KPI ID "${id}" is not in the ${definitions?.sheet ?? KPI_DEFINITIONS_SHEET} sheet; add the KPI there or correct the ID`,
      );
      continue;
    }
    const kpi = definition.kpi;
    if (!kpi) {
      row.issue(
        'error',
        'kpi.measurement-kpi-known',
        'kpiId',
        `KPI "${id}" has errors in ${definition.row.sheet} row ${definition.row.row}; fix that row first`,
      );
      continue;
    }
    if (!parsed?.ok) continue;
    // kpi.period-frequency
    const fitted = fitPeriod(parsed.value, kpi.frequency, kpi.kpiId);
    if (!fitted.ok) {
      row.issue('error', 'kpi.period-frequency', 'period', fitted.message);
      continue;
    }
    const actual = num(row, 'actual');
    if (actual === undefined) continue;
    // kpi.rag
    data.set(row, {
      kpiId: kpi.kpiId,
      period: fitted.period,
      periodLabel: fitted.periodLabel,
      actual,
      comment: str(row, 'comment'),
      rag: kpiRag(kpi, actual),
    });
  }
  // kpi.measurement-unique: one actual per KPI and period, however the period was typed.
  requireUnique(
    read.rows,
    (r) => {
      const d = data.get(r);
      return d ? `${d.kpiId as string} ${d.periodLabel as string}` : undefined;
    },
    'period',
    'kpi.measurement-unique',
    'KPI ID and Period',
  );
  // Every row left without data has an error (a skipped check always follows one), so filtering loses no record.
  const out = rowsToRecords(
    read.rows.filter((r) => data.has(r)),
    'kpi-measurement',
    (r) => `${data.get(r)?.kpiId as string}|${data.get(r)?.period as string}`,
    (r) => data.get(r) ?? {},
  );
  appendAll(result.records, out.records);
  appendAll(
    result.issues,
    read.rows.flatMap((r) => r.issues),
  );
}

/** The Period cell parsed, unless it is blank or the reader already flagged it (an error value, 40,000 characters). */
function readPeriod(row: TypedRow, context: ParseContext): PeriodParse | undefined {
  const cell = row.cells.period;
  if (!cell || cell.kind === 'blank') return undefined;
  const address = a1(row.row, row.columnOf('period'));
  if (row.issues.some((i) => i.address === address)) return undefined;
  return parsePeriodCell(cell, context.date1904);
}
