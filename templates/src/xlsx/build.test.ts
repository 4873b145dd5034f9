import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLAUSES } from '../catalogue/iso9001-2015.js';
import type { ColumnSpec, TableSheetSpec } from '../core/spec.js';
import type { TemplateModule } from '../core/template.js';
import { capaLog } from '../capa-log/index.js';
import { STARTER_MODULES } from '../registry.js';
import { SUPPLIER_SHEET } from '../supplier-evaluation/spec.js';
import { dataValidationsOf } from './exceljs-extras.js';
import { buildTemplateFiles, buildTemplateWorkbook, LISTS_SHEET, TEMPLATE_FILES } from './index.js';

const XLSX_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'xlsx');

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return workbook;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

let fresh: Awaited<ReturnType<typeof buildTemplateFiles>>;
beforeAll(async () => {
  fresh = await buildTemplateFiles();
});

describe('template files: determinism and staleness', () => {
  it('the same specs build byte-identical files', async () => {
    const again = await buildTemplateWorkbook([capaLog]);
    const first = fresh.find((f) => f.file.file === 'capa-log.xlsx');
    expect(first).toBeDefined();
    expect(sameBytes(again, first?.bytes ?? new Uint8Array())).toBe(true);
  });

  it('zip entries carry a fixed timestamp and a fixed order ([Content_Types].xml first)', async () => {
    const zip = await JSZip.loadAsync(fresh[0]?.bytes ?? new Uint8Array());
    const names = Object.keys(zip.files);
    expect(names[0]).toBe('[Content_Types].xml');
    expect([...names.slice(1)].sort()).toEqual(names.slice(1));
    const dates = new Set(Object.values(zip.files).map((f) => f.date.toISOString()));
    expect(dates).toEqual(new Set(['2026-01-01T00:00:00.000Z']));
  });

  it('a brand changes the bytes (and only the brand rows say so)', async () => {
    const branded = await buildTemplateWorkbook([capaLog], { brand: 'Acme Consulting' });
    const sheet = (await load(branded)).getWorksheet('CAPA Log');
    expect(sheet?.getCell('A1').value).toBe('Acme Consulting');
    expect(sheet?.getCell('A2').value).toBe('CAPA Log');
  });

  for (const file of TEMPLATE_FILES) {
    it(`templates/xlsx/${file.file} matches a fresh build`, async () => {
      const committed = await readFile(join(XLSX_DIR, file.file)).catch(() => undefined);
      const built = fresh.find((f) => f.file.file === file.file)?.bytes;
      expect(built).toBeDefined();
      const upToDate = committed !== undefined && built !== undefined && sameBytes(new Uint8Array(committed), built);
      expect(
        upToDate,
        `templates/xlsx/${file.file} is missing or stale: run \`npm run build:xlsx -w templates\` and commit the result`,
      ).toBe(true);
    });
  }
});

