import { toCell, type Cell } from './cells.js';
import { makeIssue, type Issue, type Severity } from './issues.js';
import { type ColumnSpec, type FieldSheetSpec, type TableSheetSpec } from './spec.js';
import { coerce, type CoerceOptions } from './values.js';
import { bestGuess, columnHeaderKeys, headerMatchKey } from './headers.js';
import { columnLetter } from './issues.js';
import { mappedCell, mappedColumns, type SheetMapping } from './mapping.js';
import { ReadingTally, SummaryBlocks } from './row-notes.js';

/** A worksheet's used range as the host returns it, with where that range starts (1-based). */
export interface SheetInput {
  name: string;
  values: readonly (readonly unknown[])[];
  /** Top-left cell of `values` on the sheet; defaults to A1. */
  origin?: { row: number; column: number };
  /** Worksheet custom property `qms.template`, e.g. `capa-log@1:CAPA Log`. */
  marker?: string;
  /**
   * 1-based sheet rows that are an Excel table's totals row ("Total", SUBTOTAL formulas): computed from the rows
   * above, so never read as a record.
   */
  totalsRows?: readonly number[];
  /** The sheet's mapping (worksheet property `qms.mapping`), when the user gave one. */
  mapping?: SheetMapping;
  /** Why a stored mapping could not be read (reported on the sheet rather than ignored). */
  mappingProblem?: string;
}

export type Value = string | number | boolean;

/** One data row after type coercion: values by column key, and where each column lives. */
export interface TypedRow {
  sheet: string;
  /** 1-based sheet row. */
  row: number;
  values: Record<string, Value | undefined>;
  /** Raw cells by key (for rules that need the original, e.g. ignored formula cells). */
  cells: Record<string, Cell>;
  issues: Issue[];
  /** 1-based sheet column of a spec key; falls back to the first column of the table for absent optional columns. */
  columnOf(key: string): number;
  issue(severity: Severity, code: string, key: string, message: string): Issue;
}

export interface TableRead {
  sheet: string;
  /** The sheet as given, for rules that read blocks beside the table (supplier criteria). */
  input: SheetInput;
  headerRow: number;
  /** 1-based sheet column per spec key that was found. */
  columns: Record<string, number>;
  rows: TypedRow[];
  /** Sheet-level issues (missing columns, duplicate headers). */
  issues: Issue[];
}

const HEADER_SCAN_ROWS = 20;

function headerKeys(column: ColumnSpec): readonly string[] {
  return columnHeaderKeys(column);
}

function cellString(raw: unknown): string {
  const cell = toCell(raw);
  return cell.kind === 'text' ? cell.value : cell.kind === 'number' ? String(cell.value) : '';
}

/** Which spec columns a row of header texts holds: key → 0-based index in the row. */
export function matchHeaderRow(row: readonly unknown[], columns: readonly ColumnSpec[]): Map<string, number> {
  // Array.from, not map: a sparse row (the reader leaves holes) must give a text for every index.
  return matchHeaderTexts(
    Array.from(row, (c) => [cellString(c)]),
    columns,
  );
}

/** Like matchHeaderRow, with several candidate texts per column (a two-row header): any of them may match. */
function matchHeaderTexts(
  candidates: readonly (readonly string[])[],
  columns: readonly ColumnSpec[],
): Map<string, number> {
  const found = new Map<string, number>();
  const keys = candidates.map((texts) => texts.map(headerMatchKey).filter((k) => k !== ''));
  const taken = new Set<number>();
  for (const column of columns) {
    const wanted = headerKeys(column);
    const index = keys.findIndex((k, i) => !taken.has(i) && k.some((t) => wanted.includes(t)));
    if (index >= 0) {
      found.set(column.key, index);
      taken.add(index);
    }
  }
  return found;
}

/**
 * A two-row header as registers draw it: a cell merged over both rows ("Clause" on top, blank below) or group
 * headings above the column names ("Verification" over "By" and "Date"). Per column, the candidates are the
 * lower text, the upper text, and the group heading (the nearest upper text to the left) joined with the lower.
 */
