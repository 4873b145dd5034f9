import { a1, columnLetter } from '../../core/issues.js';
import { xstring } from './xml-edit.js';

/** A value the writer puts in a cell. Text is always stored as text (an inline string), never as a formula. */
export type SheetValue = string | number | boolean | null;

export const SPREADSHEETML_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const WORKSHEET_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';

/** Excel keeps at most this many characters in a cell; longer text would make the file one Excel repairs. */
export const CELL_CHARS = 32_767;

/**
 * The XML of a formula cell, without a cached value: Excel and LibreOffice compute it when the file is opened.
 * The formula is written without its "=".
 */
export function formulaCellXml(prefix: string, row: number, column: number, formula: string, style?: number): string {
  const s = style !== undefined && style > 0 ? ` s="${style}"` : '';
  return `<${prefix}c r="${a1(row, column)}"${s}><${prefix}f>${xstring(formula)}</${prefix}f></${prefix}c>`;
}

/**
 * The XML of one cell. Text goes in as an inline string (`t="inlineStr"`), so "=1+1" or "@SUM(A1)" typed by a
 * user stays text and the workbook's shared-strings part is never touched; numbers must be finite.
 */
export function cellXml(prefix: string, row: number, column: number, value: SheetValue, style?: number): string {
  const p = prefix;
  const s = style !== undefined && style > 0 ? ` s="${style}"` : '';
  const ref = a1(row, column);
  if (value === null) return `<${p}c r="${ref}"${s}/>`;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`${ref}: ${String(value)} is not a number Excel can hold`);
    return `<${p}c r="${ref}"${s}><${p}v>${String(value)}</${p}v></${p}c>`;
  }
  if (typeof value === 'boolean') return `<${p}c r="${ref}"${s} t="b"><${p}v>${value ? 1 : 0}</${p}v></${p}c>`;
  if (value.length > CELL_CHARS)
    throw new RangeError(
      `${ref}: ${value.length.toLocaleString('en-GB')} characters; Excel holds at most 32,767 in a cell`,
    );
  return `<${p}c r="${ref}"${s} t="inlineStr"><${p}is><${p}t xml:space="preserve">${xstring(value)}</${p}t></${p}is></${p}c>`;
}

export interface SheetCell {
  value: SheetValue;
  /** Style index (`s`), from appendCellFormats. */
  style?: number;
}

export interface WorksheetLayout {
  /** Column widths in characters, by 0-based column; undefined keeps Excel's default. */
  widths?: readonly (number | undefined)[];
  /** Rows kept in view while scrolling (a frozen pane under them). */
  frozenRows?: number;
  /** Row heights in points, by 0-based row; undefined keeps the default. */
  heights?: readonly (number | undefined)[];
  /** Merged areas, as A1 ranges ("B3:E3"). */
  merges?: readonly string[];
  /** Conditional formats, in order (their priority). */
  conditionalFormats?: readonly SheetConditionalFormat[];
  /** Hides the gridlines on screen. */
  hideGridLines?: boolean;
  page?: PageSetup;
}

/** A conditional format whose paint is already a differential format id (appendDifferentialFormats). */
export type SheetConditionalFormat =
  | { sqref: string; type: 'dataBar'; min: number; max: number; color: string }
  | {
      sqref: string;
      type: 'cellIs';
      operator: 'equal' | 'lessThan' | 'greaterThanOrEqual';
      /** A number, or a text compared as a whole. */
      value: number | string;
      dxfId: number;
    };

export interface PageSetup {
  paper: 'A4' | 'Letter';
  orientation: 'landscape' | 'portrait';
  fitToWidth: number;
  fitToHeight: number;
  /** Inches. */
  margins: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
  /** Footer texts in Excel's header/footer codes. */
  footer?: { left: string; center: string; right: string };
  centerHorizontally?: boolean;
}

/** SpreadsheetML's paperSize codes. */
const PAPER = { Letter: 1, A4: 9 } as const;

