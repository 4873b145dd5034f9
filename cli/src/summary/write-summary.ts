import { readFile } from 'node:fs/promises';
import { columnLetter } from '@qms/templates';
import type { CellRange, CellStyle, SummaryCell, SummaryLayout } from '@qms/engine';
import {
  withWorksheet,
  type CellFormat,
  type ConditionalFormatSpec,
  type FormattedValue,
  type SheetLayout,
} from '@qms/templates/xlsx';
import { writeFileAtomic } from '../shared/write-atomic.js';

/** Text that Excel would take for a formula when the cell is edited: kept as text with a quote prefix. */
const FORMULA_START = /^[=+\-@]/;

const a1Range = (r: CellRange) =>
  r.rows === 1 && r.columns === 1
    ? `${columnLetter(r.column)}${r.row}`
    : `${columnLetter(r.column)}${r.row}:${columnLetter(r.column + r.columns - 1)}${r.row + r.rows - 1}`;

/** A layout style as the package editor's cell format (the same fields under the same names). */
function cellFormat(style: CellStyle | undefined, quoted: boolean): CellFormat | undefined {
  const format: CellFormat = { ...style, ...(quoted ? { quotePrefix: true } : {}) };
  return Object.keys(format).length === 0 ? undefined : format;
}

/**
 * The layout's cells as formatted values. Text that starts like a formula (an organisation named
 * "=HYPERLINK(…)") gets Excel's quote prefix, as the pane's leading apostrophe gives it, so both write the same
 * cell and neither writes a formula.
 */
export function summaryCells(layout: SummaryLayout): FormattedValue[][] {
  return layout.rows.map((row) =>
    row.map(({ value, style }): FormattedValue => {
      const quoted = typeof value === 'string' && FORMULA_START.test(value);
      const format = cellFormat(layout.styles[style ?? 'plain'], quoted);
      const v: SummaryCell = value === '' ? null : value;
      return format ? { value: v, format } : { value: v };
    }),
  );
}

/** Widths, heights, merges, conditional formats and the print setup, as the package editor takes them. */
export function summarySheetLayout(layout: SummaryLayout): SheetLayout {
  const conditionalFormats = layout.conditionalFormats.map((f): ConditionalFormatSpec => {
    const sqref = a1Range(f.range);
    if (f.kind === 'dataBar') return { sqref, type: 'dataBar', min: f.min, max: f.max, color: f.color };
    return {
      sqref,
      type: 'cellIs',
      operator: f.operator,
      value: f.value,
      format: { ...(f.fill ? { fill: f.fill } : {}), ...(f.color ? { color: f.color } : {}) },
    };
  });
  return {
    widths: layout.widths,
    heights: layout.heights,
    merges: layout.merges.map(a1Range),
    conditionalFormats,
    hideGridLines: !layout.showGridlines,
    page: { ...layout.print, centerHorizontally: true },
  };
}

/**
 * Writes a COPY of the workbook at `sourcePath` to `outPath` with the "QMS Readiness" sheet of `layout` (replacing
 * an older one only when the caller decided so). The copy is the source package with that one sheet added: every
 * other part (charts, pivots, macros, comments, the template markers) is carried over as the source had it; the
 * styles part gains the dashboard's formats at its end. The copy appears under `outPath` only once it is complete.
 */
export async function writeSummaryCopy(sourcePath: string, outPath: string, layout: SummaryLayout): Promise<string[]> {
  const source = new Uint8Array(await readFile(sourcePath));
  const edited = await withWorksheet(source, layout.name, summaryCells(layout), summarySheetLayout(layout));
  await writeFileAtomic(outPath, edited.bytes);
  return edited.changed;
}
