import { CONTROL_CHARACTERS } from './cells.js';
import { findClause, normaliseClause } from '../catalogue/iso9001-2015.js';
import { hasErrors, type Issue } from './issues.js';
import { makeRecord, type QmsRecord, type RecordType } from './record.js';
import type { ColumnSpec, TableSheetSpec } from './spec.js';
import { isBlankCell, type TypedRow, type Value } from './table.js';
import { objectShape } from './shapes.js';

/** Shared steps of template rules: uniqueness, clause checks, and turning checked rows into records. */

export function str(row: TypedRow, key: string): string | undefined {
  const v = row.values[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/**
 * Blank as typed: a cell whose value failed its type check (an error value, an ambiguous date) is not blank — it
 * already has its own error, and a second "is blank" message about it would be wrong.
 */
export function isBlank(row: TypedRow, key: string): boolean {
  return isBlankCell(row, key);
}

export function num(row: TypedRow, key: string): number | undefined {
  const v = row.values[key];
  return typeof v === 'number' ? v : undefined;
}

/** Flags every repeat of a key after its first row (error), naming the first row. */
export function requireUnique(
  rows: readonly TypedRow[],
  keyOf: (row: TypedRow) => string | undefined,
  column: string,
  code: string,
  label: string,
): void {
  const first = new Map<string, TypedRow>();
  for (const row of rows) {
    const key = keyOf(row);
    if (key === undefined) continue;
    const normal = key.toLowerCase();
    const seen = first.get(normal);
    if (seen) {
      row.issue(
        'error',
        code,
        column,
        `${label} "${key}" is used again (first in row ${seen.row}); give each row its own ${label}`,
      );
    } else {
      first.set(normal, row);
    }
  }
}

/** Ids end up in cells and storage keys: control characters (a pasted line break) are refused. */
export function checkIdCharacters(row: TypedRow, key: string, label: string): void {
  const v = str(row, key);
  if (v !== undefined && CONTROL_CHARACTERS.test(v)) {
    row.issue(
      'error',
      'cell.id-control-characters',
      key,
      `${label} contains a line break or control character; retype it on one line`,
    );
  }
}

// Registers name the same few clauses on row after row: each text is looked up in the catalogue once.
const clauseOfText = new Map<string, string | null>();

/** The catalogue clause a text names once tidied ("Clause 8.5.1." → 8.5.1), or undefined. */
function catalogueClause(raw: string): string | undefined {
  let clause = clauseOfText.get(raw);
  if (clause === undefined) {
    const tidied = normaliseClause(raw);
    clause = findClause(tidied) ? tidied : null;
    if (clauseOfText.size >= 10_000) clauseOfText.clear();
    clauseOfText.set(raw, clause);
  }
  return clause ?? undefined;
}

/** Optional clause column: normalised to the catalogue's spelling, or an error when it is no catalogue clause. */
export function checkClause(row: TypedRow, key: string, code: string): string | undefined {
  const raw = str(row, key);
  if (raw === undefined) return undefined;
  const clause = catalogueClause(raw);
  if (clause === undefined) {
    row.issue(
      'error',
      code,
      key,
      `Clause "${raw}" is not an ISO 9001:2015 clause of the catalogue; use a number such as 8.5.1`,
    );
    return undefined;
  }
  row.values[key] = clause;
  return clause;
}

/** Rows with an error yield no record; the others become records carrying their warnings. */
export function rowsToRecords(
  rows: readonly TypedRow[],
  type: RecordType,
  idOf: (row: TypedRow) => string,
  dataOf: (row: TypedRow) => Record<string, unknown>,
): { records: QmsRecord[]; issues: Issue[] } {
  const records: QmsRecord[] = [];
  const issues: Issue[] = [];
  for (const row of rows) {
    // Most rows have no issue at all: skip the copying for them.
    const rowIssues = row.issues;
    if (rowIssues.length > 0) {
      for (const issue of rowIssues) issues.push(issue);
      if (hasErrors(rowIssues)) continue;
    }
    records.push(
      makeRecord(
        type,
        idOf(row),
        dataOf(row),
        { sheet: row.sheet, row: row.row },
        rowIssues.length > 0 ? rowIssues.filter((i) => i.severity === 'warning') : [],
      ),
    );
  }
  return { records, issues };
}

/** The row's values for the spec's columns, as record data (blank optional cells are left out). */
export function valuesOf(row: TypedRow, columns: readonly ColumnSpec[]): Record<string, Value | undefined> {
  const data = recordKeys(columns);
  const { keys, read } = data;
  const values = row.values;
  let mask = 0;
  for (let i = 0; i < keys.length; i++) {
    const v = values[keys[i] as string];
    read[i] = v;
    if (v !== undefined && i < 31) mask |= 1 << i;
  }
  const shape = keys.length <= 31 ? shapeFor(data, mask) : undefined;
  // A copy of the row's shape has its final layout at once; growing an object key by key reallocates as it goes.
  const out = (shape ? { ...shape } : {}) as unknown as Record<string, Value | undefined>;
  for (let i = 0; i < keys.length; i++) {
    const v = read[i];
    if (v !== undefined) out[keys[i] as string] = v;
  }
  read.fill(undefined);
  return out;
}

/**
 * The keys of record data per spec column list (formula columns are not data), worked out once, not per row, and the
 * shapes record data takes (which keys are filled, in column order), a few kept per list.
 */
interface RecordKeys {
  keys: readonly string[];
  /** Scratch: the row's values by key index while one row is copied. */
  read: (Value | undefined)[];
  shapes: Map<number, Readonly<Record<string, null>>>;
}

const recordKeysOf = new WeakMap<readonly ColumnSpec[], RecordKeys>();
const SHAPES_KEPT = 64;

function recordKeys(columns: readonly ColumnSpec[]): RecordKeys {
  let data = recordKeysOf.get(columns);
  if (!data) {
    const keys = columns.filter((c) => c.type !== 'formula').map((c) => c.key);
    data = { keys, read: keys.map(() => undefined), shapes: new Map() };
    recordKeysOf.set(columns, data);
  }
  return data;
}

function shapeFor(data: RecordKeys, mask: number): Readonly<Record<string, null>> | undefined {
  let shape = data.shapes.get(mask);
  if (shape === undefined && data.shapes.size < SHAPES_KEPT) {
    shape = objectShape(data.keys.filter((_, i) => mask & (1 << i)));
    data.shapes.set(mask, shape);
  }
  return shape;
}

function toCellValue(column: ColumnSpec, value: unknown): unknown {
  if (value === undefined || value === null) return '';
  if (column.type === 'yesno') return value === true ? 'Yes' : value === false ? 'No' : value;
  return value;
}

/** Writes records back as a grid: header row, then one row per record, in the spec's column order. */
export function recordsToTable(spec: TableSheetSpec, records: readonly QmsRecord[]): unknown[][] {
  const header = spec.columns.map((c) => c.header);
  const rows = records
    .filter((r) => r.type === spec.recordType)
    .map((r) => spec.columns.map((c) => toCellValue(c, r.data[c.key])));
  return [header, ...rows];
}
