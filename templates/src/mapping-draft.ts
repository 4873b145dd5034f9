import { toCell, type Cell } from './core/cells.js';
import { isoFromUtcMs, serialToIso, type IsoDate } from './core/dates.js';
import { bestGuess, columnHeaderKeys, headerMatchKey } from './core/headers.js';
import { columnLetter, type Issue } from './core/issues.js';
import { serialiseSheetMapping, type SheetMapping } from './core/mapping.js';
import type { ColumnSpec, TableSheetSpec } from './core/spec.js';
import { findHeaderRow, type SheetInput } from './core/table.js';
import type { TemplateModule } from './core/template.js';
import { cellText, matchListValue } from './core/values.js';
import { defaultReading, likelyListValue, readYesNo } from './core/vocabulary.js';
import type { WorkbookInput } from './core/workbook.js';
import { STARTER_MODULES, validateWorkbook } from './registry.js';

/**
 * The pane's Map columns view, as data: what a sheet can be mapped to, the best guess for each of the template's
 * columns (with sample values, so the user can tell), the words in list columns that need a meaning, and the
 * stored mapping the user's choices make. The view only renders this; the same mapping is what `qms map` writes.
 */

/** A template table sheet a sheet can be mapped to (the starter's register layouts; wide layouts read by shape). */
export interface MappingTarget {
  template: string;
  sheet: string;
  title: string;
}

export function mappingTargets(modules: readonly TemplateModule[] = STARTER_MODULES): MappingTarget[] {
  return modules.flatMap((m) =>
    m.spec.sheets
      .filter((s): s is TableSheetSpec => s.kind === 'table')
      .map((s) => ({
        template: m.spec.id,
        sheet: s.name,
        title: s.name === m.spec.title ? s.name : `${m.spec.title}: ${s.name}`,
      })),
  );
}

/** One column of the user's sheet, as the view lists it: letter, header text and a few values from under it. */
export interface SheetColumn {
  index: number;
  letter: string;
  header: string;
  samples: string[];
  /** The samples as dates, when every one is a date or a date serial (Office.js hands dates over as serials). */
  dateSamples: string[] | undefined;
}

/** One of the template's columns and the sheet column guessed for it (by header, alias, or a likely word). */
export interface FieldGuess {
  key: string;
  header: string;
  required: boolean;
  /** 0-based column index in the sheet's values, or undefined when nothing fits. */
  column: number | undefined;
  by: 'header' | 'guess' | 'mapping' | 'none';
  /** The values a list or yes/no column takes, when it is one. */
  list: readonly string[] | undefined;
  /** A date column: its drop-down shows the sheet's samples as dates. */
  date: boolean;
}

export interface MappingDraft {
  sheet: string;
  template: string;
  specSheet: string;
  /** 1-based sheet row of the headers. */
  headerRow: number;
  columns: SheetColumn[];
  fields: FieldGuess[];
}

const SAMPLES = 3;
const HEADER_SCAN = 20;

function textOf(raw: unknown): string {
  const cell = toCell(raw);
  return cell.kind === 'blank' ? '' : cellText(cell);
}

/** A plausible date serial (1950–2100) or a date cell, as ISO; anything else undefined. */
function sampleDate(raw: unknown, date1904: boolean): string | undefined {
  const cell = toCell(raw);
  if (cell.kind === 'date') return isoFromUtcMs(cell.value.getTime());
  if (cell.kind !== 'number' || cell.value < 18_264 || cell.value > 73_051) return undefined;
  return serialToIso(cell.value, date1904);
}

function specSheetOf(module: TemplateModule, name: string | undefined): TableSheetSpec | undefined {
  const tables = module.spec.sheets.filter((s): s is TableSheetSpec => s.kind === 'table');
  return name === undefined ? tables[0] : tables.find((s) => headerMatchKey(s.name) === headerMatchKey(name));
}

/** The row that most looks like a header: the spec's own headers first, else the first row of mostly text. */
function guessHeaderIndex(values: SheetInput['values'], spec: TableSheetSpec): number {
  const found = findHeaderRow(values, spec.columns);
  if (found && found.matches.size >= 2) return found.index;
  let best = { index: found?.index ?? 0, texts: 0 };
  for (let i = 0; i < Math.min(values.length, HEADER_SCAN); i++) {
    const texts = Array.from(values[i] ?? [], (c) => toCell(c).kind === 'text').filter(Boolean).length;
    if (texts > best.texts + 1) best = { index: i, texts };
  }
  return best.index;
}

