import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateWorkbook } from '../index.js';
import { readWorkbook, XlsxReadError } from './index.js';

/**
 * The reader against files other programs wrote (templates/corpus/, made by the scripts beside them): openpyxl
 * (absolute part paths, a comment, a chart, a cross-sheet list validation, the 1904 date system, an error cell)
 * and LibreOffice, plus files it must refuse with one clear line and hostile files it must refuse within bounds.
 */
const corpus = join(dirname(fileURLToPath(import.meta.url)), '../../corpus');
const read = async (name: string) => readWorkbook(new Uint8Array(await readFile(join(corpus, name))));
const AS_OF = '2026-06-30';

describe('reading workbooks other programs wrote', () => {
  it.each([
    ['openpyxl-capa.xlsx', ['CAPA Log'], 3],
    ['openpyxl-comment-chart.xlsx', ['CAPA Log', 'Lists', 'Chart data'], 3],
    ['libreoffice-comment-chart.xlsx', ['CAPA Log', 'Lists', 'Chart data'], 3],
  ])('%s: sheets %j and %i CAPA records', async (file, sheets, capas) => {
    const input = await read(file);
    expect(input.sheets.map((s) => s.name)).toEqual(sheets);
    const result = validateWorkbook(input, { asOf: AS_OF });
    expect(result.recognised.map((r) => [r.sheet, r.templateId])).toEqual([['CAPA Log', 'capa-log']]);
    const records = result.records.filter((r) => r.type === 'capa');
    expect(records).toHaveLength(capas);
    expect(records[1]?.data).toMatchObject({ dateOpened: '2026-03-09', status: 'In progress' });
  });

  it('cells.formula-not-calculated: formulas openpyxl stored with no value are said once, naming the cells read', async () => {
    const result = validateWorkbook(await read('openpyxl-formulas.xlsx'), { asOf: AS_OF });
    const said = result.issues.filter((i) => i.code === 'cells.formula-not-calculated');
    // Due date (G) is read; Days open (I) is not a template column, and row 6 holds nothing but a formula.
    expect(said.map((i) => [i.severity, i.cell])).toEqual([['warning', 'CAPA Log!G2']]);
    expect(said[0]?.message).toContain('3 cells (G2, G3, G4) hold formulas with no calculated value');
    expect(said[0]?.message).toContain('open it in Excel or LibreOffice, save it');
    expect(result.records.map((r) => r.data.dueDate)).toEqual([undefined, undefined, undefined]);

    // LibreOffice's save of the same file (make_libreoffice.sh) holds the values: read, and nothing said.
    const saved = validateWorkbook(await read('libreoffice-formulas.xlsx'), { asOf: AS_OF });
    expect(saved.issues.filter((i) => i.code === 'cells.formula-not-calculated')).toEqual([]);
    expect(saved.records.filter((r) => r.type === 'capa').map((r) => r.data.dueDate)).toEqual([
      '2026-04-01',
      '2026-04-08',
      '2026-05-01',
    ]);
  });

  it('reads the 1904 date system and error cells openpyxl wrote', async () => {
    const input = await read('openpyxl-1904.xlsx');
    expect(input.date1904).toBe(true);
    expect(input.sheets[0]?.values[3]?.[5]).toEqual({ error: '#N/A' });
    const result = validateWorkbook(input, { asOf: AS_OF });
    const capas = result.records.filter((r) => r.type === 'capa');
    expect(capas[0]?.data).toMatchObject({ dateOpened: '2026-03-02' });
    expect(result.issues.some((i) => i.cell === 'CAPA Log!F4' && /#N\/A/.test(i.message))).toBe(true);
  });
});

describe('files the reader refuses with one line saying what to do', () => {
  it.each([
    ['refused-libreoffice.ods', /OpenDocument spreadsheet \(\.ods\).*Save As/],
    ['refused-libreoffice.xls', /old-style \.xls/],
    ['refused-truncated.xlsx', /damaged or incomplete/],
    ['refused-renamed-docx.xlsx', /Word document \(\.docx\) renamed/],
  ])('%s', async (file, message) => {
    const error = await read(file).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(XlsxReadError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('an encrypted (password-protected) package is named as such', async () => {
    // The OLE compound file Excel writes for an encrypted workbook carries these two stream names (MS-OFFCRYPTO).
    const name = (s: string) => [...s].flatMap((ch) => [ch.charCodeAt(0), 0]);
    const bytes = new Uint8Array([
      0xd0,
      0xcf,
      0x11,
      0xe0,
      0xa1,
      0xb1,
      0x1a,
      0xe1,
      ...new Array<number>(504).fill(0),
      ...name('EncryptionInfo'),
      ...name('EncryptedPackage'),
    ]);
    await expect(readWorkbook(bytes)).rejects.toThrow(/password-protected \(encrypted\)/);
  });
});

/** Reads one corpus file in a fresh Node process and returns its error message and peak resident memory (MiB). */
function readInChild(file: string): { error?: string; cells?: number; peakMiB: number } {
  const script = `
    import { readFile } from 'node:fs/promises';
    import { readWorkbook } from './src/xlsx/read.ts';
    let out = {};
    try {
      const input = await readWorkbook(new Uint8Array(await readFile(${JSON.stringify(join(corpus, file))})));
      out.cells = input.sheets.reduce((n, s) => n + s.values.reduce((m, r) => m + r.filter((v) => v != null).length, 0), 0);
    } catch (e) { out.error = e.message; }
    out.peakMiB = process.resourceUsage().maxRSS / 1024;
    console.log(JSON.stringify(out));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: join(corpus, '..'),
    encoding: 'utf8',
  });
  const last = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !last.startsWith('{')) throw new Error(`child failed: ${r.stderr}`);
  return JSON.parse(last) as { error?: string; cells?: number; peakMiB: number };
}

/** Peak memory a hostile file may cost the reader's process (Node itself takes about 60 MiB of it). */
const PEAK_MIB = 400;

describe('hostile files stay bounded', () => {
  it('a sheet part inflating to 1 GiB of blanks is stopped early, within the memory bound', () => {
    const r = readInChild('hostile-zip-bomb.xlsx');
    expect(r.error).toMatch(/part xl\/worksheets\/sheet1\.xml holds a run of text longer than/);
    expect(r.peakMiB).toBeLessThan(PEAK_MIB);
  });

  it('a 600 MiB shared-strings part is refused, within the memory bound', () => {
    const r = readInChild('hostile-huge-shared-strings.xlsx');
    expect(r.error).toMatch(/part xl\/sharedStrings\.xml holds a run of text longer than/);
    expect(r.peakMiB).toBeLessThan(PEAK_MIB);
  });

  it('a sheet claiming all 1,048,576 × 16,384 cells costs only the cells it holds', () => {
    const r = readInChild('hostile-whole-grid.xlsx');
    expect(r.error).toBeUndefined();
    expect(r.cells).toBe(2);
    expect(r.peakMiB).toBeLessThan(PEAK_MIB);
  });

  it('the filled-cell limit refuses a workbook with more cells than it allows', async () => {
    const bytes = new Uint8Array(await readFile(join(corpus, 'openpyxl-capa.xlsx')));
    const limits = { fileBytes: 1e9, partBytes: 1e9, totalBytes: 1e9, cells: 10, cellChars: 32_767 };
    await expect(readWorkbook(bytes, limits)).rejects.toThrow(/more than 10 filled cells/);
  });
});
