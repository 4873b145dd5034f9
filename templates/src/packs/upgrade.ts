import { toCell } from '../core/cells.js';
import { normaliseHeader } from '../core/spec.js';
import type { SheetInput } from '../core/table.js';
import type { TemplateModule } from '../core/template.js';
import { cellText } from '../core/values.js';
import { recognise, type WorkbookInput } from '../core/workbook.js';
import { TEMPLATE_MODULES } from '../registry.js';
import { SUPPLIER_SHEET } from '../supplier-evaluation/spec.js';
import type { ColumnChange, Migration, SheetMigration } from '../versions/migration.js';
import { templateVersionNotes } from '../versions/outdated.js';
import {
  applyWrites,
  planStepsUpgrade,
  type CellWrite,
  type ListDropDown,
  type SheetUpgrade,
} from '../versions/plan.js';
import { columnLetter } from '../core/issues.js';
import { scoreFormula } from '../supplier-evaluation/score-formula.js';
import { VersionRegistry } from '../versions/registry.js';
import { packChanges, packCriteria, placedColumns, type PackChange } from './changes.js';
import { packModule } from './modules.js';
import type { Pack, PackRef } from './schema.js';
import { builtSheetTitle, DEFAULT_BRAND } from './titles.js';

const SUPPLIER_TEMPLATE = 'supplier-evaluation';

/** Rows of the title block every built sheet starts with (xlsx/style.ts lays them out the same way). */
const BRAND_ROW = 1;
const TITLE_ROW = 2;

/**
 * Upgrading a workbook from one version of a pack to a later one. `sheets` are the product's SheetUpgrade, with
 * `from` and `to` the pack's versions (the templates' own versions do not change: a pack keeps the product's).
 */
export interface PackUpgrade {
  sheets: SheetUpgrade[];
  /** The `qms.templates` property, unchanged. */
  templates: Record<string, number>;
  /** The new `qms.pack` property. */
  pack: PackRef;
  changes: PackChange[];
  /** Changes an existing workbook does not take in place (a fresh file from the pack has them); one line each. */
  notInPlace: string[];
  /** Why the workbook, or one of its sheets, cannot be upgraded; nothing is written when there is one. */
  problems: string[];
}

/** What an upgrade leaves as it is, by kind of change, and where the new version's is to be had. */
const NOT_IN_PLACE: Partial<Record<PackChange['kind'], string>> = {
  'template-added':
    'New templates are not added to this workbook: insert them from the files `qms pack build` makes of the new version',
  look: "Colours and logo: the sheets keep theirs; the new version's files have the new ones",
  guidance: "Guidance: the cells' prompts keep their old text; the new version's files have the new text",
  vocabulary:
    "Value words: the sheets keep the words they were built with (their qms.mapping); the new version's files have the new ones",
  'column-list': "Drop-downs of existing extra columns keep their old values; the check reads the new version's",
  'column-retyped': 'Drop-downs and formats of retyped extra columns stay as they were; the check reads the new type',
};

/** A pack version's name in notes and retired headers: "acme-consulting v2". */
export const packVersionName = (id: string, version: number): string => `${id} v${version}`;

/**
 * The column changes between two versions as the product's migrations (docs/architecture.md, Template packs):
 * one step per template, so the product's planner rewrites the header row and keeps every cell. A removed extra
 * column is retired, not deleted: its header becomes "Risk rating (not used since acme-consulting v2)" and its
 * cells stay where they are, so nothing typed is lost and the parser no longer reads it.
 */
