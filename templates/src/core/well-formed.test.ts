import { describe, expect, it } from 'vitest';
import { validateWorkbook } from '../registry.js';
import { isWellFormedText, toCell } from './cells.js';

const CAPA = ['CAPA ID', 'Date opened', 'Source', 'Clause', 'Severity', 'Description', 'Status'];

describe('text.well-formed: text with a lone UTF-16 surrogate is refused by cell, never carried into a record', () => {
  it('tells lone surrogates from proper pairs', () => {
    expect(isWellFormedText('CAPA-1')).toBe(true);
    expect(isWellFormedText('Audit 😀 ok')).toBe(true);
    expect(isWellFormedText('X\ud800')).toBe(false);
    expect(isWellFormedText('\udc00X')).toBe(false);
    expect(isWellFormedText('\udc00\ud800')).toBe(false);
    expect(toCell('X\ud800')).toEqual({ kind: 'error', value: '#ILL-FORMED-TEXT' });
  });

  it('an id or a text cell holding one is an error naming the cell, and the row gives no record', () => {
    const result = validateWorkbook(
      {
        sheets: [
          {
            name: 'CAPA Log',
            values: [
              CAPA,
              ['X\ud800', 46023, 'Supplier', '8.4', 'Minor', 'Late delivery', 'Open'],
              ['C-2', 46023, 'Supplier', '8.4', 'Minor', 'Label \udc01 wrong', 'Open'],
              ['C-3', 46023, 'Supplier', '8.4', 'Minor', 'Fine 😀', 'Open'],
            ],
          },
        ],
      },
      { asOf: '2026-06-30' },
    );
    const broken = result.issues.filter((i) => i.code === 'cell.ill-formed-text');
    expect(broken.map((i) => i.cell)).toEqual(['CAPA Log!A2', 'CAPA Log!F3']);
    expect(broken[0]?.message).toContain('CAPA ID holds a broken character');
    expect(result.records.map((r) => r.id)).toEqual(['C-3']);
  });
});

describe('text.well-formed from a file: _xD800_ in a cell (how other writers store a lone surrogate)', () => {
  it('reads as the error naming the cell, not as a clean id', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const { readWorkbook } = await import('../xlsx/index.js');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('CAPA Log');
    ws.addRow(CAPA);
    ws.addRow(['X_xD800_', 46023, 'Supplier', '8.4', 'Minor', 'Late delivery', 'Open']);
    const input = await readWorkbook(new Uint8Array(await wb.xlsx.writeBuffer()));
    const result = validateWorkbook(input, { asOf: '2026-06-30' });
    expect(result.issues.filter((i) => i.code === 'cell.ill-formed-text').map((i) => i.cell)).toEqual(['CAPA Log!A2']);
    expect(result.records).toEqual([]);
  });
});
