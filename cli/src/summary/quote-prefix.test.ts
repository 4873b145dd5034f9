import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { withWorksheet } from '@qms/templates/xlsx';
import { describe, expect, it } from 'vitest';
import { summaryCells } from './write-summary.js';

describe('summary.formula-text: text that starts like a formula is written as the pane writes it', () => {
  it('gets the quote prefix (the pane writes a leading apostrophe), other cells keep their formats', () => {
    const cells = summaryCells([['=HYPERLINK("x")'], [], ['Organisation', '@evil', 12.5, '-1 day', 'plain']]);
    expect(cells[0]?.[0]?.format).toEqual({ bold: true, size: 14, quotePrefix: true });
    expect(cells[2]?.map((c) => c.format)).toEqual([
      undefined,
      { quotePrefix: true },
      { numFmt: '#,##0.0#' },
      { quotePrefix: true },
      undefined,
    ]);
  });

  it('reaches the file as a text cell whose style has quotePrefix="1"', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Data').getCell('A1').value = 1;
    const source = new Uint8Array(await wb.xlsx.writeBuffer());
    const { bytes } = await withWorksheet(source, 'QMS Readiness', summaryCells([['Title'], [], ['Org', '+Acme']]));
    const zip = await JSZip.loadAsync(bytes);
    const names = Object.keys(zip.files);
    const sheetXml = await zip
      .file(names.find((n) => /worksheets\/sheet\d+\.xml$/.test(n) && n !== 'xl/worksheets/sheet1.xml') ?? '')!
      .async('string');
    const style = /<c r="B3" s="(\d+)" t="inlineStr"><is><t xml:space="preserve">\+Acme<\/t>/.exec(sheetXml)?.[1];
    expect(style).toBeDefined();
    const styles = await zip.file('xl/styles.xml')!.async('string');
    const xfs = [...(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '').matchAll(/<xf\b[^>]*\/?>/g)].map(
      (m) => m[0],
    );
    expect(xfs[Number(style)]).toContain('quotePrefix="1"');
  });
});
