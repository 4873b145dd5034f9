import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { planUpgrade, versionRegistry, type ColumnSpec, type SheetUpgrade } from '@qms/templates';
import { SHEET_MARKER_PROPERTY, TEMPLATES_PROPERTY } from '@qms/templates/xlsx';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { EXIT, type Io } from '../io.js';
import { loadWorkbookFile } from '../shared/workbook-file.js';

const USAGE = 'Usage: qms upgrade FILE.xlsx --out NEW.xlsx\n';

/**
 * `qms upgrade`: writes a copy of the workbook in which every outdated template sheet is brought to the version
 * this qms ships (header cells rewritten, new columns appended and filled, markers updated). Every data row and
 * every cell value is kept; the input file is never written. Exit 0 when the copy was written or nothing was
 * outdated, 1 when some outdated sheet cannot be upgraded, 2 when the input is unusable.
 */
export async function upgrade(args: string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    io.stderr(`qms upgrade: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return EXIT.unusable;
  }
  if (parsed.values.help) {
    io.stdout(USAGE);
    return EXIT.ok;
  }
  const [file, ...extra] = parsed.positionals;
  const out = parsed.values.out;
  if (file === undefined || extra.length > 0) {
    io.stderr(`qms upgrade: ${file === undefined ? 'name the .xlsx file to upgrade' : `one file at a time (got ${parsed.positionals.length})`}\n${USAGE}`);
    return EXIT.unusable;
  }
  if (out === undefined || !/\.xlsx$/i.test(out)) {
    io.stderr(`qms upgrade: --out must name the new .xlsx file to write, e.g. --out ${file.replace(/\.xlsx$/i, '')}-upgraded.xlsx\n`);
    return EXIT.unusable;
  }
  if (resolve(io.cwd, out) === resolve(io.cwd, file)) {
    io.stderr(`qms upgrade: --out must name a new file, not ${file} itself (the upgrade is written to a copy so the original stays as it was)\n`);
    return EXIT.unusable;
  }
  const loaded = await loadWorkbookFile(file, io.cwd);
  if (!loaded.ok) {
    io.stderr(`qms upgrade: ${loaded.reason}\n`);
    return EXIT.unusable;
  }

  const plan = planUpgrade(loaded.input, versionRegistry);
  const problems = plan.problems.map((p) => `  cannot upgrade  ${p}\n`).join('');
  if (plan.sheets.length === 0) {
    io.stdout(`${file}: no template sheet needs an upgrade; nothing written.\n${problems}`);
    return problems === '' ? EXIT.ok : EXIT.problems;
  }

  const bytes = await readFile(loaded.path);
  const dropped = await partsExcelJsDrops(bytes);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  for (const upgrade of plan.sheets) {
    const sheet = workbook.getWorksheet(upgrade.sheet);
    if (sheet) applyToWorksheet(sheet, upgrade);
  }
  // ExcelJS writes neither kind of marker: every sheet that had one gets it back, upgraded sheets their new one.
  const markers: Record<string, string> = {};
  for (const sheet of loaded.input.sheets) if (sheet.marker !== undefined) markers[sheet.name] = sheet.marker;
  for (const upgrade of plan.sheets) markers[upgrade.sheet] = upgrade.marker;
  const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
  await writeMarkers(zip, plan.templates, markers);
  try {
    await writeFile(resolve(io.cwd, out), await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
  } catch (error) {
    io.stderr(`qms upgrade: ${out} cannot be written (${error instanceof Error ? error.message : String(error)}); choose a path in an existing, writable folder\n`);
    return EXIT.unusable;
  }

  const lines = plan.sheets.map((u) => {
    const added = u.added.length > 0 ? `; added ${u.added.map((a) => `"${a.header}"`).join(', ')}` : '';
    return [`  ${u.sheet}: ${u.templateId}@${u.from} → ${u.templateId}@${u.to}, ${u.dataRows} row${u.dataRows === 1 ? '' : 's'} kept${added}`, ...u.notes.map((n) => `    ${n}`)].join('\n');
  });
  const note = dropped.length > 0 ? `Note: ${file} holds ${dropped.join(', ')}, which the copy does not carry over; copy them from ${file} by hand (it is unchanged).\n` : '';
  io.stdout(`Upgraded ${file} → ${out}\n${lines.join('\n')}\n${problems}${note}Check the copy with \`qms check ${out}\`.\n`);
  return problems === '' ? EXIT.ok : EXIT.problems;
}

