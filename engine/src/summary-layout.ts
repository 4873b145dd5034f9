/**
 * The "QMS Readiness" sheet as pure data: every cell's value and named style, merged areas, conditional formats
 * (data bars, traffic-light fills, the Gantt band), column widths, row heights and the print setup. The CLI turns
 * it into worksheet XML, the task pane into Office.js calls; neither decides anything about the layout, so both
 * write the same sheet.
 */

/** A cell's value: text, a finite number or empty. Values only: a writer never makes a formula of one. */
export type SummaryCell = string | number | null;

/** A 1-based rectangle of cells. */
export interface CellRange {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

/** A cell format. Colours are `#RRGGBB`; borders are thin lines in the colour given. */
export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  /** Font size in points (the sheet's default is 10). */
  size?: number;
  color?: string;
  fill?: string;
  /** An Excel number format code. */
  numFmt?: string;
  align?: 'left' | 'center' | 'right';
  vAlign?: 'top' | 'center' | 'bottom';
  wrap?: boolean;
  /** Text rotation in degrees (90 = reads bottom to top). */
  rotate?: number;
  borderTop?: string;
  borderBottom?: string;
}

/** A conditional format over `range`: Excel and LibreOffice redraw it from the values, with no formula in a cell. */
export type ConditionalFormat =
  | {
      kind: 'dataBar';
      range: CellRange;
      /** The values at which the bar is empty and full (0 and 100 for percentages). */
      min: number;
      max: number;
      color: string;
    }
  | {
      kind: 'cellIs';
      range: CellRange;
      operator: 'equal' | 'lessThan' | 'greaterThanOrEqual';
      /** Compared with the cell's value: a number, or a text compared as a whole (case-insensitive, as Excel does). */
      value: number | string;
      fill?: string;
      color?: string;
    };

export interface PrintSetup {
  paper: 'A4' | 'Letter';
  orientation: 'landscape';
  /** Pages across and down the sheet is shrunk to. */
  fitToWidth: number;
  fitToHeight: number;
  /** Margins in inches. */
  margins: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
  /** Footer texts in Excel's header/footer codes (`&P` page, `&N` pages, `&&` a literal ampersand). */
  footer: { left: string; center: string; right: string };
}

/** Where the manager's own notes live: the marker row, and the rows below it that a rewrite carries over. */
export interface NotesArea {
  /** 1-based row whose first cell is the marker text. */
  markerRow: number;
  firstRow: number;
  rows: number;
  columns: number;
}

export interface SummaryLayout {
  name: string;
  /** Column widths in characters (Excel's unit), left to right. */
  widths: number[];
  /** Row heights in points by 0-based row index; undefined keeps the default. */
  heights: (number | undefined)[];
  /** Rows of cells, top to bottom, each as wide as `widths`; a cell without style uses `plain`. */
  rows: { value: SummaryCell; style?: StyleName }[][];
  styles: Record<StyleName, CellStyle>;
  merges: CellRange[];
  conditionalFormats: ConditionalFormat[];
  print: PrintSetup;
  notes: NotesArea;
  /** Gridlines are hidden: the dashboard's own fills and lines structure it. */
  showGridlines: false;
}

/** The names of the few styles the sheet uses (each a key of `SummaryLayout.styles`). */
export type StyleName =
  | 'plain'
  | 'title'
  | 'subtitle'
  | 'label'
  | 'text'
  | 'wrap'
  | 'muted'
  | 'rule'
  | 'header'
  | 'headerNum'
  | 'headerCenter'
  | 'headerBand'
  | 'verdict'
  | 'score'
  | 'percent'
  | 'number'
  | 'days'
  | 'date'
  | 'count'
  | 'points'
  | 'centered'
  | 'result'
  | 'money'
  | 'moneyTotal'
  | 'totalLabel'
  | 'band'
  | 'notesMarker'
  | 'notesHint'
  | 'notes';

/** The text of the first cell of the Notes row: a rewrite keeps what stands below it. */
export const NOTES_MARKER = 'Notes';
