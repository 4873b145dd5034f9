import type { Issue } from '@qms/templates';

export const ERROR_FILL = '#FDE7E9';
export const WARNING_FILL = '#FFF4CE';

/** What a highlighted cell looked like before, so clearing restores it exactly (null = it had no fill). */
interface Saved {
  sheet: string;
  address: string;
  fill: string | null;
  ours: string;
}

/**
 * Fills issue cells and remembers each cell's previous fill. Clearing restores only cells that still carry
 * our fill, so a colour the user set in between is never undone. The memory lives as long as the pane.
 */
export class Highlighter {
  private saved = new Map<string, Saved>();

  get count(): number {
    return this.saved.size;
  }

  /** Two syncs: read the current fills, then paint. An error wins over a warning in the same cell. */
  async highlight(context: Excel.RequestContext, issues: readonly Issue[]): Promise<number> {
    const wanted = new Map<string, { sheet: string; address: string; fill: string }>();
    for (const issue of issues) {
      // A note on how a cell was read is not a problem: it is listed in the pane, not painted.
      if (issue.severity === 'info') continue;
      const key = `${issue.sheet}!${issue.address}`;
      const fill = issue.severity === 'error' ? ERROR_FILL : WARNING_FILL;
      if (!wanted.has(key) || fill === ERROR_FILL)
        wanted.set(key, { sheet: issue.sheet, address: issue.address, fill });
    }
    const targets = [...wanted.entries()].map(([key, w]) => {
      const range = context.workbook.worksheets.getItem(w.sheet).getRange(w.address);
      range.format.fill.load('color');
      return { key, w, range };
    });
    await context.sync();
    for (const { key, w, range } of targets) {
      const before = this.saved.get(key);
      // A cell we already painted keeps its original fill on record, not our colour.
      const original = before ? before.fill : normaliseFill(range.format.fill.color);
      this.saved.set(key, { sheet: w.sheet, address: w.address, fill: original, ours: w.fill });
      range.format.fill.color = w.fill;
    }
    await context.sync();
    return targets.length;
  }

  /** Two syncs: check which cells still carry our fill, then restore those. Returns how many were restored. */
  async clear(context: Excel.RequestContext): Promise<number> {
    const entries = [...this.saved.values()];
    if (entries.length === 0) return 0;
    const ranges = entries.map((s) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(s.sheet);
      const range = sheet.getRange(s.address);
      range.format.fill.load('color');
      sheet.load('name');
      return { s, sheet, range };
    });
    await context.sync();
    let restored = 0;
    for (const { s, sheet, range } of ranges) {
      if (sheet.isNullObject) continue;
      if (normaliseFill(range.format.fill.color)?.toUpperCase() !== s.ours.toUpperCase()) continue;
      if (s.fill === null) range.format.fill.clear();
      else range.format.fill.color = s.fill;
      restored++;
    }
    await context.sync();
    this.saved.clear();
    return restored;
  }
}

/** Excel reports "no fill" as null or (on some hosts) white "#FFFFFF". */
function normaliseFill(color: string | null | undefined): string | null {
  if (!color) return null;
  return color.toUpperCase() === '#FFFFFF' ? null : color;
}