export function packMigrations(
  from: Pack,
  to: Pack,
  modules: readonly TemplateModule[] = TEMPLATE_MODULES,
): Migration[] {
  const before = placedColumns(from, modules);
  const after = placedColumns(to, modules);
  const bySheet = new Map<string, { template: string; sheet: string; changes: ColumnChange[] }>();
  const push = (template: string, sheet: string, change: ColumnChange) => {
    const key = `${template}\u0000${sheet}`;
    const entry = bySheet.get(key) ?? { template, sheet, changes: [] };
    entry.changes.push(change);
    bySheet.set(key, entry);
  };
  for (const b of before) {
    const a = after.find((x) => x.template === b.template && x.column.key === b.column.key);
    if (!a || a.sheet !== b.sheet) push(b.template, b.sheet, { kind: 'remove', header: b.column.header });
    else if (a.column.header !== b.column.header)
      push(b.template, b.sheet, { kind: 'rename', from: b.column.header, to: a.column.header });
  }
  for (const a of after) {
    const b = before.find((x) => x.template === a.template && x.column.key === a.column.key);
    // A new column starts empty: the pack cannot know its values, and a required one is then reported blank.
    if (!b || b.sheet !== a.sheet) push(a.template, a.sheet, { kind: 'add', header: a.column.header });
  }
  // The supplier criteria's score columns, by key as extra columns are: renamed, added (empty), retired.
  if (from.templates.includes(SUPPLIER_TEMPLATE) && to.templates.includes(SUPPLIER_TEMPLATE)) {
    const [a, b] = [packCriteria(from), packCriteria(to)];
    for (const old of a) {
      const next = b.find((c) => c.key === old.key);
      if (!next) push(SUPPLIER_TEMPLATE, SUPPLIER_SHEET, { kind: 'remove', header: old.name });
      else if (next.name !== old.name)
        push(SUPPLIER_TEMPLATE, SUPPLIER_SHEET, { kind: 'rename', from: old.name, to: next.name });
    }
    for (const next of b)
      if (!a.some((c) => c.key === next.key))
        push(SUPPLIER_TEMPLATE, SUPPLIER_SHEET, { kind: 'add', header: next.name });
  }
  const templates = [...new Set([...bySheet.values()].map((e) => e.template))];
  return templates.map((templateId) => ({
    templateId,
    from: from.version,
    to: to.version,
    description: `${packVersionName(to.id, from.version)} → v${to.version}`,
    sheets: [...bySheet.values()]
      .filter((e) => e.template === templateId)
      .map((e): SheetMigration => ({ sheet: e.sheet, changes: e.changes })),
  }));
}

/** The text of a cell of the grid at a 1-based sheet position. */
function textAt(sheet: SheetInput, row: number, column: number): string {
  const origin = sheet.origin ?? { row: 1, column: 1 };
  return cellText(toCell(sheet.values[row - origin.row]?.[column - origin.column])).trim();
}

/** Rewrites one cell of the title block when it still holds what the old version put there; otherwise a note. */
function titleWrite(
  sheet: SheetInput,
  row: number,
  what: string,
  before: string,
  after: string,
  out: { writes: CellWrite[]; notes: string[] },
): void {
  if (before === after) return;
  const text = textAt(sheet, row, 1);
  if (text === after) return;
  if (text === before) out.writes.push({ row, column: 1, value: after });
  else
    out.notes.push(
      `The ${what} in A${row} reads "${text}", not the pack's "${before}"; left as it is (type "${after}" there if you want the pack's)`,
    );
}

/**
 * The supplier sheet's criteria block (Criterion | Weight (%), one row per criterion), matched to the criteria by
 * key through the old version's names: a renamed criterion's row gets its new name; each weight the old version set
 * and the user left alone becomes the new version's (a weight the user changed is left, with a note); a criterion
 * new in this version gets a row below the block, where the blank row between block and table is.
 */
function criteriaWrites(
  sheet: SheetInput,
  from: Pack,
  to: Pack,
  headerRow: number,
  out: { writes: CellWrite[]; notes: string[]; dropDowns: ListDropDown[] },
): { first: number; last: number } | undefined {
  const origin = sheet.origin ?? { row: 1, column: 1 };
  const a = packCriteria(from);
  const b = packCriteria(to);
  const top = sheet.values.findIndex(
    (r) =>
      normaliseHeader(cellText(toCell(r[0]))) === normaliseHeader('Criterion') &&
      normaliseHeader(cellText(toCell(r[1]))) === normaliseHeader('Weight (%)'),
  );
  if (top < 0) {
    if (b.some((c) => a.find((x) => x.key === c.key)?.weightPct !== c.weightPct || !a.some((x) => x.name === c.name)))
      out.notes.push(`No Criterion | Weight (%) block was found; the new criteria and weights were not written`);
    return undefined;
  }
  const listed = new Set<string>();
  let i = top + 1;
  for (; i < sheet.values.length && origin.row + i < headerRow; i++) {
    const name = cellText(toCell(sheet.values[i]?.[0])).trim();
    if (name === '' || TOTAL_OR_SCALE.test(normaliseHeader(name))) break;
    const old = a.find((c) => normaliseHeader(c.name) === normaliseHeader(name));
    const next = old && b.find((c) => c.key === old.key);
    // A row that already has the new version's name (an upgrade run again after it stopped part-way) stays.
    const already = b.find((c) => normaliseHeader(c.name) === normaliseHeader(name));
    if (!old || !next) {
      if (already) listed.add(already.key);
      continue;
    }
    listed.add(next.key);
    const row = origin.row + i;
    if (next.name !== old.name) out.writes.push({ row, column: origin.column, value: next.name });
    if (old.weightPct === next.weightPct) continue;
    const cell = toCell(sheet.values[i]?.[1]);
    if (cell.kind === 'number' && cell.value === next.weightPct) continue;
    if (cell.kind === 'number' && cell.value === old.weightPct)
      out.writes.push({ row, column: origin.column + 1, value: next.weightPct });
    else
      out.notes.push(
        `The weight of "${name}" (B${row}) is not the ${old.weightPct}% the pack set; left as it is (the pack now says ${next.weightPct}%)`,
      );
  }
  const added = b.filter((c) => !a.some((x) => x.key === c.key) && !listed.has(c.key));
  // The rows the new criteria take: blank ones below the block, above the table's header row.
  let last = origin.row + i - 1;
  for (const c of added) {
    const row = last + 1;
    const blank = [0, 1].every((k) => toCell(sheet.values[row - origin.row]?.[k]).kind === 'blank');
    if (row >= headerRow || !blank) {
      out.notes.push(
        `There is no blank row under the criteria block for "${c.name}"; add a row "${c.name} | ${c.weightPct}" to the block by hand`,
      );
      continue;
    }
    out.writes.push(
      { row, column: origin.column, value: c.name },
      { row, column: origin.column + 1, value: c.weightPct },
    );
    last = row;
  }
  // The block's drop-down offers the new version's names over its rows, old and new (xlsx/table-sheet.ts builds it so).
  const column = columnLetter(origin.column);
  const oldLast = origin.row + i - 1;
  if (last > oldLast || b.some((c) => !a.some((x) => x.name === c.name)))
    out.dropDowns.push({
      range: `${column}${origin.row + top + 1}:${column}${last}`,
      replaces: `${column}${origin.row + top + 1}:${column}${oldLast}`,
      values: b.map((c) => c.name),
    });
  return { first: origin.row + top + 1, last };
}

