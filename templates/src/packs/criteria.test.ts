import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { toCell } from '../core/cells.js';
import { cellText } from '../core/values.js';
import type { SheetInput } from '../core/table.js';
import { parseWorkbook, type WorkbookInput } from '../core/workbook.js';
import { checkRecordData } from '../schemas.js';
import { buildPackFiles } from '../xlsx/pack-build.js';
import { readWorkbook } from '../xlsx/read.js';
import { upgradePackage } from '../xlsx/write/upgrade-package.js';
import { packChanges } from './changes.js';
import { packParseModules } from './modules.js';
import { checkPack } from './rules.js';
import type { Pack, PackInput } from './schema.js';
import { planPackUpgrade, upgradePackWorkbookInput } from './upgrade.js';

// A pack's own supplier criteria (examples/packs/supplier-criteria.*.json): v1 weighs the product's four 50/30/10/10; v2 renames Responsiveness to
// Communication (same key, so the marks are the same field) and adds Sustainability (a key of its own, marks in
// `extra`). Built files are filled as grids, the way the pane reads a sheet.

const AS_OF = '2026-06-30';
const SUPPLIER = 'Supplier Evaluation';

const EXAMPLES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'examples', 'packs');
const load = (file: string): PackInput => JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as PackInput;
/** examples/packs/supplier-criteria.v1.json and v2.json. */
const V1 = load('supplier-criteria.v1.json');
const V2 = load('supplier-criteria.v2.json');
const base = (version: number, supplierCriteria: PackInput['supplierCriteria']): PackInput => ({
  ...V1,
  version,
  supplierCriteria,
});

function checked(input: PackInput): Pack {
  const result = checkPack(input);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.pack;
}
const issuesOf = (input: PackInput) => {
  const result = checkPack(input);
  return result.ok ? [] : result.issues.map((i) => `${i.path}: ${i.message}`);
};
const parse = (input: WorkbookInput, pack: Pack) => parseWorkbook(input, packParseModules(pack), { asOf: AS_OF });

async function built(pack: Pack): Promise<{ bytes: Uint8Array; input: WorkbookInput }> {
  const file = (await buildPackFiles(pack)).find((f) => f.file.file === 'supplier-evaluation.xlsx');
  if (!file) throw new Error('no supplier-evaluation.xlsx in the pack');
  return { bytes: file.bytes, input: await readWorkbook(file.bytes) };
}

const sheetOf = (input: WorkbookInput): SheetInput => {
  const sheet = input.sheets.find((s) => s.name === SUPPLIER);
  if (!sheet) throw new Error(`no ${SUPPLIER}`);
  return sheet;
};
const text = (v: unknown) => cellText(toCell(v)).trim();
const headerIndex = (sheet: SheetInput) => sheet.values.findIndex((r) => text(r[0]) === 'Supplier ID');
const headersOf = (sheet: SheetInput) => (sheet.values[headerIndex(sheet)] ?? []).map(text);
/** Criterion | Weight rows of the block above the table. */
function blockOf(sheet: SheetInput): [string, unknown][] {
  const top = sheet.values.findIndex((r) => text(r[0]) === 'Criterion');
  const out: [string, unknown][] = [];
  for (let i = top + 1; !['', 'Supplier ID'].includes(text(sheet.values[i]?.[0])); i++)
    out.push([text(sheet.values[i]?.[0]), sheet.values[i]?.[1]]);
  return out;
}

/** The input with supplier rows typed under the header, by header text. */
function fill(input: WorkbookInput, rows: readonly Record<string, unknown>[]): WorkbookInput {
  const sheet = sheetOf(input);
  const at = headerIndex(sheet);
  const headers = headersOf(sheet);
  const values = sheet.values.map((r) => [...r]);
  rows.forEach((row, i) => {
    const line = values[at + 1 + i] ?? [];
    for (const [header, value] of Object.entries(row)) {
      const c = headers.indexOf(header);
      if (c < 0) throw new Error(`no "${header}" header`);
      while (line.length <= c) line.push(null);
      line[c] = value;
    }
    values[at + 1 + i] = line;
  });
  return { ...input, sheets: input.sheets.map((s) => (s === sheet ? { ...sheet, values } : s)) };
}

const supplierRow = (id: string, marks: Record<string, number>) => ({
  'Supplier ID': id,
  Supplier: `Supplier ${id}`,
  Criticality: 'Major',
  Status: 'Approved',
  'Evaluation date': '2026-03-01',
  ...marks,
});

const suppliersOf = (input: WorkbookInput, pack: Pack) =>
  parse(input, pack).records.filter((r) => r.type === 'supplier');
