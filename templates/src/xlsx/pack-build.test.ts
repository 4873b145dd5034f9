import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SheetInput } from '../core/table.js';
import { parseWorkbook, type WorkbookInput } from '../core/workbook.js';
import { packParseModules } from '../packs/modules.js';
import { checkPack } from '../packs/rules.js';
import type { Pack, PackInput } from '../packs/schema.js';
import { TEMPLATE_MODULES } from '../registry.js';
import { buildTemplateWorkbook } from './build.js';
import { buildPackFiles } from './pack-build.js';
import { readWorkbook } from './read.js';

const EXAMPLE = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'examples',
  'packs',
  'acme-consulting.v1.json',
);
const AS_OF = '2026-06-30';

function checked(input: PackInput): Pack {
  const result = checkPack(input);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.pack;
}

const example = () => checked(JSON.parse(readFileSync(EXAMPLE, 'utf8')) as PackInput);

async function filesOf(pack: Pack): Promise<Record<string, Uint8Array>> {
  return Object.fromEntries((await buildPackFiles(pack)).map((f) => [f.file.file, f.bytes]));
}

/** A built sheet with rows typed in under its header, by header text (what a user does in Excel). */
function fill(sheet: SheetInput, header: string, rows: readonly Record<string, unknown>[]): SheetInput {
  const values = sheet.values.map((r) => [...r]);
  const at = values.findIndex((r) => r.includes(header));
  const headers = values[at] ?? [];
  rows.forEach((row, i) => {
    values[at + 1 + i] = headers.map((h) => (typeof h === 'string' && h in row ? row[h] : null));
  });
  return { ...sheet, values };
}

function parse(input: WorkbookInput, pack: Pack) {
  return parseWorkbook(input, packParseModules(pack), { asOf: AS_OF });
}

let pack: Pack;
let files: Record<string, Uint8Array>;
beforeAll(async () => {
  pack = example();
  files = await filesOf(pack);
});

const sameBytes = (a: Uint8Array | undefined, b: Uint8Array | undefined) =>
  a !== undefined && b !== undefined && a.length === b.length && a.every((v, i) => v === b[i]);

describe("packs.build: the pack's files, made from the specs plus the pack", () => {
  it('one file per included template and one workbook of them all, each byte-identical on a second build', async () => {
    expect(Object.keys(files)).toEqual([
      'qms-profile.xlsx',
      'gap-analysis.xlsx',
      'supplier-evaluation.xlsx',
      'capa-log.xlsx',
      'audit-programme.xlsx',
      'acme-consulting-v1.xlsx',
    ]);
    const again = await filesOf(example());
    for (const [name, bytes] of Object.entries(files)) expect(sameBytes(again[name], bytes), name).toBe(true);
  });

  it('a different version gives different bytes (the marker says which)', async () => {
    const v2 = await filesOf(checked({ ...pack, version: 2 }));
    expect(sameBytes(v2['capa-log.xlsx'], files['capa-log.xlsx'])).toBe(false);
    expect((await readWorkbook(v2['capa-log.xlsx'] ?? new Uint8Array())).pack).toEqual({
      id: 'acme-consulting',
      version: 2,
    });
  });

  it("records the pack as qms.pack and keeps the product's template markers", async () => {
    const input = await readWorkbook(files['capa-log.xlsx'] ?? new Uint8Array());
    expect(input.pack).toEqual({ id: 'acme-consulting', version: 1 });
    expect(input.templates).toEqual({ 'capa-log': 1 });
    expect(input.sheets[0]?.marker).toBe('capa-log@1:CAPA Log');
    const product = await readWorkbook(
      await buildTemplateWorkbook(TEMPLATE_MODULES.filter((m) => m.spec.id === 'capa-log')),
    );
    expect(product.pack).toBeUndefined();
  });

  it('brand, colours, title, logo and guidance are where the pack puts them', async () => {
    const workbook = new ExcelJS.Workbook();
    const bytes = files['capa-log.xlsx'] ?? new Uint8Array();
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const sheet = workbook.getWorksheet('CAPA Log');
    expect(sheet?.getCell('A1').value).toBe('Acme Consulting');
    expect(sheet?.getCell('A1').font.color?.argb).toBe('FFF2A900');
    expect(sheet?.getCell('A2').value).toBe('Corrective and preventive actions');
    expect(sheet?.getCell('A2').font.color?.argb).toBe('FF0B5E3B');
    expect(sheet?.getCell('A5').fill).toMatchObject({ fgColor: { argb: 'FF0B5E3B' } });
    expect(sheet?.getCell('R5').value).toBe('Risk rating');
    expect(sheet?.getImages().map((i) => i.range.tl.nativeRow)).toEqual([1]);
    const zip = await JSZip.loadAsync(bytes);
    expect(Object.keys(zip.files).filter((n) => n.startsWith('xl/media/'))).toEqual(['xl/media/image1.png']);
    const sheetXml = (await zip.file('xl/worksheets/sheet1.xml')?.async('string')) ?? '';
    expect(sheetXml).toContain('prompt="Ask why five times; write the last answer here."');
    expect(sheetXml).toContain('<formula1>&quot;Low,Medium,High&quot;</formula1>');
  });
});

