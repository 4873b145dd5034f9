import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPack, packParseModules, parseWorkbook, type Pack, type PackInput } from '@qms/templates';
import { buildPackFiles, readWorkbook } from '@qms/templates/xlsx';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from './main.js';
import type { CheckReport } from './shared/check-report.js';
import { EXAMPLE_PACKS_DIR, fillPackCapa, writeFilledFile } from '@qms/workbook-fixtures/filled';
import { sofficeConvert } from './shared/libreoffice.js';
import { memoryIo } from './shared/memory-io.js';

// The pack's files open in LibreOffice and come back through its save still readable with the pack: the extra
// column keeps its header and drop-down, and its values come back in the records' extra map. One soffice run.

const NOW = new Date(2026, 5, 30, 12, 0, 0);
const PACK = join(EXAMPLE_PACKS_DIR, 'acme-consulting.v1.json');
let dir: string;
let pack: Pack;
let files: string[];

const inDir = () => join(dir, 'in');
const outDir = () => join(dir, 'out');

async function load(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  const bytes = await readFile(path);
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return workbook;
}

/** The pack's CAPA file with two rows typed in (the second with a Risk rating off the list). */
function writeFilledCapa(path: string): Promise<void> {
  return writeFilledFile(join(inDir(), 'capa-log.xlsx'), path, fillPackCapa);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qms-pack-lo-'));
  await mkdir(inDir());
  const checked = checkPack(JSON.parse(await readFile(PACK, 'utf8')) as PackInput);
  if (!checked.ok) throw new Error('the example pack does not pass its check');
  pack = checked.pack;
  const built = await buildPackFiles(pack);
  for (const { file, bytes } of built) await writeFile(join(inDir(), file.file), bytes);
  await writeFilledCapa(join(inDir(), 'capa-filled.xlsx'));
  files = [...built.map((f) => f.file.file), 'capa-filled.xlsx'];
  await sofficeConvert({
    profileDir: join(dir, 'lo-profile'),
    target: 'xlsx:Calc MS Excel 2007 XML',
    outDir: outDir(),
    files: files.map((f) => join(inDir(), f)),
  });
}, 240_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function check(...argv: string[]) {
  const io = memoryIo(dir, NOW);
  const code = await main(['check', ...argv, '--json'], io);
  return { code, report: JSON.parse(io.out() || '{}') as CheckReport, err: io.err() };
}

describe('packs.libreoffice: a pack file round-trips through LibreOffice', () => {
  it('every pack file LibreOffice saved is still recognised with the pack, with no new errors', async () => {
    for (const file of files.filter(
      (f) => f !== 'capa-filled.xlsx' && f !== 'qms-profile.xlsx' && !f.startsWith('acme'),
    )) {
      const r = await check(join(outDir(), file), '--pack', PACK);
      expect(r.err, file).toBe('');
      expect(r.code, `${file}: ${JSON.stringify(r.report.issues)}`).toBe(0);
      expect(r.report.unrecognised, file).toEqual([]);
    }
    const all = await check(join(outDir(), 'acme-consulting-v1.xlsx'), '--pack', PACK);
    expect(all.report.sheets.map((s) => s.template)).toEqual(pack.templates);
    // LibreOffice keeps the document's custom properties, so qms check still says which pack the file is from.
    expect((all.report as CheckReport & { pack?: unknown }).pack).toEqual({
      id: 'acme-consulting',
      version: 1,
      checkedWith: { id: 'acme-consulting', version: 1 },
    });
  });

  it('the extra column keeps its header and drop-down, and its values come back in extra', async () => {
    const saved = join(outDir(), 'capa-filled.xlsx');
    const sheet = (await load(saved)).getWorksheet('CAPA Log');
    expect(sheet?.getCell('R5').value).toBe('Risk rating');
    expect(sheet?.getCell('R20').dataValidation.formulae?.[0]).toBe('"Low,Medium,High"');
    const input = await readWorkbook(new Uint8Array(await readFile(saved)));
    const result = parseWorkbook(input, packParseModules(pack), { asOf: '2026-06-30' });
    expect(result.records.map((r) => [r.id, r.data.extra])).toEqual([['C-1', { riskRating: 'High' }]]);
    expect(result.issues.filter((i) => i.severity === 'error').map((i) => [i.cell, i.code])).toEqual([
      ['CAPA Log!R7', 'cell.not-in-list'],
    ]);
  });

  it("the brand row and the pack's title survive the save; the logo is still in the file", async () => {
    const saved = join(outDir(), 'capa-log.xlsx');
    const sheet = (await load(saved)).getWorksheet('CAPA Log');
    expect(sheet?.getCell('A1').value).toBe('Acme Consulting');
    expect(sheet?.getCell('A2').value).toBe('Corrective and preventive actions');
    const zip = await JSZip.loadAsync(await readFile(saved));
    expect(Object.keys(zip.files).some((n) => /^xl\/media\/.+\.png$/.test(n))).toBe(true);
  });
});