const criteriaOf = (input: WorkbookInput, pack: Pack) =>
  parse(input, pack)
    .records.filter((r) => r.type === 'supplier-criterion')
    .map((r) => r.data);
const errorsOf = (input: WorkbookInput, pack: Pack) =>
  parse(input, pack)
    .issues.filter((i) => i.severity === 'error')
    .map((i) => `${i.cell} ${i.code}: ${i.message}`);

let v1: Pack;
let v2: Pack;
beforeAll(() => {
  v1 = checked(V1);
  v2 = checked(V2);
});

describe('packs.criteria-check: a pack renames a product criterion by its key or adds its own', () => {
  it('accepts a renamed and an added criterion', () => {
    expect(issuesOf(V2)).toEqual([]);
  });

  it('refuses a criterion read under another criterion or column, a key given twice, a key an extra column has', () => {
    const issues = issuesOf({
      ...base(1, [
        { criterion: 'Quality', weightPct: 40 },
        // "Qualität" is how Quality is read in German: a rename of Delivery to it would read one column twice.
        { criterion: 'Qualität', key: 'delivery', weightPct: 30 },
        { criterion: 'Responsiveness', weightPct: 10 },
        { criterion: 'Cost', weightPct: 10 },
        // "Risk" is an alias of Criticality.
        { criterion: 'Risk', key: 'riskScore', weightPct: 5 },
        { criterion: 'Green', key: 'riskScore', weightPct: 5 },
      ]),
    });
    expect(issues).toEqual([
      'supplierCriteria[5].key: riskScore is listed again (first at supplierCriteria[4]); list each criterion once',
    ]);
    expect(
      issuesOf(
        base(1, [
          { criterion: 'Quality', weightPct: 40 },
          { criterion: 'Qualität', key: 'delivery', weightPct: 30 },
          { criterion: 'Responsiveness', weightPct: 10 },
          { criterion: 'Cost', weightPct: 10 },
          { criterion: 'Risk', key: 'riskScore', weightPct: 10 },
        ]),
      ),
    ).toEqual([
      'supplierCriteria[1].criterion: "Qualität" would be read as the column "Quality" too (its name or one of its aliases); give the criterion a name of its own',
      'supplierCriteria[4].criterion: "Risk" would be read as the column "Criticality" too (its name or one of its aliases); give the criterion a name of its own',
    ]);
    expect(
      issuesOf({
        ...V2,
        columns: {
          'supplier-evaluation': [{ key: 'sustainability', header: 'Sustainability notes', type: 'text' }],
        },
      }),
    ).toEqual([
      'supplierCriteria[4].key: "sustainability" is also the key of an extra supplier column; give the criterion a key of its own',
    ]);
    // An extra column may not take a criterion's name (the pack's names, not only the product's).
    expect(
      issuesOf({
        ...V2,
        columns: { 'supplier-evaluation': [{ key: 'comms', header: 'Communication', type: 'text' }] },
      }),
    ).toEqual([
      'columns.supplier-evaluation[0].header: "Communication" would be read as the template\'s own column "Communication" (its header or one of its aliases); give the extra column a header of its own',
    ]);
  });
});

