/**
 * Excel on the web refuses request/response payloads over 5 MB. A range's values are loaded in row chunks of
 * at most this many cells: about 4 MB at 100 bytes a cell, far above what template rows hold on average.
 */
export const MAX_CELLS_PER_CHUNK = 40_000;

export interface RowChunk {
  /** 0-based offset from the first row of the range. */
  start: number;
  rows: number;
}

export function planChunks(rowCount: number, columnCount: number, maxCells = MAX_CELLS_PER_CHUNK): RowChunk[] {
  if (rowCount <= 0 || columnCount <= 0) return [];
  const perChunk = Math.max(1, Math.floor(maxCells / columnCount));
  const chunks: RowChunk[] = [];
  for (let start = 0; start < rowCount; start += perChunk)
    chunks.push({ start, rows: Math.min(perChunk, rowCount - start) });
  return chunks;
}
