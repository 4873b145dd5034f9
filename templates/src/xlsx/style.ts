import type ExcelJS from 'exceljs';

/** The few styles the templates use; kept plain so Office's sheet import and LibreOffice take them as they are. */
export const DATE_FORMAT = 'yyyy-mm-dd';
export const SCORE_FORMAT = '0.00';
export const TEXT_FORMAT = '@';
export const TABLE_THEME = 'TableStyleMedium2';

/** Rows above every header: brand, title, how-to, one spacer. */
export const BRAND_ROW = 1;
export const TITLE_ROW = 2;
export const HOW_TO_ROW = 3;
export const FIRST_BLOCK_ROW = 5;

/** The product's blue: header fills, titles and tabs (a pack may recolour them; see look.ts). */
export const HEADER_ARGB = 'FF1F4E79';
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_ARGB } };

export function writeTitleRows(sheet: ExcelJS.Worksheet, brand: string, title: string, howTo: string): void {
  const brandCell = sheet.getCell(BRAND_ROW, 1);
  brandCell.value = brand;
  brandCell.font = { bold: true, size: 10, color: { argb: 'FF595959' } };
  const titleCell = sheet.getCell(TITLE_ROW, 1);
  titleCell.value = title;
  titleCell.font = { bold: true, size: 16, color: { argb: HEADER_ARGB } };
  sheet.getRow(TITLE_ROW).height = 24;
  const howToCell = sheet.getCell(HOW_TO_ROW, 1);
  howToCell.value = howTo;
  howToCell.font = { italic: true, size: 10, color: { argb: 'FF595959' } };
}

/** Header cells: white bold on dark blue, wrapped, so they read as headers even where no table style applies. */
export function styleHeaderRow(sheet: ExcelJS.Worksheet, row: number, firstColumn: number, lastColumn: number): void {
  for (let c = firstColumn; c <= lastColumn; c++) {
    const cell = sheet.getCell(row, c);
    cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: 'middle', wrapText: true };
  }
  sheet.getRow(row).height = 30;
}

/** Rows above and including the header (and optionally the first columns) stay in view while scrolling. */
export function freezeAbove(sheet: ExcelJS.Worksheet, firstDataRow: number, frozenColumns = 0): void {
  const topLeft = `${String.fromCharCode(65 + frozenColumns)}${firstDataRow}`;
  sheet.views = [
    {
      state: 'frozen',
      xSplit: frozenColumns,
      ySplit: firstDataRow - 1,
      topLeftCell: topLeft,
      activeCell: `A${firstDataRow}`,
    },
  ];
}

/** Excel table names: letters, digits and underscores, starting with a letter, unique in the workbook. */
export function tableName(sheetName: string): string {
  const name = sheetName.replace(/[^A-Za-z0-9]+/g, '');
  return /^[A-Za-z]/.test(name) ? name : `T${name}`;
}