describe('packs.criteria-build: the built sheet scores the pack’s criteria', () => {
  it('lays out the score columns and the block with the pack’s names and weights, and scores with them', async () => {
    const { input } = await built(v2);
    const sheet = sheetOf(input);
    const headers = headersOf(sheet);
    expect(headers.slice(4, 9)).toEqual(['Quality', 'Delivery', 'Communication', 'Cost', 'Sustainability']);
    expect(blockOf(sheet)).toEqual([
      ['Quality', 40],
      ['Delivery', 30],
      ['Communication', 10],
      ['Cost', 10],
      ['Sustainability', 10],
    ]);
    const filled = fill(input, [
      supplierRow('S-1', { Quality: 5, Delivery: 4, Communication: 3, Cost: 2, Sustainability: 1 }),
      supplierRow('S-2', { Quality: 5, Delivery: 4, Communication: 3, Cost: 2 }),
    ]);
    expect(errorsOf(filled, v2)).toEqual([]);
    const [s1, s2] = suppliersOf(filled, v2);
    // (5×40 + 4×30 + 3×10 + 2×10 + 1×10) / 100 = 3.8; Communication's marks are the responsiveness field.
    expect(s1?.data).toMatchObject({
      quality: 5,
      responsiveness: 3,
      cost: 2,
      score: 3.8,
      extra: { sustainability: 1 },
    });
    // Not every criterion scored: no score, and a blank extra mark is null.
    expect(s2?.data.score).toBeUndefined();
    expect(s2?.data.extra).toEqual({ sustainability: null });
    // The criterion records name the renamed and the added criterion with their keys; the product's keep none.
    expect(criteriaOf(filled, v2)).toEqual([
      { criterion: 'Quality', weightPct: 40 },
      { criterion: 'Delivery', weightPct: 30 },
      { criterion: 'Communication', weightPct: 10, key: 'responsiveness' },
      { criterion: 'Cost', weightPct: 10 },
      { criterion: 'Sustainability', weightPct: 10, key: 'sustainability' },
    ]);
    // The backend's schemas take both kinds of record as they are.
    for (const r of parse(filled, v2).records)
      expect(checkRecordData(r.type, r.data), r.id).toMatchObject({ ok: true });
  });

  it('a product sheet’s "Responsiveness" header is still read as the renamed criterion’s marks', async () => {
    const { input } = await built(v1);
    const filled = fill(input, [supplierRow('S-1', { Quality: 4, Delivery: 4, Responsiveness: 2, Cost: 4 })]);
    const { input: v2Built } = await built(v2);
    // v1's sheet under v2's rules: the marks are read; the block is v1's, and says which name v2 wants instead (the
    // pack upgrade rewrites it).
    const v1Sheet = sheetOf(filled);
    const asV2 = { ...v2Built, sheets: [{ ...v1Sheet }] };
    expect(suppliersOf(asV2, v2)[0]?.data).toMatchObject({ responsiveness: 2 });
    expect(errorsOf(asV2, v2)).toEqual([
      'Supplier Evaluation!A8 cell.not-in-list: Supplier Evaluation!A8: Criterion is "Responsiveness", which is not one of: Quality, Delivery, Communication, Cost, Sustainability; type one of those values',
    ]);
  });
});

