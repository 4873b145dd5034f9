// The pane and `qms assess --summary` write the same sheet: one layout, rendered by the pane's Office.js writer
// into the Excel stand-in and by the CLI's writer into an .xlsx, read back cell by cell and compared.
import { summaryLayout } from '@qms/engine/summary';
import { columnLetter } from '@qms/templates';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
// Test-only reach into the CLI: its writer and its reader of a written sheet.
import { readSheetLook, type CellLook, type SheetLook } from '@qms/workbook-fixtures/sheet-look';
import { summaryCells, summarySheetLayout } from '../../../cli/src/summary/write-summary.ts';
import { withWorksheet } from '@qms/templates/xlsx';
import { sampleAssessment } from '../../test/support/sample-assessment.ts';
import { summarySheet } from '../readiness/summary-model.ts';
import { createExcelPort } from './excel-port.ts';
import { MemoryWorkbook, type MemSheet } from '@qms/excel-standin';
import { lookOf } from '@qms/excel-standin/format';

const GENERATED = '2026-03-31T09:00:00.000Z';
const a1 = (row: number, column: number) => `${columnLetter(column)}${row}`;
const area = (r: { row: number; column: number; rows: number; columns: number }) =>
  r.rows === 1 && r.columns === 1
    ? a1(r.row, r.column)
    : `${a1(r.row, r.column)}:${a1(r.row + r.rows - 1, r.column + r.columns - 1)}`;

/** What the stand-in holds after the pane wrote the sheet, in the reader's terms. */
function standInLook(sheet: MemSheet): SheetLook {
  const look = lookOf(sheet);
  const cells: Record<string, CellLook> = {};
  const keys = new Set([...sheet.cells.keys(), ...look.cells.keys(), ...sheet.numberFormats.keys()]);
  for (const k of keys) {
    const [r = 0, c = 0] = k.split(',').map(Number);
    const f = look.cells.get(k) ?? {};
    const cell: CellLook = {
      ...(sheet.cells.has(k) ? { value: sheet.cells.get(k) as string | number } : {}),
      ...(sheet.numberFormats.has(k) ? { numFmt: sheet.numberFormats.get(k) } : {}),
      ...(f.bold ? { bold: true } : {}),
      ...(f.italic ? { italic: true } : {}),
      ...(f.color ? { color: f.color } : {}),
      ...(f.size !== undefined ? { size: f.size } : {}),
      ...(sheet.fills.has(k) ? { fill: sheet.fills.get(k) } : {}),
      ...(f.align ? { align: f.align.toLowerCase() } : {}),
      ...(f.vAlign ? { vAlign: f.vAlign.toLowerCase() } : {}),
      ...(f.wrap ? { wrap: true } : {}),
      ...(f.rotate !== undefined ? { rotate: f.rotate } : {}),
      ...(f.borderTop ? { borderTop: f.borderTop } : {}),
      ...(f.borderBottom ? { borderBottom: f.borderBottom } : {}),
    };
    cells[a1(r, c)] = cell;
  }
  const page = look.page as {
    paperSize?: string;
    orientation?: string;
    zoom?: { horizontalFitToPages?: number; verticalFitToPages?: number };
  };
  const footer = look.footer;
  return {
    cells,
    merges: look.merges.map(area),
    conditionalFormats: look.conditionalFormats.map((f) => {
      if (f.type === 'DataBar') {
        const lo = (f.dataBar?.lowerBoundRule as { formula?: string } | undefined)?.formula;
        const hi = (f.dataBar?.upperBoundRule as { formula?: string } | undefined)?.formula;
        return `${area(f.area)} dataBar ${lo}..${hi} ${f.dataBar?.fillColor ?? ''}`;
      }
      const rule = f.cellValue?.rule;
      const operator = { EqualTo: 'equal', LessThan: 'lessThan', GreaterThanOrEqual: 'greaterThanOrEqual' }[
        rule?.operator ?? ''
      ];
      const paint = `${f.cellValue?.fill ? ` fill ${f.cellValue.fill}` : ''}${f.cellValue?.color ? ` color ${f.cellValue.color}` : ''}`;
      return `${area(f.area)} ${operator} ${(rule?.formula1 ?? '').replace(/^=/, '')}${paint}`;
    }),
    // Points back to Excel's character widths, as the writer converted them.
    widths: Object.fromEntries([...look.widths].map(([c, pts]) => [c, Math.round(((pts / 0.75 - 5) / 7) * 100) / 100])),
    heights: Object.fromEntries(look.heights),
    page: {
      paper: page.paperSize,
      orientation: page.orientation?.toLowerCase(),
      fitToWidth: page.zoom?.horizontalFitToPages,
      fitToHeight: page.zoom?.verticalFitToPages,
      footer: `&L${footer.leftFooter ?? ''}&C${footer.centerFooter ?? ''}&R${footer.rightFooter ?? ''}`,
    },
    gridlines: look.showGridlines,
  };
}

/** The CLI's file minus what only a file has: the quote prefix the pane spells as an apostrophe. */
function withoutQuotePrefix(look: SheetLook): SheetLook {
  const cells = Object.fromEntries(
    Object.entries(look.cells).map(([ref, { quotePrefix: _q, ...cell }]) => [ref, cell]),
  );
  return { ...look, cells };
}

describe('summary.same-sheet: the pane and the CLI write the same cells', () => {
  it('values, formats, merges, conditional formats, widths, heights and page setup all agree', async () => {
    const assessment = sampleAssessment();
    const history = [
      { date: '2026-02-01', readiness: 41.5, verdict: 'Not ready' },
      { date: '2026-03-01', readiness: 63, verdict: 'Not ready' },
    ];
    const layout = summaryLayout(assessment, { generatedAt: GENERATED, history });

    const wb = new MemoryWorkbook();
    await createExcelPort(wb.run).writeSummary(summarySheet(assessment, GENERATED, '', { history }));
    const sheet = wb.sheet('QMS Readiness');
    if (!sheet) throw new Error('the pane wrote no sheet');
    const pane = standInLook(sheet);

    const book = new ExcelJS.Workbook();
    book.addWorksheet('Data').getCell('A1').value = 1;
    const source = new Uint8Array(await book.xlsx.writeBuffer());
    const { bytes } = await withWorksheet(source, layout.name, summaryCells(layout), summarySheetLayout(layout));
    const cli = withoutQuotePrefix(await readSheetLook(bytes, layout.name));

    // Both hold every cell of the layout, styled or filled.
    expect(Object.keys(pane.cells).length).toBe(layout.rows.length * layout.widths.length);
    expect(Object.keys(pane.cells).sort()).toEqual(Object.keys(cli.cells).sort());
    for (const ref of Object.keys(cli.cells)) expect(pane.cells[ref], ref).toEqual(cli.cells[ref]);
    expect(pane.merges.sort()).toEqual(cli.merges.sort());
    expect(pane.conditionalFormats).toEqual(cli.conditionalFormats);
    expect(pane.conditionalFormats.some((f) => f.includes('dataBar'))).toBe(true);
    expect(pane.widths).toEqual(cli.widths);
    expect(pane.heights).toEqual(cli.heights);
    expect(pane.page).toEqual(cli.page);
    expect(pane.gridlines).toBe(cli.gridlines);
    expect(pane.cells.A1?.value).toBe('QMS Readiness');
    expect(Object.values(pane.cells).some((c) => c.value === 'Readiness history')).toBe(true);
  });
});
