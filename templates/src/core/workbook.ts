import { toCell } from './cells.js';
import { cellText } from './values.js';
import { makeIssue, type Issue } from './issues.js';
import { isProductSheet } from './product-sheets.js';
import type { QmsRecord } from './record.js';
import { normaliseHeader, type SheetSpec, type TableSheetSpec } from './spec.js';
import { findHeaderRow, readFields, readTable, type SheetInput } from './table.js';
import type { ParseContext, SheetReads, TemplateModule, TemplateResult } from './template.js';
import { appendAll } from './arrays.js';
import { uncalculatedIssue } from './uncalculated.js';

export interface WorkbookInput {
  sheets: readonly SheetInput[];
  /** Document property `qms.templates`: template id → version. */
  templates?: Record<string, number>;
  /** Document property `qms.pack`: the consultant's pack (id, version) the workbook was built from. */
  pack?: { id: string; version: number };
  date1904?: boolean;
}

export interface RecognisedSheet {
  sheet: string;
  templateId: string;
  version: number;
  specSheet: string;
  by: 'marker' | 'mapping' | 'header';
}

export interface WorkbookResult {
  recognised: RecognisedSheet[];
  /** Sheets that match no template (left alone). */
  unrecognised: string[];
  templates: TemplateResult[];
  records: QmsRecord[];
  issues: Issue[];
}

/** Parses a marker `capa-log@1:CAPA Log` (template id, version, spec sheet name). */
export function parseMarker(marker: string | undefined): { id: string; version: number; sheet: string } | undefined {
  const m = /^([a-z0-9-]+)@(\d+):(.+)$/.exec(marker?.trim() ?? '');
  return m ? { id: m[1] as string, version: Number(m[2]), sheet: m[3] as string } : undefined;
}

export function markerFor(module: TemplateModule, sheet: SheetSpec): string {
  return `${module.spec.id}@${module.spec.version}:${sheet.name}`;
}

/**
 * How well a sheet's best header row fits a spec: share of required columns found plus share of all columns found
 * (0 when it does not fit at all). Hand-made sheets often carry only the required columns, so those weigh most.
 */
function headerScore(sheet: SheetInput, spec: SheetSpec): number {
  if (spec.kind === 'table') return tableScore(sheet, spec);
  return fieldsScore(sheet, spec);
}

function fieldsScore(sheet: SheetInput, spec: Extract<SheetSpec, { kind: 'fields' }>): number {
  const header = findHeaderRow(sheet.values, [
    { key: 'f', header: spec.fieldHeader, type: 'text' },
    { key: 'v', header: spec.valueHeader, type: 'text' },
  ]);
  if (!header || header.matches.size < 2) return 0;
  const fieldIndex = header.matches.get('f') ?? 0;
  const labels = new Set(
    sheet.values.slice(header.index + 1).map((r) => normaliseHeader(cellText(toCell(r[fieldIndex])))),
  );
  const known = spec.fields.filter((f) => [f.header, ...(f.aliases ?? [])].some((h) => labels.has(normaliseHeader(h))));
  return known.length >= 3 ? 1 + known.length / spec.fields.length : 0;
}

function tableScore(sheet: SheetInput, spec: TableSheetSpec): number {
  const header = findHeaderRow(sheet.values, spec.columns);
  if (!header) return 0;
  const required = spec.columns.filter((c) => c.required);
  const requiredFound = required.filter((c) => header.matches.has(c.key)).length;
  const share = header.matches.size / spec.columns.length;
  const requiredShare = required.length > 0 ? requiredFound / required.length : share;
  // A sheet named like the spec that has every required column is that sheet, however few columns it has.
  const named = normaliseHeader(sheet.name) === normaliseHeader(spec.name);
  if (named && required.length > 0 && requiredFound === required.length) return 1 + requiredShare + share;
  // Otherwise at least three columns must match, so a sheet with one "Owner" column is not a template.
  if (header.matches.size < Math.min(3, spec.columns.length)) return 0;
  if (requiredShare < 0.5 && share < 0.4) return 0;
  return requiredShare + share;
}

export function recognise(sheet: SheetInput, modules: readonly TemplateModule[]): RecognisedSheet | undefined {
  const marker = parseMarker(sheet.marker);
  if (marker) {
    const module = modules.find((m) => m.spec.id === marker.id);
    const spec = module?.spec.sheets.find((s) => s.name === marker.sheet);
    if (module && spec) {
      return {
        sheet: sheet.name,
        templateId: module.spec.id,
        version: marker.version,
        specSheet: spec.name,
        by: 'marker',
      };
    }
  }
  // A mapping is the user's own word on what the sheet is.
  const mapped = sheet.mapping && modules.find((m) => m.spec.id === sheet.mapping?.template);
  if (mapped && sheet.mapping) {
    const spec =
      mapped.spec.sheets.find((s) => s.name === sheet.mapping?.sheet) ??
      (sheet.mapping.sheet === undefined ? mapped.spec.sheets.find((s) => s.kind === 'table') : undefined);
    if (spec)
      return {
        sheet: sheet.name,
        templateId: mapped.spec.id,
        version: mapped.spec.version,
        specSheet: spec.name,
        by: 'mapping',
      };
  }
  let best: { score: number; module: TemplateModule; spec: SheetSpec } | undefined;
  for (const module of modules) {
    for (const spec of module.spec.sheets) {
      const score = Math.max(headerScore(sheet, spec), module.sheetScore?.(sheet, spec) ?? 0);
      if (score > 0 && (!best || score > best.score)) best = { score, module, spec };
    }
  }
  return best
    ? {
        sheet: sheet.name,
        templateId: best.module.spec.id,
        version: best.module.spec.version,
        specSheet: best.spec.name,
        by: 'header',
      }
    : undefined;
}

