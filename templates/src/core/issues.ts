/** A problem found in a workbook, always pointing at a real cell (or the header row for a missing column). */
/**
 * error: the row cannot become a record as it stands; warning: a record, with something to look at; info: a note
 * on how a cell or row was read (a default reading of a word, a totals row or summary block left out).
 */
export type Severity = 'error' | 'warning' | 'info';

export interface Issue {
  severity: Severity;
  /** Stable machine-readable code, e.g. `capa.closed-needs-effectiveness`. */
  code: string;
  /** What is wrong and what would be right, naming the cell. */
  message: string;
  sheet: string;
  /** Display reference `Sheet!A1` (the form users see in Excel's name box). */
  cell: string;
  /** Bare A1 address inside `sheet`, for navigation. */
  address: string;
}

/** 1 → A, 27 → AA. */
export function columnLetter(column: number): string {
  let n = column;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** Row and column are 1-based sheet coordinates. */
export function a1(row: number, column: number): string {
  return `${columnLetter(column)}${row}`;
}

export function makeIssue(
  severity: Severity,
  code: string,
  sheet: string,
  row: number,
  column: number,
  message: string,
): Issue {
  const address = a1(row, column);
  const cell = `${sheet}!${address}`;
  // Every message starts with its cell, so a message read on its own (a log, a CLI line) still says where.
  return { severity, code, message: `${cell}: ${message}`, sheet, cell, address };
}

export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}
