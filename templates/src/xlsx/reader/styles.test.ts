import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { validateWorkbook } from '../../registry.js';
import { readWorkbook } from '../read.js';

const AS_OF = '2026-06-30';

async function bytesOf(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** One sheet, one value per row in column A, each with its number format (undefined: General). */
async function formatted(cells: [unknown, string | undefined][]): Promise<unknown[]> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Formats');
  cells.forEach(([value, numFmt], i) => {
    const cell = sheet.getCell(i + 1, 1);
    cell.value = value as ExcelJS.CellValue;
    if (numFmt !== undefined) cell.numFmt = numFmt;
  });
  const input = await readWorkbook(await bytesOf(workbook));
  return (input.sheets[0]?.values ?? []).map((row) => row[0]);
}

describe('reader: number formats that show a percentage', () => {
  it('reader.percent-format: built-in 0% and 0.00% (numFmtId 9, 10) and custom formats with an unquoted % give the number with its format', async () => {
    const values = await formatted([
      [0, '0%'],
      [0.5, '0%'],
      [0.125, '0.00%'],
      [0.5, '0.0 %'],
      [0.5, '[Blue]0%;[Red]-0%'],
      [0.5, '0"%"'],
      [0.5, '0.00'],
      [0.5, undefined],
      [new Date(Date.UTC(2026, 2, 31)), 'yyyy-mm-dd'],
      ['50%', '@'],
    ]);
    expect(values).toEqual([
      { value: 0, numFmt: '0%' },
      { value: 0.5, numFmt: '0%' },
      { value: 0.125, numFmt: '0.00%' },
      { value: 0.5, numFmt: '0.0 %' },
      { value: 0.5, numFmt: '[Blue]0%;[Red]-0%' },
      // A quoted % is text in the format, not a percentage; other formats leave the number plain.
      0.5,
      0.5,
      0.5,
      new Date(Date.UTC(2026, 2, 31)),
      '50%',
    ]);
  });

  it('reader.percent-format: a 0%-formatted gap status is quoted as the user sees it (0 %, 50 %), a plain 0.5 as 0.5', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Gap Analysis');
    sheet.addRow(['Acme — ISO 9001 gap analysis']);
    sheet.addRow([]);
    sheet.addRow(['Clause', 'Title', 'Status', 'Evidence', 'Owner', 'Target date']);
    const statuses: [number, string | undefined][] = [
      [0, '0%'],
      [0.5, '0%'],
      [1, '0%'],
      [0.5, undefined],
    ];
    statuses.forEach(([status, numFmt], i) => {
      const row = sheet.addRow([`4.${i + 1}`, '', status, 'QM-1', 'QM', '2026-09-30']);
      if (numFmt !== undefined) row.getCell(3).numFmt = numFmt;
    });
    const result = validateWorkbook(await readWorkbook(await bytesOf(workbook)), { asOf: AS_OF });
    expect(result.records.filter((r) => r.type === 'gap').map((r) => [r.id, r.data.status])).toEqual([
      ['4.1', 'Non-compliant'],
      ['4.2', 'Partially compliant'],
      ['4.3', 'Compliant'],
      ['4.4', 'Partially compliant'],
    ]);
    const notes = result.issues.filter((i) => i.code === 'cell.default-reading').map((i) => i.message);
    expect(notes).toEqual([
      expect.stringContaining('Gap Analysis!C4: Status: read 0 % as "Non-compliant" in 1 cell'),
      expect.stringContaining('Gap Analysis!C5: Status: read 50 % as "Partially compliant" in 1 cell'),
      expect.stringContaining('Gap Analysis!C6: Status: read 100 % as "Compliant" in 1 cell'),
      expect.stringContaining('Gap Analysis!C7: Status: read 0.5 as "Partially compliant" in 1 cell'),
    ]);
  });
});