/**
 * Grid in, records and issues out, for every recognised sheet of a workbook. Never throws on data: whatever
 * the cells hold becomes records or issues.
 */
export function parseWorkbook(
  input: WorkbookInput,
  modules: readonly TemplateModule[],
  context: Omit<ParseContext, 'date1904'>,
): WorkbookResult {
  const ctx: ParseContext = { ...context, date1904: input.date1904 ?? false };
  const recognised: RecognisedSheet[] = [];
  const unrecognised: string[] = [];
  const bySpec = new Map<string, SheetInput[]>();
  for (const sheet of input.sheets) {
    const r = recognise(sheet, modules);
    if (!r) {
      unrecognised.push(sheet.name);
      continue;
    }
    recognised.push(r);
    const key = `${r.templateId}\u0000${r.specSheet}`;
    bySpec.set(key, [...(bySpec.get(key) ?? []), sheet]);
  }

  const templates: TemplateResult[] = [];
  const issues: Issue[] = [
    ...mappingIssues(input.sheets, modules, recognised),
    ...unrecognisedIssues(input.sheets, unrecognised),
  ];
  for (const module of modules) {
    const reads: SheetReads = {};
    const extra: Issue[] = [];
    let any = false;
    for (const spec of module.spec.sheets) {
      const sheets = bySpec.get(`${module.spec.id}\u0000${spec.name}`) ?? [];
      const [first, ...rest] = sheets;
      if (!first) continue;
      any = true;
      const read = spec.kind === 'table' ? readTable(first, spec, ctx) : readFields(first, spec, ctx);
      reads[spec.name] = read;
      const uncalculated = uncalculatedIssue(read, spec);
      if (uncalculated) extra.push(uncalculated);
      for (const other of rest) {
        extra.push(
          makeIssue(
            'warning',
            'sheet.duplicate-template-sheet',
            other.name,
            other.origin?.row ?? 1,
            other.origin?.column ?? 1,
            `This sheet looks like a second "${spec.name}" sheet; only "${first.name}" is read. Move its rows into "${first.name}" or rename its headers`,
          ),
        );
      }
    }
    if (!any) continue;
    const result = safeRules(module, reads, ctx);
    appendAll(result.issues, extra);
    templates.push(result);
    // Loops, not push(...all): a sheet's worth of records or issues is too many arguments for one call.
    for (const issue of result.issues) issues.push(issue);
  }
  const records: QmsRecord[] = [];
  for (const t of templates) for (const record of t.records) records.push(record);
  return { recognised, unrecognised, templates, records, issues };
}

/**
 * sheets.no-silent-drop: a sheet with anything on it that no template reads is said, once, with how to map it;
 * a sheet left alone in silence would look, to the user, like a register read with no problems.
 */
function unrecognisedIssues(sheets: readonly SheetInput[], unrecognised: readonly string[]): Issue[] {
  const names = new Set(unrecognised);
  const out: Issue[] = [];
  for (const sheet of sheets) {
    if (!names.has(sheet.name) || isProductSheet(sheet.name) || sheet.mapping || sheet.mappingProblem !== undefined)
      continue;
    if (!sheet.values.some((row) => Array.from(row, (c) => toCell(c).kind !== 'blank').some(Boolean))) continue;
    out.push(
      makeIssue(
        'info',
        'sheet.not-recognised',
        sheet.name,
        sheet.origin?.row ?? 1,
        sheet.origin?.column ?? 1,
        `This sheet is not recognised as any template, so it is left alone. If it holds a register, map it once: "Map columns" in the task pane, or qms map FILE --sheet "${sheet.name}" --as TEMPLATE --column "Your header=Template column"`,
      ),
    );
  }
  return out;
}

/** A stored mapping that cannot be used (broken, or naming a template this qms lacks) is said, never ignored. */
function mappingIssues(
  sheets: readonly SheetInput[],
  modules: readonly TemplateModule[],
  recognised: readonly RecognisedSheet[],
): Issue[] {
  const issues: Issue[] = [];
  for (const sheet of sheets) {
    const at = (message: string) =>
      makeIssue('error', 'mapping.unreadable', sheet.name, sheet.origin?.row ?? 1, sheet.origin?.column ?? 1, message);
    if (sheet.mappingProblem !== undefined)
      issues.push(at(`This sheet's mapping cannot be used: ${sheet.mappingProblem}; map the sheet again`));
    else if (sheet.mapping && !recognised.some((r) => r.sheet === sheet.name && r.by === 'mapping'))
      if (!recognised.some((r) => r.sheet === sheet.name && r.by === 'marker'))
        issues.push(
          at(
            `This sheet is mapped to "${sheet.mapping.template}${sheet.mapping.sheet ? `: ${sheet.mapping.sheet}` : ''}", which this qms does not have (templates: ${modules.map((m) => m.spec.id).join(', ')}); map the sheet again`,
          ),
        );
  }
  return issues;
}

/** A rule bug must not take the user's whole check down: it becomes one error naming the template. */
function safeRules(module: TemplateModule, reads: SheetReads, ctx: ParseContext): TemplateResult {
  try {
    return module.rules(reads, ctx);
  } catch (error) {
    const first = Object.values(reads).find((r) => r !== undefined);
    return {
      templateId: module.spec.id,
      version: module.spec.version,
      records: [],
      issues: [
        makeIssue(
          'error',
          'internal.rules-failed',
          first?.sheet ?? module.spec.title,
          first?.headerRow ?? 1,
          1,
          `The ${module.spec.title} rules stopped unexpectedly (${error instanceof Error ? error.message : String(error)}); please report this with the workbook`,
        ),
      ],
    };
  }
}