function twoRowCandidates(upper: readonly unknown[], lower: readonly unknown[]): string[][] {
  const width = Math.max(upper.length, lower.length);
  const out: string[][] = [];
  let group = '';
  for (let c = 0; c < width; c++) {
    const top = cellString(upper[c]);
    const bottom = cellString(lower[c]);
    if (top !== '') group = top;
    const texts = bottom === '' ? [top] : [bottom, ...(group === '' ? [] : [`${group} ${bottom}`, group])];
    out.push(texts.filter((t) => t !== ''));
  }
  return out;
}

export interface HeaderRow {
  /** 0-based index in `values` of the header row (the lower row of a two-row header). */
  index: number;
  matches: Map<string, number>;
  /** The header text per column as read (for a two-row header, the text that matched or the lower one). */
  texts: string[];
}

/** The row among the first 20 that names the most spec columns, alone or with the row above; ties go to the first. */
export function findHeaderRow(values: SheetInput['values'], columns: readonly ColumnSpec[]): HeaderRow | undefined {
  let best: HeaderRow | undefined;
  const limit = Math.min(values.length, HEADER_SCAN_ROWS);
  for (let i = 0; i < limit; i++) {
    const row = values[i] ?? [];
    const matches = matchHeaderRow(row, columns);
    if (matches.size > 0 && (!best || matches.size > best.matches.size))
      best = { index: i, matches, texts: Array.from(row, cellString) };
    if (i === 0) continue;
    // Only a real gain over either row alone makes two rows one header.
    const above = values[i - 1] ?? [];
    const candidates = twoRowCandidates(above, row);
    const joined = matchHeaderTexts(candidates, columns);
    const alone = Math.max(matches.size, matchHeaderRow(above, columns).size);
    if (joined.size > alone && (!best || joined.size > best.matches.size)) {
      const texts = candidates.map((t, c) => {
        const key = [...joined.entries()].find(([, index]) => index === c)?.[0];
        const column = columns.find((x) => x.key === key);
        return (column && t.find((x) => headerKeys(column).includes(headerMatchKey(x)))) ?? t[0] ?? '';
      });
      best = { index: i, matches: joined, texts };
    }
  }
  return best;
}

function origin(sheet: SheetInput): { row: number; column: number } {
  return sheet.origin ?? { row: 1, column: 1 };
}

export function isBlankRow(row: readonly unknown[] | undefined, indexes?: Iterable<number>): boolean {
  if (!row) return true;
  const idx = indexes ? [...indexes] : row.map((_, i) => i);
  return idx.every((i) => toCell(row[i]).kind === 'blank');
}

