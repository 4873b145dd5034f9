import type ExcelJS from 'exceljs';
import { HEADER_ARGB, TITLE_ROW } from './style.js';

/** A pack's colours and logo, as the builder applies them after laying out a sheet in the product's look. */
export interface Look {
  /** ARGB of header cells, titles and tabs. */
  primary?: string;
  /** ARGB of the brand row's text. */
  accent?: string;
  /** A PNG for the title row, with its size in pixels. */
  logo?: { base64: string; width: number; height: number };
}

/** `#1F4E79` → `FF1F4E79` (opaque), as ExcelJS and the file format spell colours. */
export const argbOf = (hex: string): string => `FF${hex.replace(/^#/, '').toUpperCase()}`;

/** The logo is drawn this high in the title row (the row is made tall enough for it). */
const LOGO_HEIGHT_PX = 28;
const LOGO_MAX_WIDTH_PX = 160;
/** Points per pixel at 96 dpi: row heights are in points. */
const POINTS_PER_PX = 0.75;
/** Roughly the pixels one indent level of a cell moves its text (three spaces of the default font). */
const INDENT_PX = 9;

/** Recolours what the product's look drew in its blue: header fills and title text. */
export function applyPrimary(sheet: ExcelJS.Worksheet, argb: string): void {
  sheet.properties.tabColor = { argb };
  sheet.eachRow({ includeEmpty: false }, (row) => {
    row.eachCell({ includeEmpty: false }, (cell) => {
      const fill = cell.fill;
      if (fill?.type === 'pattern' && fill.fgColor?.argb === HEADER_ARGB)
        cell.fill = { type: 'pattern', pattern: fill.pattern, fgColor: { argb } };
      const font = cell.font as Partial<ExcelJS.Font> | undefined;
      if (font?.color?.argb === HEADER_ARGB) cell.font = { ...font, color: { argb } };
    });
  });
}

/**
 * Places the logo at the left of the title row and moves the title's text right of it (by indent, so the cell and
 * its value stay where the product puts them).
 */
export function placeLogo(sheet: ExcelJS.Worksheet, imageId: number, logo: NonNullable<Look['logo']>): void {
  const height = Math.min(LOGO_HEIGHT_PX, logo.height);
  const width = Math.min(LOGO_MAX_WIDTH_PX, Math.round((logo.width * height) / logo.height));
  const scaledHeight = Math.round((logo.height * width) / logo.width);
  sheet.addImage(imageId, {
    tl: { col: 0.05, row: TITLE_ROW - 1 + 0.05 },
    ext: { width, height: Math.min(height, scaledHeight) },
    editAs: 'oneCell',
  });
  const row = sheet.getRow(TITLE_ROW);
  row.height = Math.max(row.height ?? 0, Math.ceil((height + 6) * POINTS_PER_PX));
  const title = sheet.getCell(TITLE_ROW, 1);
  // Excel applies an indent only to left (or right) aligned text.
  title.alignment = {
    ...title.alignment,
    horizontal: 'left',
    vertical: 'middle',
    indent: Math.ceil((width + 6) / INDENT_PX),
  };
}
