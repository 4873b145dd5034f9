import { copyFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CAPA_SHEET,
  capaLog,
  parseWorkbook,
  versionRegistry,
  type Migration,
  type TableSheetSpec,
  type TemplateModule,
  type WorkbookInput,
} from '@qms/templates';
import { CAPA_TO_V2, CAPA_V1_SHEET, CAPA_V2 } from '@qms/workbook-fixtures';
import { readWorkbook } from '@qms/templates/xlsx';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from './main.js';
import { memoryIo } from './shared/memory-io.js';

// The input: the committed demo workbook, whose sheets carry capa-log@1 (and the other templates' @1) markers.
const DEMO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'demo-manufacturer.xlsx');
const AS_OF = '2026-11-24';
const NOW = new Date(Date.UTC(2026, 10, 24, 12));
const CAPAS = 60;

// A made-up capa-log@2 (templates/src/testing): adds "Customer informed", which the upgrade fills with "No".
const v1Sheet = CAPA_V1_SHEET;
const capaV2 = CAPA_V2;
const toV2 = CAPA_TO_V2;

let dir: string;
let undo: () => void;
let original: WorkbookInput;

async function run(...argv: string[]) {
  const io = memoryIo(dir, NOW);
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

async function load(name: string): Promise<WorkbookInput> {
  return readWorkbook(new Uint8Array(await readFile(join(dir, name))));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qms-upgrade-'));
  await copyFile(DEMO, join(dir, 'v1.xlsx'));
  original = await load('v1.xlsx');
  undo = versionRegistry.register(capaV2, [toV2]);
});

afterAll(async () => {
  undo();
  await rm(dir, { recursive: true, force: true });
});

