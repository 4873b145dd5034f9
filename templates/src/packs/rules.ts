import { columnHeaderKeys, headerMatchKey } from '../core/headers.js';
import { SUPPLIER_CRITERIA } from '../core/lists.js';
import type { ColumnSpec, TableSheetSpec } from '../core/spec.js';
import type { TemplateModule } from '../core/template.js';
import { listKey } from '../core/vocabulary.js';
import { TEMPLATE_MODULES } from '../registry.js';
import {
  criteriaColumns,
  CRITERIA_SHEET,
  supplierEvaluationSpecFor,
  supplierSheetsOf,
} from '../supplier-evaluation/spec.js';
import { criteriaSetOf, PRODUCT_CRITERION_KEYS } from '../supplier-evaluation/criteria-set.js';
import { supplierEvaluationFor } from '../supplier-evaluation/index.js';
import { formatPath, PackIssues, type PackIssue } from './issues.js';
import { decodeBase64, MAX_LOGO_SIDE, pngSize } from './png.js';
import { packSchema, type ExtraColumn, type Pack } from './schema.js';

export type PackCheck = { ok: true; pack: Pack } | { ok: false; issues: PackIssue[] };

const SUPPLIER_TEMPLATE = 'supplier-evaluation';

/**
 * Checks a pack's JSON: first its shape (every zod issue at once), then, when the shape holds, every rule against the
 * product's templates at once. A pack builds on the product's templates and never removes or shadows a field the
 * engine needs, so an extra column may not take a template column's header or alias, weights must total 100 as the
 * supplier sheet's own criteria must, and a value word may only point at an allowed value.
 */
export function checkPack(input: unknown, modules: readonly TemplateModule[] = TEMPLATE_MODULES): PackCheck {
  const parsed = packSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: `${i.message}` })),
    };
  }
  const pack = parsed.data;
  const issues = new PackIssues();
  const included = checkTemplates(pack, modules, issues);
  checkLogo(pack, issues);
  checkGuidance(pack, included, issues);
  checkSheetTitles(pack, included, issues);
  const criteriaHold = checkCriteria(pack, included, issues);
  // The supplier sheet's extra columns are checked against its criteria as the pack names them.
  checkColumns(pack, included, issues, criteriaHold);
  checkVocabularies(pack, included, issues);
  return issues.all.length === 0 ? { ok: true, pack } : { ok: false, issues: issues.all };
}

function checkLogo(pack: Pack, issues: PackIssues): void {
  const png = pack.brand?.logo?.png;
  if (png === undefined) return;
  const bytes = decodeBase64(png);
  const size = bytes ? pngSize(bytes) : undefined;
  if (!size) issues.at(['brand', 'logo', 'png'], 'is not a PNG image; export the logo as PNG and give its base64');
  else if (size.width > MAX_LOGO_SIDE || size.height > MAX_LOGO_SIDE)
    issues.at(
      ['brand', 'logo', 'png'],
      `the image is ${size.width} × ${size.height} pixels; scale it to at most ${MAX_LOGO_SIDE} on each side (it is shown about 28 pixels high)`,
    );
}

/** The table sheet extra columns of a template go on: the named one, else its first table sheet. */
export function extraSheetOf(module: TemplateModule, column: Pick<ExtraColumn, 'sheet'>): TableSheetSpec | undefined {
  const tables = module.spec.sheets.filter((s): s is TableSheetSpec => s.kind === 'table' && s.name !== CRITERIA_SHEET);
  return column.sheet === undefined ? tables[0] : tables.find((s) => s.name === column.sheet);
}

/** A template whose columns are periods, months or competences: a column it does not know is data to it. */
const isWideLayout = (module: TemplateModule) => module.sheetScore !== undefined;

function checkTemplates(
  pack: Pack,
  modules: readonly TemplateModule[],
  issues: PackIssues,
): Map<string, TemplateModule> {
  const included = new Map<string, TemplateModule>();
  pack.templates.forEach((id, i) => {
    const module = modules.find((m) => m.spec.id === id);
    if (!module)
      issues.at(
        ['templates', i],
        `"${id}" is no template of this product; use one of: ${modules.map((m) => m.spec.id).join(', ')}`,
      );
    else if (included.has(id)) issues.at(['templates', i], `"${id}" is listed twice; list each template once`);
    else included.set(id, module);
  });
  return included;
}