function conditionalXml(formats: readonly SheetConditionalFormat[]): string {
  return formats
    .map((f, i) => {
      const priority = i + 1;
      if (f.type === 'dataBar') {
        const rgb = `FF${f.color.replace(/^#/, '').toUpperCase()}`;
        return (
          `<conditionalFormatting sqref="${f.sqref}"><cfRule type="dataBar" priority="${priority}"><dataBar>` +
          `<cfvo type="num" val="${f.min}"/><cfvo type="num" val="${f.max}"/><color rgb="${rgb}"/>` +
          '</dataBar></cfRule></conditionalFormatting>'
        );
      }
      // A constant operand: a number, or a quoted text ("" doubles a quote inside it).
      const operand = typeof f.value === 'number' ? String(f.value) : `"${f.value.replace(/"/g, '""')}"`;
      return (
        `<conditionalFormatting sqref="${f.sqref}"><cfRule type="cellIs" dxfId="${f.dxfId}" priority="${priority}" operator="${f.operator}">` +
        `<formula>${xstring(operand)}</formula></cfRule></conditionalFormatting>`
      );
    })
    .join('');
}

function pageXml(page: PageSetup | undefined): string {
  if (!page) return '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';
  const m = page.margins;
  const footer = page.footer
    ? `<headerFooter><oddFooter>${xstring(`&L${page.footer.left}&C${page.footer.center}&R${page.footer.right}`)}</oddFooter></headerFooter>`
    : '';
  return (
    (page.centerHorizontally ? '<printOptions horizontalCentered="1"/>' : '') +
    `<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/>` +
    `<pageSetup paperSize="${PAPER[page.paper]}" orientation="${page.orientation}" fitToWidth="${page.fitToWidth}" fitToHeight="${page.fitToHeight}"/>` +
    footer
  );
}

/** A complete worksheet part holding `rows` (0-based in the array, written from A1). */
export function worksheetXml(rows: readonly (readonly SheetCell[])[], layout: WorksheetLayout = {}): string {
  const width = Math.max(1, ...rows.map((r) => r.length));
  const height = Math.max(1, rows.length);
  const frozen = layout.frozenRows ?? 0;
  const pane =
    frozen > 0
      ? `<pane ySplit="${frozen}" topLeftCell="A${frozen + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A${frozen + 1}" sqref="A${frozen + 1}"/>`
      : '';
  const cols = (layout.widths ?? [])
    .map((w, c) =>
      w === undefined
        ? ''
        : `<col min="${c + 1}" max="${c + 1}" width="${Math.round(w * 100) / 100}" customWidth="1"/>`,
    )
    .join('');
  const body = rows
    .map((row, r) => {
      const cells = row
        .map((cell, c) => (cell.value === null && !cell.style ? '' : cellXml('', r + 1, c + 1, cell.value, cell.style)))
        .join('');
      const height = layout.heights?.[r];
      const ht = height === undefined ? '' : ` ht="${height}" customHeight="1"`;
      return cells === '' && ht === '' ? '' : `<row r="${r + 1}"${ht}>${cells}</row>`;
    })
    .join('');
  const merges = layout.merges ?? [];
  const mergeXml =
    merges.length === 0
      ? ''
      : `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`;
  // Fit-to-page printing only takes effect with this flag in the sheet's properties.
  const sheetPr = layout.page ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : '';
  const view = layout.hideGridLines ? ' showGridLines="0"' : '';
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<worksheet xmlns="${SPREADSHEETML_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
    sheetPr +
    `<dimension ref="A1:${columnLetter(width)}${height}"/>` +
    `<sheetViews><sheetView${view} workbookViewId="0">${pane}</sheetView></sheetViews>` +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    (cols === '' ? '' : `<cols>${cols}</cols>`) +
    `<sheetData>${body}</sheetData>` +
    mergeXml +
    conditionalXml(layout.conditionalFormats ?? []) +
    pageXml(layout.page) +
    '</worksheet>'
  );
}
