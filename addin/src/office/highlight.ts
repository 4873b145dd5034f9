import type { Issue } from '@qms/templates';

export const ERROR_FILL = '#FDE7E9';
export const WARNING_FILL = '#FFF4CE';

/**
 * The worksheet custom property (ExcelApi 1.12) that records, per sheet, which cells the pane painted and what
 * fill each had before. It lives in the workbook, so the highlights can be cleared after the pane was reloaded or
 * closed, by a colleague's pane too, and it follows the sheet when the sheet is renamed. Worksheet properties have
 * no 255-character value limit (document properties do), so one sheet's list fits in one property.
 */
export const HIGHLIGHTS_PROPERTY = 'qms.highlights';

/** What a highlighted cell looked like before (null = no fill), and the fill the pane gave it. */
interface Saved {
  was: string | null;
  ours: string;
}

/** The property's text: `{"version":1,"cells":{"B5":[was, ours]}}`. */
export function serialiseHighlights(cells: ReadonlyMap<string, Saved>): string {
  const out: Record<string, [string | null, string]> = {};
  for (const [address, s] of cells) out[address] = [s.was, s.ours];
  return JSON.stringify({ version: 1, cells: out });
}

/** Anything that is not the property's shape counts as no highlights (never throws on a hand-edited value). */
export function parseHighlights(text: unknown): Map<string, Saved> {
  const cells = new Map<string, Saved>();
  if (typeof text !== 'string' || text === '') return cells;
  try {
    const parsed = JSON.parse(text) as { cells?: unknown };
    if (!parsed || typeof parsed.cells !== 'object' || parsed.cells === null) return cells;
    for (const [address, value] of Object.entries(parsed.cells as Record<string, unknown>)) {
      if (!Array.isArray(value)) continue;
      const [was, ours] = value as unknown[];
      if (typeof ours !== 'string' || (was !== null && typeof was !== 'string')) continue;
      cells.set(address, { was, ours });
    }
  } catch {
    // A damaged value: nothing to restore from it.
  }
  return cells;
}

type Sheets = Map<string, Map<string, Saved>>;

/**
 * Fills issue cells and remembers each cell's previous fill. Clearing restores only cells that still carry our
 * fill, so a colour the user set in between is never undone. With `persist` (ExcelApi 1.12) the record is kept in
 * each sheet's `qms.highlights` property; without it, in memory for as long as the pane is open.
 */
export class Highlighter {
  private memory: Sheets = new Map();

  constructor(private readonly persist: boolean) {}

  /** Two syncs: read the current fills (and the sheets' records), then paint and record. Errors win over warnings. */
  async highlight(context: Excel.RequestContext, issues: readonly Issue[]): Promise<number> {
    const wanted = new Map<string, Map<string, string>>();
    for (const issue of issues) {
      // A note on how a cell was read is not a problem: it is listed in the pane, not painted.
      if (issue.severity === 'info') continue;
      const fill = issue.severity === 'error' ? ERROR_FILL : WARNING_FILL;
      const cells = wanted.get(issue.sheet) ?? new Map<string, string>();
      wanted.set(issue.sheet, cells);
      if (!cells.has(issue.address) || fill === ERROR_FILL) cells.set(issue.address, fill);
    }
    const sheets = [...wanted.entries()].map(([name, cells]) => {
      const sheet = context.workbook.worksheets.getItem(name);
      const property = this.persist ? sheet.customProperties.getItemOrNullObject(HIGHLIGHTS_PROPERTY) : undefined;
      property?.load('value');
      const ranges = [...cells.entries()].map(([address, fill]) => {
        const range = sheet.getRange(address);
        range.format.fill.load('color');
        return { address, fill, range };
      });
      return { name, sheet, property, ranges };
    });
    await context.sync();
    let painted = 0;
    for (const { name, sheet, property, ranges } of sheets) {
      const record = property
        ? property.isNullObject
          ? new Map<string, Saved>()
          : parseHighlights(property.value)
        : (this.memory.get(name) ?? new Map<string, Saved>());
      for (const { address, fill, range } of ranges) {
        // A cell we already painted keeps its original fill on record, not our colour.
        const before = record.get(address);
        record.set(address, { was: before ? before.was : normaliseFill(range.format.fill.color), ours: fill });
        range.format.fill.color = fill;
        painted++;
      }
      if (property) sheet.customProperties.add(HIGHLIGHTS_PROPERTY, serialiseHighlights(record));
      else this.memory.set(name, record);
    }
    await context.sync();
    return painted;
  }

  /** How many cells carry a recorded highlight (two syncs with `persist`, none without). */
  async count(context: Excel.RequestContext): Promise<number> {
    const records = await this.records(context);
    let n = 0;
    for (const { cells } of records) n += cells.size;
    return n;
  }

  /**
   * Restores the cells that still carry our fill and forgets the record. Four syncs with `persist` (sheet names,
   * their records, the cells' fills, the restore), two without. Returns how many cells were restored.
   */
  async clear(context: Excel.RequestContext): Promise<number> {
    const records = (await this.records(context)).filter((r) => r.cells.size > 0);
    if (records.length === 0) return 0;
    const checks = records.map(({ name, cells }) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(name);
      const ranges = [...cells.entries()].map(([address, saved]) => {
        const range = sheet.getRange(address);
        range.format.fill.load('color');
        return { saved, range };
      });
      sheet.load('name');
      return { name, sheet, ranges };
    });
    await context.sync();
    let restored = 0;
    for (const { name, sheet, ranges } of checks) {
      this.memory.delete(name);
      if (sheet.isNullObject) continue;
      for (const { saved, range } of ranges) {
        if (normaliseFill(range.format.fill.color)?.toUpperCase() !== saved.ours.toUpperCase()) continue;
        if (saved.was === null) range.format.fill.clear();
        else range.format.fill.color = saved.was;
        restored++;
      }
      if (this.persist) sheet.customProperties.getItemOrNullObject(HIGHLIGHTS_PROPERTY).delete();
    }
    await context.sync();
    return restored;
  }

  /** Every sheet's record: from the sheets' properties with `persist`, else from memory. */
  private async records(context: Excel.RequestContext): Promise<{ name: string; cells: Map<string, Saved> }[]> {
    if (!this.persist) return [...this.memory.entries()].map(([name, cells]) => ({ name, cells }));
    const worksheets = context.workbook.worksheets;
    worksheets.load('items/name');
    await context.sync();
    const properties = worksheets.items.map((sheet) => {
      const property = sheet.customProperties.getItemOrNullObject(HIGHLIGHTS_PROPERTY);
      property.load('value');
      return { name: sheet.name, property };
    });
    await context.sync();
    return properties.map(({ name, property }) => ({
      name,
      cells: property.isNullObject ? new Map<string, Saved>() : parseHighlights(property.value),
    }));
  }
}

/** Excel reports "no fill" as null or (on some hosts) white "#FFFFFF". */
function normaliseFill(color: string | null | undefined): string | null {
  if (!color) return null;
  return color.toUpperCase() === '#FFFFFF' ? null : color;
}
