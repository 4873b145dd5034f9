import { percentOf, toCell, type Cell } from '../core/cells.js';
import { a1, hasErrors, makeIssue, type Issue } from '../core/issues.js';
import { makeRecord, type QmsRecord } from '../core/record.js';
import { num, requireUnique, rowsToRecords, str, valuesOf } from '../core/rules-kit.js';
import { normaliseHeader, type TableSheetSpec } from '../core/spec.js';
import { readTable, type TableRead, type TypedRow } from '../core/table.js';
import type { CoerceOptions } from '../core/values.js';
import { cellText } from '../core/values.js';
import { parseScale, scaleLabel, unknownScaleMessage, type Scale } from './scale.js';
import { CRITERIA_SHEET, criteriaColumns, supplierEvaluationSpec } from './spec.js';
import { appendAll } from '../core/arrays.js';
import { PRODUCT_CRITERIA, type CriterionDef, type ProductCriterion } from './criteria-set.js';

export type Criterion = ProductCriterion;
/** Weight in percent per criterion, by the criterion's name; they add up to 100. */
export type CriteriaWeights = Record<string, number>;

export const criteriaSpec = supplierEvaluationSpec.sheets[1] as TableSheetSpec;

const [criterionColumn, weightColumn] = criteriaColumns as [
  (typeof criteriaColumns)[number],
  (typeof criteriaColumns)[number],
];
const headerKeys = (c: (typeof criteriaColumns)[number]) => [c.header, ...(c.aliases ?? [])].map(normaliseHeader);
const CRITERION_KEYS = new Set(headerKeys(criterionColumn));
const WEIGHT_KEYS = new Set(headerKeys(weightColumn));
/** A closing "Total | 100" row is common under a weights table; it ends the block and is not a criterion. */
const TOTAL_LABELS = new Set(['total', 'sum', 'totalweight', 'totalweights', 'total%']);
/** How far right of "Criterion" the "Weight (%)" header may sit (a Description column may come between). */
const WEIGHT_SEARCH_SPAN = 3;

/** Header-like text of a cell (rich text included); numbers and long texts are no header and skip the normalisation. */
function textOf(raw: unknown): string {
  if (raw === null || raw === undefined || typeof raw === 'number' || typeof raw === 'boolean') return '';
  const cell = toCell(raw);
  return cell.kind === 'text' && cell.value.length <= 40 ? normaliseHeader(cell.value) : '';
}
const isBlank = (raw: unknown) => toCell(raw).kind === 'blank';

const BLANK: Cell = { kind: 'blank' };

export function isTotalRow(row: TypedRow): boolean {
  return TOTAL_LABELS.has(normaliseHeader(cellText(row.cells.criterion ?? BLANK)));
}

/** A "Scale | 1-10" (or "Scale: 1-10") row: the block's scale declaration (scale.ts), not a criterion. */
export const isScaleRow = (row: TypedRow): boolean => scaleLabel(row.cells.criterion ?? BLANK) !== undefined;

/**
 * Finds a Criterion | Weight (%) block on the supplier sheet: above the table, or beside it (in columns the table
 * does not use). The block runs down from its header to the first blank Criterion cell, a Total row or the table's
 * header row; a Scale row directly below the Total row still belongs to it. It is read with the criteria spec
 * through an offset sub-grid, so issues name the real cells.
 */
export function findCriteriaBlock(
  table: TableRead,
  options: CoerceOptions,
  spec: TableSheetSpec = criteriaSpec,
): TableRead | undefined {
  const values = table.input.values;
  const origin = table.input.origin ?? { row: 1, column: 1 };
  const headerIndex = table.headerRow - origin.row;
  const tableColumns = new Set(Object.values(table.columns).map((c) => c - origin.column));
  for (let i = 0; i < values.length; i++) {
    const row = values[i] ?? [];
    for (let j = 0; j < row.length; j++) {
      // From the table's header down, the table's own columns hold supplier data, never the block.
      if (i >= headerIndex && tableColumns.has(j)) continue;
      if (!CRITERION_KEYS.has(textOf(row[j]))) continue;
      const weightAt = row.slice(j + 1, j + 1 + WEIGHT_SEARCH_SPAN).findIndex((c) => WEIGHT_KEYS.has(textOf(c)));
      if (weightAt < 0) continue;
      let end = i + 1;
      while (
        end < values.length &&
        end !== headerIndex &&
        !isBlank(values[end]?.[j]) &&
        !TOTAL_LABELS.has(textOf(values[end]?.[j]))
      )
        end++;
      // The Total row is skipped by criteriaRules; the Scale row after it is read as the declaration.
      if (
        TOTAL_LABELS.has(textOf(values[end]?.[j])) &&
        end + 1 !== headerIndex &&
        scaleLabel(toCell(values[end + 1]?.[j]))
      )
        end += 2;
      const grid = values.slice(i, end).map((r) => r.slice(j));
      return readTable(
        { name: table.sheet, values: grid, origin: { row: origin.row + i, column: origin.column + j } },
        spec,
        options,
      );
    }
  }
  return undefined;
}