/** True when a criterion is added, renamed or no longer scored: the Score formulas are written again. */
function criteriaMoved(from: Pack, to: Pack): boolean {
  const [a, b] = [packCriteria(from), packCriteria(to)];
  return a.length !== b.length || b.some((c) => a.find((x) => x.key === c.key)?.name !== c.name);
}

const SCORE_HEADERS = new Set(['Score', 'Weighted score', 'Total score'].map(normaliseHeader));

/**
 * The Score formula of every row under the header, over the new criteria's columns and block rows (a sheet from an
 * older build names its criteria inside the formula, and a new criterion needs a term of its own). A Score cell
 * holding text the user typed is left alone.
 */
function scoreWrites(
  sheet: SheetInput,
  to: Pack,
  block: { first: number; last: number },
  planned: { headerRow: number; writes: CellWrite[]; notes: string[] },
): void {
  const origin = sheet.origin ?? { row: 1, column: 1 };
  const header = applyWrites(sheet, planned.writes)[planned.headerRow - origin.row] ?? [];
  const columnOf = (names: ReadonlySet<string>) => {
    const at = header.findIndex((cell) => names.has(normaliseHeader(cellText(toCell(cell)))));
    return at < 0 ? undefined : origin.column + at;
  };
  const score = columnOf(SCORE_HEADERS);
  const criteria = packCriteria(to).map((c) => ({
    name: c.name,
    column: columnOf(new Set([normaliseHeader(c.name)])),
  }));
  const missing = criteria.filter((c) => c.column === undefined).map((c) => c.name);
  if (score === undefined || missing.length > 0) {
    planned.notes.push(
      `The Score formulas were not rewritten: the sheet has no ${score === undefined ? 'Score column' : `column for ${missing.join(', ')}`}; the check computes the score all the same`,
    );
    return;
  }
  const layout = {
    headerRow: planned.headerRow,
    scoreColumns: criteria.map((c) => c.column ?? 0),
    blockFirst: block.first,
    blockLast: block.last,
  };
  for (let row = planned.headerRow + 1; row < origin.row + sheet.values.length; row++) {
    const cell = toCell(sheet.values[row - origin.row]?.[score - origin.column]);
    if (cell.kind === 'text' && cell.value.trim() !== '') continue;
    planned.writes.push({ row, column: score, value: scoreFormula(layout, row), formula: true });
  }
}

/** A Total or Scale row ends the criteria rows (supplier-evaluation/criteria.ts reads them apart). */
const TOTAL_OR_SCALE = /^(total|sum|totalweights?|total%|scale.*)$/;

/**
 * Plans moving a workbook built from pack `from` to pack `to` (same id, later version): every pack sheet keeps
 * every row and typed value; extra columns are added (empty), renamed or retired through the product's planner
 * (versions/plan.ts); the title and brand rows and the supplier weights change where they still hold what `from`
 * put there. Colours, the logo and the drop-downs' prompts stay as they are in an existing sheet (a fresh file has
 * them); the changes list says so.
 */
