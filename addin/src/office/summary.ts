import { keptNotes, type CellRange, type CellStyle, type SummaryLayout } from '@qms/engine/summary';
import { asText } from './insert.ts';
import type { ExistingSummary, SummarySheet } from './types.ts';

/** Thrown when the workbook cannot take the sheet; the message says what the user can do about it. */
export class SummaryWriteError extends Error {
  constructor(
    message: string,
    readonly reason: 'protected' | 'exists',
  ) {
    super(message);
    this.name = 'SummaryWriteError';
  }
}

const protectedMessage = (name: string) =>
  `This workbook's structure is protected, so the "${name}" sheet cannot be added or replaced. In Excel choose ` +
  'Review › Protect Workbook to turn protection off (Excel asks for the password if one was set), then write the ' +
  'summary again.';

/** The first of "QMS Readiness (2)", "(3)"… that no sheet has (Excel compares sheet names without case). */
function freeName(base: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((n) => n.toLowerCase()));
  for (let n = 2; ; n++) if (!lower.has(`${base} (${n})`.toLowerCase())) return `${base} (${n})`;
}

/**
 * What the pane must know before writing the summary sheet, in one sync: whether a sheet of that name exists,
 * whether it has a Notes area a replacement would keep, whether the workbook lets a sheet be added at all, and a
 * free name to offer instead of replacing.
 */
export async function inspectSummary(context: Excel.RequestContext, name: string): Promise<ExistingSummary> {
  const worksheets = context.workbook.worksheets;
  worksheets.load('items/name');
  const existing = worksheets.getItemOrNullObject(name);
  existing.load('name');
  const used = existing.getUsedRangeOrNullObject(true);
  used.load('values,rowIndex,columnIndex');
  const protection = context.workbook.protection;
  protection.load('protected');
  await context.sync();
  const names = worksheets.items.map((s) => s.name);
  const exists = !existing.isNullObject;
  const notes =
    exists && !used.isNullObject
      ? keptNotes(used.values, { row: used.rowIndex + 1, column: used.columnIndex + 1 })
      : undefined;
  return { exists, hasNotes: notes !== undefined, protected: protection.protected, freeName: freeName(name, names) };
}

/** Excel's column width unit (characters of the default font) in points, as Office.js sets widths. */
const widthPoints = (chars: number) => Math.round((chars * 7 + 5) * 0.75 * 100) / 100;

const address = (r: CellRange) => ({ row: r.row - 1, column: r.column - 1, rows: r.rows, columns: r.columns });

/** Areas of one style: runs of equal style in each row, joined down while the next row has the same run. */
export function styleAreas(layout: SummaryLayout): { style: CellStyle; area: CellRange }[] {
  const open = new Map<string, CellRange>();
  const out: { key: string; area: CellRange }[] = [];
  layout.rows.forEach((cells, r) => {
    const runs: { key: string; column: number; columns: number }[] = [];
    cells.forEach((cell, c) => {
      const key = cell.style ?? 'plain';
      const last = runs[runs.length - 1];
      if (last && last.key === key && last.column + last.columns === c + 1) last.columns += 1;
      else runs.push({ key, column: c + 1, columns: 1 });
    });
    const seen = new Set<string>();
    for (const run of runs) {
      const id = `${run.key}|${run.column}|${run.columns}`;
      seen.add(id);
      const area = open.get(id);
      if (area && area.row + area.rows === r + 1) area.rows += 1;
      else {
        const fresh = { row: r + 1, column: run.column, rows: 1, columns: run.columns };
        open.set(id, fresh);
        out.push({ key: run.key, area: fresh });
      }
    }
    for (const id of [...open.keys()]) if (!seen.has(id)) open.delete(id);
  });
  return out.map(({ key, area }) => ({ style: layout.styles[key as keyof typeof layout.styles] ?? {}, area }));
}

const H_ALIGN = { left: 'Left', center: 'Center', right: 'Right' } as const;
const V_ALIGN = { top: 'Top', center: 'Center', bottom: 'Bottom' } as const;
const OPERATOR = { equal: 'EqualTo', lessThan: 'LessThan', greaterThanOrEqual: 'GreaterThanOrEqual' } as const;

function applyStyle(range: Excel.Range, style: CellStyle): void {
  const f = range.format;
  if (style.fill !== undefined) f.fill.color = style.fill;
  if (style.bold !== undefined) f.font.bold = style.bold;
  if (style.italic !== undefined) f.font.italic = style.italic;
  if (style.color !== undefined) f.font.color = style.color;
  if (style.size !== undefined) f.font.size = style.size;
  if (style.align !== undefined) f.horizontalAlignment = H_ALIGN[style.align];
  if (style.vAlign !== undefined) f.verticalAlignment = V_ALIGN[style.vAlign];
  if (style.wrap !== undefined) f.wrapText = style.wrap;
  if (style.rotate !== undefined) f.textOrientation = style.rotate;
  for (const [edge, colour] of [
    ['EdgeTop', style.borderTop],
    ['EdgeBottom', style.borderBottom],
  ] as const) {
    if (colour === undefined) continue;
    const border = f.borders.getItem(edge);
    border.style = 'Continuous';
    border.weight = 'Thin';
    border.color = colour;
  }
}

/**
 * Whether this Excel has a requirement set. Office's own answer where Office.js is loaded; unit tests run without
 * it and stand in for current Excel. The pane needs ExcelApi 1.7; gridlines (1.8) and the page layout (1.9) are
 * set only where they exist, so an older Excel still gets the whole dashboard, just without its print setup.
 */
function supports(version: string): boolean {
  const office = (globalThis as { Office?: typeof Office }).Office;
  return office?.context?.requirements?.isSetSupported('ExcelApi', version) ?? true;
}

