import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';

/** The committed template files (templates/xlsx), the starting point of the CLI's fixtures. */
export const TEMPLATE_XLSX_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'templates', 'xlsx');

/** The example packs (examples/packs), a consultant's JSON as `qms pack build` takes it. */
export const EXAMPLE_PACKS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'examples', 'packs');

/** Loads a committed template, lets a test fill cells in, and saves it under `path`. */
export function writeFilledTemplate(
  template: string,
  path: string,
  fill: (workbook: ExcelJS.Workbook) => void,
): Promise<void> {
  return writeFilledFile(join(TEMPLATE_XLSX_DIR, template), path, fill);
}

/** Loads an .xlsx file we built, lets a test fill cells in, and saves it under `path` (ExcelJS drops the markers). */
export async function writeFilledFile(
  source: string,
  path: string,
  fill: (workbook: ExcelJS.Workbook) => void,
): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const bytes = await readFile(source);
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  fill(workbook);
  await writeFile(path, new Uint8Array(await workbook.xlsx.writeBuffer()));
}

/**
 * Two CAPA rows typed into the example pack's CAPA Log (examples/packs/acme-consulting.v1.json): C-1 with the Risk
 * rating "High", C-2 with "Severe", which is not on the pack's list.
 */
export function fillPackCapa(workbook: ExcelJS.Workbook): void {
  const sheet = workbook.getWorksheet('CAPA Log');
  if (!sheet) throw new Error('CAPA Log missing from the pack file');
  // CAPA ID … Status (A–M), four blank columns, then the pack's Risk rating (R).
  const row = (id: string, risk: string): ExcelJS.CellValue[] => [...openCapaRow(id), null, null, null, null, risk];
  sheet.getRow(6).values = row('C-1', 'High');
  sheet.getRow(7).values = row('C-2', 'Severe');
}

/** A UTC midnight, as ExcelJS writes a date cell. */
export const utcDate = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

/**
 * The columns A–M of the CAPA Log template filled as one clean open action: opened 2026-01-10 from an internal
 * audit against 8.5.1, minor, "Label wrong", owner QM, due 2026-12-31.
 */
export function openCapaRow(id: string): ExcelJS.CellValue[] {
  return [
    id,
    utcDate('2026-01-10'),
    'Internal audit',
    '8.5.1',
    'Minor',
    'Label wrong',
    null,
    null,
    null,
    null,
    'QM',
    utcDate('2026-12-31'),
    'Open',
  ];
}