/** A per-template section may only name templates the pack includes. */
function templateOf(
  section: string,
  id: string,
  included: Map<string, TemplateModule>,
  issues: PackIssues,
): TemplateModule | undefined {
  const module = included.get(id);
  if (!module)
    issues.at(
      [section, id],
      `names the template "${id}", which the pack does not include; add "${id}" to templates or remove this entry`,
    );
  return module;
}

/** Every header key the template reads, with the column it belongs to (any sheet, the criteria block included). */
function templateHeaderKeys(module: TemplateModule): Map<string, string> {
  const keys = new Map<string, string>();
  const columns = module.spec.sheets.flatMap((s) => (s.kind === 'table' ? s.columns : s.fields));
  const all = module.spec.id === SUPPLIER_TEMPLATE ? [...columns, ...criteriaColumns] : columns;
  for (const column of all)
    for (const key of columnHeaderKeys(column)) if (!keys.has(key)) keys.set(key, column.header);
  return keys;
}

function checkColumns(
  pack: Pack,
  included: Map<string, TemplateModule>,
  issues: PackIssues,
  criteriaHold: boolean,
): void {
  for (const [id, columns] of Object.entries(pack.columns)) {
    const module = templateOf('columns', id, included, issues);
    if (!module) continue;
    if (isWideLayout(module)) {
      issues.at(
        ['columns', id],
        `${id} reads the columns it does not know as periods, months or competences, so it takes no extra columns; add them to the long layout's template instead`,
      );
      continue;
    }
    const taken = templateHeaderKeys(
      module.spec.id === SUPPLIER_TEMPLATE && criteriaHold && pack.supplierCriteria
        ? supplierEvaluationFor(criteriaSetOf(pack.supplierCriteria))
        : module,
    );
    const keys = new Map<string, number>();
    const headers = new Map<string, number>();
    columns.forEach((column, i) => {
      const at = (field: string, message: string) => issues.at(['columns', id, i, field], message);
      const sheet = extraSheetOf(module, column);
      if (!sheet) {
        const tables = module.spec.sheets.filter((s) => s.kind === 'table' && s.name !== CRITERIA_SHEET);
        at(
          'sheet',
          tables.length === 0
            ? `${id} has no table sheet to add a column to (its sheet is a Field | Value list); remove this column`
            : `"${column.sheet ?? ''}" is no table sheet of ${id}; use one of: ${tables.map((s) => s.name).join(', ')}`,
        );
      }
      const headerKey = headerMatchKey(column.header);
      const own = taken.get(headerKey);
      if (headerKey === '')
        at('header', `"${column.header}" has no letters or digits to match; give the column a header of words`);
      else if (own !== undefined)
        at(
          'header',
          `"${column.header}" would be read as the template's own column "${own}" (its header or one of its aliases); give the extra column a header of its own`,
        );
      else if (headers.has(headerKey))
        at(
          'header',
          `"${column.header}" is the header of extra column ${headers.get(headerKey)} too; give each column its own header`,
        );
      else headers.set(headerKey, i);
      if (keys.has(column.key))
        at(
          'key',
          `"${column.key}" is the key of extra column ${keys.get(column.key)} too; give each column its own key`,
        );
      else keys.set(column.key, i);
      if (column.type === 'list') {
        if (!column.list)
          at('list', 'a list column needs its values: add "list": ["Low", "Medium", "High"] or similar');
        else {
          const seen = new Set<string>();
          column.list.forEach((value, v) => {
            if (seen.has(listKey(value)))
              issues.at(
                ['columns', id, i, 'list', v],
                `"${value}" is in the list twice (case and spaces aside); list it once`,
              );
            seen.add(listKey(value));
          });
        }
      } else if (column.list) at('list', `only a list column has values; remove "list" or make the type "list"`);
    });
  }
}

/** A field of a template by key or header: guidance and value words may name either. */
function fieldOf(
  module: TemplateModule,
  name: string,
): { column: ColumnSpec; sheetKind: 'table' | 'fields' } | undefined {
  const key = headerMatchKey(name);
  for (const sheet of module.spec.sheets) {
    const columns = sheet.kind === 'table' ? sheet.columns : sheet.fields;
    const column = columns.find((c) => c.key === name) ?? columns.find((c) => headerMatchKey(c.header) === key);
    if (column) return { column, sheetKind: sheet.kind };
  }
  return undefined;
}

