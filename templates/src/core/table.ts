import { toCell, type Cell } from './cells.js';
import { makeIssue, type Issue, type Severity } from './issues.js';
import { type ColumnSpec, type FieldSheetSpec, type TableSheetSpec } from './spec.js';
import { coerce, MAX_TEXT_LENGTH, type CoerceOptions } from './values.js';
import { serialToIso } from './dates.js';
import { objectShape } from './shapes.js';
import { bestGuess, columnHeaderKeys, headerMatchKey } from './headers.js';
import { columnLetter } from './issues.js';
import { mappedCell, mappedColumns, type SheetMapping } from './mapping.js';
import { ReadingTally, SummaryBlocks } from './row-notes.js';
import { appendAll } from './arrays.js';

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
  /**
   * 1-based sheet cells holding a formula with no calculated value (they read as blank). Only a file reader can
   * tell; Excel, behind Office.js, always calculates.
   */
  uncalculated?: readonly { row: number; column: number }[];
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
  return matchKeyIndex(keyIndex(Array.from(row, (c) => [cellString(c)])), columns);
}

/**
 * Where each header key occurs among a row's cells: key → 0-based cell indexes, ascending. Several candidate texts
 * per cell (a two-row header) may each give a key.
 */
type KeyIndex = Map<string, number[]>;

function keyIndex(candidates: readonly (readonly string[])[]): KeyIndex {
  const index: KeyIndex = new Map();
  for (let i = 0; i < candidates.length; i++) {
    for (const text of candidates[i] ?? []) {
      const key = headerMatchKey(text);
      if (key === '') continue;
      const at = index.get(key);
      if (at === undefined) index.set(key, [i]);
      else if (at[at.length - 1] !== i) at.push(i);
    }
  }
  return index;
}

/**
 * Which spec columns a row's keys name: each column, in spec order, takes the first cell not yet taken whose texts
 * match its header or an alias.
 */
function matchKeyIndex(index: KeyIndex, columns: readonly ColumnSpec[]): Map<string, number> {
  const found = new Map<string, number>();
  if (index.size === 0) return found;
  const taken = new Set<number>();
  for (const column of columns) {
    let best = -1;
    for (const key of headerKeys(column)) {
      const at = index.get(key);
      if (at === undefined) continue;
      for (const i of at) {
        if (taken.has(i)) continue;
        if (best < 0 || i < best) best = i;
        break;
      }
    }
    if (best >= 0) {
      found.set(column.key, best);
      taken.add(best);
    }
  }
  return found;
}

/**
 * A two-row header as registers draw it: a cell merged over both rows ("Clause" on top, blank below) or group
 * headings above the column names ("Verification" over "By" and "Date"). Per column, the candidates are the
 * lower text, the upper text, and the group heading (the nearest upper text to the left) joined with the lower.
 */