/** Parts of a package that ExcelJS does not write back when it saves a loaded workbook, in words for the user. */
const DROPPED_PARTS: readonly [RegExp, string][] = [
  [/^xl\/charts\//, 'charts'],
  [/^xl\/pivotTables\//, 'pivot tables'],
  [/^xl\/slicers\//, 'slicers'],
  [/vbaProject\.bin$/, 'macros'],
];

async function partsExcelJsDrops(bytes: Uint8Array): Promise<string[]> {
  const names = Object.keys((await JSZip.loadAsync(bytes)).files);
  return DROPPED_PARTS.filter(([pattern]) => names.some((n) => pattern.test(n))).map(([, label]) => label);
}

/** ExcelJS's view of a loaded table (its type definitions leave the model out). */
interface TableModel {
  tableRef?: string;
  autoFilterRef?: string;
  columns: { name: string; filterButton?: boolean }[];
}

function decodeRef(ref: string): { top: number; left: number; bottom: number; right: number } | undefined {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref);
  if (!m) return undefined;
  const col = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { left: col(m[1] ?? 'A'), top: Number(m[2]), right: col(m[3] ?? 'A'), bottom: Number(m[4]) };
}

/** Drop-down for a new list or Yes/No column, as the templates have them (inline lists only; long lists get none). */
function listValidation(spec: ColumnSpec | undefined): ExcelJS.DataValidation | undefined {
  const values = spec?.type === 'yesno' ? ['Yes', 'No'] : spec?.type === 'list' ? (spec.list ?? []) : undefined;
  const inline = values?.join(',');
  if (!values || inline === undefined || inline.length > 255 || values.some((v) => v.includes(',') || v.includes('"'))) return undefined;
  return { type: 'list', allowBlank: true, formulae: [`"${inline}"`], showErrorMessage: true, errorStyle: 'stop', error: `Pick a value from the list: ${values.join(', ')}` };
}

/** Writes the planned cells, widens the sheet's Excel table over appended columns and gives them the table's look. */
function applyToWorksheet(sheet: ExcelJS.Worksheet, upgrade: SheetUpgrade): void {
  for (const w of upgrade.writes) sheet.getCell(w.row, w.column).value = w.value;
  const tables = (sheet as unknown as { tables: Record<string, { model?: TableModel; table?: TableModel }> }).tables;
  let lastRow = upgrade.headerRow + upgrade.dataRows;
  for (const table of Object.values(tables)) {
    const model = table.model ?? table.table;
    const ref = model?.tableRef ? decodeRef(model.tableRef) : undefined;
    if (!model || !ref || ref.top !== upgrade.headerRow) continue;
    lastRow = Math.max(lastRow, ref.bottom);
    // Renamed headers: Excel insists that a table column's name equals its header cell.
    model.columns.forEach((column, i) => {
      const text = sheet.getCell(ref.top, ref.left + i).value;
      if (typeof text === 'string' && text !== column.name) column.name = text;
    });
    // Appended columns right of the table join it, so Excel's filters and banding cover them.
    let right = ref.right;
    for (const added of [...upgrade.added].sort((a, b) => a.column - b.column)) {
      if (added.column !== right + 1) continue;
      model.columns.push({ name: added.header, filterButton: true });
      right = added.column;
    }
    const span = `${sheet.getColumn(ref.left).letter}${ref.top}:${sheet.getColumn(right).letter}${ref.bottom}`;
    model.tableRef = span;
    model.autoFilterRef = span;
  }
  for (const added of upgrade.added) {
    const header = sheet.getCell(upgrade.headerRow, added.column);
    const left = added.column > 1 ? sheet.getCell(upgrade.headerRow, added.column - 1) : undefined;
    if (left) header.style = { ...left.style };
    sheet.getColumn(added.column).width = added.spec?.width ?? Math.max(12, added.header.length + 2);
    const validation = listValidation(added.spec);
    if (validation) for (let r = upgrade.headerRow + 1; r <= lastRow; r++) sheet.getCell(r, added.column).dataValidation = validation;
  }
}

// --- Template markers (DESIGN §3) --------------------------------------------------------------------------------
// The same layout @qms/templates/xlsx writes and reads (document property `qms.templates`; per-sheet custom property
// `qms.template` as UTF-16LE bytes in a customProperty part). Its writer is not exported, hence this copy; the
// upgrade test reads the result back with `readWorkbook` to keep the two in step.

const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const USER_DEFINED_FMTID = '{D5CDD505-2E9C-101B-9397-08002B2CF9AE}';
/** Worksheet children that come after `customProperties` in the schema's sequence; it goes before the first. */
const AFTER_CUSTOM_PROPERTIES = ['cellWatches', 'ignoredErrors', 'smartTags', 'drawing', 'legacyDrawing', 'legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst'];

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const unxml = (text: string) => text.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

function utf16le(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    bytes[2 * i] = text.charCodeAt(i) & 0xff;
    bytes[2 * i + 1] = text.charCodeAt(i) >> 8;
  }
  return bytes;
}

async function text(zip: JSZip, path: string): Promise<string | undefined> {
  return zip.file(path)?.async('string');
}

async function addOverride(zip: JSZip, part: string, contentType: string): Promise<void> {
  const types = (await text(zip, '[Content_Types].xml')) ?? '';
  if (!types.includes(`PartName="/${part}"`)) zip.file('[Content_Types].xml', types.replace('</Types>', `<Override PartName="/${part}" ContentType="${contentType}"/></Types>`));
}

async function addRelationship(zip: JSZip, relsPath: string, id: string, type: string, target: string): Promise<void> {
  const rels = (await text(zip, relsPath)) ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL_NS}"></Relationships>`;
  if (!rels.includes(`Id="${id}"`)) zip.file(relsPath, rels.replace('</Relationships>', `<Relationship Id="${id}" Type="${type}" Target="${xml(target)}"/></Relationships>`));
}