function checkGuidance(pack: Pack, included: Map<string, TemplateModule>, issues: PackIssues): void {
  for (const [id, fields] of Object.entries(pack.guidance)) {
    const module = templateOf('guidance', id, included, issues);
    if (!module) continue;
    for (const name of Object.keys(fields)) {
      if (fieldOf(module, name)) continue;
      const extra = pack.columns[id]?.some((c) => c.key === name);
      issues.at(
        ['guidance', id, name],
        extra
          ? `"${name}" is an extra column of the pack; give its guidance in the column's own "guidance"`
          : `${id} has no field "${name}"; use a field key or header, such as ${keysOf(module).slice(0, 5).join(', ')}`,
      );
    }
  }
}

const keysOf = (module: TemplateModule) =>
  module.spec.sheets.flatMap((s) => (s.kind === 'table' ? s.columns : s.fields)).map((c) => c.key);

function checkSheetTitles(pack: Pack, included: Map<string, TemplateModule>, issues: PackIssues): void {
  const sheets = [...included.values()].flatMap((m) => m.spec.sheets.filter((s) => s.name !== CRITERIA_SHEET));
  for (const name of Object.keys(pack.sheetTitles)) {
    if (sheets.some((s) => s.name === name)) continue;
    issues.at(
      ['sheetTitles', name],
      `"${name}" is no sheet of the pack's templates; use a sheet name such as ${sheets
        .slice(0, 4)
        .map((s) => `"${s.name}"`)
        .join(', ')}`,
    );
  }
}

/** The same rounding as the supplier sheet's own weights (supplier-evaluation/criteria.ts). */
const roundWeight = (w: number) => Math.round(w * 1e9) / 1e9;

/**
 * The supplier criteria: each is a product criterion (by name, or renamed under its product key) or one of the
 * pack's own (a key of its own); all four product criteria stay (weight 0 leaves one out of the score); no two
 * criteria, and no criterion and another supplier column, are read under the same header; the weights total 100.
 * True when the criteria hold, so the supplier sheet can be laid out with them.
 */
function checkCriteria(pack: Pack, included: Map<string, TemplateModule>, issues: PackIssues): boolean {
  const criteria = pack.supplierCriteria;
  if (criteria === undefined) return true;
  if (!included.has(SUPPLIER_TEMPLATE)) {
    issues.at(
      ['supplierCriteria'],
      `supplier criteria need the ${SUPPLIER_TEMPLATE} template; add it to templates or remove them`,
    );
    return false;
  }
  const before = issues.all.length;
  const productKeys = Object.values(PRODUCT_CRITERION_KEYS);
  const seen = new Map<string, number>();
  criteria.forEach((c, i) => {
    const byName = SUPPLIER_CRITERIA.find((k) => headerMatchKey(k) === headerMatchKey(c.criterion));
    if (c.key === undefined && !byName) {
      issues.at(
        ['supplierCriteria', i, 'criterion'],
        `"${c.criterion}" is not one of the product's criteria (${SUPPLIER_CRITERIA.join(', ')}); to add a criterion of your own give it a key, such as "key": "${suggestKey(c.criterion)}"; to rename one, give the product criterion's key (${productKeys.join(', ')})`,
      );
      return;
    }
    if (c.key === undefined && byName && byName !== c.criterion) {
      issues.at(['supplierCriteria', i, 'criterion'], `write the product's criterion as "${byName}"`);
      return;
    }
    const key = c.key ?? PRODUCT_CRITERION_KEYS[byName as keyof typeof PRODUCT_CRITERION_KEYS];
    const first = seen.get(key);
    if (first !== undefined)
      issues.at(
        ['supplierCriteria', i, c.key === undefined ? 'criterion' : 'key'],
        `${key} is listed again (first at supplierCriteria[${first}]); list each criterion once`,
      );
    else seen.set(key, i);
  });
  const missing = SUPPLIER_CRITERIA.filter((c) => !seen.has(PRODUCT_CRITERION_KEYS[c]));
  if (missing.length > 0)
    issues.at(
      ['supplierCriteria'],
      `a pack never removes a criterion: add ${missing.join(', ')} (weight 0 leaves a criterion out of the score; give a key to rename one)`,
    );
  const total = roundWeight(criteria.reduce((s, c) => s + c.weightPct, 0));
  if (Math.abs(total - 100) > 1e-6)
    issues.at(
      ['supplierCriteria'],
      `the weights add up to ${total}, not 100; change the weightPct values so they total 100`,
    );
  if (issues.all.length > before) return false;
  checkCriteriaHeaders(pack, criteria, issues);
  return issues.all.length === before;
}

