import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { planUpgrade, versionRegistry, type ColumnSpec, type SheetUpgrade } from '@qms/templates';
import { writeMarkers } from '@qms/templates/xlsx';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { EXIT, type Io } from '../io.js';
import { commandArgs } from '../shared/args.js';
import { loadWorkbookFile } from '../shared/workbook-file.js';

const USAGE = 'Usage: qms upgrade FILE.xlsx --out NEW.xlsx\n';

/**
 * `qms upgrade`: writes a copy of the workbook in which every outdated template sheet is brought to the version
 * this qms ships (header cells rewritten, new columns appended and filled, markers updated). Every data row and
 * every cell value is kept; the input file is never written. Exit 0 when the copy was written or nothing was
 * outdated, 1 when some outdated sheet cannot be upgraded, 2 when the input is unusable.
 */
export async function upgrade(args: string[], io: Io): Promise<number> {
  const parsed = commandArgs(
    'upgrade',
    USAGE,
    { args, allowPositionals: true, options: { out: { type: 'string' } } },
    io,
  );
  if (typeof parsed === 'number') return parsed;
  const [file, ...extra] = parsed.positionals;
  const out = parsed.values.out;
  if (file === undefined || extra.length > 0) {
    io.stderr(
      `qms upgrade: ${file === undefined ? 'name the .xlsx file to upgrade' : `one file at a time (got ${parsed.positionals.length})`}\n${USAGE}`,
    );
    return EXIT.unusable;
  }
  if (out === undefined || !/\.xlsx$/i.test(out)) {
    io.stderr(
      `qms upgrade: --out must name the new .xlsx file to write, e.g. --out ${file.replace(/\.xlsx$/i, '')}-upgraded.xlsx\n`,
    );
    return EXIT.unusable;
  }
  if (resolve(io.cwd, out) === resolve(io.cwd, file)) {
    io.stderr(
      `qms upgrade: --out must name a new file, not ${file} itself (the upgrade is written to a copy so the original stays as it was)\n`,
    );
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
  await writeMarkers(zip, { templates: plan.templates, sheets: markers });
  try {
    await writeFile(resolve(io.cwd, out), await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
  } catch (error) {
    io.stderr(
      `qms upgrade: ${out} cannot be written (${error instanceof Error ? error.message : String(error)}); choose a path in an existing, writable folder\n`,
    );
    return EXIT.unusable;
  }

  const lines = plan.sheets.map((u) => {
    const added = u.added.length > 0 ? `; added ${u.added.map((a) => `"${a.header}"`).join(', ')}` : '';
    return [
      `  ${u.sheet}: ${u.templateId}@${u.from} → ${u.templateId}@${u.to}, ${u.dataRows} row${u.dataRows === 1 ? '' : 's'} kept${added}`,
      ...u.notes.map((n) => `    ${n}`),
    ].join('\n');
  });
  const note =
    dropped.length > 0
      ? `Note: ${file} holds ${dropped.join(', ')}, which the copy does not carry over; copy them from ${file} by hand (it is unchanged).\n`
      : '';
  io.stdout(
    `Upgraded ${file} → ${out}\n${lines.join('\n')}\n${problems}${note}Check the copy with \`qms check ${out}\`.\n`,
  );
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
  if (!values || inline === undefined || inline.length > 255 || values.some((v) => v.includes(',') || v.includes('"')))
    return undefined;
  return {
    type: 'list',
    allowBlank: true,
    formulae: [`"${inline}"`],
    showErrorMessage: true,
    errorStyle: 'stop',
    error: `Pick a value from the list: ${values.join(', ')}`,
  };
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
    if (validation)
      for (let r = upgrade.headerRow + 1; r <= lastRow; r++) sheet.getCell(r, added.column).dataValidation = validation;
  }
}
