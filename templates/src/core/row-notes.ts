import { toCell, type Cell } from './cells.js';
import { columnLetter, makeIssue, type Issue } from './issues.js';
import type { ColumnSpec } from './spec.js';

/**
 * Default readings of the user's own words ("Yes" read as Compliant), counted per column and word so that each is
 * reported once, as an info issue at its first cell, with the number of cells read that way: a guess is never
 * applied in silence.
 */
export class ReadingTally {
  private readonly seen = new Map<
    string,
    { column: ColumnSpec; from: string; to: string; count: number; row: number; columnNumber: number }
  >();

  constructor(private readonly sheet: string) {}

  note(column: ColumnSpec, from: string, to: string | number | boolean, row: number, columnNumber: number): void {
    const key = `${column.key}\u0000${from}`;
    const entry = this.seen.get(key);
    if (entry) entry.count++;
    else this.seen.set(key, { column, from, to: String(to), count: 1, row, columnNumber });
  }

  issues(): Issue[] {
    return [...this.seen.values()].map((e) =>
      makeIssue(
        'info',
        'cell.default-reading',
        this.sheet,
        e.row,
        e.columnNumber,
        `${e.column.header}: read ${e.from} as "${e.to}" in ${e.count} cell${e.count === 1 ? '' : 's'} (the default reading of that word); if it means something else in this register, type one of: ${(e.column.list ?? []).join(', ')}`,
      ),
    );
  }
}

// A label such as "Open:", "Total", "Overdue" or "Count of CAPAs": what a summary block under a register starts with.
const SUMMARY_LABEL =
  /(:\s*$)|^(total|totals|subtotal|sum|count|number|open|closed|overdue|in progress|summary|legend|key|notes?|average|mean)\b/i;
// Any label with its figure in one cell: "Compliant: 3", "Partially compliant: 1", "Closed on time: 80 %".
const LABEL_AND_FIGURE = /^[^:\d][^:]{0,60}:\s*\d+(?:[.,]\d+)?\s*%?\s*$/;

/**
 * Rows below a blank gap that do not look like register rows (at most two filled cells, a label and a figure:
 * "Open: 10") are a summary block, not records. They are left alone, with one info issue naming the range.
 */
export class SummaryBlocks {
  readonly issues: Issue[] = [];
  private block: { first: number; last: number; right: number } | undefined;

  constructor(
    private readonly sheet: string,
    private readonly originColumn: number,
  ) {}

  /** Whether the row belongs to a summary block (and is taken by it). */
  take(raw: readonly unknown[], row: number): boolean {
    const filled: { index: number; cell: Cell }[] = [];
    raw.forEach((v, index) => {
      const cell = toCell(v);
      if (cell.kind !== 'blank') filled.push({ index, cell });
    });
    const label = filled[0]?.cell;
    const looksLikeSummary =
      filled.length > 0 &&
      filled.length <= 2 &&
      label?.kind === 'text' &&
      ((filled.length === 1 && LABEL_AND_FIGURE.test(label.value)) ||
        (SUMMARY_LABEL.test(label.value) &&
          (filled.length === 1 || filled[1]?.cell.kind === 'number' || /:\s*\d+\s*$/.test(label.value))));
    if (!looksLikeSummary) return false;
    const right = Math.max(...filled.map((f) => f.index));
    if (this.block) {
      this.block.last = row;
      this.block.right = Math.max(this.block.right, right);
    } else this.block = { first: row, last: row, right };
    return true;
  }

  /** Closes the current block (a register row or the end of the sheet follows). */
  end(): void {
    const b = this.block;
    if (!b) return;
    this.block = undefined;
    const range = `${columnLetter(this.originColumn)}${b.first}:${columnLetter(this.originColumn + b.right)}${b.last}`;
    this.issues.push(
      makeIssue(
        'info',
        'sheet.summary-block',
        this.sheet,
        b.first,
        this.originColumn,
        `${range} looks like a summary under the register (labels and figures), not records, and is left out; if these rows are records, fill in their other columns`,
      ),
    );
  }
}