/** A key for a criterion's name: "Sustainability" → sustainability, "On-time delivery" → onTimeDelivery. */
function suggestKey(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  const key = words
    .map((w, i) => (i === 0 ? w.toLowerCase() : w[0]?.toUpperCase() + w.slice(1).toLowerCase()))
    .join('');
  return /^[a-z]/.test(key) ? key : `criterion${key}`;
}

/** No criterion is read under another criterion's header, another supplier column's, or a pack column's. */
function checkCriteriaHeaders(pack: Pack, criteria: NonNullable<Pack['supplierCriteria']>, issues: PackIssues): void {
  const set = criteriaSetOf(criteria);
  const [table] = supplierSheetsOf(supplierEvaluationSpecFor(set));
  const criterionAt = (header: string) => set.findIndex((c) => c.name === header);
  const owner = new Map<string, string>();
  const reported = new Set<number>();
  for (const column of table.columns) {
    for (const key of columnHeaderKeys(column)) {
      const other = owner.get(key);
      if (other === undefined) owner.set(key, column.header);
      if (other === undefined || other === column.header) continue;
      // Report it on the criterion of the two (a product column never shares a header with another).
      const [mine, theirs] = criterionAt(column.header) >= 0 ? [column.header, other] : [other, column.header];
      const i = criterionAt(mine);
      if (i < 0 || reported.has(i)) continue;
      reported.add(i);
      issues.at(
        ['supplierCriteria', i, 'criterion'],
        `"${mine}" would be read as the column "${theirs}" too (its name or one of its aliases); give the criterion a name of its own`,
      );
    }
  }
  const own = pack.columns[SUPPLIER_TEMPLATE] ?? [];
  set.forEach((c, i) => {
    if (c.extra && own.some((x) => x.key === c.key))
      issues.at(
        ['supplierCriteria', i, 'key'],
        `"${c.key}" is also the key of an extra supplier column; give the criterion a key of its own`,
      );
  });
}

function checkVocabularies(pack: Pack, included: Map<string, TemplateModule>, issues: PackIssues): void {
  for (const [id, fields] of Object.entries(pack.vocabularies)) {
    const module = templateOf('vocabularies', id, included, issues);
    if (!module) continue;
    if (isWideLayout(module)) {
      issues.at(
        ['vocabularies', id],
        `${id} takes no value words from a pack; give them to the long layout's template`,
      );
      continue;
    }
    for (const [name, words] of Object.entries(fields)) {
      const field = fieldOf(module, name);
      const list = field?.column.type === 'list' ? (field.column.list ?? []) : undefined;
      if (!field || !list) {
        const lists = keysOf(module).filter((k) => fieldOf(module, k)?.column.type === 'list');
        issues.at(
          ['vocabularies', id, name],
          field
            ? `${field.column.header} is no list column, so it has no values to map words to; use one of: ${lists.join(', ')}`
            : `${id} has no field "${name}"; use a list column's key: ${lists.join(', ')}`,
        );
        continue;
      }
      if (field.sheetKind === 'fields') {
        issues.at(
          ['vocabularies', id, name],
          `value words apply to table sheets; ${field.column.header} is on a Field | Value sheet`,
        );
        continue;
      }
      for (const [word, value] of Object.entries(words)) {
        if (!list.includes(value))
          issues.at(
            ['vocabularies', id, name, word],
            `"${value}" is not a value of ${field.column.header}; use one of: ${list.join(', ')}`,
          );
        else if (list.some((v) => listKey(v) === listKey(word) && v !== value))
          issues.at(
            ['vocabularies', id, name, word],
            `"${word}" is itself a value of ${field.column.header}; a pack may not read one value as another`,
          );
      }
    }
  }
}