async function writeMarkers(zip: JSZip, templates: Record<string, number>, sheets: Record<string, string>): Promise<void> {
  const property = `<property fmtid="${USER_DEFINED_FMTID}" pid="2" name="${TEMPLATES_PROPERTY}"><vt:lpwstr>${xml(JSON.stringify(templates))}</vt:lpwstr></property>`;
  zip.file(
    'docProps/custom.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" ' +
      `xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">${property}</Properties>`,
  );
  await addOverride(zip, 'docProps/custom.xml', 'application/vnd.openxmlformats-officedocument.custom-properties+xml');
  await addRelationship(zip, '_rels/.rels', 'rIdQmsCustomProps', `${REL_NS}/custom-properties`, 'docProps/custom.xml');

  // ExcelJS writes xl/workbook.xml with sheet targets relative to xl/.
  const workbookXml = (await text(zip, 'xl/workbook.xml')) ?? '';
  const rels = (await text(zip, 'xl/_rels/workbook.xml.rels')) ?? '';
  let n = 0;
  for (const m of workbookXml.matchAll(/<sheet\b[^>]*\bname="([^"]*)"[^>]*\br:id="([^"]*)"/g)) {
    const marker = sheets[unxml(m[1] ?? '')];
    const target = new RegExp(`<Relationship\\b[^>]*Id="${m[2] ?? ''}"[^>]*Target="([^"]*)"`).exec(rels)?.[1];
    if (marker === undefined || target === undefined) continue;
    const sheetPath = `xl/${target.replace(/^\/?xl\//, '')}`;
    const sheetXml = await text(zip, sheetPath);
    if (sheetXml === undefined) continue;
    n += 1;
    zip.file(`xl/customProperty${n}.bin`, utf16le(marker));
    await addOverride(zip, `xl/customProperty${n}.bin`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.customProperty');
    const relsPath = sheetPath.replace(/([^/]+)$/, '_rels/$1.rels');
    await addRelationship(zip, relsPath, 'rIdQmsTemplate', `${REL_NS}/customProperty`, `../customProperty${n}.bin`);
    const element = `<customProperties${/<worksheet\b[^>]*xmlns:r=/.test(sheetXml) ? '' : ` xmlns:r="${REL_NS}"`}><customPr name="${SHEET_MARKER_PROPERTY}" r:id="rIdQmsTemplate"/></customProperties>`;
    let at = sheetXml.lastIndexOf('</worksheet>');
    for (const next of AFTER_CUSTOM_PROPERTIES) {
      const found = new RegExp(`<${next}[\\s/>]`).exec(sheetXml);
      if (found && found.index < at) at = found.index;
    }
    zip.file(sheetPath, sheetXml.slice(0, at) + element + sheetXml.slice(at));
  }
}
