import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  findHeaderRow,
  headerMatchKey,
  matchListValue,
  MAPPING_PROPERTY,
  serialiseSheetMapping,
  specColumn,
  validateWorkbook,
  versionRegistry,
  type SheetMapping,
  type TableSheetSpec,
  type WorkbookInput,
} from '@qms/templates';
import { readWorkbook, withSheetProperty } from '@qms/templates/xlsx';
import { EXIT, type Io } from '../io.js';
import { parseAsOf } from '../shared/as-of.js';
import { commandArgs } from '../shared/args.js';
import { outputKindProblem } from '../shared/output-kind.js';
import { loadWorkbookFile } from '../shared/workbook-file.js';
import { writeFileAtomic } from '../shared/write-atomic.js';

const USAGE = `Usage: qms map FILE.xlsx --out NEW.xlsx --sheet NAME --as TEMPLATE[:SHEET] [--header-row N]
         [--column "Header=Field"]... [--value "Field:Word=Value"]...
       qms map FILE.xlsx --out NEW.xlsx --mapping MAPPING.json
  Tells qms once how a sheet of yours reads as a template: which row holds the headers, which of your headers is
  which template column, and what your words mean (e.g. --column "Created=Date opened" --value "Status:Done=Closed").
  The mapping is kept in the copy (worksheet property qms.mapping), so qms check, the task pane and a colleague
  read the sheet the same way. MAPPING.json: {"sheets": [{"sheet": "Issues", "template": "capa-log",
  "headerRow": 1, "columns": {"Created": "Date opened"}, "values": {"Status": {"Done": "Closed"}}}]}
`;

/** One sheet's mapping as the user gave it: template, columns and values named by header or key. */
interface GivenMapping {
  sheet: string;
  template: string;
  specSheet?: string;
  headerRow?: number;
  columns: Record<string, string>;
  values: Record<string, Record<string, string>>;
}

/**
 * `qms map`: writes a copy of the workbook in which each named sheet carries its mapping; every problem with the
 * mapping (an unknown sheet, template, header, column or value) is listed at once, and nothing is written.
 * Exit 0 when the copy was written and its mapped sheets have no errors, 1 when they have errors, 2 when the input
 * or the mapping is unusable.
 */
export async function map(args: string[], io: Io): Promise<number> {
  const parsed = commandArgs(
    'map',
    USAGE,
    {
      args,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        sheet: { type: 'string' },
        as: { type: 'string' },
        'header-row': { type: 'string' },
        column: { type: 'string', multiple: true },
        value: { type: 'string', multiple: true },
        mapping: { type: 'string' },
        'as-of': { type: 'string' },
      },
    },
    io,
  );
  if (typeof parsed === 'number') return parsed;
  const [file, ...extra] = parsed.positionals;
  const v = parsed.values;
  if (file === undefined || extra.length > 0) {
    io.stderr(`qms map: ${file === undefined ? 'name the .xlsx file to map' : 'one file at a time'}\n${USAGE}`);
    return EXIT.unusable;
  }
  const kind = outputKindProblem('--out', file, v.out ?? '');
  if (v.out === undefined || kind !== undefined) {
    io.stderr(`qms map: ${kind ?? '--out must name the new file to write'}\n`);
    return EXIT.unusable;
  }
  if (resolve(io.cwd, v.out) === resolve(io.cwd, file)) {
    io.stderr(`qms map: --out must name a new file, not ${file} itself (the mapping is written to a copy)\n`);
    return EXIT.unusable;
  }
  const asOf = parseAsOf(v['as-of'], io.now());
  if (!asOf.ok) {
    io.stderr(`qms map: ${asOf.reason}\n`);
    return EXIT.unusable;
  }

  const given = await givenMappings(v, io.cwd);
  if (typeof given === 'string') {
    io.stderr(`qms map: ${given}\n${USAGE}`);
    return EXIT.unusable;
  }
  const loaded = await loadWorkbookFile(file, io.cwd);
  if (!loaded.ok) {
    io.stderr(`qms map: ${loaded.reason}\n`);
    return EXIT.unusable;
  }
  const problems: string[] = [];
  const mappings = given.map((g) => resolveMapping(g, loaded.input, problems));
  if (problems.length > 0) {
    io.stderr(`qms map: the mapping cannot be used; nothing was written:\n${problems.map((p) => `  ${p}\n`).join('')}`);
    return EXIT.unusable;
  }

  let bytes: Uint8Array = new Uint8Array(await readFile(loaded.path));
  for (const [i, m] of mappings.entries()) {
    if (!m) continue;
    bytes = (await withSheetProperty(bytes, given[i]?.sheet ?? '', MAPPING_PROPERTY, serialiseSheetMapping(m))).bytes;
  }
  try {
    await writeFileAtomic(resolve(io.cwd, v.out), bytes);
  } catch (error) {
    io.stderr(
      `qms map: ${v.out} cannot be written (${error instanceof Error ? error.message : String(error)}); choose a path in an existing, writable folder\n`,
    );
    return EXIT.unusable;
  }

  // What the copy now reads as: the mapped sheets' records and problems, as qms check would count them.
  const result = validateWorkbook(await readWorkbook(bytes), { asOf: asOf.asOf });
  let errors = 0;
  const lines = given.map((g) => {
    const r = result.recognised.find((x) => x.sheet === g.sheet);
    const own = result.issues.filter((i) => i.sheet === g.sheet);
    const e = own.filter((i) => i.severity === 'error').length;
    errors += e;
    const records = result.records.filter((x) => x.source.sheet === g.sheet).length;
    return `  ${g.sheet} → ${r?.templateId ?? g.template}: ${r?.specSheet ?? ''}, ${records} record${records === 1 ? '' : 's'}, ${e} error${e === 1 ? '' : 's'}`;
  });
  io.stdout(`Mapped ${file} → ${v.out}\n${lines.join('\n')}\nCheck the copy with \`qms check ${v.out}\`.\n`);
  return errors === 0 ? EXIT.ok : EXIT.problems;
}

