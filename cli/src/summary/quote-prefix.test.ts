import { summaryLayout, type SummaryLayout } from '@qms/engine';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { assessSample } from '@qms/workbook-fixtures/sample-assessment';
import { readSheetLook } from '@qms/workbook-fixtures/sheet-look';
import { summaryCells, summarySheetLayout } from './write-summary.js';
import { withWorksheet } from '@qms/templates/xlsx';

/** A one-row layout with the cells given, styled `text` (its other fields are the real layout's). */
function oneRow(values: (string | number | null)[]): SummaryLayout {
  const base = summaryLayout(assessSample(), { generatedAt: 'x' });
  return {
    ...base,
    rows: [values.map((value) => ({ value, style: 'text' as const }))],
    merges: [],
    conditionalFormats: [],
  };
}

describe('summary.formula-text: text that starts like a formula is written as the pane writes it', () => {
  it('gets the quote prefix (the pane writes a leading apostrophe), other cells keep their formats', () => {
    const layout = oneRow(['=HYPERLINK("x")', '@evil', 12.5, '-1 day', 'plain', null]);
    const cells = summaryCells(layout)[0] ?? [];
    expect(cells.map((c) => c.format?.quotePrefix ?? false)).toEqual([true, true, false, true, false, false]);
    expect(cells.map((c) => c.value)).toEqual(['=HYPERLINK("x")', '@evil', 12.5, '-1 day', 'plain', null]);
    expect(cells[4]?.format).toEqual(layout.styles.text);
  });

  it('reaches the file as a text cell whose style has quotePrefix="1", never a formula', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Data').getCell('A1').value = 1;
    const source = new Uint8Array(await wb.xlsx.writeBuffer());
    const layout = oneRow(['Org', '+Acme']);
    const { bytes } = await withWorksheet(source, 'QMS Readiness', summaryCells(layout), summarySheetLayout(layout));
    const look = await readSheetLook(bytes, 'QMS Readiness');
    expect(look.cells.B1?.value).toBe('+Acme');
    expect(look.cells.B1?.formula).toBeUndefined();
    expect(look.cells.B1?.quotePrefix).toBe(true);
    expect(look.cells.A1?.quotePrefix).toBeUndefined();
    const read = new ExcelJS.Workbook();
    await read.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const cell = read.getWorksheet('QMS Readiness')?.getCell('B1');
    expect(cell?.type).toBe(ExcelJS.ValueType.String);
    expect(cell?.value).toBe('+Acme');
  });
});