export function planPackUpgrade(
  input: WorkbookInput,
  from: Pack,
  to: Pack,
  modules: readonly TemplateModule[] = TEMPLATE_MODULES,
): PackUpgrade {
  const changes = packChanges(from, to, modules);
  const base: PackUpgrade = {
    sheets: [],
    templates: { ...(input.templates ?? {}) },
    pack: { id: to.id, version: to.version },
    changes,
    notInPlace: [...new Set(changes.flatMap((c) => NOT_IN_PLACE[c.kind] ?? []))],
    problems: [],
  };
  const problems = base.problems;
  const stamp = input.pack;
  if (from.id !== to.id) problems.push(`the packs are ${from.id} and ${to.id}; an upgrade stays within one pack`);
  else if (to.version <= from.version)
    problems.push(`${packVersionName(to.id, to.version)} is not later than v${from.version}; nothing to upgrade to`);
  if (!stamp)
    problems.push(
      'the workbook has no qms.pack property, so which pack version it holds is unknown; it was not built from a pack',
    );
  else if (stamp.id !== from.id || stamp.version !== from.version)
    problems.push(
      `the workbook is from ${packVersionName(stamp.id, stamp.version)}, not ${packVersionName(from.id, from.version)}; upgrade from the version it holds`,
    );
  if (problems.length > 0) return base;

  const registry = new VersionRegistry(modules);
  const outdated = new Set(templateVersionNotes(input, registry).map((n) => n.sheet));
  const migrations = packMigrations(from, to, modules);
  for (const sheet of input.sheets) {
    const r = recognise(sheet, modules);
    if (!r || !from.templates.includes(r.templateId) || !to.templates.includes(r.templateId)) continue;
    const product = modules.find((m) => m.spec.id === r.templateId);
    if (!product) continue;
    if (outdated.has(sheet.name)) {
      problems.push(
        `${sheet.name}: its ${r.templateId} layout is not the one this qms ships; run \`qms upgrade FILE --out NEW.xlsx\` first, then the pack upgrade`,
      );
      continue;
    }
    const module = packModule(product, to);
    const spec = module.spec.sheets.find((s) => s.name === r.specSheet);
    if (!spec) continue;
    const planned = planStepsUpgrade(sheet, {
      templateId: r.templateId,
      spec,
      steps: migrations.filter((m) => m.templateId === r.templateId),
      from: from.version,
      to: to.version,
      marker: `${r.templateId}@${product.spec.version}:${spec.name}`,
      versionName: (v) => packVersionName(to.id, v),
    });
    if (typeof planned === 'string') {
      problems.push(planned);
      continue;
    }
    titleWrite(
      sheet,
      BRAND_ROW,
      'brand row',
      from.brand?.name ?? DEFAULT_BRAND,
      to.brand?.name ?? DEFAULT_BRAND,
      planned,
    );
    const [t1, t2] = [from, to].map((p) => builtSheetTitle(product, spec.name, p.sheetTitles));
    if (t1 !== undefined && t2 !== undefined) titleWrite(sheet, TITLE_ROW, 'title', t1, t2, planned);
    if (spec.name === SUPPLIER_SHEET) {
      const dropDowns: ListDropDown[] = [];
      const block = criteriaWrites(sheet, from, to, planned.headerRow, { ...planned, dropDowns });
      if (block && criteriaMoved(from, to)) scoreWrites(sheet, to, block, planned);
      if (dropDowns.length > 0) planned.dropDowns = dropDowns;
    }
    base.sheets.push(planned);
  }
  if (problems.length > 0) return { ...base, sheets: [] };
  return base;
}

/** The whole pack upgrade on grids (the pane writes them through Office.js; tests read them), with the new stamp. */
export function upgradePackWorkbookInput(
  input: WorkbookInput,
  from: Pack,
  to: Pack,
  modules: readonly TemplateModule[] = TEMPLATE_MODULES,
): { input: WorkbookInput; plan: PackUpgrade } {
  const plan = planPackUpgrade(input, from, to, modules);
  if (plan.problems.length > 0) return { input, plan };
  const sheets = input.sheets.map((sheet) => {
    const upgrade = plan.sheets.find((u) => u.sheet === sheet.name);
    return upgrade ? { ...sheet, values: applyWrites(sheet, upgrade.writes), marker: upgrade.marker } : sheet;
  });
  return { input: { ...input, sheets, pack: plan.pack }, plan };
}
