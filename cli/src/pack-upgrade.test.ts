import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serialiseSheetMapping, type SheetInput } from '@qms/templates';
import { buildPackFiles, readWorkbook, writeMarkers } from '@qms/templates/xlsx';
import { checkPack, type PackInput } from '@qms/templates';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from './main.js';
import type { CheckReport } from './shared/check-report.js';
import { EXAMPLE_PACKS_DIR } from '@qms/workbook-fixtures/filled';
import { sofficeConvert } from './shared/libreoffice.js';
import { memoryIo } from './shared/memory-io.js';

/** Files from other writers, each with the script that made it (cli/fixtures/). */
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

// `qms upgrade FILE --pack PACK.json`: a CAPA file of the example pack v1 with 60 rows typed in (each with a Risk
// rating), moved to v2 (a required "Root cause category", the CAPA title renamed), from Excel's save and from
// LibreOffice's. One soffice run.

const NOW = new Date(2026, 5, 30, 12, 0, 0);
const V1 = join(EXAMPLE_PACKS_DIR, 'acme-consulting.v1.json');
const V2 = join(EXAMPLE_PACKS_DIR, 'acme-consulting.v2.json');
const ROWS = 60;
let dir: string;

async function run(...argv: string[]) {
  const io = memoryIo(dir, NOW);
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}
async function check(file: string, pack: string) {
  const r = await run('check', file, '--pack', pack, '--json');
  return { ...r, report: JSON.parse(r.out || '{}') as CheckReport & { pack?: Record<string, unknown> } };
}
const errorsOf = (report: CheckReport) =>
  report.issues.filter((i) => i.severity === 'error').map((i) => `${i.address} ${i.code}`);

/** The built CAPA file with 60 rows typed in; ExcelJS drops the markers, so they are put back as Excel keeps them. */
async function fillCapa(built: Uint8Array, path: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(built.buffer.slice(built.byteOffset, built.byteOffset + built.byteLength) as ArrayBuffer);
  const sheet = workbook.getWorksheet('CAPA Log');
  if (!sheet) throw new Error('CAPA Log missing from the pack file');
  const header = sheet.getRow(5).values as unknown[];
  const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
  for (let i = 1; i <= ROWS; i++) {
    const values: Record<string, ExcelJS.CellValue> = {
      'CAPA ID': `C-${String(i).padStart(3, '0')}`,
      'Date opened': d('2026-01-10'),
      Source: 'Internal audit',
      Clause: '8.5.1',
      Severity: 'Minor',
      Description: `Label wrong on batch ${i}`,
      Owner: 'QM',
      'Due date': d('2026-12-31'),
      Status: 'Open',
      'Risk rating': ['Low', 'Medium', 'High'][i % 3] ?? 'Low',
    };
    for (const [name, value] of Object.entries(values)) sheet.getRow(5 + i).getCell(header.indexOf(name)).value = value;
  }
  const before = await readWorkbook(built);
  const capa = before.sheets.find((s) => s.name === 'CAPA Log');
  const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
  await writeMarkers(zip, {
    templates: before.templates ?? {},
    sheets: { 'CAPA Log': capa?.marker ?? '' },
    ...(before.pack ? { pack: before.pack } : {}),
    ...(capa?.mapping ? { mappings: { 'CAPA Log': serialiseSheetMapping(capa.mapping) } } : {}),
  });
  await writeFile(path, await zip.generateAsync({ type: 'uint8array' }));
}