describe('template layout', () => {
  let starter: ExcelJS.Workbook;
  beforeAll(async () => {
    starter = await load(fresh.find((f) => f.file.file === 'qms-starter.xlsx')?.bytes ?? new Uint8Array());
  });

  it('the starter holds every template sheet in registry order (criteria live on the supplier sheet)', () => {
    expect(starter.worksheets.map((s) => s.name)).toEqual([
      'QMS Profile',
      'Gap Analysis',
      'KPI Definitions',
      'KPI Measurements',
      'Supplier Evaluation',
      'CAPA Log',
      'Audit Programme',
      'Management Review',
      'CB Comparison',
      'Document Register',
      'Training Matrix',
    ]);
  });

  it('every table sheet has brand, title and how-to rows, a frozen header and an Excel table over it', () => {
    for (const module of STARTER_MODULES) {
      for (const spec of module.spec.sheets) {
        const sheet = starter.getWorksheet(spec.name);
        if (spec.kind !== 'table' || !sheet) continue;
        const headerRow = spec.name === SUPPLIER_SHEET ? 11 : 5;
        expect(sheet.getCell('A1').value).toBe('QMS Readiness for Excel');
        expect(sheet.getCell('A3').text.length).toBeGreaterThan(20);
        expect(sheet.getRow(headerRow).values).toEqual([undefined, ...spec.columns.map((c) => c.header)]);
        expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: headerRow });
        const tables = (sheet as unknown as { tables: Record<string, { table: { tableRef: string } }> }).tables;
        const refs = Object.values(tables).map((t) => t.table.tableRef);
        expect(refs[0]).toMatch(new RegExp(`^A${headerRow}:`));
        spec.columns.forEach((column, i) => {
          if (column.width !== undefined && !(spec.name === SUPPLIER_SHEET && i < 2)) {
            expect(Math.floor(sheet.getColumn(i + 1).width ?? 0), `${spec.name} ${column.header} width`).toBe(
              column.width,
            );
          }
        });
      }
    }
  });

  it('list columns carry a drop-down with exactly the spec list; bounded numbers a whole/decimal rule; dates a date format', () => {
    const checked: string[] = [];
    for (const module of STARTER_MODULES) {
      for (const spec of module.spec.sheets) {
        const sheet = starter.getWorksheet(spec.name);
        if (spec.kind !== 'table' || !sheet) continue;
        const firstDataRow = spec.name === SUPPLIER_SHEET ? 12 : 6;
        const model = dataValidationsOf(sheet).model;
        spec.columns.forEach((column: ColumnSpec, i) => {
          const address = `${sheet.getColumn(i + 1).letter}${firstDataRow}`;
          const dv = model[address];
          if (column.type === 'list') {
            expect(dv, `${spec.name}!${address}`).toMatchObject({
              type: 'list',
              formulae: [`"${(column.list ?? []).join(',')}"`],
            });
            checked.push(`${spec.name}:${column.key}`);
          } else if (column.type === 'yesno') {
            // A Yes/No column offers the two canonical answers (the reader also takes TRUE/FALSE, ✓ and the like).
            expect(dv, `${spec.name}!${address}`).toMatchObject({ type: 'list', formulae: ['"Yes,No"'] });
          } else if (
            (column.type === 'integer' || column.type === 'number') &&
            (column.min !== undefined || column.max !== undefined)
          ) {
            expect(dv?.type, `${spec.name}!${address}`).toBe(column.type === 'integer' ? 'whole' : 'decimal');
          } else {
            expect(dv, `${spec.name}!${address}`).toBeUndefined();
          }
          if (column.type === 'date') expect(sheet.getCell(address).numFmt).toBe('yyyy-mm-dd');
        });
      }
    }
    const listColumns = STARTER_MODULES.flatMap((m) =>
      m.spec.sheets.flatMap((s) => (s.kind === 'table' && s.name !== 'Evaluation Criteria' ? s.columns : [])),
    );
    expect(checked).toContain('CAPA Log:status');
    expect(checked).toHaveLength(listColumns.filter((c) => c.type === 'list').length);
  });

  it('the QMS Profile is Field | Value rows with defaults and per-field rules', () => {
    const sheet = starter.getWorksheet('QMS Profile');
    expect(sheet?.getRow(5).values).toEqual([undefined, 'Field', 'Value', 'Guidance']);
    expect(sheet?.getCell('A6').value).toBe('Organization name');
    const risk = sheet?.getCell('B10');
    expect(sheet?.getCell('A10').value).toBe('Risk category');
    expect(risk?.dataValidation).toMatchObject({ type: 'list', formulae: ['"High,Medium,Low"'] });
    const currencyRow = [...Array(30).keys()].find((r) => sheet?.getCell(r + 1, 1).value === 'Currency') ?? -1;
    expect(sheet?.getCell(currencyRow + 1, 2).value).toBe('EUR');
  });

  it('the Gap Analysis ships every catalogue clause (number and title), as text', () => {
    const sheet = starter.getWorksheet('Gap Analysis');
    const clauses = CLAUSES.map((_, i) => [sheet?.getCell(6 + i, 1).value, sheet?.getCell(6 + i, 2).value]);
    expect(clauses).toEqual(CLAUSES.map((c) => [c.clause, c.title]));
    expect(sheet?.getCell(6 + CLAUSES.length, 1).value ?? null).toBeNull();
    expect(sheet?.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 5 });
  });

  it('the Supplier Evaluation has the criteria block above the table and a Score formula per row', () => {
    const sheet = starter.getWorksheet(SUPPLIER_SHEET);
    const block = [5, 6, 7, 8, 9].map((r) => [sheet?.getCell(r, 1).value, sheet?.getCell(r, 2).value]);
    expect(block).toEqual([
      ['Criterion', 'Weight (%)'],
      ['Quality', 40],
      ['Delivery', 30],
      ['Responsiveness', 15],
      ['Cost', 15],
    ]);
    const score = sheet?.getCell('M12').value as { formula?: string } | undefined;
    // Each weight is found by the score column's header cell (E11 says Quality), so a renamed criterion keeps its weight.
    expect(score?.formula).toContain('E12*SUMIF($A$6:$A$9,E$11,$B$6:$B$9)');
    expect(score?.formula).toContain('/SUM($B$6:$B$9)');
    expect((sheet?.getCell('M61').value as { formula?: string } | undefined)?.formula).toContain('H61*SUMIF');
  });

  it('a list longer than 255 characters goes to a hidden Lists sheet referenced by range', async () => {
    const long = Array.from({ length: 30 }, (_, i) => `Long list value number ${i + 1}`);
    const base = capaLog.spec.sheets[0] as TableSheetSpec;
    const module: TemplateModule = {
      ...capaLog,
      spec: {
        ...capaLog.spec,
        sheets: [{ ...base, columns: base.columns.map((c) => (c.key === 'source' ? { ...c, list: long } : c)) }],
      },
    };
    const workbook = await load(await buildTemplateWorkbook([module]));
    const lists = workbook.getWorksheet(LISTS_SHEET);
    expect(lists?.state).toBe('hidden');
    expect(workbook.worksheets.at(-1)?.name).toBe(LISTS_SHEET);
    expect(lists?.getCell('A2').value).toBe(long[0]);
    expect(lists?.getCell('A31').value).toBe(long[29]);
    expect(workbook.getWorksheet('CAPA Log')?.getCell('C6').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['Lists!$A$2:$A$31'],
    });
  });
});