export function readTable(sheet: SheetInput, spec: TableSheetSpec, options: CoerceOptions): TableRead {
  const o = origin(sheet);
  const mapping = sheet.mapping;
  const found = findHeaderRow(sheet.values, spec.columns);
  // A mapping's header row is the user's word; its columns add to (and win over) those the headers name.
  const header =
    mapping?.headerRow !== undefined
      ? {
          index: Math.max(0, mapping.headerRow - o.row),
          matches: matchHeaderRow(sheet.values[Math.max(0, mapping.headerRow - o.row)] ?? [], spec.columns),
          texts: Array.from(sheet.values[Math.max(0, mapping.headerRow - o.row)] ?? [], cellString),
        }
      : found;
  const headerIndex = header?.index ?? 0;
  const headerRow = o.row + headerIndex;
  const matches = new Map(header?.matches ?? []);
  const issues: Issue[] = [];
  if (mapping) {
    const mapped = mappedColumns(sheet.values[headerIndex] ?? [], mapping, spec);
    for (const [key, index] of mapped.matches) {
      for (const [other, i] of matches) if (i === index && other !== key) matches.delete(other);
      matches.set(key, index);
    }
    for (const text of mapped.missing)
      issues.push(
        makeIssue(
          'error',
          'mapping.header-missing',
          sheet.name,
          headerRow,
          o.column,
          `The sheet's mapping reads the column "${text}", but row ${headerRow} has no such header; map the sheet again (its header may have been renamed)`,
        ),
      );
    for (const field of mapped.unknownFields)
      issues.push(
        makeIssue(
          'error',
          'mapping.unknown-field',
          sheet.name,
          headerRow,
          o.column,
          `The sheet's mapping names "${field}", which is no column of ${spec.name}; map the sheet again (columns: ${spec.columns.map((c) => c.header).join(', ')})`,
        ),
      );
  }
  const columns: Record<string, number> = {};
  for (const [key, index] of matches) columns[key] = o.column + index;
  const firstColumn = Math.min(...Object.values(columns), o.column);

  const headerTexts = header?.texts ?? (sheet.values[headerIndex] ?? []).map(cellString);
  const used = new Set(matches.values());
  const unmatched = headerTexts
    .map((text, index) => ({ text, index }))
    .filter((h) => h.text !== '' && !used.has(h.index));
  for (const column of spec.columns) {
    if (column.required && !matches.has(column.key)) {
      const guess = bestGuess(unmatched, column);
      const seen =
        unmatched.length > 0
          ? ` Headers not matched to any column: ${unmatched
              .slice(0, 8)
              .map((h) => `"${h.text}" (${columnLetter(o.column + h.index)})`)
              .join(', ')}${unmatched.length > 8 ? ', ...' : ''}.`
          : '';
      const ask = guess
        ? `No column for ${column.header}: is "${guess.text}" (column ${columnLetter(o.column + guess.index)}) it? If so, rename that header to "${column.header}".`
        : `Required column "${column.header}" is missing from the header row (row ${headerRow}); add a column headed "${column.header}", or rename the header that holds it.`;
      issues.push(makeIssue('error', 'sheet.missing-column', sheet.name, headerRow, firstColumn, `${ask}${seen}`));
    }
  }

  const rows: TypedRow[] = [];
  const layout = spec.columns.map((column) => ({ column, index: matches.get(column.key) }));
  const totals = new Set(sheet.totalsRows ?? []);
  const tally = new ReadingTally(sheet.name);
  const summary = new SummaryBlocks(sheet.name, o.column);
  let gap = false;
  for (let i = headerIndex + 1; i < sheet.values.length; i++) {
    const raw = sheet.values[i] ?? [];
    if (totals.has(o.row + i)) {
      // Never a record: the table's totals (SUBTOTAL formulas over the rows above).
      if (!isBlankRow(raw))
        issues.push(
          makeIssue(
            'info',
            'sheet.totals-row',
            sheet.name,
            o.row + i,
            firstColumn,
            `Row ${o.row + i} is the Excel table's totals row; it is left out of the records`,
          ),
        );
      continue;
    }
    // Each cell is normalised once; a row whose template columns are all blank is skipped, not an error.
    const cells: Record<string, Cell> = {};
    let blank = true;
    for (const { column, index } of layout) {
      const read = index === undefined ? BLANK : toCell(raw[index]);
      const cell = mapping ? mappedCell(read, mapping.values[column.key]) : read;
      cells[column.key] = cell;
      if (cell.kind !== 'blank') blank = false;
    }
    if (blank) {
      gap = true;
      continue;
    }
    if (gap && summary.take(raw, o.row + i)) continue;
    summary.end();
    rows.push(typedRow(sheet.name, o.row + i, cells, layout, matches, o.column, firstColumn, options, tally));
  }
  summary.end();
  issues.push(...summary.issues, ...tally.issues());
  return { sheet: sheet.name, input: sheet, headerRow, columns, rows, issues };
}

const BLANK: Cell = { kind: 'blank' };

/** A table row; a class so that its two helpers live once on the prototype, not as two closures per row. */
class TableRow implements TypedRow {
  readonly issues: Issue[] = [];
  readonly values: Record<string, Value | undefined> = {};

  constructor(
    readonly sheet: string,
    readonly row: number,
    readonly cells: Record<string, Cell>,
    private readonly matches: Map<string, number>,
    private readonly originColumn: number,
    private readonly fallbackColumn: number,
  ) {}

  columnOf(key: string): number {
    const index = this.matches.get(key);
    return index === undefined ? this.fallbackColumn : this.originColumn + index;
  }

  issue(severity: Severity, code: string, key: string, message: string): Issue {
    const made = makeIssue(severity, code, this.sheet, this.row, this.columnOf(key), message);
    this.issues.push(made);
    return made;
  }
}