/** The layout's cells, formats, merges, conditional formats and page setup, queued on `sheet` (no sync). */
export function renderLayout(sheet: Excel.Worksheet, layout: SummaryLayout): void {
  const height = layout.rows.length;
  const width = layout.widths.length;
  if (height === 0) return;
  const all = sheet.getRangeByIndexes(0, 0, height, width);
  // Values only; text that starts like a formula gets the apostrophe that keeps it text.
  all.values = layout.rows.map((cells) => cells.map((c) => (c.value === null ? '' : asText(c.value))));
  all.numberFormat = layout.rows.map((cells) =>
    cells.map((c) => layout.styles[c.style ?? 'plain'].numFmt ?? 'General'),
  );
  for (const { style, area } of styleAreas(layout)) {
    const a = address(area);
    applyStyle(sheet.getRangeByIndexes(a.row, a.column, a.rows, a.columns), style);
  }
  layout.widths.forEach((w, c) => (sheet.getRangeByIndexes(0, c, 1, 1).format.columnWidth = widthPoints(w)));
  layout.heights.forEach((h, r) => {
    if (h !== undefined) sheet.getRangeByIndexes(r, 0, 1, 1).format.rowHeight = h;
  });
  for (const m of layout.merges) {
    const a = address(m);
    sheet.getRangeByIndexes(a.row, a.column, a.rows, a.columns).merge(false);
  }
  for (const cf of layout.conditionalFormats) {
    const a = address(cf.range);
    const range = sheet.getRangeByIndexes(a.row, a.column, a.rows, a.columns);
    if (cf.kind === 'dataBar') {
      const format = range.conditionalFormats.add('DataBar');
      const bar = format.dataBar;
      bar.barDirection = 'LeftToRight';
      bar.lowerBoundRule = { type: 'Number', formula: String(cf.min) };
      bar.upperBoundRule = { type: 'Number', formula: String(cf.max) };
      bar.positiveFormat.fillColor = cf.color;
      bar.positiveFormat.gradientFill = true;
    } else {
      const format = range.conditionalFormats.add('CellValue');
      const cell = format.cellValue;
      if (cf.fill !== undefined) cell.format.fill.color = cf.fill;
      if (cf.color !== undefined) cell.format.font.color = cf.color;
      const operand = typeof cf.value === 'number' ? String(cf.value) : `"${cf.value.replace(/"/g, '""')}"`;
      cell.rule = { formula1: `=${operand}`, operator: OPERATOR[cf.operator] };
    }
  }
  if (supports('1.8')) sheet.showGridlines = layout.showGridlines;
  if (!supports('1.9')) return;
  const page = sheet.pageLayout;
  const p = layout.print;
  page.orientation = 'Landscape';
  page.paperSize = p.paper === 'Letter' ? 'Letter' : 'A4';
  page.zoom = { horizontalFitToPages: p.fitToWidth, verticalFitToPages: p.fitToHeight };
  page.centerHorizontally = true;
  page.leftMargin = p.margins.left * 72;
  page.rightMargin = p.margins.right * 72;
  page.topMargin = p.margins.top * 72;
  page.bottomMargin = p.margins.bottom * 72;
  page.headerMargin = p.margins.header * 72;
  page.footerMargin = p.margins.footer * 72;
  const footer = page.headersFooters.defaultForAllPages;
  footer.leftFooter = p.footer.left;
  footer.centerFooter = p.footer.center;
  footer.rightFooter = p.footer.right;
}

/**
 * Writes the summary sheet in two syncs. The first learns whether the sheet exists (and its Notes area, its
 * position) and whether the workbook's structure is protected; the second writes the dashboard. An existing sheet
 * is replaced only when `summary.replace` says so (the pane asks first), keeping what stands below its Notes row.
 */
export async function writeSummary(context: Excel.RequestContext, summary: SummarySheet): Promise<void> {
  const worksheets = context.workbook.worksheets;
  const existing = worksheets.getItemOrNullObject(summary.name);
  existing.load('name,position');
  const used = existing.getUsedRangeOrNullObject(true);
  used.load('values,rowIndex,columnIndex');
  const protection = context.workbook.protection;
  protection.load('protected');
  await context.sync();

  if (protection.protected) throw new SummaryWriteError(protectedMessage(summary.name), 'protected');
  let notes: ReturnType<typeof keptNotes>;
  let position: number | undefined;
  if (!existing.isNullObject) {
    if (!summary.replace)
      throw new SummaryWriteError(
        `The workbook already has a "${existing.name}" sheet. Replace it, or write the summary under another name.`,
        'exists',
      );
    notes = used.isNullObject
      ? undefined
      : keptNotes(used.values, { row: used.rowIndex + 1, column: used.columnIndex + 1 });
    position = existing.position;
    // Replacing the sheet drops the old formats, conditional formats and chart in one step.
    existing.delete();
  }
  const layout = summary.layout(notes);
  const sheet = worksheets.add(summary.name);
  if (position !== undefined) sheet.position = position;
  renderLayout(sheet, layout);
  if (summary.chart) {
    const { firstRow, lastRow, labelColumn, title } = summary.chart;
    const data = sheet.getRangeByIndexes(firstRow - 1, labelColumn - 1, lastRow - firstRow + 1, 2);
    const chart = sheet.charts.add('BarClustered', data, 'Columns');
    chart.title.text = title;
    chart.legend.visible = false;
    const below = layout.rows.length + 1;
    chart.setPosition(sheet.getRangeByIndexes(below, 0, 1, 1), sheet.getRangeByIndexes(below + 16, 4, 1, 1));
  }
  sheet.activate();
  await context.sync();
}
