import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPack, serialiseSheetMapping, type PackInput } from '@qms/templates';
import { buildPackFiles, readWorkbook, writeMarkers } from '@qms/templates/xlsx';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from './main.js';
import type { CheckReport } from './shared/check-report.js';
import { CSV_ALL_SHEETS, csvFields, sofficeConvert } from './shared/libreoffice.js';
import { memoryIo } from './shared/memory-io.js';
import { EXAMPLE_PACKS_DIR } from '@qms/workbook-fixtures/filled';

// A pack's own supplier criteria in LibreOffice (examples/packs/supplier-criteria.*.json): v1 weighs the product's four 50/30/10/10; v2 renames
// Responsiveness to Communication and adds Sustainability. The v1 file, two suppliers marked, is moved to v2 by
// `qms upgrade --pack`, Sustainability is marked, and LibreOffice computes the rewritten Score formulas on open; a
// fresh v2 file, marked the same, computes the same. Both come back through LibreOffice's save still clean. One
// soffice run per target format.

const NOW = new Date(2026, 5, 30, 12, 0, 0);
const SHEET = 'Supplier Evaluation';
const V1 = join(EXAMPLE_PACKS_DIR, 'supplier-criteria.v1.json');
const V2 = join(EXAMPLE_PACKS_DIR, 'supplier-criteria.v2.json');
/** Marks by criterion (v1's names; Communication is Responsiveness renamed). */
const SUPPLIERS = [
  { id: 'S-1', marks: { Quality: 5, Delivery: 4, Responsiveness: 3, Cost: 2 }, sustainability: 5 },
  { id: 'S-2', marks: { Quality: 3, Delivery: 3, Responsiveness: 3, Cost: 3 }, sustainability: 1 },
];
// (5×40 + 4×30 + 3×10 + 2×10 + 5×10) / 100 and (3×40 + 3×30 + 3×10 + 3×10 + 1×10) / 100, as v2 weighs them.
const V2_SCORES = ['4.2', '2.8'];

let dir: string;
const at = (f: string) => join(dir, f);

async function run(...argv: string[]) {
  const io = memoryIo(dir, NOW);
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}
async function check(file: string, packFile: string) {
  const r = await run('check', file, '--pack', packFile, '--json');
  return { ...r, report: JSON.parse(r.out || '{}') as CheckReport };
}

/**
 * Types into the Supplier Evaluation sheet of a file we built or upgraded (by header, as a user would), then puts
 * back the markers ExcelJS drops, as Excel keeps them.
 */
async function type(from: string, to: string, rows: readonly Record<string, ExcelJS.CellValue>[]): Promise<void> {
  const bytes = await readFile(from);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const sheet = workbook.getWorksheet(SHEET);
  if (!sheet) throw new Error(`no ${SHEET} in ${from}`);
  let headerRow = 0;
  sheet.eachRow((row, n) => {
    if (headerRow === 0 && row.getCell(1).value === 'Supplier ID') headerRow = n;
  });
  const header = sheet.getRow(headerRow).values as unknown[];
  rows.forEach((values, i) => {
    for (const [name, value] of Object.entries(values)) {
      const column = header.indexOf(name);
      if (column < 1) throw new Error(`no "${name}" header in ${from}`);
      sheet.getRow(headerRow + 1 + i).getCell(column).value = value;
    }
  });
  const before = await readWorkbook(new Uint8Array(bytes));
  const own = before.sheets.find((s) => s.name === SHEET);
  const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
  await writeMarkers(zip, {
    templates: before.templates ?? {},
    sheets: { [SHEET]: own?.marker ?? '' },
    ...(before.pack ? { pack: before.pack } : {}),
    ...(own?.mapping ? { mappings: { [SHEET]: serialiseSheetMapping(own.mapping) } } : {}),
  });
  await writeFile(to, await zip.generateAsync({ type: 'uint8array' }));
}

const supplierRows = (v2: boolean) =>
  SUPPLIERS.map((s) => ({
    'Supplier ID': s.id,
    Supplier: `Supplier ${s.id}`,
    Criticality: 'Major',
    Status: 'Approved',
    Quality: s.marks.Quality,
    Delivery: s.marks.Delivery,
    [v2 ? 'Communication' : 'Responsiveness']: s.marks.Responsiveness,
    Cost: s.marks.Cost,
    ...(v2 ? { Sustainability: s.sustainability } : {}),
  }));