describe('packs.criteria-upgrade: v1 → v2 renames and adds criteria in place, keeping every mark', () => {
  const rows = [
    supplierRow('S-1', { Quality: 5, Delivery: 4, Responsiveness: 3, Cost: 2 }),
    supplierRow('S-2', { Quality: 3, Delivery: 3, Responsiveness: 3, Cost: 3 }),
    supplierRow('S-3', { Quality: 1, Delivery: 2, Responsiveness: 5, Cost: 4 }),
  ];

  it('lists the changes people read', () => {
    expect(packChanges(v1, v2).map((c) => c.text)).toEqual([
      'Supplier criteria: "Quality" weighs 40% (was 50%)',
      'Supplier criteria: "Responsiveness" is now called "Communication"',
      'Supplier criteria: new criterion "Sustainability" weighing 10%, with a score column of its own',
    ]);
  });

  it('renames the header and block row, adds the column and block row, rewrites weights and Score formulas', async () => {
    const { input, bytes } = await built(v1);
    const filled = fill(input, rows);
    expect(errorsOf(filled, v1)).toEqual([]);
    const before = suppliersOf(filled, v1);

    const plan = planPackUpgrade(filled, v1, v2);
    expect(plan.problems).toEqual([]);
    const [sheet] = plan.sheets;
    expect(sheet?.notes).toEqual([]);
    const headerRow = sheet?.headerRow ?? 0;
    // The table's header row: Responsiveness (G) renamed, Sustainability appended after Next evaluation/Notes.
    expect(sheet?.writes).toContainEqual({ row: headerRow, column: 7, value: 'Communication' });
    expect(sheet?.added.map((a) => a.header)).toEqual(['Sustainability']);
    const { input: after } = upgradePackWorkbookInput(filled, v1, v2);
    const upgraded = sheetOf(after);
    expect(blockOf(upgraded)).toEqual([
      ['Quality', 40],
      ['Delivery', 30],
      ['Communication', 10],
      ['Cost', 10],
      ['Sustainability', 10],
    ]);
    // Every data row's Score is written again as a formula over the five criteria, weights found by header.
    const formulas = sheet?.writes.filter((w) => w.formula) ?? [];
    expect(formulas.length).toBeGreaterThanOrEqual(rows.length);
    const added = sheet?.added[0]?.column ?? 0;
    const letter = String.fromCharCode(64 + added);
    expect(formulas[0]?.value).toBe(
      `IF(COUNT(E${headerRow + 1},F${headerRow + 1},G${headerRow + 1},H${headerRow + 1},${letter}${headerRow + 1})<5,"",ROUND((` +
        ['E', 'F', 'G', 'H', letter]
          .map((l) => `${l}${headerRow + 1}*SUMIF($A$6:$A$10,${l}$${headerRow},$B$6:$B$10)`)
          .join('+') +
        `)/SUM($B$6:$B$10),2))`,
    );

    // Checked with v2: no errors, every row kept with its marks; no score until Sustainability is marked.
    expect(errorsOf(after, v2)).toEqual([]);
    const kept = suppliersOf(after, v2);
    expect(kept.map((r) => [r.id, r.data.quality, r.data.responsiveness, r.data.cost])).toEqual(
      before.map((r) => [r.id, r.data.quality, r.data.responsiveness, r.data.cost]),
    );
    expect(kept.map((r) => r.data.score)).toEqual([undefined, undefined, undefined]);
    const marked = fill(
      after,
      rows.map((r) => ({ 'Supplier ID': r['Supplier ID'], Sustainability: 5 })),
    );
    // S-1: (5×40 + 4×30 + 3×10 + 2×10 + 5×10) / 100 = 4.2
    expect(suppliersOf(marked, v2).map((r) => r.data.score)).toEqual([4.2, 3.2, 2.4]);

    // The same plan on the file itself (as `qms upgrade --pack` writes it): formulas as formulas, recalculated on open.
    const edited = await upgradePackage(
      bytes,
      planPackUpgrade(await readWorkbook(bytes), v1, v2),
      await readWorkbook(bytes),
    );
    const zip = await JSZip.loadAsync(edited.bytes);
    const workbookXml = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
    expect(workbookXml).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
    // The block's drop-down offers the five names over the five rows, in place of the old one over four.
    expect(sheet?.dropDowns).toEqual([
      {
        range: 'A6:A10',
        replaces: 'A6:A9',
        values: ['Quality', 'Delivery', 'Communication', 'Cost', 'Sustainability'],
      },
    ]);
    const sheets = await Promise.all(
      Object.keys(zip.files)
        .filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n))
        .map(async (n) => (await zip.file(n)?.async('string')) ?? ''),
    );
    expect(sheets.some((x) => x.includes(`<f>IF(COUNT(E${headerRow + 1},F${headerRow + 1}`))).toBe(true);
    const supplierXml = sheets.find((x) => x.includes('sqref="A6:A10"')) ?? '';
    expect(supplierXml).toMatch(
      /sqref="A6:A10"><formula1>(&quot;|")Quality,Delivery,Communication,Cost,Sustainability(&quot;|")<\/formula1>/,
    );
    expect(supplierXml).not.toContain('sqref="A6:A9"');
    const reread = sheetOf(await readWorkbook(edited.bytes));
    expect(headersOf(reread)).toContain('Communication');
    expect(blockOf(reread).map(([n]) => n)).toEqual(['Quality', 'Delivery', 'Communication', 'Cost', 'Sustainability']);
  });

  it('run again on a sheet it already upgraded (the pane stopped before stamping v2), it adds nothing twice', async () => {
    const { input } = await built(v1);
    const { input: once } = upgradePackWorkbookInput(fill(input, rows), v1, v2);
    // The stamp still says v1, as when an upgrade of several sheets stops before its last one.
    const again = planPackUpgrade({ ...once, pack: { id: v1.id, version: 1 } }, v1, v2);
    expect(again.problems).toEqual([]);
    const [sheet] = again.sheets;
    expect(sheet?.added).toEqual([]);
    expect(sheet?.notes).toContain(
      'Column "Sustainability" (new in supplier-criteria v2) was already on the sheet; left as it is',
    );
    // Its block row is recognised as the new version's: no second row is looked for.
    expect(sheet?.notes.some((n) => n.includes('no blank row'))).toBe(false);
    const { input: twice } = upgradePackWorkbookInput({ ...once, pack: { id: v1.id, version: 1 } }, v1, v2);
    expect(blockOf(sheetOf(twice))).toEqual(blockOf(sheetOf(once)));
    expect(headersOf(sheetOf(twice))).toEqual(headersOf(sheetOf(once)));
  });

  it('says so when there is no blank row under the block for a new criterion, and writes the rest', async () => {
    const { input } = await built(v1);
    const filled = fill(input, rows);
    const sheet = sheetOf(filled);
    const top = sheet.values.findIndex((r) => text(r[0]) === 'Criterion');
    // The blank row between block and table holds a note of the user's.
    const values = sheet.values.map((r) => [...r]);
    values[top + 5] = ['Weights agreed with purchasing'];
    const crowded = { ...filled, sheets: [{ ...sheet, values }] };
    const plan = planPackUpgrade(crowded, v1, v2);
    expect(plan.problems).toEqual([]);
    expect(plan.sheets[0]?.notes).toContain(
      'There is no blank row under the criteria block for "Sustainability"; add a row "Sustainability | 10" to the block by hand',
    );
    expect(plan.sheets[0]?.writes).not.toContainEqual(
      expect.objectContaining({ value: 'Weights agreed with purchasing' }),
    );
  });
});