/** The mappings from the flags or from --mapping FILE.json (not both), or why they cannot be read. */
async function givenMappings(
  v: {
    sheet?: string;
    as?: string;
    'header-row'?: string;
    column?: string[];
    value?: string[];
    mapping?: string;
  },
  cwd: string,
): Promise<GivenMapping[] | string> {
  const flags = v.sheet !== undefined || v.as !== undefined || (v.column?.length ?? 0) > 0;
  if (v.mapping !== undefined) {
    if (flags) return 'give either --mapping FILE.json or --sheet/--as/--column, not both';
    let json: unknown;
    try {
      json = JSON.parse(await readFile(resolve(cwd, v.mapping), 'utf8'));
    } catch (error) {
      return `${v.mapping} cannot be read as JSON (${error instanceof Error ? error.message : String(error)})`;
    }
    const sheets = (json as { sheets?: unknown }).sheets;
    if (!Array.isArray(sheets) || sheets.length === 0)
      return `${v.mapping} must hold {"sheets": [ ... ]} with one entry per sheet`;
    const out: GivenMapping[] = [];
    for (const [i, s] of sheets.entries()) {
      const o = s as Record<string, unknown>;
      if (typeof o.sheet !== 'string' || typeof o.template !== 'string')
        return `${v.mapping}: sheets[${i}] needs "sheet" (the sheet's name) and "template" (e.g. "capa-log")`;
      const [template = '', specSheet] = o.template.split(':');
      out.push({
        sheet: o.sheet,
        template,
        ...(specSheet === undefined ? {} : { specSheet }),
        ...(typeof o.headerRow === 'number' ? { headerRow: o.headerRow } : {}),
        columns: (o.columns as Record<string, string> | undefined) ?? {},
        values: (o.values as Record<string, Record<string, string>> | undefined) ?? {},
      });
    }
    return out;
  }
  if (v.sheet === undefined || v.as === undefined)
    return 'name the sheet (--sheet NAME) and what it is (--as TEMPLATE)';
  const headerRow = v['header-row'] === undefined ? undefined : Number(v['header-row']);
  if (headerRow !== undefined && !(Number.isInteger(headerRow) && headerRow >= 1))
    return `--header-row "${v['header-row']}" must be a row number, e.g. --header-row 3`;
  const columns: Record<string, string> = {};
  for (const c of v.column ?? []) {
    const at = c.lastIndexOf('=');
    if (at <= 0 || at === c.length - 1)
      return `--column "${c}" must read "Your header=Template column", e.g. --column "Created=Date opened"`;
    columns[c.slice(0, at).trim()] = c.slice(at + 1).trim();
  }
  const values: Record<string, Record<string, string>> = {};
  for (const w of v.value ?? []) {
    const m = /^([^:]+):(.+)=([^=]+)$/.exec(w);
    if (!m) return `--value "${w}" must read "Column:Your word=Template value", e.g. --value "Status:Done=Closed"`;
    const [, field = '', word = '', value = ''] = m;
    (values[field.trim()] ??= {})[word.trim()] = value.trim();
  }
  const [template = '', specSheet] = v.as.split(':');
  return [
    {
      sheet: v.sheet,
      template,
      ...(specSheet === undefined ? {} : { specSheet }),
      ...(headerRow === undefined ? {} : { headerRow }),
      columns,
      values,
    },
  ];
}