/** The Score LibreOffice computed for each supplier, from its CSV export of the sheet. */
async function scores(csvFile: string): Promise<string[]> {
  const rows = (await readFile(join(dir, 'csv', csvFile), 'utf8')).split(/\r?\n/).map(csvFields);
  const header = rows.findIndex((r) => r[0] === 'Supplier ID');
  const score = rows[header]?.indexOf('Score') ?? -1;
  return SUPPLIERS.map((s) => rows.find((r, i) => i > header && r[0] === s.id)?.[score] ?? '(no row)');
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qms-pack-criteria-lo-'));
  for (const [name, packFile] of [
    ['v1', V1],
    ['v2', V2],
  ] as const) {
    const checked = checkPack(JSON.parse(await readFile(packFile, 'utf8')) as PackInput);
    if (!checked.ok) throw new Error(`${name} does not pass its check: ${JSON.stringify(checked.issues)}`);
    const file = (await buildPackFiles(checked.pack)).find((f) => f.file.file === 'supplier-evaluation.xlsx');
    if (!file) throw new Error('no supplier-evaluation.xlsx');
    await writeFile(at(`built-${name}.xlsx`), file.bytes);
  }
  await type(at('built-v1.xlsx'), at('filled-v1.xlsx'), supplierRows(false));
  const up = await run('upgrade', 'filled-v1.xlsx', '--pack', V2, '--from', V1, '--out', 'up-v2.xlsx');
  if (up.code !== 0) throw new Error(`qms upgrade failed: ${up.err}${up.out}`);
  await writeFile(at('upgrade-output.txt'), up.out);
  await type(
    at('up-v2.xlsx'),
    at('upgraded.xlsx'),
    SUPPLIERS.map((s) => ({ 'Supplier ID': s.id, Sustainability: s.sustainability })),
  );
  await type(at('built-v2.xlsx'), at('fresh.xlsx'), supplierRows(true));
  await mkdir(at('csv'));
  const files = [at('upgraded.xlsx'), at('fresh.xlsx'), at('filled-v1.xlsx')];
  await sofficeConvert({ profileDir: at('lo-profile'), target: CSV_ALL_SHEETS, outDir: at('csv'), files });
  await sofficeConvert({
    profileDir: at('lo-profile'),
    target: 'xlsx:Calc MS Excel 2007 XML',
    outDir: at('lo'),
    files,
  });
}, 240_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('packs.criteria-libreoffice: renamed and added criteria, computed by LibreOffice', () => {
  it('qms upgrade says what changes about the criteria', async () => {
    const out = await readFile(at('upgrade-output.txt'), 'utf8');
    expect(out).toContain('  - Supplier criteria: "Responsiveness" is now called "Communication"\n');
    expect(out).toContain(
      '  - Supplier criteria: new criterion "Sustainability" weighing 10%, with a score column of its own\n',
    );
    expect(out).toContain(`  ${SHEET}: ${SUPPLIERS.length} rows kept; added "Sustainability"`);
  });

  it('LibreOffice computes the Score of v1’s file, of the upgraded file (rewritten formulas) and of a fresh v2 file', async () => {
    // v1: (5×50 + 4×30 + 3×10 + 2×10) / 100 = 4.2 and 3.
    expect(await scores(`filled-v1-${SHEET}.csv`)).toEqual(['4.2', '3']);
    expect(await scores(`upgraded-${SHEET}.csv`)).toEqual(V2_SCORES);
    expect(await scores(`fresh-${SHEET}.csv`)).toEqual(V2_SCORES);
  });

  it('both v2 files pass qms check with v2 before and after LibreOffice’s save, and v1’s with v1', async () => {
    for (const file of ['upgraded.xlsx', 'fresh.xlsx', join('lo', 'upgraded.xlsx'), join('lo', 'fresh.xlsx')]) {
      const r = await check(file, V2);
      expect(r.err, file).toBe('');
      expect(r.code, `${file}: ${JSON.stringify(r.report.issues)}`).toBe(0);
      expect(r.report.unrecognised, file).toEqual([]);
    }
    expect((await check(join('lo', 'filled-v1.xlsx'), V1)).code).toBe(0);
  });
});