/**
 * The scale the criteria declare, with the cell that says so; `unreadable` when the declaration is in error (marks
 * are then not read, never guessed). Undefined when nothing is declared: the default 1–5 applies.
 */
export type ScaleDeclaration = { scale: Scale; at: string } | 'unreadable';

export interface CriteriaResult {
  /** The weights when the criteria are valid; undefined when they have errors (scores are then not computed). */
  weights?: CriteriaWeights;
  records: QmsRecord[];
  issues: Issue[];
  scale?: ScaleDeclaration;
}

/**
 * A criterion record's data. The key is written only where it says something the name does not (a renamed or an
 * extra criterion), so the product's criteria records, and their hashes, stay as they were.
 */
export function criterionData(criterion: CriterionDef, data: Record<string, unknown>): Record<string, unknown> {
  const own = PRODUCT_CRITERIA.find((p) => p.key === criterion.key);
  return own && own.name === criterion.name ? data : { ...data, key: criterion.key };
}

/** The default weights (the product's, or a pack's), emitted as records like any other criteria. */
export function defaultCriteria(set: readonly CriterionDef[] = PRODUCT_CRITERIA): CriteriaResult {
  const records = set.map((c) =>
    // Defaults come from no row: row 0 says so.
    makeRecord('supplier-criterion', c.name, criterionData(c, { criterion: c.name, weightPct: c.weightPct }), {
      sheet: CRITERIA_SHEET,
      row: 0,
    }),
  );
  return { weights: Object.fromEntries(set.map((c) => [c.name, c.weightPct])), records, issues: [] };
}

/** A weight this close to a whole number of hundredths of a percent is taken as that number (0.15 × 100 ≠ 15 in binary). */
const roundWeight = (w: number) => Math.round(w * 1e9) / 1e9;

/**
 * Criteria rules (docs/architecture.md, Templates and records), for a block or the criteria sheet alike. All or nothing: criteria with any error give
 * no weights and no records, so a half-valid set never scores suppliers. The Scale declaration is read apart from the
 * weights: an error in one does not void the other.
 */
export function criteriaRules(read: TableRead, set: readonly CriterionDef[] = PRODUCT_CRITERIA): CriteriaResult {
  const declared = declaredScale(read);
  const result = weightRules(read, set);
  return { ...result, issues: [...result.issues, ...declared.issues], scale: declared.scale };
}

/**
 * supplier.scale-declared: the value of a Scale row, after the label in its cell ("Scale: 1-10") or in the first
 * filled cell to its right. supplier.scale-unknown and supplier.scale-twice (two rows that disagree) are errors.
 */
function declaredScale(read: TableRead): { scale?: ScaleDeclaration; issues: Issue[] } {
  let found: { scale: Scale; at: string } | undefined;
  const error = (row: number, column: number, code: string, message: string) => ({
    scale: 'unreadable' as const,
    issues: [makeIssue('error', code, read.sheet, row, column, message)],
  });
  for (const row of read.rows) {
    const label = scaleLabel(row.cells.criterion ?? BLANK);
    if (!label) continue;
    const { cell, column } =
      label.rest !== '' ? { cell: toCell(label.rest), column: row.columnOf('criterion') } : valueRightOf(row, read);
    const at = `${read.sheet}!${a1(row.row, column)}`;
    const scale = parseScale(cell);
    if (!scale)
      return error(
        row.row,
        column,
        'supplier.scale-unknown',
        `${unknownScaleMessage(cell)}; until then supplier rows with marks are not read`,
      );
    if (found && found.scale !== scale)
      return error(
        row.row,
        column,
        'supplier.scale-twice',
        `The scale is declared again, differently (first at ${found.at}); keep one Scale row, until then supplier rows with marks are not read`,
      );
    found ??= { scale, at };
  }
  return { scale: found, issues: [] };
}

