import type { TemplateModule } from '../core/template.js';
import { TEMPLATE_MODULES } from '../registry.js';
import { criteriaSetOf, PRODUCT_CRITERIA, type CriterionDef } from '../supplier-evaluation/criteria-set.js';
import { extraSheetOf } from './rules.js';
import type { ExtraColumn, Pack } from './schema.js';
import { builtSheetTitle } from './titles.js';

/** What kind of difference between two versions of a pack a change is. */
export type PackChangeKind =
  | 'template-added'
  | 'template-removed'
  | 'column-added'
  | 'column-removed'
  | 'column-renamed'
  | 'column-moved'
  | 'column-retyped'
  | 'column-list'
  | 'column-required'
  | 'title'
  | 'weight'
  | 'criterion-added'
  | 'criterion-renamed'
  | 'criterion-removed'
  | 'brand'
  /** Colours or logo. */
  | 'look'
  | 'guidance'
  | 'vocabulary';

/** One difference between two versions of a pack, with the line people read. */
export interface PackChange {
  kind: PackChangeKind;
  /** The template it concerns, when it concerns one. */
  template?: string;
  text: string;
}

/** An extra column with the spec sheet it goes on (its `sheet`, else the template's first table sheet). */
export interface PlacedColumn {
  template: string;
  sheet: string;
  column: ExtraColumn;
}