describe('qms upgrade (capa-log@1 → a made-up capa-log@2)', () => {
  it('upgrade.check-notice: check flags the outdated sheet, says what this qms ships and how to upgrade', async () => {
    expect(original.sheets.find((s) => s.name === CAPA_SHEET)?.marker).toBe('capa-log@1:CAPA Log');
    const text = await run('check', 'v1.xlsx', '--as-of', AS_OF);
    expect(text.code).toBe(0);
    expect(text.out).toContain(
      'Template versions:\n  CAPA Log uses capa-log@1; this qms ships capa-log@2: run `qms upgrade v1.xlsx --out NEW.xlsx`\n',
    );
    // Only the CAPA Log is outdated: the other templates are still at their shipped version.
    expect(text.out.match(/ uses [a-z-]+@\d/g)).toEqual([' uses capa-log@1']);
    const json = JSON.parse((await run('check', 'v1.xlsx', '--as-of', AS_OF, '--json')).out) as {
      versions: { sheet: string; version: number; current: number }[];
    };
    expect(json.versions).toMatchObject([
      { sheet: CAPA_SHEET, version: 1, current: 2, status: 'outdated', upgradable: true },
    ]);
  });

  it('upgrade.keeps-rows: upgrade writes a copy whose CAPA Log parses with v2 to the same 60 records plus the new default, no row lost', async () => {
    const before = await readFile(join(dir, 'v1.xlsx'));
    const r = await run('upgrade', 'v1.xlsx', '--out', 'v2.xlsx');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`CAPA Log: capa-log@1 → capa-log@2, ${CAPAS} rows kept; added "Customer informed"`);
    expect(r.out).not.toContain('does not carry over');
    // The input is untouched.
    expect(await readFile(join(dir, 'v1.xlsx'))).toEqual(before);

    const upgraded = await load('v2.xlsx');
    expect(upgraded.templates).toMatchObject({ 'capa-log': 2, 'qms-profile': 1, 'kpi-tracker': 1 });
    expect(Object.fromEntries(upgraded.sheets.map((s) => [s.name, s.marker]))).toEqual(
      Object.fromEntries(
        original.sheets.map((s) => [s.name, s.name === CAPA_SHEET ? 'capa-log@2:CAPA Log' : s.marker]),
      ),
    );

    // Every cell of every sheet is as it was, except the new column's header and fills.
    const v1Capa = original.sheets.find((s) => s.name === CAPA_SHEET)!;
    const v2Capa = upgraded.sheets.find((s) => s.name === CAPA_SHEET)!;
    for (const sheet of original.sheets) {
      const after = upgraded.sheets.find((s) => s.name === sheet.name)!;
      sheet.values.forEach((row, i) =>
        row.forEach((value, c) =>
          expect(after.values[i]?.[c], `${sheet.name} row ${i + 1} column ${c + 1}`).toEqual(value),
        ),
      );
    }
    const headerIndex = v1Capa.values.findIndex((row) => row[0] === 'CAPA ID');
    const newColumn = v1Sheet.columns.length;
    expect(v2Capa.values[headerIndex]?.[newColumn]).toBe('Customer informed');
    const dataRows = v2Capa.values
      .slice(headerIndex + 1)
      .filter((row) => row.some((v) => v !== null && v !== undefined));
    expect(dataRows).toHaveLength(CAPAS);
    for (const row of dataRows) expect(row[newColumn]).toBe('No');

    const v1 = parseWorkbook(original, [capaLog], { asOf: AS_OF });
    const v2 = parseWorkbook(upgraded, [capaV2], { asOf: AS_OF });
    expect(v2.recognised).toMatchObject([{ sheet: CAPA_SHEET, version: 2, by: 'marker' }]);
    expect(v2.records).toHaveLength(CAPAS);
    expect(v2.records.map((rec) => ({ ...rec.data, customerInformed: undefined }))).toEqual(
      v1.records.map((rec) => ({ ...rec.data, customerInformed: undefined })),
    );
    for (const rec of v2.records) expect(rec.data.customerInformed).toBe(false);
    expect(v2.issues.filter((i) => i.severity === 'error')).toEqual([]);

    // The upgraded copy is current: check no longer mentions versions and still finds no error.
    const check = await run('check', 'v2.xlsx', '--as-of', AS_OF);
    expect(check.code).toBe(0);
    expect(check.out).not.toContain('Template versions');
    expect(check.out).toContain(`CAPA Log (capa-log@2, recognised by marker): ${CAPAS} records, 0 errors`);
  });

  it('upgrade.table-and-dropdown: the new column joins the Excel table and gets the Yes/No drop-down', async () => {
    const workbook = new ExcelJS.Workbook();
    const bytes = await readFile(join(dir, 'v2.xlsx'));
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const sheet = workbook.getWorksheet(CAPA_SHEET)!;
    const tables = Object.values(
      (sheet as unknown as { tables: Record<string, { table: { tableRef: string; columns: { name: string }[] } }> })
        .tables,
    );
    expect(tables).toHaveLength(1);
    const column = sheet.getColumn(v1Sheet.columns.length + 1).letter;
    expect(tables[0]?.table.tableRef).toMatch(new RegExp(`^A5:${column}\\d+$`));
    expect(tables[0]?.table.columns.at(-1)?.name).toBe('Customer informed');
    expect(sheet.getCell(`${column}6`).dataValidation).toMatchObject({ type: 'list', formulae: ['"Yes,No"'] });
  });

  it('upgrade.refusals: refuses to overwrite the input, needs --out, and writes nothing when every sheet is current', async () => {
    const same = await run('upgrade', 'v1.xlsx', '--out', './v1.xlsx');
    expect(same.code).toBe(2);
    expect(same.err).toContain('--out must name a new file, not v1.xlsx itself');
    const noFolder = await run('upgrade', 'v1.xlsx', '--out', 'missing-folder/v2.xlsx');
    expect(noFolder.code).toBe(2);
    expect(noFolder.err).toContain('missing-folder/v2.xlsx cannot be written');
    const noOut = await run('upgrade', 'v1.xlsx');
    expect(noOut.code).toBe(2);
    expect(noOut.err).toContain('--out must name the new .xlsx file');
    const current = await run('upgrade', 'v2.xlsx', '--out', 'v3.xlsx');
    expect(current.code).toBe(0);
    expect(current.out).toContain('no template sheet needs an upgrade; nothing written');
    await expect(stat(join(dir, 'v3.xlsx'))).rejects.toThrow();
  });

  it('upgrade.rename-remove: a chain 1 → 2 → 3 renames a header (and its table column) and retires another, cells kept', async () => {
    const v2Columns = (capaV2.spec.sheets[0] as TableSheetSpec).columns;
    const capaV3: TemplateModule = {
      ...capaV2,
      spec: {
        ...capaV2.spec,
        version: 3,
        sheets: [
          {
            ...v1Sheet,
            columns: v2Columns
              .filter((c) => c.key !== 'rootCauseMethod')
              .map((c) => (c.key === 'owner' ? { ...c, header: 'Action owner', aliases: [] } : c)),
          },
        ],
      },
      rules: (reads, ctx) => ({ ...capaV2.rules(reads, ctx), version: 3 }),
    };
    const toV3: Migration = {
      templateId: 'capa-log',
      from: 2,
      to: 3,
      description: 'Owner becomes Action owner; Root cause method is no longer asked',
      sheets: [
        {
          sheet: CAPA_SHEET,
          changes: [
            { kind: 'rename', from: 'Owner', to: 'Action owner' },
            { kind: 'remove', header: 'Root cause method' },
          ],
        },
      ],
    };
    undo();
    undo = versionRegistry.register(capaV3, [toV2, toV3]);
    try {
      const r = await run('upgrade', 'v1.xlsx', '--out', 'v3.xlsx');
      expect(r.code).toBe(0);
      expect(r.out).toContain('capa-log@1 → capa-log@3');
      expect(r.out).toContain('Column "Root cause method" is no longer read since capa-log@3');
      const upgraded = await load('v3.xlsx');
      const sheet = upgraded.sheets.find((s) => s.name === CAPA_SHEET)!;
      expect(sheet.marker).toBe('capa-log@3:CAPA Log');
      const header = sheet.values.find((row) => row[0] === 'CAPA ID')!;
      expect(header[v1Sheet.columns.findIndex((c) => c.key === 'owner')]).toBe('Action owner');
      expect(header[v1Sheet.columns.findIndex((c) => c.key === 'rootCauseMethod')]).toBe(
        'Root cause method (not used since capa-log@3)',
      );
      const v3 = parseWorkbook(upgraded, [capaV3], { asOf: AS_OF });
      const v1 = parseWorkbook(original, [capaLog], { asOf: AS_OF });
      expect(v3.records).toHaveLength(CAPAS);
      expect(v3.records.map((rec) => rec.data.owner)).toEqual(v1.records.map((rec) => rec.data.owner));
      // The table's column names follow the header cells (Excel repairs a file where they differ).
      const workbook = new ExcelJS.Workbook();
      const bytes = await readFile(join(dir, 'v3.xlsx'));
      await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
      const table = Object.values(
        (
          workbook.getWorksheet(CAPA_SHEET) as unknown as {
            tables: Record<string, { table: { columns: { name: string }[] } }>;
          }
        ).tables,
      )[0];
      expect(table?.table.columns.map((c) => c.name)).toEqual(header.filter((h) => typeof h === 'string'));
    } finally {
      undo();
      undo = versionRegistry.register(capaV2, [toV2]);
    }
  });

  it('upgrade.untouched-parts: only the upgraded sheet, its table, its marker and the document property differ; every other part is byte-identical', async () => {
    const before = await JSZip.loadAsync(await readFile(join(dir, 'v1.xlsx')));
    const after = await JSZip.loadAsync(await readFile(join(dir, 'v2.xlsx')));
    const names = (zip: JSZip) => Object.keys(zip.files).filter((n) => !zip.files[n]?.dir);
    expect(names(after).sort()).toEqual(names(before).sort());
    const differ: string[] = [];
    for (const name of names(before)) {
      const a = await before.file(name)!.async('uint8array');
      const b = await after.file(name)!.async('uint8array');
      if (Buffer.compare(Buffer.from(a), Buffer.from(b)) !== 0) differ.push(name);
    }
    // The demo's CAPA Log: its sheet part, the table and the marker property part that part points to.
    const book = await before.file('xl/workbook.xml')!.async('string');
    const relId = /<sheet [^>]*name="CAPA Log"[^>]*r:id="(rId\d+)"/.exec(book)?.[1];
    const bookRels = await before.file('xl/_rels/workbook.xml.rels')!.async('string');
    const sheetFile = new RegExp(`Id="${relId}"[^>]*Target="worksheets/(sheet\\d+\\.xml)"`).exec(bookRels)?.[1];
    const capaRels = await before.file(`xl/worksheets/_rels/${sheetFile}.rels`)?.async('string');
    const table = /Target="\.\.\/tables\/(table\d+\.xml)"/.exec(capaRels ?? '')?.[1];
    const marker = /Target="\.\.\/(customProperty\d+\.bin)"/.exec(capaRels ?? '')?.[1];
    expect(differ.sort()).toEqual(
      ['docProps/custom.xml', `xl/${marker}`, `xl/tables/${table}`, `xl/worksheets/${sheetFile}`].sort(),
    );
  });

  it('upgrade.no-path: with no migration from version 1, check says to redo the sheet and upgrade exits 1 writing nothing', async () => {
    undo();
    undo = versionRegistry.register({ ...capaV2, spec: { ...capaV2.spec, version: 2 } }, []);
    try {
      const check = await run('check', 'v1.xlsx', '--as-of', AS_OF);
      expect(check.out).toContain(
        'CAPA Log uses capa-log@1; this qms ships capa-log@2 but has no upgrade from version 1',
      );
      const r = await run('upgrade', 'v1.xlsx', '--out', 'none.xlsx');
      expect(r.code).toBe(1);
      expect(r.out).toContain('cannot upgrade  CAPA Log: no upgrade leads from capa-log@1 to capa-log@2');
      await expect(stat(join(dir, 'none.xlsx'))).rejects.toThrow();
    } finally {
      undo();
      undo = versionRegistry.register(capaV2, [toV2]);
    }
  });
});