/**
 * The draft for mapping `sheet` as `module`'s table sheet: header row (given, or guessed), the sheet's columns with
 * samples, and per template column the sheet column that most likely holds it. An existing mapping on the sheet
 * for the same template is the starting point, so re-opening the view shows what was saved.
 */
export function draftMapping(
  sheet: SheetInput,
  module: TemplateModule,
  options: { specSheet?: string; headerRow?: number; date1904?: boolean } = {},
): MappingDraft | string {
  const spec = specSheetOf(module, options.specSheet);
  if (!spec) return `${module.spec.title} has no table sheet "${options.specSheet ?? ''}"`;
  const o = sheet.origin ?? { row: 1, column: 1 };
  const saved = sheet.mapping?.template === module.spec.id ? sheet.mapping : undefined;
  const headerRow = options.headerRow ?? saved?.headerRow ?? o.row + guessHeaderIndex(sheet.values, spec);
  const index = headerRow - o.row;
  if (index < 0 || index >= Math.max(sheet.values.length, 1))
    return `row ${headerRow} is outside the sheet's used range (rows ${o.row}–${o.row + sheet.values.length - 1})`;
  const headerCells = sheet.values[index] ?? [];
  const width = Math.max(headerCells.length, ...sheet.values.slice(index + 1, index + 50).map((r) => r.length));
  const columns: SheetColumn[] = [];
  for (let c = 0; c < width; c++) {
    const header = textOf(headerCells[c]);
    const samples: string[] = [];
    const dates: (string | undefined)[] = [];
    for (let r = index + 1; r < sheet.values.length && samples.length < SAMPLES; r++) {
      const raw = sheet.values[r]?.[c];
      const t = textOf(raw);
      if (t === '' || samples.includes(t)) continue;
      samples.push(t);
      dates.push(sampleDate(raw, options.date1904 ?? false));
    }
    const dateSamples =
      dates.length > 0 && dates.every((d) => d !== undefined)
        ? dates.filter((d): d is string => d !== undefined)
        : undefined;
    if (header !== '' || samples.length > 0)
      columns.push({ index: c, letter: columnLetter(o.column + c), header, samples, dateSamples });
  }

  const taken = new Set<number>();
  const fields: FieldGuess[] = spec.columns.map((column) => ({
    key: column.key,
    header: column.header,
    required: column.required === true,
    column: undefined,
    by: 'none',
    list: column.type === 'yesno' ? ['Yes', 'No'] : column.list,
    date: column.type === 'date',
  }));
  const assign = (field: FieldGuess, at: number, by: FieldGuess['by']) => {
    field.column = at;
    field.by = by;
    taken.add(at);
  };
  // The saved mapping's choices, then exact headers and aliases, then likely words for what is left.
  if (saved)
    for (const [text, key] of Object.entries(saved.columns)) {
      const field = fields.find((f) => f.key === key);
      const at = columns.find((c) => headerMatchKey(c.header) === headerMatchKey(text));
      if (field && at && !taken.has(at.index)) assign(field, at.index, 'mapping');
    }
  for (const [i, column] of spec.columns.entries()) {
    const field = fields[i];
    if (!field || field.column !== undefined) continue;
    const keys = columnHeaderKeys(column);
    const at = columns.find((c) => !taken.has(c.index) && keys.includes(headerMatchKey(c.header)));
    if (at) assign(field, at.index, 'header');
  }
  for (const [i, column] of spec.columns.entries()) {
    const field = fields[i];
    if (!field || field.column !== undefined) continue;
    const free = columns
      .filter((c) => !taken.has(c.index) && c.header !== '')
      .map((c) => ({ text: c.header, index: c.index }));
    const guess = bestGuess(free, column);
    if (guess) assign(field, guess.index, 'guess');
  }
  return { sheet: sheet.name, template: module.spec.id, specSheet: spec.name, headerRow, columns, fields };
}

/** The template that a sheet most likely is: most headers matched, then most columns guessed. */
export function guessTarget(
  sheet: SheetInput,
  modules: readonly TemplateModule[] = STARTER_MODULES,
): MappingTarget | undefined {
  let best: { target: MappingTarget; score: number } | undefined;
  for (const target of mappingTargets(modules)) {
    const module = modules.find((m) => m.spec.id === target.template);
    if (!module) continue;
    const draft = draftMapping(sheet, module, { specSheet: target.sheet });
    if (typeof draft === 'string') continue;
    const score = draft.fields.reduce(
      (s, f) => s + (f.by === 'header' || f.by === 'mapping' ? 2 : f.by === 'guess' ? 1 : 0),
      0,
    );
    if (score > 0 && (!best || score > best.score)) best = { target, score };
  }
  return best?.target;
}

