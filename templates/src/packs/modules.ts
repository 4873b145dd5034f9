import { makeRecord, type QmsRecord } from '../core/record.js';
import { headerMatchKey } from '../core/headers.js';
import type { ColumnSpec, SheetSpec, TemplateSpec } from '../core/spec.js';
import type { TableRead, TypedRow } from '../core/table.js';
import type { SheetReads, TemplateModule, TemplateResult } from '../core/template.js';
import { TEMPLATE_MODULES } from '../registry.js';
import { extraColumnSpec, extraOf } from './columns.js';
import { extraSheetOf } from './rules.js';
import type { ExtraColumn, Pack } from './schema.js';
import { criteriaSetOf, supplierEvaluation, supplierEvaluationFor } from '../supplier-evaluation/index.js';

/** Extra columns by the spec sheet they go on. */
function extrasBySheet(module: TemplateModule, columns: readonly ExtraColumn[]): Map<string, ExtraColumn[]> {
  const out = new Map<string, ExtraColumn[]>();
  for (const column of columns) {
    const sheet = extraSheetOf(module, column);
    if (sheet) out.set(sheet.name, [...(out.get(sheet.name) ?? []), column]);
  }
  return out;
}

/** The pack's guidance for a column, by its key or its header. */
function guidanceFor(column: ColumnSpec, guidance: Readonly<Record<string, string>>): string | undefined {
  const byKey = guidance[column.key];
  if (byKey !== undefined) return byKey;
  const key = headerMatchKey(column.header);
  return Object.entries(guidance).find(([name]) => headerMatchKey(name) === key)?.[1];
}

function withGuidance(columns: readonly ColumnSpec[], guidance: Readonly<Record<string, string>>): ColumnSpec[] {
  return columns.map((column) => {
    const text = guidanceFor(column, guidance);
    return text === undefined ? column : { ...column, guidance: text };
  });
}

function packSheet(
  sheet: SheetSpec,
  extras: readonly ExtraColumn[],
  guidance: Readonly<Record<string, string>>,
): SheetSpec {
  if (sheet.kind === 'fields') return { ...sheet, fields: withGuidance(sheet.fields, guidance) };
  return { ...sheet, columns: [...withGuidance(sheet.columns, guidance), ...extras.map(extraColumnSpec)] };
}

/**
 * A template as a pack has it: the product's spec with the pack's guidance and extra columns (appended after the
 * template's own), and the product's rules, unchanged, whose records then get the row's extra values in `extra`.
 * The template's id and version stay the product's, so markers, sync and upgrades treat the sheet as the product's.
 */
export function packModule(product: TemplateModule, pack: Pack): TemplateModule {
  const module = withPackCriteria(product, pack);
  const id = module.spec.id;
  const extras = extrasBySheet(module, pack.columns[id] ?? []);
  const guidance = pack.guidance[id] ?? {};
  if (extras.size === 0 && Object.keys(guidance).length === 0) return module;
  const spec: TemplateSpec = {
    ...module.spec,
    sheets: module.spec.sheets.map((s) => packSheet(s, extras.get(s.name) ?? [], guidance)),
  };
  return {
    ...module,
    spec,
    rules: (reads, context) => withExtras(module.rules(reads, context), reads, spec, extras),
    toGrids: (records) => gridsWithExtras(module.toGrids(records), records, spec, extras),
  };
}

/**
 * The Supplier Evaluation scoring the pack's criteria (renamed, added, weighted as the pack says) in place of the
 * product's four; any other template as it is.
 */
function withPackCriteria(module: TemplateModule, pack: Pack): TemplateModule {
  if (module.spec.id !== supplierEvaluation.spec.id || !pack.supplierCriteria) return module;
  return supplierEvaluationFor(criteriaSetOf(pack.supplierCriteria));
}

/** Each record from a sheet with extra columns gets its row's extra values (and its hash is made again). */
function withExtras(
  result: TemplateResult,
  reads: SheetReads,
  spec: TemplateSpec,
  extras: ReadonlyMap<string, readonly ExtraColumn[]>,
): TemplateResult {
  if (extras.size === 0) return result;
  const rows = new Map<string, { columns: readonly ExtraColumn[]; recordType: string; byRow: Map<number, TypedRow> }>();
  for (const [name, columns] of extras) {
    const read = reads[name] as TableRead | undefined;
    const sheet = spec.sheets.find((s) => s.name === name);
    if (!read || !sheet) continue;
    rows.set(read.sheet, { columns, recordType: sheet.recordType, byRow: new Map(read.rows.map((r) => [r.row, r])) });
  }
  const records = result.records.map((record) => {
    const from = rows.get(record.source.sheet);
    const row = from && from.recordType === record.type ? from.byRow.get(record.source.row) : undefined;
    if (!from || !row) return record;
    return makeRecord(
      record.type,
      record.id,
      // The extra criteria's marks (supplier-evaluation/rules.ts) are in `extra` already; the columns join them.
      { ...record.data, extra: { ...(record.data.extra as object | undefined), ...extraOf(row, from.columns) } },
      record.source,
      record.warnings,
    );
  });
  return { ...result, records };
}

/** The product's grids with the extra columns appended: one value per record, in the order the grid lists them. */
function gridsWithExtras(
  grids: Record<string, unknown[][]>,
  records: readonly QmsRecord[],
  spec: TemplateSpec,
  extras: ReadonlyMap<string, readonly ExtraColumn[]>,
): Record<string, unknown[][]> {
  const out = { ...grids };
  for (const [name, columns] of extras) {
    const grid = grids[name];
    const sheet = spec.sheets.find((s) => s.name === name);
    if (!grid || !sheet) continue;
    const ofType = records.filter((r) => r.type === sheet.recordType);
    const [header = [], ...rows] = grid;
    out[name] = [
      [...header, ...columns.map((c) => c.header)],
      ...rows.map((row, i) => {
        const extra = (ofType[i]?.data.extra ?? {}) as Record<string, unknown>;
        return [...row, ...columns.map((c) => extra[c.key] ?? '')];
      }),
    ];
  }
  return out;
}

/** The pack's templates, in the pack's order. */
export function packModules(pack: Pack, modules: readonly TemplateModule[] = TEMPLATE_MODULES): TemplateModule[] {
  return pack.templates
    .map((id) => modules.find((m) => m.spec.id === id))
    .filter((m): m is TemplateModule => m !== undefined)
    .map((m) => packModule(m, pack));
}

/**
 * Every template a workbook from the pack is parsed with: the product's, each one the pack includes taken as the pack
 * has it (a client may keep product sheets beside the pack's).
 */
export function packParseModules(pack: Pack, modules: readonly TemplateModule[] = TEMPLATE_MODULES): TemplateModule[] {
  return modules.map((m) => (pack.templates.includes(m.spec.id) ? packModule(m, pack) : m));
}