describe("packs.extra: a sheet built from a pack gives its extra columns back in each record's extra map", () => {
  const capaRow = (more: Record<string, unknown>) => ({
    'CAPA ID': 'C-1',
    'Date opened': '2026-01-10',
    Source: 'Internal audit',
    Severity: 'Minor',
    Status: 'Open',
    'Due date': '2026-12-31',
    ...more,
  });

  it("a list value is checked and canonical; a blank optional extra is null; the pack's value words apply", async () => {
    const input = await readWorkbook(files['capa-log.xlsx'] ?? new Uint8Array());
    const sheet = fill(input.sheets[0] as SheetInput, 'CAPA ID', [
      capaRow({ 'Risk rating': 'high', Status: 'WIP' }),
      capaRow({ 'CAPA ID': 'C-2' }),
      capaRow({ 'CAPA ID': 'C-3', 'Risk rating': 'Severe' }),
    ]);
    const result = parse({ ...input, sheets: [sheet] }, pack);
    expect(result.records.map((r) => [r.id, r.data.status, r.data.extra])).toEqual([
      ['C-1', 'In progress', { riskRating: 'High' }],
      ['C-2', 'Open', { riskRating: null }],
    ]);
    expect(result.issues.filter((i) => i.severity === 'error').map((i) => i.message)).toEqual([
      'CAPA Log!R8: Risk rating is "Severe", which is not one of: Low, Medium, High; type one of those values',
    ]);
  });

  it('number and date extras are typed; a required extra left blank is an error naming its cell', async () => {
    const typed = checked({
      id: 'typed',
      version: 1,
      title: 'Typed',
      templates: ['capa-log'],
      columns: {
        'capa-log': [
          { key: 'cost', header: 'Cost of poor quality', type: 'number', required: true },
          { key: 'reviewed', header: 'Reviewed on', type: 'date' },
          { key: 'site', header: 'Site', type: 'text' },
        ],
      },
    });
    const input = await readWorkbook((await filesOf(typed))['capa-log.xlsx'] ?? new Uint8Array());
    const sheet = fill(input.sheets[0] as SheetInput, 'CAPA ID', [
      capaRow({ 'Cost of poor quality': 1250.5, 'Reviewed on': '31 Mar 2026', Site: 'Leeds' }),
      capaRow({ 'CAPA ID': 'C-2', Site: 'York' }),
    ]);
    const result = parse({ ...input, sheets: [sheet] }, typed);
    expect(result.records.map((r) => r.data.extra)).toEqual([{ cost: 1250.5, reviewed: '2026-03-31', site: 'Leeds' }]);
    expect(result.issues.filter((i) => i.severity === 'error').map((i) => [i.cell, i.code])).toEqual([
      ['CAPA Log!R7', 'cell.required'],
    ]);
  });

  it('a record from a sheet without extra columns carries no extra and hashes as before', async () => {
    const input = await readWorkbook(files['audit-programme.xlsx'] ?? new Uint8Array());
    const row = {
      'Event ID': 'IA-1',
      Type: 'Internal audit',
      'Scope / clauses': 'all',
      'Planned date': '2026-03-01',
      Status: 'Planned',
    };
    const sheet = fill(input.sheets[0] as SheetInput, 'Event ID', [row]);
    const withPack = parse({ ...input, sheets: [sheet] }, pack);
    const withoutPack = parseWorkbook({ ...input, sheets: [sheet] }, TEMPLATE_MODULES, { asOf: AS_OF });
    expect(withPack.records[0]?.data.extra).toBeUndefined();
    expect(withPack.records.map((r) => r.hash)).toEqual(withoutPack.records.map((r) => r.hash));
  });

  it('toGrids writes the extra columns back, so records round-trip through grids with their extra values', async () => {
    const input = await readWorkbook(files['capa-log.xlsx'] ?? new Uint8Array());
    const sheet = fill(input.sheets[0] as SheetInput, 'CAPA ID', [
      capaRow({ 'Risk rating': 'Medium' }),
      capaRow({ 'CAPA ID': 'C-2' }),
    ]);
    const first = parse({ ...input, sheets: [sheet] }, pack);
    const capa = packParseModules(pack).find((m) => m.spec.id === 'capa-log');
    const grids = capa?.toGrids(first.records) ?? {};
    expect(grids['CAPA Log']?.[0]?.at(-1)).toBe('Risk rating');
    const again = parse({ sheets: Object.entries(grids).map(([name, values]) => ({ name, values })) }, pack);
    expect(first.records).toHaveLength(2);
    expect(again.records.map((r) => [r.id, r.data.extra, r.hash])).toEqual(
      first.records.map((r) => [r.id, r.data.extra, r.hash]),
    );
  });

  it("the product's parser reads a pack's sheet as before: the extra column is left alone", async () => {
    const input = await readWorkbook(files['capa-log.xlsx'] ?? new Uint8Array());
    const sheet = fill(input.sheets[0] as SheetInput, 'CAPA ID', [capaRow({ 'Risk rating': 'Low' })]);
    const result = parseWorkbook({ ...input, sheets: [sheet] }, TEMPLATE_MODULES, { asOf: AS_OF });
    expect(result.records.map((r) => r.data.extra)).toEqual([undefined]);
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });
});

describe("packs.weights: the supplier sheet carries the pack's weights, and scores use them", () => {
  it('the criteria block holds 50/30/10/10, which become the criteria records and the score', async () => {
    const input = await readWorkbook(files['supplier-evaluation.xlsx'] ?? new Uint8Array());
    const sheet = fill(input.sheets[0] as SheetInput, 'Supplier ID', [
      {
        'Supplier ID': 'S-1',
        Supplier: 'Bolt Ltd',
        Criticality: 'Major',
        Quality: 5,
        Delivery: 1,
        Responsiveness: 1,
        Cost: 1,
        Status: 'Approved',
        'Evaluation date': '2026-02-01',
      },
    ]);
    const result = parse({ ...input, sheets: [sheet] }, pack);
    const criteria = result.records.filter((r) => r.type === 'supplier-criterion');
    expect(criteria.map((r) => [r.id, r.data.weightPct])).toEqual([
      ['Quality', 50],
      ['Delivery', 30],
      ['Responsiveness', 10],
      ['Cost', 10],
    ]);
    // 5 × 50 % + 1 × 50 % = 3; the product's 40/30/15/15 would give 2.6.
    expect(result.records.find((r) => r.type === 'supplier')?.data.score).toBe(3);
  });
});
