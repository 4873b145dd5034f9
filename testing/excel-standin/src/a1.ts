/**
 * A1 addresses as Excel reads them, e.g. `'CAPA Log'!B3:Q120`. The stand-in plays Excel, so it parses addresses
 * on its own rather than borrowing the pane's adapter (addin/src/office/address.ts): a slip in the adapter's
 * reading then shows up as a disagreement in a test instead of being mirrored by the double.
 */
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
  if (!m)
    throw new Error(`The Excel stand-in cannot read the address "${address}": use A1 notation, e.g. 'CAPA Log'!B3`);
  return { row: Number(m[2]), column: columnNumber(m[1] as string) };
}
