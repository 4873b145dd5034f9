import { toCell } from '../core/cells.js';
import {
  normaliseHeader,
  type ColumnSpec,
  type FieldSheetSpec,
  type SheetSpec,
  type TableSheetSpec,
} from '../core/spec.js';
import { findHeaderRow, isBlankRow, type SheetInput } from '../core/table.js';
import { cellText } from '../core/values.js';
import type { WorkbookInput } from '../core/workbook.js';
import { retiredHeaderAs, type Migration } from './migration.js';
import { outdatedTemplates } from './outdated.js';
import { versionRegistry, type VersionRegistry } from './registry.js';

/** One cell to write, 1-based sheet coordinates. */
export interface CellWrite {
  row: number;
  column: number;
  value: string | number | boolean;
  /** The value is a formula (without its "="): the supplier Score a pack upgrade rewrites. Otherwise text is text. */
  formula?: true;
}

/**
 * A list drop-down set again over existing cells (the supplier criteria block when a pack renames or adds
 * criteria): `range` gets the list; `replaces` is the range whose drop-down it takes the place of.
 */
export interface ListDropDown {
  range: string;
  replaces: string;
  values: readonly string[];
}

/** What upgrading one sheet does: cell writes (headers, fills of new columns) and its new marker. */
export interface SheetUpgrade {
  sheet: string;
  templateId: string;
  specSheet: string;
  from: number;
  to: number;
  /** 1-based sheet row of the header row. */
  headerRow: number;
  writes: CellWrite[];
  /** Columns appended to the header row, with the current spec's column when it has one (for drop-downs, widths). */
  added: { column: number; header: string; spec?: ColumnSpec }[];
  /** Number of data rows under the header (all kept). */
  dataRows: number;
  /** The sheet's new `qms.template` marker. */
  marker: string;
  /** Things the user should know, e.g. a renamed column that was not on the sheet. */
  notes: string[];
  /** Drop-downs of existing cells set again (only pack upgrades have them). */
  dropDowns?: ListDropDown[];
}

export interface WorkbookUpgrade {
  sheets: SheetUpgrade[];
  /** The new `qms.templates` document property. */
  templates: Record<string, number>;
  /** Outdated sheets that cannot be upgraded (no migration path, or not a table sheet); one line each. */
  problems: string[];
}

/** Columns to find the old header row by: the current spec's plus the headers the migrations rename or retire. */
function oldHeaderColumns(spec: TableSheetSpec, steps: readonly Migration[]): ColumnSpec[] {
  const extra = steps
    .flatMap((m) => m.sheets.filter((s) => s.sheet === spec.name).flatMap((s) => s.changes))
    .flatMap((c) => (c.kind === 'rename' ? [c.from] : c.kind === 'remove' ? [c.header] : []))
    .map((header, i) => ({ key: `\u0000old${i}`, header, type: 'text' as const }));
  return [...spec.columns, ...extra];
}

/** Index of the header cell matching `header` (or, for a current column, any of its aliases), else -1. */
function findHeader(headers: readonly string[], header: string, spec?: ColumnSpec): number {
  const names = new Set([header, ...(spec?.aliases ?? [])].map(normaliseHeader));
  return headers.findIndex((h) => h !== '' && names.has(normaliseHeader(h)));
}

/**
 * Plans the upgrade of one outdated table sheet by simulating each migration step on its header row. Only header
 * cells and blank cells of new columns are written: every data row and every typed value stays where it is.
 */
export function planSheetUpgrade(
  sheet: SheetInput,
  templateId: string,
  specSheet: string,
  from: number,
  registry: VersionRegistry = versionRegistry,
): SheetUpgrade | string {
  const module = registry.module(templateId);
  const steps = registry.chain(templateId, from);
  const spec = module?.spec.sheets.find((s) => s.name === specSheet);
  if (!module || !steps)
    return `${sheet.name}: no upgrade leads from ${templateId}@${from} to ${templateId}@${String(module?.spec.version)}; insert a fresh sheet and copy the rows over`;
  if (!spec)
    return `${sheet.name}: ${templateId} has no sheet "${specSheet}"; insert a fresh sheet and copy the values over`;
  return planStepsUpgrade(sheet, {
    templateId,
    spec,
    steps,
    from,
    to: module.spec.version,
    marker: `${templateId}@${module.spec.version}:${specSheet}`,
  });
}

/**
 * What a sheet is upgraded with: the spec it ends at, the steps leading there and what the steps' versions are
 * called in notes and retired headers (`capa-log@2` for the product's templates; a pack says `acme-consulting v2`).
 */
export interface UpgradeSteps {
  templateId: string;
  spec: SheetSpec;
  steps: readonly Migration[];
  from: number;
  to: number;
  /** The sheet's `qms.template` marker after the upgrade. */
  marker: string;
  /** Name of a version in notes and retired headers; `templateId@version` by default. */
  versionName?: (version: number) => string;
}

