import type { SummaryLayout } from '@qms/engine/summary';
import type { Issue, SheetUpgrade, WorkbookInput } from '@qms/templates';

/** A template workbook file to insert: the .xlsx as base64, and which template (or the starter set) it holds. */
export interface TemplateFile {
  /** Template id, or `starter` for the starter workbook holding every template. */
  id: string;
  base64: string;
}

/** How to label a sheet inserted from a file: sheet name in the file → `qms.template` marker. */
export type SheetMarkers = Record<string, string>;

export interface InsertRequest {
  file: TemplateFile;
  /** Markers of the sheets the file holds (the file's sheet names as the template spec names them). */
  markers: SheetMarkers;
  /** Template id → version, merged into the document property `qms.templates`. */
  templates: Record<string, number>;
  /** A consultant's brand line, stamped into the brand row (A1) of every inserted template sheet. */
  brand?: string;
  /**
   * The pack the file was built from, written as the document property `qms.pack` (Excel does not carry a file's
   * document properties over when it inserts its sheets).
   */
  pack?: { id: string; version: number };
}

export interface UpgradeResult {
  /** Cells written (renamed or added headers, fills of new columns). */
  cells: number;
  /** The table the added columns joined, if the sheet has one over its header row. */
  table?: string;
  /** Added columns given a drop-down (Yes/No or the column's list). */
  dropDowns: number;
}

export interface InsertResult {
  /** Sheet names as they ended up in the workbook (Excel renames clashes, e.g. "CAPA Log (2)"). */
  sheets: string[];
  method: 'base64' | 'api';
}

/** A sheet built through the API when `insertWorksheetsFromBase64` is missing: rows written from cell A1. */
export interface SheetBuild {
  name: string;
  marker: string;
  rows: (string | number | boolean)[][];
  /** 1-based row holding the column headers (made bold). */
  headerRow: number;
  /** Column widths in characters, by column index. */
  widths?: number[];
}

export type SummaryCell = string | number | boolean;

/**
 * The "QMS Readiness" sheet to write: the dashboard layout (built from the kept Notes of the sheet it replaces,
 * if any), and optionally the pane's bar chart over a block of it, placed below the printed page.
 */
export interface SummarySheet {
  name: string;
  /** The layout, given what stood below the Notes row of the sheet being replaced (undefined: nothing kept). */
  layout: (keptNotes?: (string | number | null)[][]) => SummaryLayout;
  /** Replace an existing sheet of that name; without it, an existing sheet makes the write fail ("exists"). */
  replace?: boolean;
  chart?: {
    title: string;
    /** 1-based first and last rows of the chart's data (labels in `labelColumn`, values in the next column). */
    firstRow: number;
    lastRow: number;
    labelColumn: number;
  };
}

/** What the pane learns before writing the summary, so it can ask before replacing anything. */
export interface ExistingSummary {
  exists: boolean;
  /** The existing sheet has a "Notes" row, whose notes a replacement keeps. */
  hasNotes: boolean;
  /** The workbook's structure is protected: no sheet can be added or replaced until it is unprotected. */
  protected: boolean;
  /** A sheet name no sheet has ("QMS Readiness (2)"), to offer instead of replacing. */
  freeName: string;
}

export interface ReadStats {
  syncs: number;
  sheets: number;
  rows: number;
  requests: number;
}

/**
 * What the task pane may ask of the workbook. Components receive it through context and never call Excel.run
 * themselves, so the pane runs the same against Excel, the browser-test stand-in and unit-test fakes.
 */
export interface WorkbookPort {
  read(): Promise<{ input: WorkbookInput; stats: ReadStats }>;
  select(sheet: string, address: string): Promise<void>;
  insert(request: InsertRequest): Promise<InsertResult>;
  build(sheets: SheetBuild[], templates: Record<string, number>): Promise<InsertResult>;
  highlight(issues: readonly Issue[]): Promise<number>;
  clearHighlights(): Promise<number>;
  /** Whether the summary sheet `name` exists, has a Notes area, and whether the workbook can take a new sheet. */
  inspectSummary(name: string): Promise<ExistingSummary>;
  /** Cells the pane painted and has not cleared yet, as recorded in the workbook (so known after a reload). */
  highlightCount(): Promise<number>;
  writeSummary(summary: SummarySheet): Promise<void>;
  /**
   * Brings one outdated template sheet up to date from `planSheetUpgrade`'s plan: writes its cells, widens the
   * sheet's table over added columns, sets the sheet marker and the document property `qms.templates` to `templates`;
   * with `pack` (a pack upgrade's last sheet), sets `qms.pack` to it in the same batch.
   */
  upgradeSheet(
    upgrade: SheetUpgrade,
    templates: Record<string, number>,
    pack?: { id: string; version: number },
  ): Promise<UpgradeResult>;
  /** Which of `names` are sheets of the workbook already (compared as Excel does, ignoring case). One sync. */
  existingSheets(names: readonly string[]): Promise<string[]>;
  /** Keeps a sheet's mapping (the text of `serialiseSheetMapping`) as its worksheet property `qms.mapping`. */
  saveMapping(sheet: string, text: string): Promise<void>;
}
