/** Address helpers for what Excel returns, e.g. `'CAPA Log'!B3:Q120` or `Sheet1!A1`. */
import { columnLetter } from '@qms/templates';

export interface CellRef {
  /** 1-based. */
  row: number;
  /** 1-based. */
  column: number;
}

/** A → 1, AA → 27. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** The top-left cell of an address, whatever sheet prefix or quoting it has. */
export function topLeft(address: string): CellRef {
  const local = address.slice(address.lastIndexOf('!') + 1);
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)/.exec(local);
  if (!m) throw new Error(`Excel returned an address this add-in cannot read: "${address}"`);
  return { row: Number(m[2]), column: columnNumber(m[1] as string) };
}

/** 1 → A, 27 → AA (the templates' own conversion, so issue cells and Excel addresses agree). */
export const columnLetters = columnLetter;