/**
 * The planner itself, for any chain of steps: the product's migrations (planSheetUpgrade) or a pack's changes
 * between two of its versions (packs/upgrade.ts). With no steps it still finds the header and counts the rows.
 */
export function planStepsUpgrade(sheet: SheetInput, plan: UpgradeSteps): SheetUpgrade | string {
  const { templateId, spec, steps, from } = plan;
  const name = plan.versionName ?? ((v: number) => `${templateId}@${v}`);
  if (spec.kind === 'fields') return planFieldsUpgrade(sheet, { ...plan, spec }, name);
  const header = findHeaderRow(sheet.values, oldHeaderColumns(spec, steps));
  if (!header)
    return `${sheet.name}: no header row of ${name(from)} was found in the first 20 rows; check the sheet's header row`;

  const origin = sheet.origin ?? { row: 1, column: 1 };
  const headerRow = origin.row + header.index;
  const headers = (sheet.values[header.index] ?? []).map((v) => cellText(toCell(v)).trim());
  const dataIndexes: number[] = [];
  for (let i = header.index + 1; i < sheet.values.length; i++) if (!isBlankRow(sheet.values[i])) dataIndexes.push(i);

  const writes: CellWrite[] = [];
  const added: SheetUpgrade['added'] = [];
  const notes: string[] = [];
  const setHeader = (index: number, text: string) => {
    headers[index] = text;
    writes.push({ row: headerRow, column: origin.column + index, value: text });
  };
  for (const step of steps) {
    for (const change of step.sheets.filter((s) => s.sheet === spec.name).flatMap((s) => s.changes)) {
      if (change.kind === 'rename') {
        const at = findHeader(headers, change.from);
        if (at < 0)
          notes.push(
            `Column "${change.from}" (renamed "${change.to}" in ${name(step.to)}) was not on the sheet; nothing to rename`,
          );
        else setHeader(at, change.to);
      } else if (change.kind === 'remove') {
        const at = findHeader(headers, change.header);
        if (at >= 0) {
          setHeader(at, retiredHeaderAs(change.header, name(step.to)));
          notes.push(
            `Column "${change.header}" is no longer read since ${name(step.to)}; its cells are kept under a new header, delete the column when you no longer need them`,
          );
        }
      } else {
        const columnSpec = spec.columns.find((c) => normaliseHeader(c.header) === normaliseHeader(change.header));
        if (findHeader(headers, change.header, columnSpec) >= 0) {
          notes.push(`Column "${change.header}" (new in ${name(step.to)}) was already on the sheet; left as it is`);
          continue;
        }
        let at = headers.length;
        while (at > 0 && headers[at - 1] === '') at--;
        setHeader(at, change.header);
        added.push({ column: origin.column + at, header: change.header, ...(columnSpec ? { spec: columnSpec } : {}) });
        if (change.fill === undefined) continue;
        for (const i of dataIndexes) {
          if (toCell(sheet.values[i]?.[at]).kind !== 'blank') continue;
          writes.push({ row: origin.row + i, column: origin.column + at, value: change.fill });
        }
      }
    }
  }
  return {
    sheet: sheet.name,
    templateId,
    specSheet: spec.name,
    from,
    to: plan.to,
    headerRow,
    writes,
    added,
    dataRows: dataIndexes.length,
    marker: plan.marker,
    notes,
  };
}

/**
 * The same for a two-column Field | Value sheet (the QMS Profile): a field is a row, so a renamed or retired field
 * gets a new label in the Field column, and a new field is a row appended below the last filled one, with its fill
 * in the Value column. Every other row and every value stays where it is.
 */