const capaGrid = async (path: string): Promise<SheetInput> => {
  const sheet = (await readWorkbook(new Uint8Array(await readFile(path)))).sheets.find((s) => s.name === 'CAPA Log');
  if (!sheet) throw new Error(`no CAPA Log in ${path}`);
  return sheet;
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qms-pack-upgrade-'));
  const checked = checkPack(JSON.parse(await readFile(V1, 'utf8')) as PackInput);
  if (!checked.ok) throw new Error('the example pack v1 does not pass its check');
  const built = await buildPackFiles(checked.pack);
  const capa = built.find((f) => f.file.file === 'capa-log.xlsx');
  if (!capa) throw new Error('no capa-log.xlsx in the pack');
  await fillCapa(capa.bytes, join(dir, 'capa-v1.xlsx'));
  await sofficeConvert({
    profileDir: join(dir, 'lo-profile'),
    target: 'xlsx:Calc MS Excel 2007 XML',
    outDir: join(dir, 'lo'),
    files: [join(dir, 'capa-v1.xlsx')],
  });
}, 240_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('qms upgrade --pack', () => {
  it('pack-upgrade.cli: prints the changes and the rows kept; afterwards the 60 blanks of the new required column are the only errors', async () => {
    expect((await check('capa-v1.xlsx', V1)).code).toBe(0);
    // Checked with v2 before the upgrade: told so, and checked with the columns v1 and v2 share (no new errors).
    const early = await check('capa-v1.xlsx', V2);
    expect(early.code).toBe(0);
    expect(early.report.pack).toMatchObject({ id: 'acme-consulting', version: 1, checkedWith: { version: 2 } });
    expect(early.report.pack?.message).toBe(
      `This workbook is from pack acme-consulting v1; ${V2} is v2; run \`qms upgrade capa-v1.xlsx --pack ${V2} --out NEW.xlsx\` to move it to v2.\n` +
        `Checked with the product's templates and the extra columns v1 (${join(EXAMPLE_PACKS_DIR, 'acme-consulting.v1.json')}) and v2 share.`,
    );
    const text = await run('check', 'capa-v1.xlsx', '--pack', V2);
    expect(text.out).toContain('This workbook is from pack acme-consulting v1;');

    const up = await run('upgrade', 'capa-v1.xlsx', '--pack', V2, '--out', 'capa-v2.xlsx');
    expect(up.err).toBe('');
    expect(up.code).toBe(0);
    expect(up.out).toContain('Upgraded capa-v1.xlsx → capa-v2.xlsx: pack acme-consulting v1 → v2');
    expect(up.out).toContain('  - capa-log (CAPA Log): new required list column "Root cause category"\n');
    expect(up.out).toContain('  - CAPA Log: the title "Corrective and preventive actions" is now "CAPA register"\n');
    expect(up.out).toContain(`  CAPA Log: ${ROWS} rows kept; added "Root cause category"\n`);

    const after = await check('capa-v2.xlsx', V2);
    expect(after.report.pack).toEqual({
      id: 'acme-consulting',
      version: 2,
      checkedWith: { id: 'acme-consulting', version: 2 },
    });
    expect(after.code).toBe(1);
    expect(errorsOf(after.report)).toEqual(Array.from({ length: ROWS }, (_, i) => `S${6 + i} cell.required`));
    // The original is untouched, and still passes with v1.
    expect((await check('capa-v1.xlsx', V1)).code).toBe(0);

    // Every cell is where it was (the title aside) and the new header is right of Risk rating.
    const [a, b] = [await capaGrid(join(dir, 'capa-v1.xlsx')), await capaGrid(join(dir, 'capa-v2.xlsx'))];
    a.values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (r !== 1 || c !== 0) expect(b.values[r]?.[c], `row ${r + 1} column ${c + 1}`).toEqual(v);
      }),
    );
    expect(b.values[4]?.slice(17, 19)).toEqual(['Risk rating', 'Root cause category']);

    const again = await run('upgrade', 'capa-v2.xlsx', '--pack', V2, '--out', 'capa-v2b.xlsx');
    expect([again.code, again.out]).toEqual([0, 'capa-v2.xlsx is already on acme-consulting v2; nothing written.\n']);
  });

  it('pack-upgrade.refusals: no old version at hand, a wrong --from, --from alone, a workbook from no pack', async () => {
    const lone = join(dir, 'lone');
    await mkdir(lone, { recursive: true });
    await copyFile(V2, join(lone, 'acme-consulting.v2.json'));
    const missing = await run('upgrade', 'capa-v1.xlsx', '--pack', 'lone/acme-consulting.v2.json', '--out', 'x.xlsx');
    expect(missing.code).toBe(2);
    expect(missing.err).toBe(
      'qms upgrade: capa-v1.xlsx is from acme-consulting v1, and its columns are needed to upgrade it: no file of acme-consulting v1 was found beside lone/acme-consulting.v2.json; put it there or name it with --from acme-consulting.v1.json\n',
    );
    // qms check without v1 at hand: v2's extra columns that are on the sheets, so the new one is not yet an error.
    const checkedLone = await check('capa-v1.xlsx', 'lone/acme-consulting.v2.json');
    expect(checkedLone.code).toBe(0);
    expect(checkedLone.report.pack?.message).toContain(
      "Checked with the product's templates and the extra columns of v2 that are on its sheets (no file of v1 was found beside lone/acme-consulting.v2.json).",
    );
    const named = await run(
      'upgrade',
      'capa-v1.xlsx',
      '--pack',
      'lone/acme-consulting.v2.json',
      '--from',
      V1,
      '--out',
      'y.xlsx',
    );
    expect(named.code).toBe(0);
    const wrong = await run('upgrade', 'capa-v1.xlsx', '--pack', V2, '--from', V2, '--out', 'z.xlsx');
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('is acme-consulting v2, not the acme-consulting v1 the workbook holds');
    const alone = await run('upgrade', 'capa-v1.xlsx', '--from', V1, '--out', 'z.xlsx');
    expect(alone.code).toBe(2);
    expect(alone.err).toContain('--from names a pack version; it goes with --pack PACK.json');

    // Without its markers (saved by a tool that drops custom properties) the file cannot say its version: asked for.
    const zip = await JSZip.loadAsync(await readFile(join(dir, 'capa-v1.xlsx')));
    zip.remove('docProps/custom.xml');
    await writeFile(join(dir, 'unstamped.xlsx'), await zip.generateAsync({ type: 'uint8array' }));
    const none = await run('upgrade', 'unstamped.xlsx', '--pack', V2, '--out', 'z.xlsx');
    expect(none.code).toBe(2);
    expect(none.err).toContain(
      'has no qms.pack property, so which pack version it holds is unknown (a program that re-saved it, such as openpyxl, may have dropped it). If it was built from a pack, name that version with --from OLD.json',
    );
  });

  it('pack-upgrade.openpyxl: a v1 workbook openpyxl saved (no qms.pack, no sheet markers) upgrades once --from says its version', async () => {
    // cli/fixtures/make_openpyxl_pack.py: the example pack's v1 CAPA file, 60 actions typed in by openpyxl.
    await copyFile(join(FIXTURES, 'openpyxl-pack-capa.xlsx'), join(dir, 'openpyxl.xlsx'));
    const before = await readWorkbook(new Uint8Array(await readFile(join(dir, 'openpyxl.xlsx'))));
    expect(before.pack).toBeUndefined();
    expect((await check('openpyxl.xlsx', V1)).code).toBe(0);
    const refused = await run('upgrade', 'openpyxl.xlsx', '--pack', V2, '--out', 'opx-v2.xlsx');
    expect(refused.code).toBe(2);
    const up = await run('upgrade', 'openpyxl.xlsx', '--pack', V2, '--from', V1, '--out', 'opx-v2.xlsx');
    expect(up.err).toBe('');
    expect(up.code).toBe(0);
    expect(up.out).toContain(
      'openpyxl.xlsx has no qms.pack property; taken to be from acme-consulting v1, as --from says (the copy has it again)\n',
    );
    expect(up.out).toContain(`  CAPA Log: ${ROWS} rows kept; added "Root cause category"\n`);
    const after = await check('opx-v2.xlsx', V2);
    expect(after.report.pack).toMatchObject({ id: 'acme-consulting', version: 2 });
    expect(errorsOf(after.report)).toEqual(Array.from({ length: ROWS }, (_, i) => `S${6 + i} cell.required`));
  });

  it('pack-upgrade.libreoffice: a v1 workbook LibreOffice saved upgrades with every row kept', async () => {
    const saved = join('lo', 'capa-v1.xlsx');
    expect((await check(saved, V1)).code).toBe(0);
    const up = await run('upgrade', saved, '--pack', V2, '--out', 'lo-v2.xlsx');
    expect(up.err).toBe('');
    expect(up.code).toBe(0);
    expect(up.out).toContain(`  CAPA Log: ${ROWS} rows kept; added "Root cause category"\n`);
    const after = await check('lo-v2.xlsx', V2);
    expect(after.report.pack).toMatchObject({ id: 'acme-consulting', version: 2 });
    expect(errorsOf(after.report)).toEqual(Array.from({ length: ROWS }, (_, i) => `S${6 + i} cell.required`));
    const [a, b] = [await capaGrid(join(dir, saved)), await capaGrid(join(dir, 'lo-v2.xlsx'))];
    a.values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (r !== 1 || c !== 0) expect(b.values[r]?.[c], `row ${r + 1} column ${c + 1}`).toEqual(v);
      }),
    );
    expect(b.values[1]?.[0]).toBe('CAPA register');
  });
});
