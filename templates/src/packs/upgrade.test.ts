import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { serialiseSheetMapping } from '../core/mapping.js';
import type { SheetInput } from '../core/table.js';
import { parseWorkbook, type WorkbookInput } from '../core/workbook.js';
import { applyWrites } from '../versions/plan.js';
import { writeMarkers } from '../xlsx/markers.js';
import { buildPackFiles } from '../xlsx/pack-build.js';
import { readWorkbook } from '../xlsx/read.js';
import { upgradePackage } from '../xlsx/write/upgrade-package.js';
import { packParseModules } from './modules.js';
import { checkPack } from './rules.js';
import type { Pack, PackInput } from './schema.js';
import { sharedColumnsPack } from './shared-columns.js';
import { planPackUpgrade, upgradePackWorkbookInput } from './upgrade.js';

// A workbook built from the example pack v1, 60 CAPA rows typed in (each with a Risk rating), upgraded to v2,
// which adds a required "Root cause category" and retitles the CAPA sheet. Fixtures are filled with ExcelJS, as a
// user's Excel would type them; the upgrade itself writes through the package editor, never ExcelJS.

const EXAMPLES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'examples', 'packs');
const AS_OF = '2026-06-30';
const ROWS = 60;
const RISKS = ['Low', 'Medium', 'High'] as const;
const load = (file: string): PackInput => JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as PackInput;
function checked(input: PackInput): Pack {
  const result = checkPack(input);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.pack;
}
const parse = (input: WorkbookInput, pack: Pack) => parseWorkbook(input, packParseModules(pack), { asOf: AS_OF });
const errors = (input: WorkbookInput, pack: Pack) =>
  parse(input, pack)
    .issues.filter((i) => i.severity === 'error')
    .map((i) => `${i.cell} ${i.code}`);

async function fillCapa(bytes: Uint8Array): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const sheet = workbook.getWorksheet('CAPA Log');
  if (!sheet) throw new Error('no CAPA Log in the pack file');
  const header = sheet.getRow(5).values as unknown[];
  const col = (name: string) => {
    const at = header.indexOf(name);
    if (at < 1) throw new Error(`no "${name}" header on row 5`);
    return at;
  };
  const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
  for (let i = 1; i <= ROWS; i++) {
    const row = sheet.getRow(5 + i);
    const set = (name: string, value: ExcelJS.CellValue) => {
      row.getCell(col(name)).value = value;
    };
    set('CAPA ID', `C-${String(i).padStart(3, '0')}`);
    set('Date opened', d('2026-01-10'));
    set('Source', 'Internal audit');
    set('Clause', '8.5.1');
    set('Severity', 'Minor');
    set('Description', `Label wrong on batch ${i}`);
    set('Owner', 'QM');
    set('Due date', d('2026-12-31'));
    set('Status', 'Open');
    set('Risk rating', RISKS[i % 3] ?? 'Low');
  }
  // ExcelJS writes no custom properties: put back the markers the built file had, as Excel would have kept them.
  const built = await readWorkbook(bytes);
  const capa = built.sheets.find((s) => s.name === 'CAPA Log');
  const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
  await writeMarkers(zip, {
    templates: built.templates ?? {},
    sheets: { 'CAPA Log': capa?.marker ?? '' },
    ...(built.pack ? { pack: built.pack } : {}),
    ...(capa?.mapping ? { mappings: { 'CAPA Log': serialiseSheetMapping(capa.mapping) } } : {}),
  });
  return zip.generateAsync({ type: 'uint8array' });
}

let v1: Pack;
let v2: Pack;
let files: Map<string, Uint8Array>;
let filled: Uint8Array;
beforeAll(async () => {
  v1 = checked(load('acme-consulting.v1.json'));
  v2 = checked(load('acme-consulting.v2.json'));
  files = new Map((await buildPackFiles(v1)).map((f) => [f.file.file, f.bytes]));
  filled = await fillCapa(files.get('capa-log.xlsx') ?? new Uint8Array());
});

const capaOf = (input: WorkbookInput): SheetInput => {
  const sheet = input.sheets.find((s) => s.name === 'CAPA Log');
  if (!sheet) throw new Error('no CAPA Log');
  return sheet;
};