/** The first filled cell right of a row's Criterion cell (Weight or Description, in sheet order), else the first one. */
function valueRightOf(row: TypedRow, read: TableRead): { cell: Cell; column: number } {
  const from = row.columnOf('criterion');
  const right = ['weightPct', 'description']
    .filter((key) => (read.columns[key] ?? 0) > from)
    .map((key) => ({ cell: row.cells[key] ?? BLANK, column: read.columns[key] ?? from }))
    .sort((a, b) => a.column - b.column);
  return right.find((r) => r.cell.kind !== 'blank') ?? right[0] ?? { cell: BLANK, column: from };
}

function weightRules(read: TableRead, set: readonly CriterionDef[]): CriteriaResult {
  const names = set.map((c) => c.name);
  const issues: Issue[] = [...read.issues];
  if (hasErrors(read.issues)) return { records: [], issues };
  const rows = read.rows.filter((r) => !isTotalRow(r) && !isScaleRow(r));
  const criterionCol = read.columns.criterion ?? 1;
  const sheetIssue = (code: string, message: string) =>
    issues.push(makeIssue('error', code, read.sheet, read.headerRow, criterionCol, message));

  // supplier.criteria-empty
  if (rows.length === 0) {
    sheetIssue(
      'supplier.criteria-empty',
      `The criteria table lists no criterion; add rows for ${names.join(', ')} with weights adding up to 100, or delete the table to use the default weights (${set.map((c) => c.weightPct).join(', ')})`,
    );
    return { records: [], issues };
  }
  // supplier.criterion-unique
  requireUnique(rows, (r) => str(r, 'criterion'), 'criterion', 'supplier.criterion-unique', 'Criterion');
  // supplier.criteria-complete
  const listed = new Set(rows.map((r) => str(r, 'criterion')));
  const missing = names.filter((c) => !listed.has(c));
  if (missing.length > 0 && rows.every((r) => !hasErrors(r.issues))) {
    sheetIssue(
      'supplier.criteria-complete',
      `The criteria do not list ${missing.join(', ')}; add a row for each (weight 0 leaves a criterion out of the score)`,
    );
  }

  // supplier.weights-percent-format: a weight the cell shows as a percentage (0.4 shown as 40 %) is that percentage.
  for (const r of rows) {
    const cell = r.cells.weightPct;
    const w = num(r, 'weightPct');
    if (cell?.kind === 'number' && cell.percent && w !== undefined) r.values.weightPct = percentOf(w);
  }
  const weights = rows.map((r) => num(r, 'weightPct'));
  if (weights.every((w): w is number => w !== undefined)) {
    // supplier.weights-fraction: 0.4 typed in a %-formatted cell means 40 %.
    const sum = weights.reduce((s, w) => s + w, 0);
    if (weights.every((w) => w <= 1) && Math.abs(sum - 1) < 1e-9) {
      rows.forEach((r, i) => (r.values.weightPct = roundWeight((weights[i] ?? 0) * 100)));
    }
    // supplier.weights-total-100: flagged on every weight cell, since any of them may be the one to change.
    const total = roundWeight(rows.reduce((s, r) => s + (num(r, 'weightPct') ?? 0), 0));
    if (Math.abs(total - 100) > 1e-6) {
      for (const r of rows) {
        r.issue(
          'error',
          'supplier.weights-total-100',
          'weightPct',
          `Criteria weights add up to ${total}, not 100; change the Weight (%) cells so they total 100`,
        );
      }
    }
  }

  const out = rowsToRecords(
    rows,
    'supplier-criterion',
    (r) => str(r, 'criterion') ?? '',
    (r) => {
      const values = valuesOf(r, criteriaColumns);
      const criterion = set.find((c) => c.name === values.criterion);
      return criterion ? criterionData(criterion, values) : values;
    },
  );
  appendAll(issues, out.issues);
  if (hasErrors(issues)) return { records: [], issues };
  const byName: CriteriaWeights = Object.fromEntries(out.records.map((r) => [r.id, r.data.weightPct as number]));
  return { weights: byName, records: out.records, issues };
}