/** The mapping in stored form (column keys, canonical values), checked against the workbook; problems collected. */
function resolveMapping(g: GivenMapping, input: WorkbookInput, problems: string[]): SheetMapping | undefined {
  const sheet = input.sheets.find((s) => s.name === g.sheet);
  if (!sheet) {
    problems.push(`no sheet "${g.sheet}" in the workbook (sheets: ${input.sheets.map((s) => s.name).join(', ')})`);
    return undefined;
  }
  const modules = versionRegistry.currentModules();
  const module = modules.find((m) => m.spec.id === g.template);
  if (!module) {
    problems.push(`${g.sheet}: no template "${g.template}" (templates: ${modules.map((m) => m.spec.id).join(', ')})`);
    return undefined;
  }
  const tables = module.spec.sheets.filter((s): s is TableSheetSpec => s.kind === 'table');
  const spec =
    g.specSheet === undefined
      ? tables[0]
      : tables.find((s) => headerMatchKey(s.name) === headerMatchKey(g.specSheet ?? ''));
  if (!spec) {
    problems.push(
      `${g.sheet}: ${g.template} has no table sheet "${g.specSheet ?? ''}" (its table sheets: ${tables.map((s) => s.name).join(', ') || 'none'})`,
    );
    return undefined;
  }
  const o = sheet.origin ?? { row: 1, column: 1 };
  const headerIndex =
    g.headerRow !== undefined ? g.headerRow - o.row : headerIndexOf(sheet.values, spec, Object.keys(g.columns));
  const headerCells = sheet.values[headerIndex] ?? [];
  const texts = Array.from(headerCells, (c) =>
    headerMatchKey(typeof c === 'string' ? c : typeof c === 'number' ? String(c) : ''),
  );
  const columns: Record<string, string> = {};
  for (const [text, field] of Object.entries(g.columns)) {
    const column = specColumn(spec, field);
    if (!column)
      problems.push(
        `${g.sheet}: "${field}" is no column of ${spec.name} (columns: ${spec.columns.map((c) => c.header).join(', ')})`,
      );
    else if (!texts.includes(headerMatchKey(text)))
      problems.push(
        `${g.sheet}: row ${o.row + headerIndex} has no header "${text}" (headers: ${Array.from(headerCells, (c) =>
          typeof c === 'string' || typeof c === 'number' ? String(c) : '',
        )
          .filter((t) => t !== '')
          .join(', ')}); give --header-row if the headers are on another row`,
      );
    else columns[text] = column.key;
  }
  const values: Record<string, Record<string, string>> = {};
  for (const [field, words] of Object.entries(g.values)) {
    const column = specColumn(spec, field);
    if (!column) {
      problems.push(`${g.sheet}: "${field}" is no column of ${spec.name}, so its values cannot be mapped`);
      continue;
    }
    const allowed = column.type === 'yesno' ? ['Yes', 'No'] : column.list;
    for (const [word, value] of Object.entries(words)) {
      const canonical = allowed ? matchListValue(value, allowed) : value;
      if (canonical === undefined)
        problems.push(`${g.sheet}: "${value}" is not a ${column.header} (one of: ${(allowed ?? []).join(', ')})`);
      else (values[column.key] ??= {})[word] = canonical;
    }
  }
  return {
    template: module.spec.id,
    sheet: spec.name,
    ...(g.headerRow === undefined ? { headerRow: o.row + headerIndex } : { headerRow: g.headerRow }),
    columns,
    values,
  };
}

/** The row holding the mapped headers (or, failing those, the spec's own), 0-based. */
function headerIndexOf(
  values: WorkbookInput['sheets'][number]['values'],
  spec: TableSheetSpec,
  mapped: string[],
): number {
  const keys = mapped.map(headerMatchKey);
  let best = { index: -1, hits: 0 };
  for (let i = 0; i < Math.min(values.length, 20); i++) {
    const row = Array.from(values[i] ?? [], (c) => headerMatchKey(typeof c === 'string' ? c : ''));
    const hits = keys.filter((k) => row.includes(k)).length;
    if (hits > best.hits) best = { index: i, hits };
  }
  return best.index >= 0 ? best.index : (findHeaderRow(values, spec.columns)?.index ?? 0);
}