function typedRow(
  sheetName: string,
  row: number,
  cells: Record<string, Cell>,
  layout: readonly { column: ColumnSpec; index: number | undefined }[],
  matches: Map<string, number>,
  originColumn: number,
  fallbackColumn: number,
  options: CoerceOptions,
  tally?: ReadingTally,
): TypedRow {
  const typed = new TableRow(sheetName, row, cells, matches, originColumn, fallbackColumn);
  const { values } = typed;
  for (const { column, index } of layout) {
    const cell = cells[column.key] ?? BLANK;
    if (cell.kind === 'blank') {
      if (column.required && index !== undefined) {
        typed.issue('error', 'cell.required', column.key, `${column.header} is required but blank; fill it in`);
      }
      values[column.key] = column.defaultValue;
      continue;
    }
    const result = coerce(cell, column, options);
    if (result.ok) {
      values[column.key] = result.value;
      if (result.guessed !== undefined)
        tally?.note(column, result.guessed, result.value, row, typed.columnOf(column.key));
    } else typed.issue('error', result.code, column.key, result.message);
  }
  return typed;
}

/** A Field | Value sheet read into one typed row whose `columnOf` points at each field's Value cell. */
export interface FieldsRead {
  sheet: string;
  input: SheetInput;
  headerRow: number;
  row: TypedRow;
  issues: Issue[];
}

export function readFields(sheet: SheetInput, spec: FieldSheetSpec, options: CoerceOptions): FieldsRead {
  const o = origin(sheet);
  const headerCols: ColumnSpec[] = [
    { key: '__field', header: spec.fieldHeader, type: 'text' },
    { key: '__value', header: spec.valueHeader, type: 'text' },
  ];
  const header = findHeaderRow(sheet.values, headerCols);
  const headerIndex = header && header.matches.size === 2 ? header.index : -1;
  const fieldIndex = header?.matches.get('__field') ?? 0;
  const valueIndex = header?.matches.get('__value') ?? 1;
  const headerRow = o.row + Math.max(headerIndex, 0);

  // Field label (normalised) → 0-based row index.
  const labelRows = new Map<string, number>();
  for (let i = headerIndex + 1; i < sheet.values.length; i++) {
    const label = headerMatchKey(cellString(sheet.values[i]?.[fieldIndex]));
    if (label !== '' && !labelRows.has(label)) labelRows.set(label, i);
  }
  const rowOfField = new Map<string, number>();
  for (const field of spec.fields) {
    const i = headerKeys(field)
      .map((k) => labelRows.get(k))
      .find((v) => v !== undefined);
    if (i !== undefined) rowOfField.set(field.key, i);
  }

  const values: Record<string, Value | undefined> = {};
  const cells: Record<string, Cell> = {};
  const issues: Issue[] = [];
  const valueColumn = o.column + valueIndex;
  const lastRow = o.row + Math.max(sheet.values.length - 1, headerIndex + 1);
  const rowNumberOf = (key: string): number => {
    const i = rowOfField.get(key);
    return i === undefined ? headerRow : o.row + i;
  };
  const issue = (severity: Severity, code: string, key: string, message: string): Issue => {
    const made = makeIssue(severity, code, sheet.name, rowNumberOf(key), valueColumn, message);
    issues.push(made);
    return made;
  };
  const sheetIssues: Issue[] = [];
  for (const field of spec.fields) {
    const i = rowOfField.get(field.key);
    if (i === undefined) {
      if (field.required) {
        sheetIssues.push(
          makeIssue(
            'error',
            'sheet.missing-field',
            sheet.name,
            headerRow,
            o.column + fieldIndex,
            `Required field "${field.header}" is missing: add a row with "${field.header}" in the ${spec.fieldHeader} column (below row ${lastRow}) and its value beside it`,
          ),
        );
      }
      values[field.key] = field.defaultValue;
      cells[field.key] = { kind: 'blank' };
      continue;
    }
    const cell = toCell(sheet.values[i]?.[valueIndex]);
    cells[field.key] = cell;
    if (cell.kind === 'blank') {
      if (field.required)
        issue('error', 'cell.required', field.key, `${field.header} is required but blank; fill it in`);
      values[field.key] = field.defaultValue;
      continue;
    }
    const result = coerce(cell, field, options);
    if (result.ok) values[field.key] = result.value;
    else issue('error', result.code, field.key, result.message);
  }
  const row: TypedRow = {
    sheet: sheet.name,
    row: headerRow + 1,
    values,
    cells,
    issues,
    columnOf: () => valueColumn,
    issue,
  };
  // Rules address field cells by row, so expose the row lookup through a wrapper issue() above; `row` is the first data row.
  return { sheet: sheet.name, input: sheet, headerRow, row, issues: sheetIssues };
}
