import { readFile } from 'node:fs/promises';
import { SUMMARY_SHEET, type SummaryCell } from '@qms/engine';
import { withWorksheet, type FormattedValue } from '@qms/templates/xlsx';
import { writeFileAtomic } from '../shared/write-atomic.js';

/** Texts longer than this do not widen their column (they run on into the empty cells to their right). */
const WRAP_AFTER = 44;

/** A row whose neighbours are blank and which is all text (a table's header row) reads better in bold. */
function isHeadingRow(rows: readonly (readonly SummaryCell[])[], r: number): boolean {
  const row = rows[r] ?? [];
  const next = rows[r + 1];
  return (
    row.length > 2 &&
    row.every((v) => typeof v === 'string') &&
    (rows[r - 1]?.length ?? 0) === 0 &&
    next !== undefined &&
    next.length > 0
  );
}

/** Text that Excel would take for a formula when the cell is edited: kept as text with a quote prefix. */
const FORMULA_START = /^[=+\-@]/;

/**
 * The summary grid as formatted cells: numbers with separators, headings bold, the title large. Text that starts
 * like a formula (an organisation named "=HYPERLINK(…)") gets Excel's quote prefix, as the pane's leading
 * apostrophe gives it, so both write the same cell.
 */
export function summaryCells(rows: readonly (readonly SummaryCell[])[]): FormattedValue[][] {
  return rows.map((row, r) =>
    row.map((value, c): FormattedValue => {
      const quoted = typeof value === 'string' && FORMULA_START.test(value) ? { quotePrefix: true } : {};
      if (r === 0 && c === 0) return { value, format: { bold: true, size: 14, ...quoted } };
      if (typeof value === 'number')
        return { value, format: { numFmt: Number.isInteger(value) ? '#,##0' : '#,##0.0#' } };
      if (value !== null && value !== '' && isHeadingRow(rows, r)) return { value, format: { bold: true, ...quoted } };
      if ('quotePrefix' in quoted) return { value, format: quoted };
      return { value: value === '' ? null : value };
    }),
  );
}

/** Widths fit the short values of each column; long texts stand last in their rows and run on to the right. */
export function summaryWidths(rows: readonly (readonly SummaryCell[])[]): number[] {
  const columns = Math.max(0, ...rows.map((row) => row.length));
  return Array.from({ length: columns }, (_, c) => {
    const lengths = rows.map((row) => String(row[c] ?? '').length).filter((n) => n > 0 && n <= WRAP_AFTER);
    return Math.min(Math.max(10, ...lengths) + 2, WRAP_AFTER + 2);
  });
}

/**
 * Writes a COPY of the workbook at `sourcePath` to `outPath` with a "QMS Readiness" sheet holding `rows`
 * (replacing an older one). The copy is the source package with that one sheet added: every other part
 * (charts, pivots, macros, comments, the template markers) is carried over as the source had it, and user text
 * is stored as text, never as a formula. The copy appears under `outPath` only once it is complete.
 */
export async function writeSummaryCopy(
  sourcePath: string,
  outPath: string,
  rows: readonly (readonly SummaryCell[])[],
): Promise<string[]> {
  const source = new Uint8Array(await readFile(sourcePath));
  const edited = await withWorksheet(source, SUMMARY_SHEET, summaryCells(rows), {
    widths: summaryWidths(rows),
    frozenRows: 1,
  });
  await writeFileAtomic(outPath, edited.bytes);
  return edited.changed;
}
