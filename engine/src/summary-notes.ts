import { NOTES_MARKER, type SummaryCell } from './summary-layout.js';

/**
 * A manager's notes on an existing summary sheet: the cells below the row whose first cell reads "Notes", as
 * they stand (columns from A), with trailing empty rows dropped. `undefined` when the sheet has no such row, so
 * a writer knows it cannot keep notes there and should ask (or write under another name). `values` is the
 * sheet's used range and `origin` its top-left cell (1-based), as a reader of any workbook gives them.
 */
export function keptNotes(
  values: readonly (readonly unknown[])[],
  origin: { row: number; column: number } = { row: 1, column: 1 },
): SummaryCell[][] | undefined {
  if (origin.column !== 1) return undefined;
  const marker = values.findIndex((row) => typeof row[0] === 'string' && row[0].trim() === NOTES_MARKER);
  if (marker < 0) return undefined;
  const cell = (v: unknown): SummaryCell =>
    typeof v === 'number' && Number.isFinite(v)
      ? v
      : typeof v === 'string'
        ? v
        : typeof v === 'boolean'
          ? String(v).toUpperCase()
          : v instanceof Date
            ? v.toISOString().slice(0, 10)
            : null;
  const rows = Array.from(values.slice(marker + 1), (row = []) => {
    const out = Array.from(row, cell);
    while (out.length > 0 && (out[out.length - 1] === null || out[out.length - 1] === '')) out.pop();
    return out;
  });
  while (rows.length > 0 && rows[rows.length - 1]?.length === 0) rows.pop();
  return rows;
}
