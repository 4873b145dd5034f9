/**
 * Writes the demo workbook: the QMS Starter layout (every template, with its drop-downs and markers) filled with
 * the fictional company of demo-data.ts.
 *
 *   node --conditions=source --import tsx examples/generate-demo.ts [--as-of YYYY-MM-DD] [--out FILE]
 *
 * Deterministic: the same as-of date gives byte-identical files (fixed seed, fixed zip entry dates).
 */
import { writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { STARTER_MODULES, isIsoDate, type IsoDate } from '@qms/templates';
// ExcelJS drops the template markers when it saves: the generator writes them back with the builder's own writer
// and re-zips with its fixed entry dates.
import { buildTemplateWorkbook, deterministicZip, readMarkers, writeMarkers } from '@qms/templates/xlsx';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { DEFAULT_AS_OF, ORGANIZATION, demoContent, type Cell, type Row } from './demo-data.ts';

export const DEMO_FILE = join(dirname(fileURLToPath(import.meta.url)), 'demo-manufacturer.xlsx');

/** ExcelJS's model of a loaded table; its type definitions leave it out. */
interface TableModel {
  tableRef?: string;
  autoFilterRef?: string;
}

function tablesOf(sheet: ExcelJS.Worksheet): TableModel[] {
  const tables = (sheet as unknown as { tables: Record<string, { table?: TableModel }> }).tables;
  return Object.values(tables).flatMap((t) => (t.table ? [t.table] : []));
}

function sheetOf(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`The starter workbook has no "${name}" sheet; has a template been renamed?`);
  return sheet;
}

/** The header row (in the first 20 rows) holding `first`, and its columns by header text. */
function headerOf(sheet: ExcelJS.Worksheet, first: string): { row: number; columns: Map<string, number> } {
  for (let r = 1; r <= 20; r++) {
    const columns = new Map<string, number>();
    sheet.getRow(r).eachCell((cell, c) => {
      if (typeof cell.value === 'string') columns.set(cell.value, c);
    });
    if (columns.has(first)) return { row: r, columns };
  }
  throw new Error(`No header row with "${first}" on ${sheet.name}`);
}

function put(sheet: ExcelJS.Worksheet, row: number, columns: Map<string, number>, values: Row): void {
  for (const [header, value] of Object.entries(values)) {
    const c = columns.get(header);
    if (c === undefined) throw new Error(`${sheet.name} has no column "${header}"`);
    if (value !== null) sheet.getCell(row, c).value = value;
  }
}

/**
 * Writes rows under the header from the first data row. Rows past the template's empty table rows extend the
 * Excel table and take the last row's drop-downs and number formats, as Excel does when a user types below it.
 */
function fillTable(sheet: ExcelJS.Worksheet, rows: readonly Row[]): void {
  const firstHeader = Object.keys(rows[0] ?? {})[0];
  if (firstHeader === undefined) return;
  const { row: headerRow, columns } = headerOf(sheet, firstHeader);
  const lastRow = headerRow + rows.length;
  for (const table of tablesOf(sheet)) {
    const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(table.tableRef ?? '');
    if (!m || Number(m[2]) !== headerRow || Number(m[4]) >= lastRow) continue;
    const bottom = Number(m[4]);
    const width = sheet.getRow(headerRow).cellCount;
    for (let r = bottom + 1; r <= lastRow; r++) {
      for (let c = 1; c <= width; c++) {
        const template = sheet.getCell(bottom, c);
        const cell = sheet.getCell(r, c);
        if (template.dataValidation) cell.dataValidation = { ...template.dataValidation };
        if (template.numFmt) cell.numFmt = template.numFmt;
      }
    }
    table.tableRef = `${m[1]}${headerRow}:${m[3]}${lastRow}`;
    table.autoFilterRef = table.tableRef;
  }
  rows.forEach((values, i) => put(sheet, headerRow + 1 + i, columns, values));
}

/** The gap matrix ships one row per clause: each demo row goes onto its clause's row. */
function fillGaps(sheet: ExcelJS.Worksheet, rows: readonly Row[]): void {
  const { row: headerRow, columns } = headerOf(sheet, 'Clause');
  const clauseColumn = columns.get('Clause') ?? 1;
  const rowOfClause = new Map<string, number>();
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const clause = sheet.getCell(r, clauseColumn).value;
    if (typeof clause === 'string') rowOfClause.set(clause, r);
  }
  for (const values of rows) {
    const r = rowOfClause.get(String(values.Clause));
    if (r === undefined) throw new Error(`Clause ${String(values.Clause)} is not pre-filled on ${sheet.name}`);
    put(sheet, r, columns, values);
  }
}

/** The profile is Field | Value: each value goes into column B of its field's row. */
function fillProfile(sheet: ExcelJS.Worksheet, profile: Record<string, Cell>): void {
  const { row: headerRow } = headerOf(sheet, 'Field');
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const field = sheet.getCell(r, 1).value;
    if (typeof field === 'string' && field in profile) sheet.getCell(r, 2).value = profile[field] ?? null;
  }
}

/** The demo workbook for an as-of date, as .xlsx bytes. */
export async function generateDemo(asOf: IsoDate = DEFAULT_AS_OF): Promise<Uint8Array> {
  const content = demoContent(asOf);
  const starter = await buildTemplateWorkbook(STARTER_MODULES, { brand: `${ORGANIZATION} (fictional demo)` });
  const markers = await readMarkers(await JSZip.loadAsync(starter));

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(
    starter.buffer.slice(starter.byteOffset, starter.byteOffset + starter.byteLength) as ArrayBuffer,
  );
  fillProfile(sheetOf(workbook, 'QMS Profile'), content.profile);
  fillGaps(sheetOf(workbook, 'Gap Analysis'), content.gaps);
  fillTable(sheetOf(workbook, 'KPI Definitions'), content.kpis);
  fillTable(sheetOf(workbook, 'KPI Measurements'), content.measurements);
  fillTable(sheetOf(workbook, 'Supplier Evaluation'), content.suppliers);
  fillTable(sheetOf(workbook, 'CAPA Log'), content.capas);
  fillTable(sheetOf(workbook, 'Audit Programme'), content.audits);
  fillTable(sheetOf(workbook, 'Management Review'), content.reviews);
  fillTable(sheetOf(workbook, 'CB Comparison'), content.quotes);
  fillTable(sheetOf(workbook, 'Document Register'), content.documents);
  fillTable(sheetOf(workbook, 'Training Matrix'), content.trainings);
  const stamp = new Date(`${asOf}T00:00:00Z`);
  workbook.created = stamp;
  workbook.modified = stamp;
  workbook.title = `${ORGANIZATION}: QMS workbook (fictional demo)`;

  const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
  await writeMarkers(zip, { templates: markers.templates ?? {}, sheets: markers.sheets });
  return deterministicZip(zip);
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { 'as-of': { type: 'string' }, out: { type: 'string' } } });
  const asOf = values['as-of'] ?? DEFAULT_AS_OF;
  if (!isIsoDate(asOf)) throw new Error(`--as-of "${asOf}" is not a date; write it as YYYY-MM-DD`);
  const out = values.out === undefined ? DEMO_FILE : resolve(values.out);
  await writeFile(out, await generateDemo(asOf));
  process.stdout.write(`Wrote ${out} (as of ${asOf})\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main(process.argv.slice(2));
}