/** Every extra column of a pack on the sheet it goes on; columns of templates the product lacks are left out. */
export function placedColumns(pack: Pack, modules: readonly TemplateModule[] = TEMPLATE_MODULES): PlacedColumn[] {
  return pack.templates.flatMap((template) => {
    const module = modules.find((m) => m.spec.id === template);
    if (!module) return [];
    return (pack.columns[template] ?? []).flatMap((column) => {
      const sheet = extraSheetOf(module, column);
      return sheet ? [{ template, sheet: sheet.name, column }] : [];
    });
  });
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const listText = (list: readonly string[] | undefined) => (list ? list.join(', ') : '(none)');

function columnChanges(from: Pack, to: Pack, modules: readonly TemplateModule[]): PackChange[] {
  const out: PackChange[] = [];
  const before = placedColumns(from, modules);
  const after = placedColumns(to, modules);
  // An extra column is the same column across versions when its template and key are: its key is what records
  // carry in `extra`, so a new header over the same key is a rename, not a new column.
  const find = (list: readonly PlacedColumn[], p: PlacedColumn) =>
    list.find((q) => q.template === p.template && q.column.key === p.column.key);
  for (const a of after) {
    const b = find(before, a);
    const where = `${a.template} (${a.sheet})`;
    const name = `"${a.column.header}"`;
    if (!b) {
      const required = a.column.required ? 'required ' : '';
      out.push({
        kind: 'column-added',
        template: a.template,
        text: `${where}: new ${required}${a.column.type} column ${name}`,
      });
      continue;
    }
    if (b.sheet !== a.sheet)
      out.push({
        kind: 'column-moved',
        template: a.template,
        text: `${a.template}: column ${name} moves from ${b.sheet} to ${a.sheet}`,
      });
    if (b.column.header !== a.column.header)
      out.push({
        kind: 'column-renamed',
        template: a.template,
        text: `${where}: column "${b.column.header}" is now ${name}`,
      });
    if (b.column.type !== a.column.type)
      out.push({
        kind: 'column-retyped',
        template: a.template,
        text: `${where}: column ${name} changes from ${b.column.type} to ${a.column.type}; values that are not a ${a.column.type} will be reported`,
      });
    else if (!same(b.column.list, a.column.list))
      out.push({
        kind: 'column-list',
        template: a.template,
        text: `${where}: the values of ${name} change from ${listText(b.column.list)} to ${listText(a.column.list)}`,
      });
    if (Boolean(b.column.required) !== Boolean(a.column.required))
      out.push({
        kind: 'column-required',
        template: a.template,
        text: `${where}: column ${name} becomes ${a.column.required ? 'required: blank cells will be errors' : 'optional'}`,
      });
  }
  for (const b of before) {
    if (find(after, b)) continue;
    out.push({
      kind: 'column-removed',
      template: b.template,
      text: `${b.template} (${b.sheet}): column "${b.column.header}" is no longer part of the pack; its cells are kept`,
    });
  }
  return out;
}

function titleChanges(from: Pack, to: Pack, modules: readonly TemplateModule[]): PackChange[] {
  const out: PackChange[] = [];
  for (const template of to.templates.filter((t) => from.templates.includes(t))) {
    const module = modules.find((m) => m.spec.id === template);
    for (const sheet of module?.spec.sheets ?? []) {
      if (!module) continue;
      const a = builtSheetTitle(module, sheet.name, from.sheetTitles);
      const b = builtSheetTitle(module, sheet.name, to.sheetTitles);
      if (a !== undefined && b !== undefined && a !== b)
        out.push({ kind: 'title', template, text: `${sheet.name}: the title "${a}" is now "${b}"` });
    }
  }
  return out;
}

/** The criteria a pack's supplier sheet scores: its own (renamed, added, weighted), else the product's. */
export function packCriteria(pack: Pack): readonly CriterionDef[] {
  return pack.supplierCriteria ? criteriaSetOf(pack.supplierCriteria) : PRODUCT_CRITERIA;
}

/** The weights a pack gives the supplier criteria, by the criterion's name: its own, else the product's defaults. */
export function packWeights(pack: Pack): Map<string, number> {
  return new Map(packCriteria(pack).map((c) => [c.name, c.weightPct]));
}

/** Supplier criteria by key: added, renamed, reweighed, no longer scored. */
function criteriaChanges(from: Pack, to: Pack): PackChange[] {
  if (!to.templates.includes('supplier-evaluation') || !from.templates.includes('supplier-evaluation')) return [];
  const a = packCriteria(from);
  const b = packCriteria(to);
  const out: PackChange[] = [];
  const change = (kind: PackChangeKind, text: string) =>
    out.push({ kind, template: 'supplier-evaluation', text: `Supplier criteria: ${text}` });
  for (const c of b) {
    const old = a.find((x) => x.key === c.key);
    if (!old) {
      change('criterion-added', `new criterion "${c.name}" weighing ${c.weightPct}%, with a score column of its own`);
      continue;
    }
    if (old.name !== c.name) change('criterion-renamed', `"${old.name}" is now called "${c.name}"`);
    if (old.weightPct !== c.weightPct) change('weight', `"${c.name}" weighs ${c.weightPct}% (was ${old.weightPct}%)`);
  }
  for (const c of a)
    if (!b.some((x) => x.key === c.key))
      change('criterion-removed', `"${c.name}" is no longer scored; its marks are kept in its retired column`);
  return out;
}

function brandChanges(from: Pack, to: Pack): PackChange[] {
  const out: PackChange[] = [];
  const a = from.brand;
  const b = to.brand;
  if (a?.name !== b?.name)
    out.push({
      kind: 'brand',
      text: b ? `Brand: the brand row reads "${b.name}"${a ? ` (was "${a.name}")` : ''}` : 'Brand: no brand any more',
    });
  if (!same(a?.colours ?? {}, b?.colours ?? {})) out.push({ kind: 'look', text: 'Brand: new colours' });
  if (a?.logo?.png !== b?.logo?.png)
    out.push({ kind: 'look', text: b?.logo ? 'Brand: a new logo' : 'Brand: no logo any more' });
  return out;
}

/** Changes of a per-template map (guidance, value words): one line per template whose entries differ. */
function perTemplateChanges(
  kind: 'guidance' | 'vocabulary',
  from: Readonly<Record<string, unknown>>,
  to: Readonly<Record<string, unknown>>,
): PackChange[] {
  const what = kind === 'guidance' ? 'guidance text' : 'value words';
  const templates = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort();
  return templates
    .filter((t) => !same(from[t] ?? {}, to[t] ?? {}))
    .map((template) => ({ kind, template, text: `${template}: new ${what}` }));
}

/**
 * What changes from one version of a pack to another, for people: templates, extra columns (by key: added,
 * removed, renamed, moved, retyped, new list values, required or not), sheet titles, supplier weights, brand,
 * guidance and value words. Same order every time: templates, columns, titles, weights, brand, the rest.
 */
export function packChanges(from: Pack, to: Pack, modules: readonly TemplateModule[] = TEMPLATE_MODULES): PackChange[] {
  const templates: PackChange[] = [
    ...to.templates
      .filter((t) => !from.templates.includes(t))
      .map((template) => ({ kind: 'template-added' as const, template, text: `New template: ${template}` })),
    ...from.templates
      .filter((t) => !to.templates.includes(t))
      .map((template) => ({
        kind: 'template-removed' as const,
        template,
        text: `${template} is no longer in the pack; its sheets are left as they are`,
      })),
  ];
  return [
    ...templates,
    ...columnChanges(from, to, modules),
    ...titleChanges(from, to, modules),
    ...criteriaChanges(from, to),
    ...brandChanges(from, to),
    ...perTemplateChanges('guidance', from.guidance, to.guidance),
    ...perTemplateChanges('vocabulary', from.vocabularies, to.vocabularies),
  ];
}
