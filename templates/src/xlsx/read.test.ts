import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { CLAUSES } from '../catalogue/iso9001-2015.js';
import { templateVersions, validateWorkbook } from '../registry.js';
import { readWorkbook, TEMPLATE_FILES, XlsxReadError } from './index.js';

const XLSX_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'xlsx');
const AS_OF = '2026-06-30';

async function committed(file: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(join(XLSX_DIR, file)));
}

async function bytesOf(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The blank required fields of an empty QMS Profile: the only errors an untouched template may show. */
const PROFILE_REQUIRED_CELLS = [
  'QMS Profile!B6',
  'QMS Profile!B7',
  'QMS Profile!B8',
  'QMS Profile!B9',
  'QMS Profile!B10',
];

describe('readWorkbook on the generated templates', () => {
  for (const file of TEMPLATE_FILES) {
    it(`${file.file}: every sheet recognised by its marker, parsed without errors beyond blank required profile fields`, async () => {
      const input = await readWorkbook(await committed(file.file));
      const ids = file.modules.map((m) => m.spec.id);
      expect(input.templates).toEqual(
        Object.fromEntries(Object.entries(templateVersions()).filter(([id]) => ids.includes(id))),
      );
      expect(input.date1904).toBe(false);
      for (const sheet of input.sheets)
        expect(sheet.marker, sheet.name).toMatch(new RegExp(`^[a-z-]+@1:${sheet.name.replace(/[()]/g, '\\$&')}$`));

      const result = validateWorkbook(input, { asOf: AS_OF });
      expect(result.unrecognised).toEqual([]);
      expect(result.recognised.every((r) => r.by === 'marker')).toBe(true);
      const errors = result.issues.filter((i) => i.severity === 'error');
      const expected = ids.includes('qms-profile') ? PROFILE_REQUIRED_CELLS : [];
      expect(errors.map((e) => e.cell)).toEqual(expected);
      expect(errors.every((e) => e.code === 'cell.required')).toBe(true);
    });
  }

  it('gap-analysis.xlsx gives one Not assessed record per catalogue clause, and only warnings on its own cells', async () => {
    const result = validateWorkbook(await readWorkbook(await committed('gap-analysis.xlsx')), { asOf: AS_OF });
    expect(CLAUSES).toHaveLength(57);
    expect(result.records).toHaveLength(57);
    expect(result.records.map((r) => r.id)).toEqual(CLAUSES.map((c) => c.clause));
    expect(result.records.every((r) => (r.data as { status?: string }).status === 'Not assessed')).toBe(true);
    expect(result.records[0]?.source).toEqual({ sheet: 'Gap Analysis', row: 6 });
    for (const issue of result.issues) {
      expect(issue.severity).toBe('warning');
      expect(issue.cell).toMatch(/^Gap Analysis![A-J]\d+$/);
    }
  });

  it('an empty template table gives no records (blank rows are skipped, Score formulas without results are blank)', async () => {
    const result = validateWorkbook(await readWorkbook(await committed('supplier-evaluation.xlsx')), { asOf: AS_OF });
    expect(result.records.filter((r) => r.type === 'supplier')).toEqual([]);
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('a filled-in template reads back: dates typed into date columns arrive as dates, the table rows as records', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await committed('capa-log.xlsx')).buffer as ArrayBuffer);
    const sheet = workbook.getWorksheet('CAPA Log');
    if (!sheet) throw new Error('CAPA Log sheet missing from capa-log.xlsx');
    sheet.getRow(6).values = [
      'C-1',
      new Date(Date.UTC(2026, 0, 10)),
      'Internal audit',
      '8.5.1',
      'Minor',
      'Label wrong',
      undefined,
      undefined,
      undefined,
      undefined,
      'QM',
      new Date(Date.UTC(2026, 11, 31)),
      'Open',
    ];
    const result = validateWorkbook(await readWorkbook(await bytesOf(workbook)), { asOf: AS_OF });
    expect(result.issues).toEqual([]);
    expect(result.records).toMatchObject([
      {
        type: 'capa',
        id: 'C-1',
        source: { sheet: 'CAPA Log', row: 6 },
        data: { dateOpened: '2026-01-10', dueDate: '2026-12-31' },
      },
    ]);
  });
});

describe('readWorkbook on odd input', () => {
  it('bytes that are not an xlsx give a clear XlsxReadError', async () => {
    await expect(readWorkbook(new TextEncoder().encode('CAPA ID,Status\nC-1,Open\n'))).rejects.toThrow(
      /text file \(perhaps CSV\), not an \.xlsx.*save it .* as an Excel Workbook \(\.xlsx\)/,
    );
    await expect(readWorkbook(new Uint8Array())).rejects.toThrow(/The file is empty/);
    await expect(readWorkbook(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).rejects.toThrow(
      /old-style \.xls/,
    );
    const zip = new JSZip();
    zip.file('hello.txt', 'not a workbook');
    await expect(readWorkbook(await zip.generateAsync({ type: 'uint8array' }))).rejects.toBeInstanceOf(XlsxReadError);
    await expect(readWorkbook(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).rejects.toThrow(/damaged/);
  });

  it('merged cells, errors, rich text, hyperlinks and formulas come through as the values Excel shows', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Odd');
    sheet.getCell('A1').value = 'merged';
    sheet.mergeCells('A1:C1');
    sheet.getCell('A2').value = { error: '#N/A' };
    sheet.getCell('B2').value = { richText: [{ text: 'rich ' }, { text: 'text', font: { bold: true } }] };
    sheet.getCell('C2').value = { text: 'a link', hyperlink: 'https://example.org' };
    sheet.getCell('D2').value = { formula: '1+1', result: 2 };
    sheet.getCell('E2').value = 'x'.repeat(10_000);
    sheet.getCell('A5').value = 7;
    const input = await readWorkbook(await bytesOf(workbook));
    const values = input.sheets[0]?.values ?? [];
    expect(values[0]?.[0]).toBe('merged');
    expect(values[0]?.[1] ?? null).toBeNull();
    expect(values[1]?.[0]).toEqual({ error: '#N/A' });
    expect(values[1]?.[1]).toBe('rich text');
    expect(values[1]?.[2]).toBe('a link');
    expect(values[1]?.[3]).toBe(2);
    expect(values[1]?.[4]).toBe('x'.repeat(10_000));
    expect(values).toHaveLength(5);
    expect(values[2]).toEqual([]);
    expect(input.sheets[0]?.marker).toBeUndefined();
    expect(input.templates).toBeUndefined();
    expect(() => validateWorkbook(input, { asOf: AS_OF })).not.toThrow();
  });

  it('reports the 1904 date system of a workbook saved with it', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.properties.date1904 = true;
    workbook.addWorksheet('Sheet1').getCell('A1').value = 1;
    expect((await readWorkbook(await bytesOf(workbook))).date1904).toBe(true);
  });

  it('a damaged qms.templates property is ignored, not thrown', async () => {
    const zip = await JSZip.loadAsync(await committed('capa-log.xlsx'));
    const xml = (await zip.file('docProps/custom.xml')?.async('string')) ?? '';
    zip.file('docProps/custom.xml', xml.replace(/<vt:lpwstr>.*<\/vt:lpwstr>/, '<vt:lpwstr>{not json</vt:lpwstr>'));
    const input = await readWorkbook(await zip.generateAsync({ type: 'uint8array' }));
    expect(input.templates).toBeUndefined();
    expect(input.sheets[0]?.marker).toBe('capa-log@1:CAPA Log');
  });
});
