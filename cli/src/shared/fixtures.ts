import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';

/** The committed template files (templates/xlsx), the starting point of the CLI's fixtures. */
export const TEMPLATE_XLSX_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'templates', 'xlsx');

/** The example packs (examples/packs), a consultant's JSON as `qms pack build` takes it. */
export const EXAMPLE_PACKS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'examples', 'packs');

/** Loads a committed template, lets a test fill cells in, and saves it under `path`. */
export async function writeFilledTemplate(
  template: string,
  path: string,
  fill: (workbook: ExcelJS.Workbook) => void,
): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const bytes = await readFile(join(TEMPLATE_XLSX_DIR, template));
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  fill(workbook);
  await writeFile(path, new Uint8Array(await workbook.xlsx.writeBuffer()));
}