function twoRowCandidates(upper: readonly string[], lower: readonly string[]): string[][] {
  const width = Math.max(upper.length, lower.length);
  const out: string[][] = [];
  let group = '';
  for (let c = 0; c < width; c++) {
    const top = upper[c] ?? '';
    const bottom = lower[c] ?? '';
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

/**
 * The first rows of a sheet read once for header matching: each row's texts and keys, and each pair of rows' two-row
 * candidates. Recognising a sheet tries every template's columns on the same rows, so this is kept per grid (and
 * checked against the cells, so that an edited grid is read again).
 */
interface HeaderScan {
  rows: readonly (readonly unknown[] | undefined)[];
  cells: readonly (readonly unknown[])[];
  texts: string[][];
  single: KeyIndex[];
  /** Index i: rows i-1 and i as one header (index 0 unused). */
  pairs: { candidates: string[][]; index: KeyIndex }[];
}

const scans = new WeakMap<SheetInput['values'], HeaderScan>();

function sameScan(scan: HeaderScan, values: SheetInput['values'], limit: number): boolean {
  if (scan.rows.length !== limit) return false;
  for (let i = 0; i < limit; i++) {
    const row = values[i];
    if (row !== scan.rows[i]) return false;
    const cells = scan.cells[i] as readonly unknown[];
    const length = row?.length ?? 0;
    if (length !== cells.length) return false;
    for (let c = 0; c < length; c++) if (!Object.is(row?.[c], cells[c])) return false;
  }
  return true;
}

function headerScan(values: SheetInput['values']): HeaderScan {
  const limit = Math.min(values.length, HEADER_SCAN_ROWS);
  const cached = scans.get(values);
  if (cached && sameScan(cached, values, limit)) return cached;
  const rows: (readonly unknown[] | undefined)[] = [];
  const cells: unknown[][] = [];
  const texts: string[][] = [];
  const single: KeyIndex[] = [];
  const pairs: HeaderScan['pairs'] = [];
  for (let i = 0; i < limit; i++) {
    const row = values[i];
    rows.push(row);
    cells.push(Array.from(row ?? []));
    const rowTexts = Array.from(row ?? [], cellString);
    texts.push(rowTexts);
    single.push(keyIndex(rowTexts.map((t) => [t])));
    if (i === 0) pairs.push({ candidates: [], index: new Map() });
    else {
      const candidates = twoRowCandidates(texts[i - 1] as string[], rowTexts);
      pairs.push({ candidates, index: keyIndex(candidates) });
    }
  }
  const scan = { rows, cells, texts, single, pairs };
  scans.set(values, scan);
  return scan;
}

/** The row among the first 20 that names the most spec columns, alone or with the row above; ties go to the first. */
export function findHeaderRow(values: SheetInput['values'], columns: readonly ColumnSpec[]): HeaderRow | undefined {
  const scan = headerScan(values);
  let best: HeaderRow | undefined;
  let previous = 0;
  for (let i = 0; i < scan.rows.length; i++) {
    const matches = matchKeyIndex(scan.single[i] as KeyIndex, columns);
    if (matches.size > 0 && (!best || matches.size > best.matches.size))
      best = { index: i, matches, texts: [...(scan.texts[i] as string[])] };
    const aboveSize = previous;
    previous = matches.size;
    if (i === 0) continue;
    // Only a real gain over either row alone makes two rows one header.
    const pair = scan.pairs[i] as HeaderScan['pairs'][number];
    const joined = matchKeyIndex(pair.index, columns);
    const alone = Math.max(matches.size, aboveSize);
    if (joined.size > alone && (!best || joined.size > best.matches.size)) {
      const texts = pair.candidates.map((t, c) => {
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
  // sheets.no-silent-drop: an optional column whose header the user reworded would otherwise be left unread in
  // silence, its values kept nowhere. Said once per header, at that header's cell.
  const claimed = new Set<number>();
  for (const column of spec.columns) {
    if (column.required || column.type === 'formula' || matches.has(column.key)) continue;
    const guess = bestGuess(
      unmatched.filter((h) => !claimed.has(h.index)),
      column,
    );
    if (!guess) continue;
    claimed.add(guess.index);
    issues.push(
      makeIssue(
        'warning',
        'sheet.unread-column',
        sheet.name,
        headerRow,
        o.column + guess.index,
        `"${guess.text}" is not read as any column, so its values are not kept: if it is ${column.header}, rename the header to "${column.header}"`,
      ),
    );
  }

  const rows: TypedRow[] = [];
  const layout = spec.columns.map((column) => planColumn(column, matches.get(column.key), mapping));
  // Every row's values and cells carry every spec key in spec order: copying one object of that shape gives each row
  // its final layout at once, instead of growing it key by key.
  const shape = objectShape(layout.map((plan) => plan.key));
  const totals = new Set(sheet.totalsRows ?? []);
  const tally = new ReadingTally(sheet.name);
  const summary = new SummaryBlocks(sheet.name, o.column);
  const place: RowPlace = {
    sheet: sheet.name,
    matches,
    originColumn: o.column,
    fallbackColumn: firstColumn,
    layout,
    shape,
    position: new Map(layout.map((plan, c) => [plan.key, c])),
  };
  const read: Cell[] = layout.map(() => BLANK);
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
    let blank = true;
    let blanks = 0;
    for (let c = 0; c < layout.length; c++) {
      const cell = cellOf(layout[c] as ColumnPlan, raw);
      read[c] = cell;
      if (cell.kind !== 'blank') blank = false;
      else if (c < 31) blanks |= 1 << c;
    }
    if (blank) {
      gap = true;
      continue;
    }
    if (gap && summary.take(raw, o.row + i)) continue;
    summary.end();
    rows.push(typedRow(place, o.row + i, raw, read, blanks, options, tally));
  }
  summary.end();
  appendAll(issues, summary.issues);
  appendAll(issues, tally.issues());
  return { sheet: sheet.name, input: sheet, headerRow, columns, rows, issues };
}

const BLANK: Cell = { kind: 'blank' };

/**
 * How a column's cells are read, worked out once per column: the common case of each type (a text in a text
 * column, a listed value typed exactly, a date serial) is taken without the general coercion.
 */
interface ColumnPlan {
  column: ColumnSpec;
  key: string;
  index: number | undefined;
  /** The mapping's word → value list for the column. */
  words: Readonly<Record<string, string>> | undefined;
  fast: 'text' | 'list' | 'date' | 'yesno' | 'none';
  listed: ReadonlySet<string>;
  cells: ColumnCells;
}

/**
 * A column's cells, normalised (toCell) once per distinct value: registers repeat their statuses, owners and dates
 * down a column, and the rows then share one (never changed) cell object per value instead of each making its own.
 * A column whose values hardly repeat (ids, descriptions) stops looking after its first rows.
 */
class ColumnCells {
  private readonly seen = new Map<string | number, Cell>();
  private lookups = 0;
  private hits = 0;
  private on = true;

  read(raw: unknown): Cell {
    // Short texts and numbers only; 0 is left out because a Map does not tell 0 from -0.
    if (!this.on || !cacheable(raw)) return toCell(raw);
    const known = this.seen.get(raw);
    this.lookups++;
    if (known !== undefined) {
      this.hits++;
      return known;
    }
    const cell = toCell(raw);
    if (this.lookups === CELLS_TRIAL && this.hits * 2 < CELLS_TRIAL) {
      this.on = false;
      this.seen.clear();
    } else if (this.seen.size < CELLS_KEPT) this.seen.set(raw, cell);
    return cell;
  }
}

const cacheable = (raw: unknown): raw is string | number =>
  typeof raw === 'number' ? raw !== 0 : typeof raw === 'string' && raw.length <= 64;

/** Rows a column is watched before a column of mostly distinct values stops being looked up. */
const CELLS_TRIAL = 200;
const CELLS_KEPT = 2_000;

const NOTHING_LISTED: ReadonlySet<string> = new Set();

function planColumn(column: ColumnSpec, index: number | undefined, mapping: SheetMapping | undefined): ColumnPlan {
  const fast =
    column.type === 'text' || column.type === 'formula'
      ? 'text'
      : column.type === 'list'
        ? 'list'
        : column.type === 'date'
          ? 'date'
          : column.type === 'yesno'
            ? 'yesno'
            : 'none';
  return {
    column,
    key: column.key,
    index,
    words: mapping?.values[column.key],
    fast,
    listed: column.type === 'list' ? new Set(column.list ?? []) : NOTHING_LISTED,
    cells: new ColumnCells(),
  };
}

/** Where a sheet's rows point their issues: shared by every row of the sheet. */
interface RowPlace {
  sheet: string;
  matches: Map<string, number>;
  originColumn: number;
  fallbackColumn: number;
  layout: readonly ColumnPlan[];
  /** Every row's values and cells carry every spec key, in spec order. */
  shape: Readonly<Record<string, null>>;
  /** Spec key → its index in `layout`. */
  position: ReadonlyMap<string, number>;
}

/** A column's cell in a row as the rules see it: normalised, with the mapping's words applied. */
function cellOf(plan: ColumnPlan, raw: readonly unknown[]): Cell {
  const cell = plan.index === undefined ? BLANK : plan.cells.read(raw[plan.index]);
  return plan.words ? mappedCell(cell, plan.words) : cell;
}

/**
 * A table row; a class so that its helpers live once on the prototype, not as closures per row. Its cells are made
 * again from the sheet's row when a rule first asks for them: most rules read only values, and keeping every row's
 * cells for the whole parse was a third of the memory the rows held. Which cells are blank is kept (isBlankCell).
 */
class TableRow implements TypedRow {
  readonly issues: Issue[] = [];
  readonly sheet: string;
  private made: Record<string, Cell> | undefined;

  constructor(
    private readonly place: RowPlace,
    readonly row: number,
    private readonly raw: readonly unknown[],
    /** Bit c set: layout column c (c < 31) is blank. */
    private readonly blanks: number,
    readonly values: Record<string, Value | undefined>,
  ) {
    this.sheet = place.sheet;
  }

  get cells(): Record<string, Cell> {
    if (this.made === undefined) {
      const cells = { ...this.place.shape } as unknown as Record<string, Cell>;
      for (const plan of this.place.layout) cells[plan.key] = cellOf(plan, this.raw);
      this.made = cells;
    }
    return this.made;
  }

  /** Whether the row's cell for a spec key is blank (a key the spec lacks is). */
  isBlankCell(key: string): boolean {
    const c = this.place.position.get(key);
    if (c === undefined) return true;
    if (c < 31) return (this.blanks & (1 << c)) !== 0;
    return this.cells[key]?.kind === 'blank';
  }

  columnOf(key: string): number {
    const index = this.place.matches.get(key);
    return index === undefined ? this.place.fallbackColumn : this.place.originColumn + index;
  }

  issue(severity: Severity, code: string, key: string, message: string): Issue {
    const made = makeIssue(severity, code, this.place.sheet, this.row, this.columnOf(key), message);
    this.issues.push(made);
    return made;
  }
}

/** Whether a row's cell for a spec key is blank, without making the row's cells when it need not. */
export function isBlankCell(row: TypedRow, key: string): boolean {
  if (row instanceof TableRow) return row.isBlankCell(key);
  return (row.cells[key]?.kind ?? 'blank') === 'blank';
}

/** The value of a cell in the common case of its column's type, or undefined to take the general coercion. */
function fastValue(plan: ColumnPlan, cell: Cell, options: CoerceOptions): Value | undefined {
  switch (plan.fast) {
    case 'text':
      return cell.kind === 'text' && cell.value.length <= MAX_TEXT_LENGTH ? cell.value : undefined;
    case 'list':
      return cell.kind === 'text' && plan.listed.has(cell.value) ? cell.value : undefined;
    case 'date':
      return cell.kind === 'number' ? serialToIso(cell.value, options.date1904) : undefined;
    case 'yesno':
      return cell.kind === 'bool' ? cell.value : undefined;
    default:
      return undefined;
  }
}

/** A row's typed values from its cells (`read`, by layout index), with an issue for each refused cell. */
function typedRow(
  place: RowPlace,
  row: number,
  raw: readonly unknown[],
  read: readonly Cell[],
  blanks: number,
  options: CoerceOptions,
  tally?: ReadingTally,
): TypedRow {
  const values = { ...place.shape } as unknown as Record<string, Value | undefined>;
  const typed = new TableRow(place, row, raw, blanks, values);
  const { layout } = place;
  for (let c = 0; c < layout.length; c++) {
    const plan = layout[c] as ColumnPlan;
    const { column, key } = plan;
    const cell = read[c] ?? BLANK;
    if (cell.kind === 'blank') {
      if (column.required && plan.index !== undefined) {
        typed.issue('error', 'cell.required', key, `${column.header} is required but blank; fill it in`);
      }
      values[key] = column.defaultValue;
      continue;
    }
    const fast = fastValue(plan, cell, options);
    if (fast !== undefined) {
      values[key] = fast;
      continue;
    }
    const result = coerce(cell, column, options);
    if (result.ok) {
      values[key] = result.value;
      if (result.guessed !== undefined) tally?.note(column, result.guessed, result.value, row, typed.columnOf(key));
    } else {
      // Assigned all the same: every key of the row's shape holds a value, undefined for a refused cell.
      values[key] = undefined;
      typed.issue('error', result.code, key, result.message);
    }
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