describe('pack upgrades', () => {
  it('packs.upgrade-keeps-rows: v1 → v2 keeps all 60 rows and typed values; the new required column is the only new error', async () => {
    const before = await readWorkbook(filled);
    expect(before.pack).toEqual({ id: 'acme-consulting', version: 1 });
    // A v1 workbook checked with v1 passes; checked with what v1 and v2 share, it passes too (nothing new required).
    expect(errors(before, v1)).toEqual([]);
    expect(errors(before, sharedColumnsPack(v1, v2))).toEqual([]);
    const old = parse(before, v1).records;
    expect(old).toHaveLength(ROWS);

    const plan = planPackUpgrade(before, v1, v2);
    expect(plan.problems).toEqual([]);
    expect(plan.pack).toEqual({ id: 'acme-consulting', version: 2 });
    // Everything v2 changes is applied in place: a column, a title, weights, a renamed criterion.
    expect(plan.notInPlace).toEqual([]);
    expect(plan.sheets).toMatchObject([
      {
        sheet: 'CAPA Log',
        from: 1,
        to: 2,
        headerRow: 5,
        dataRows: ROWS,
        marker: 'capa-log@1:CAPA Log',
        added: [{ header: 'Root cause category' }],
      },
    ]);
    expect(plan.sheets[0]?.writes).toContainEqual({ row: 2, column: 1, value: 'CAPA register' });

    const edited = await upgradePackage(filled, plan, before);
    const after = await readWorkbook(edited.bytes);
    // The new column joins the Excel table and gets the pack's drop-down.
    const zip = await JSZip.loadAsync(edited.bytes);
    const parts = await Promise.all(
      Object.keys(zip.files)
        .filter((n) => /^xl\/(worksheets|tables)\/[^/]+\.xml$/.test(n))
        .map(async (n) => (await zip.file(n)?.async('string')) ?? ''),
    );
    expect(parts.some((x) => x.includes('tableColumn') && x.includes('name="Root cause category"'))).toBe(true);
    expect(
      parts.some((x) =>
        /<formula1>(&quot;|")People,Process,Equipment,Materials,Supplier(&quot;|")<\/formula1>/.test(x),
      ),
    ).toBe(true);
    expect(after.pack).toEqual({ id: 'acme-consulting', version: 2 });
    expect(after.templates).toEqual(before.templates);
    const [a, b] = [capaOf(before), capaOf(after)];
    expect(b.marker).toBe('capa-log@1:CAPA Log');
    // Every cell the user had is where it was; only the title changed and one header was added after Risk rating.
    const header = b.values[4] ?? [];
    const riskAt = header.indexOf('Risk rating');
    expect(header[riskAt + 1]).toBe('Root cause category');
    a.values.forEach((row, r) =>
      row.forEach((value, c) => {
        if (r === 1 && c === 0) expect(b.values[r]?.[c]).toBe('CAPA register');
        else expect(b.values[r]?.[c], `row ${r + 1} column ${c + 1}`).toEqual(value);
      }),
    );

    // With v2, the only errors are the 60 blank cells of the new required column.
    const letter = String.fromCharCode(65 + riskAt + 1);
    const expected = Array.from({ length: ROWS }, (_, i) => `CAPA Log!${letter}${6 + i} cell.required`);
    expect(errors(after, v2)).toEqual(expected);

    // Once filled, v2 reads the same 60 records, each with its Risk rating and the new value.
    const values = applyWrites(
      b,
      Array.from({ length: ROWS }, (_, i) => ({ row: 6 + i, column: riskAt + 2, value: 'Process' })),
    );
    const done: WorkbookInput = { ...after, sheets: after.sheets.map((s) => (s === b ? { ...s, values } : s)) };
    expect(errors(done, v2)).toEqual([]);
    const now = parse(done, v2).records;
    expect(now.map((r) => r.id)).toEqual(old.map((r) => r.id));
    now.forEach((record, i) => {
      const was = old[i]?.data ?? {};
      const extra = was.extra as Record<string, unknown>;
      expect(extra.riskRating).toBe(RISKS[(i + 1) % 3]);
      expect(record.data).toEqual({ ...was, extra: { ...extra, rootCauseCategory: 'Process' } });
    });

    // The upgraded copy says v2, so upgrading it from v1 again is refused.
    expect(planPackUpgrade(after, v1, v2).problems).toEqual([
      'the workbook is from acme-consulting v2, not acme-consulting v1; upgrade from the version it holds',
    ]);
  });

  it('packs.upgrade-every-sheet: the pack workbook with every template: each pack sheet is planned, supplier weights and the renamed criterion change in place', async () => {
    const bytes = files.get('acme-consulting-v1.xlsx') ?? new Uint8Array();
    const before = await readWorkbook(bytes);
    const plan = planPackUpgrade(before, v1, v2);
    expect(plan.problems).toEqual([]);
    expect(plan.sheets.map((s) => s.sheet)).toEqual(before.sheets.map((s) => s.name).filter((n) => n !== 'Lists'));
    const after = await readWorkbook((await upgradePackage(bytes, plan, before)).bytes);
    const supplier = after.sheets.find((s) => s.name === 'Supplier Evaluation');
    const weight = (name: string) => supplier?.values.find((r) => r[0] === name)?.[1];
    // v2 renames Responsiveness: its block row (and its score column's header) now says Communication.
    expect([weight('Quality'), weight('Delivery'), weight('Communication'), weight('Cost')]).toEqual([45, 30, 10, 15]);
    expect(weight('Responsiveness')).toBeUndefined();
    const header = supplier?.values.find((r) => r[0] === 'Supplier ID') ?? [];
    expect(header).toContain('Communication');
    expect(header).not.toContain('Responsiveness');
    expect(errors(after, v2)).toEqual(errors(before, v1));
  });

  it('packs.upgrade-rename-retire: a renamed extra column keeps its cells; a dropped one keeps them under a retired header', async () => {
    const base = load('acme-consulting.v1.json');
    const risk = { key: 'riskRating', header: 'Risk rating', type: 'list' as const, list: ['Low', 'Medium', 'High'] };
    const from = checked({
      ...base,
      columns: { 'capa-log': [risk, { key: 'site', header: 'Site visited', type: 'text' }] },
    });
    const to = checked({ ...base, version: 3, columns: { 'capa-log': [{ ...risk, header: 'Risk level' }] } });
    const before = await readWorkbook(filled);
    const sheet = capaOf(before);
    const header = sheet.values[4] ?? [];
    const riskAt = header.indexOf('Risk rating');
    // As if built from `from`: the site column right of Risk rating, with a value on the first row.
    const values = applyWrites(sheet, [
      { row: 5, column: riskAt + 2, value: 'Site visited' },
      { row: 6, column: riskAt + 2, value: 'Leeds' },
    ]);
    const input: WorkbookInput = { ...before, sheets: before.sheets.map((s) => (s === sheet ? { ...s, values } : s)) };
    const { input: after, plan } = upgradePackWorkbookInput(input, from, to);
    expect(plan.problems).toEqual([]);
    expect(plan.notInPlace).toEqual([]);
    const grid = capaOf(after).values;
    expect(grid[4]?.[riskAt]).toBe('Risk level');
    expect(grid[4]?.[riskAt + 1]).toBe('Site visited (not used since acme-consulting v3)');
    expect(grid[5]?.[riskAt + 1]).toBe('Leeds');
    expect(plan.sheets[0]?.notes).toEqual([
      'Column "Site visited" is no longer read since acme-consulting v3; its cells are kept under a new header, delete the column when you no longer need them',
    ]);
    expect(after.pack).toEqual({ id: 'acme-consulting', version: 3 });
    const records = parse(after, to).records;
    expect(records).toHaveLength(ROWS);
    expect(records.map((r) => r.data.extra)).toEqual(
      parse(input, from).records.map((r) => ({ riskRating: (r.data.extra as Record<string, unknown>).riskRating })),
    );
  });

  it('packs.upgrade-refusals: other packs, older versions and workbooks without qms.pack are refused; a title the user changed is left', async () => {
    const before = await readWorkbook(filled);
    const other = checked({ ...load('acme-consulting.v2.json'), id: 'other-pack' });
    expect(planPackUpgrade(before, v1, other).problems[0]).toBe(
      'the packs are acme-consulting and other-pack; an upgrade stays within one pack',
    );
    expect(planPackUpgrade(before, v2, v1).problems[0]).toBe(
      'acme-consulting v1 is not later than v2; nothing to upgrade to',
    );
    const { pack: _pack, ...unstamped } = before;
    expect(planPackUpgrade(unstamped, v1, v2)).toMatchObject({
      sheets: [],
      problems: [expect.stringContaining('has no qms.pack property')],
    });
    const sheet = capaOf(before);
    const retitled = applyWrites(sheet, [{ row: 2, column: 1, value: 'Our CAPAs' }]);
    const plan = planPackUpgrade(
      { ...before, sheets: before.sheets.map((s) => (s === sheet ? { ...s, values: retitled } : s)) },
      v1,
      v2,
    );
    expect(plan.sheets[0]?.writes.some((w) => w.row === 2)).toBe(false);
    // Colours and new value words are not applied to an existing workbook, and the plan says so.
    const restyled = checked({
      ...load('acme-consulting.v2.json'),
      brand: { name: 'Acme Consulting', colours: { primary: '#000000' } },
      vocabularies: {},
    });
    expect(planPackUpgrade(before, v1, restyled).notInPlace).toEqual([
      "Colours and logo: the sheets keep theirs; the new version's files have the new ones",
      "Value words: the sheets keep the words they were built with (their qms.mapping); the new version's files have the new ones",
    ]);
    expect(plan.sheets[0]?.notes).toContain(
      'The title in A2 reads "Our CAPAs", not the pack\'s "Corrective and preventive actions"; left as it is (type "CAPA register" there if you want the pack\'s)',
    );
  });
});
