import { readFile, writeFile } from 'node:fs/promises';
import { SUMMARY_SHEET, type SummaryCell } from '@qms/functions/assessment';
import { readMarkers, writeMarkers } from '@qms/templates/xlsx';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

/**
 * Writes a COPY of the workbook at `sourcePath` to `outPath` with a "QMS Readiness" sheet holding `rows`
 * (replacing an older one). Cells get values only: a text such as "=1+1" or "@SUM(A1)" is set as a string
 * value, which ExcelJS stores as text, never as a formula — the summary can never run user text.
 */
/** Texts longer than this do not widen their column (they run on into the empty cells to their right). */
const WRAP_AFTER = 44;

export async function writeSummaryCopy(
  sourcePath: string,
  outPath: string,
  rows: readonly (readonly SummaryCell[])[],
): Promise<void> {
  const bytes = await readFile(sourcePath);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const old = workbook.getWorksheet(SUMMARY_SHEET);
  if (old) workbook.removeWorksheet(old.id);
  const sheet = workbook.addWorksheet(SUMMARY_SHEET);
  rows.forEach((row, r) => {
    row.forEach((value, c) => {
      if (value === null || value === '') return;
      const cell = sheet.getCell(r + 1, c + 1);
      // Strings go in as plain strings (ExcelJS only writes a formula for a { formula } object).
      cell.value = typeof value === 'number' ? value : String(value);
      if (typeof value === 'number') cell.numFmt = Number.isInteger(value) ? '#,##0' : '#,##0.0#';
    });
    // A row whose neighbours are headed by text (a table's header row) reads better in bold.
    const next = rows[r + 1];
    if (
      row.length > 2 &&
      row.every((v) => typeof v === 'string') &&
      (rows[r - 1]?.length ?? 0) === 0 &&
      next &&
      next.length > 0
    ) {
      sheet.getRow(r + 1).font = { bold: true };
    }
  });
  // Widths fit the short values of each column; long texts stand last in their rows and run on to the right.
  const columns = Math.max(...rows.map((row) => row.length));
  for (let c = 0; c < columns; c++) {
    const lengths = rows.map((row) => String(row[c] ?? '').length).filter((n) => n > 0 && n <= WRAP_AFTER);
    sheet.getColumn(c + 1).width = Math.min(Math.max(10, ...lengths) + 2, WRAP_AFTER + 2);
  }
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  // ExcelJS drops the template markers when it saves; put the source's markers back so the copy is still
  // recognised by marker (sheet names are unchanged, and the summary sheet carries none).
  const markers = await readMarkers(await JSZip.loadAsync(bytes));
  const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
  if (markers.templates !== undefined || Object.keys(markers.sheets).length > 0) {
    await writeMarkers(zip, { templates: markers.templates ?? {}, sheets: markers.sheets });
  }
  await writeFile(outPath, await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
}