/** A word in a list column that is not one of the list's values: how often it occurs, and what it may mean. */
export interface WordToMap {
  field: string;
  word: string;
  cells: number;
  /** The list value it most likely means (the default reading, or a near spelling), for the user to confirm. */
  suggestion: string | undefined;
}

function suggest(cell: Cell, list: readonly string[], yesNo: boolean): string | undefined {
  if (yesNo) {
    const b = cell.kind === 'bool' ? cell.value : readYesNo(cellText(cell));
    return b === undefined ? undefined : b ? 'Yes' : 'No';
  }
  return defaultReading(cell, list) ?? likelyListValue(cellText(cell), list);
}

/** The words under each chosen list column that the template does not know, most frequent first. */
export function wordsToMap(sheet: SheetInput, draft: MappingDraft, spec: TableSheetSpec): WordToMap[] {
  const index = draft.headerRow - (sheet.origin?.row ?? 1);
  const out: WordToMap[] = [];
  for (const field of draft.fields) {
    if (!field.list || field.column === undefined) continue;
    const column: ColumnSpec | undefined = spec.columns.find((c) => c.key === field.key);
    const yesNo = column?.type === 'yesno';
    const counts = new Map<string, { cells: number; cell: Cell }>();
    for (let r = index + 1; r < sheet.values.length; r++) {
      const cell = toCell(sheet.values[r]?.[field.column]);
      if (cell.kind === 'blank' || cell.kind === 'error' || cell.kind === 'date') continue;
      const word = cellText(cell);
      if (!yesNo && matchListValue(word, field.list) !== undefined) continue;
      if (yesNo && cell.kind === 'bool') continue;
      if (yesNo && ['yes', 'no'].includes(word.toLowerCase())) continue;
      const seen = counts.get(word);
      counts.set(word, { cells: (seen?.cells ?? 0) + 1, cell });
    }
    const saved = sheet.mapping?.template === draft.template ? sheet.mapping.values[field.key] : undefined;
    for (const [word, { cells, cell }] of counts)
      out.push({ field: field.key, word, cells, suggestion: saved?.[word] ?? suggest(cell, field.list, yesNo) });
  }
  return out.sort((a, b) => b.cells - a.cells || a.word.localeCompare(b.word));
}

export function specSheetFor(module: TemplateModule, name: string): TableSheetSpec | undefined {
  return specSheetOf(module, name);
}

/**
 * The stored mapping the user's choices make: header text → column key for every chosen column, and each word →
 * value the user confirmed (a word left without a value is not mapped, so it is reported as today).
 */
export function mappingFromDraft(
  draft: MappingDraft,
  choices: Readonly<Record<string, number | undefined>>,
  words: Readonly<Record<string, Readonly<Record<string, string>>>>,
): SheetMapping {
  const columns: Record<string, string> = {};
  for (const field of draft.fields) {
    const at = choices[field.key];
    const column = at === undefined ? undefined : draft.columns.find((c) => c.index === at);
    if (column && column.header !== '') columns[column.header] = field.key;
  }
  const values: Record<string, Record<string, string>> = {};
  for (const [field, map] of Object.entries(words)) {
    const kept = Object.entries(map).filter(([, v]) => v !== '');
    if (kept.length > 0 && choices[field] !== undefined) values[field] = Object.fromEntries(kept);
  }
  return { template: draft.template, sheet: draft.specSheet, headerRow: draft.headerRow, columns, values };
}

export interface MappingPreview {
  records: number;
  errors: number;
  warnings: number;
  /** The sheet's issues as `qms check` and the Check view would list them. */
  issues: Issue[];
  /** The property text that Save writes (worksheet property qms.mapping). */
  stored: string;
}

/** What the sheet reads as under the mapping: the workbook validated with it in place, that sheet's part only. */
export function previewMapping(
  input: WorkbookInput,
  sheetName: string,
  mapping: SheetMapping,
  asOf: IsoDate,
): MappingPreview {
  const sheets = input.sheets.map((s) => {
    if (s.name !== sheetName) return s;
    const { mappingProblem: _dropped, ...rest } = s;
    return { ...rest, mapping };
  });
  const result = validateWorkbook({ ...input, sheets }, { asOf });
  const issues = result.issues.filter((i) => i.sheet === sheetName);
  return {
    records: result.records.filter((r) => r.source.sheet === sheetName).length,
    errors: issues.filter((i) => i.severity === 'error').length,
    warnings: issues.filter((i) => i.severity === 'warning').length,
    issues,
    stored: serialiseSheetMapping(mapping),
  };
}