function planFieldsUpgrade(
  sheet: SheetInput,
  plan: UpgradeSteps & { spec: FieldSheetSpec },
  name: (version: number) => string,
): SheetUpgrade | string {
  const { templateId, spec, steps, from, to } = plan;
  const header = findHeaderRow(sheet.values, [
    { key: 'field', header: spec.fieldHeader, type: 'text' },
    { key: 'value', header: spec.valueHeader, type: 'text' },
  ]);
  if (!header || !header.matches.has('field'))
    return `${sheet.name}: no "${spec.fieldHeader}" header was found in the first 20 rows; check the sheet's header row`;
  const origin = sheet.origin ?? { row: 1, column: 1 };
  const fieldIndex = header.matches.get('field') ?? 0;
  const valueIndex = header.matches.get('value') ?? fieldIndex + 1;
  const headerRow = origin.row + header.index;
  // Field labels by 0-based grid row, as the user left them.
  const labels = new Map<number, string>();
  for (let i = header.index + 1; i < sheet.values.length; i++) {
    const text = cellText(toCell(sheet.values[i]?.[fieldIndex])).trim();
    if (text !== '') labels.set(i, text);
  }
  const rowOf = (label: string, field?: ColumnSpec): number | undefined => {
    const names = new Set([label, ...(field?.aliases ?? [])].map(normaliseHeader));
    return [...labels].find(([, text]) => names.has(normaliseHeader(text)))?.[0];
  };
  let lastFilled = header.index;
  for (let i = header.index + 1; i < sheet.values.length; i++) if (!isBlankRow(sheet.values[i])) lastFilled = i;

  const writes: CellWrite[] = [];
  const notes: string[] = [];
  const setLabel = (index: number, text: string) => {
    labels.set(index, text);
    writes.push({ row: origin.row + index, column: origin.column + fieldIndex, value: text });
  };
  for (const step of steps) {
    for (const change of step.sheets.filter((s) => s.sheet === spec.name).flatMap((s) => s.changes)) {
      if (change.kind === 'rename') {
        const at = rowOf(change.from);
        if (at === undefined)
          notes.push(
            `Field "${change.from}" (renamed "${change.to}" in ${name(step.to)}) was not on the sheet; nothing to rename`,
          );
        else setLabel(at, change.to);
      } else if (change.kind === 'remove') {
        const at = rowOf(change.header);
        if (at !== undefined) {
          setLabel(at, retiredHeaderAs(change.header, name(step.to)));
          notes.push(
            `Field "${change.header}" is no longer read since ${name(step.to)}; its value is kept under a new label, delete the row when you no longer need it`,
          );
        }
      } else {
        const field = spec.fields.find((f) => normaliseHeader(f.header) === normaliseHeader(change.header));
        if (rowOf(change.header, field) !== undefined) {
          notes.push(`Field "${change.header}" (new in ${name(step.to)}) was already on the sheet; left as it is`);
          continue;
        }
        lastFilled += 1;
        setLabel(lastFilled, change.header);
        if (change.fill !== undefined)
          writes.push({ row: origin.row + lastFilled, column: origin.column + valueIndex, value: change.fill });
        notes.push(`Field "${change.header}" (new in ${name(step.to)}) was added as row ${origin.row + lastFilled}`);
      }
    }
  }
  return {
    sheet: sheet.name,
    templateId,
    specSheet: spec.name,
    from,
    to,
    headerRow,
    writes,
    added: [],
    dataRows: lastFilled - header.index,
    marker: plan.marker,
    notes,
  };
}

/** Plans the upgrade of every outdated sheet of a workbook; sheets already current are left alone. */
export function planUpgrade(input: WorkbookInput, registry: VersionRegistry = versionRegistry): WorkbookUpgrade {
  const sheets: SheetUpgrade[] = [];
  const problems: string[] = [];
  const templates: Record<string, number> = { ...(input.templates ?? {}) };
  for (const note of outdatedTemplates(input, registry)) {
    const sheet = input.sheets.find((s) => s.name === note.sheet);
    if (!sheet) continue;
    const planned = planSheetUpgrade(sheet, note.templateId, note.specSheet, note.version, registry);
    if (typeof planned === 'string') {
      problems.push(planned);
      continue;
    }
    sheets.push(planned);
    templates[note.templateId] = planned.to;
  }
  return { sheets, templates, problems };
}

/** Applies cell writes to a grid (a copy; the input is not changed), growing it where a write lands outside. */
export function applyWrites(sheet: SheetInput, writes: readonly CellWrite[]): unknown[][] {
  const origin = sheet.origin ?? { row: 1, column: 1 };
  const grid = sheet.values.map((row) => [...row]);
  for (const w of writes) {
    const r = w.row - origin.row;
    const c = w.column - origin.column;
    while (grid.length <= r) grid.push([]);
    const row = grid[r] as unknown[];
    while (row.length < c) row.push(null);
    // A formula's result is Excel's to compute; the grid, like a file no one has recalculated, holds none.
    row[c] = w.formula ? null : w.value;
  }
  return grid;
}

/** The whole upgrade on grids: what the add-in (writing through Office.js) or a test needs, with new markers. */
export function upgradeWorkbookInput(
  input: WorkbookInput,
  registry: VersionRegistry = versionRegistry,
): { input: WorkbookInput; plan: WorkbookUpgrade } {
  const plan = planUpgrade(input, registry);
  const sheets = input.sheets.map((sheet) => {
    const upgrade = plan.sheets.find((u) => u.sheet === sheet.name);
    return upgrade ? { ...sheet, values: applyWrites(sheet, upgrade.writes), marker: upgrade.marker } : sheet;
  });
  return { input: { ...input, sheets, templates: plan.templates }, plan };
}
