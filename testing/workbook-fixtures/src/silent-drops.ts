import { findHeaderRow, TEMPLATE_MODULES, toCell } from '@qms/templates';
import type { SheetInput, WorkbookResult } from '@qms/templates';

/** 1-based row and column of an A1 address. */
export function a1Address(a1: string): { row: number; column: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(a1);
  if (!m) throw new Error(`not an A1 address: ${a1}`);
  const column = [...(m[1] ?? '')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { row: Number(m[2]), column };
}

/** Criteria blocks configure scores: their rows become weights, accounted for by their own rules. */
const CONFIG_SHEETS = new Set(['Evaluation Criteria']);

/**
 * rows.no-silent-drop and sheets.no-silent-drop, checked on one validation result: every non-blank row under a
 * recognised table header is a record, or has an issue on its row, or lies in a range an info issue says was left
 * out (a summary block), or is covered by an error on the header row (or a duplicate-sheet warning) that stops the
 * whole sheet; and every non-blank sheet is recognised or has an info issue of its own. Returns what was dropped,
 * and how many rows were checked (so a test can tell that it did not hold vacuously).
 */
export function silentDrops(
  sheets: readonly SheetInput[],
  result: WorkbookResult,
): { dropped: string[]; rowsChecked: number } {
  const dropped: string[] = [];
  let rowsChecked = 0;
  for (const sheet of sheets) {
    const own = result.issues.filter((i) => i.sheet === sheet.name);
    const rec = result.recognised.find((r) => r.sheet === sheet.name);
    if (!rec) {
      const blank = sheet.values.every((r) => Array.from(r, (v) => toCell(v).kind === 'blank').every(Boolean));
      if (!blank && !own.some((i) => i.severity === 'info')) dropped.push(`${sheet.name}: sheet (no issue says so)`);
      continue;
    }
    const spec = TEMPLATE_MODULES.flatMap((m) => m.spec.sheets).find((s) => s.name === rec.specSheet);
    if (spec?.kind !== 'table' || CONFIG_SHEETS.has(spec.name)) continue;
    const header = findHeaderRow(sheet.values, spec.columns);
    if (!header) continue;
    const o = sheet.origin ?? { row: 1, column: 1 };
    const leftOut = own.flatMap((i) => {
      const m = /([A-Z]+)(\d+):([A-Z]+)(\d+) looks like a summary/.exec(i.message);
      return m ? [{ from: Number(m[2]), to: Number(m[4]) }] : [];
    });
    const sheetWide = own.some(
      (x) =>
        (x.severity === 'error' && a1Address(x.address).row === o.row + header.index) ||
        x.code === 'sheet.duplicate-template-sheet',
    );
    for (let i = header.index + 1; i < sheet.values.length; i++) {
      const raw = sheet.values[i] ?? [];
      if ([...header.matches.values()].every((c) => toCell(raw[c]).kind === 'blank')) continue;
      const row = o.row + i;
      rowsChecked++;
      const accounted =
        sheetWide ||
        result.records.some((r) => r.source.sheet === sheet.name && r.source.row === row) ||
        own.some((x) => a1Address(x.address).row === row) ||
        leftOut.some((b) => b.from <= row && row <= b.to);
      if (!accounted) dropped.push(`${sheet.name}!${row}: row`);
    }
  }
  return { dropped, rowsChecked };
}
