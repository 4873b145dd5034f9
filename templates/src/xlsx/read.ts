import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { SheetInput } from '../core/table.js';
import type { WorkbookInput } from '../core/workbook.js';
import { readMarkers } from './markers.js';

/** The file could not be read as a workbook at all; `message` is one line a user can act on. */
export class XlsxReadError extends Error {
  override name = 'XlsxReadError';
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

function notXlsx(reason: string): XlsxReadError {
  return new XlsxReadError(`${reason}; save it from Excel or LibreOffice as an Excel Workbook (.xlsx) and try again`);
}

/** A cell as the grid carries it: ExcelJS's value, except that the covered cells of a merge are blank, as in Excel. */
function cellValue(cell: ExcelJS.Cell): unknown {
  return cell.type === ExcelJS.ValueType.Merge ? null : cell.value;
}

function sheetGrid(sheet: ExcelJS.Worksheet): unknown[][] {
  const grid: unknown[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: unknown[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      values[column - 1] = cellValue(cell);
    });
    grid[rowNumber - 1] = values;
  });
  // Rows ExcelJS skipped are holes in the array; the core wants real (empty) rows.
  for (let i = 0; i < grid.length; i++) grid[i] ??= [];
  return grid;
}

/**
 * Reads an .xlsx into the grid form the parser takes: every worksheet's values from A1 (ExcelJS cell values;
 * the core reduces formulas, rich text and errors), the template markers, and the workbook's date system.
 * Throws XlsxReadError only when the bytes are no workbook; odd content inside a workbook never throws.
 */
export async function readWorkbook(bytes: Uint8Array): Promise<WorkbookInput> {
  if (bytes.length === 0) throw notXlsx('The file is empty');
  if (startsWith(bytes, OLE_MAGIC)) throw notXlsx('This is an old-style .xls (or an encrypted) workbook, not an .xlsx');
  if (!startsWith(bytes, ZIP_MAGIC)) throw notXlsx('This is not an .xlsx file (it is not a zip package)');

  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (error) {
    throw notXlsx(`The .xlsx package is damaged (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!zip.file('[Content_Types].xml') || !Object.keys(zip.files).some((n) => /^xl\/.*workbook\.xml$/i.test(n))) {
    throw notXlsx('This zip file holds no Excel workbook (it may be a .docx, .ods or another zip)');
  }

  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch (error) {
    throw notXlsx(`The workbook could not be opened (${error instanceof Error ? error.message : String(error)})`);
  }

  let markers: Awaited<ReturnType<typeof readMarkers>> = { templates: undefined, sheets: {} };
  try {
    markers = await readMarkers(zip);
  } catch {
    // Markers are a convenience: without them every sheet is recognised by its header row.
  }

  const sheets: SheetInput[] = [];
  for (const sheet of workbook.worksheets) {
    let values: unknown[][] = [];
    try {
      values = sheetGrid(sheet);
    } catch {
      // A sheet ExcelJS cannot walk is read as empty rather than failing the whole workbook.
    }
    const marker = markers.sheets[sheet.name];
    sheets.push({
      name: sheet.name,
      values,
      origin: { row: 1, column: 1 },
      ...(marker === undefined ? {} : { marker }),
    });
  }
  return {
    sheets,
    ...(markers.templates ? { templates: markers.templates } : {}),
    date1904: workbook.properties.date1904 ?? false,
  };
}
