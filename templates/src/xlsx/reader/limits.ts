/**
 * Bounds that keep a hostile or broken file from exhausting memory. Each is far above what a real QMS register
 * needs (Excel itself allows 32,767 characters in a cell) and far below this machine's memory; the README lists
 * them. A file that passes one is refused with a message naming it, never half-read.
 */
export interface ReadLimits {
  /** Size of the .xlsx file itself. */
  fileBytes: number;
  /** Inflated size of any one XML part that is read (sheet, shared strings, styles, workbook). */
  partBytes: number;
  /** Inflated bytes read from the whole package. */
  totalBytes: number;
  /** Non-empty cells in the whole workbook. */
  cells: number;
  /** Characters in one cell's text (Excel's own limit). */
  cellChars: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
  fileBytes: 100 * 1024 * 1024,
  partBytes: 256 * 1024 * 1024,
  totalBytes: 512 * 1024 * 1024,
  cells: 4_000_000,
  cellChars: 32_767,
};

export function mib(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MiB`;
}
