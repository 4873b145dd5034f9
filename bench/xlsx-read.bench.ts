/**
 * The .xlsx reader against ExcelJS, side by side on the same 10,000-row CAPA workbook (goal: no slower than
 * ExcelJS), and read + validate against the JSON round trip of the grid it yields.
 *   npx tsc -b && node --import tsx bench/xlsx-read.bench.ts   (measures the built code in templates/dist)
 */
import { performance } from 'node:perf_hooks';
import { CAPA_SHEET, capaLogSpec, validateWorkbook, type TableSheetSpec } from '@qms/templates';
import { readWorkbook } from '@qms/templates/xlsx';
import ExcelJS from 'exceljs';

const ROWS = 10_000;
const RUNS = 7;
const AS_OF = '2026-06-30';

async function capaWorkbook(): Promise<Uint8Array> {
  const columns = (capaLogSpec.sheets[0] as TableSheetSpec).columns;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(CAPA_SHEET);
  sheet.addRow(['Acme Ltd']);
  sheet.addRow(columns.map((c) => c.header));
  for (let i = 0; i < ROWS; i++) {
    const closed = i % 3 === 0;
    const opened = new Date(Date.UTC(2026, 0, 5 + (i % 150)));
    const values: Record<string, unknown> = {
      capaId: `CAPA-${String(i + 1).padStart(5, '0')}`,
      dateOpened: opened,
      source: 'Internal audit',
      severity: i % 2 ? 'Minor' : 'Observation',
      description: `Nonconformity ${i + 1}: label does not match the order on batch ${i % 97}`,
      owner: `Owner ${i % 12}`,
      dueDate: new Date(opened.getTime() + 60 * 86_400_000),
      status: closed ? 'Cancelled' : 'Open',
    };
    sheet.addRow(columns.map((c) => values[c.key] ?? null));
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** What the CLI did before: ExcelJS's model, walked into the same grid. */
async function readWithExcelJs(bytes: Uint8Array): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const grid: unknown[][] = [];
  workbook.worksheets[0]?.eachRow({ includeEmpty: false }, (row, n) => {
    const values: unknown[] = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => (values[c - 1] = cell.value));
    grid[n - 1] = values;
  });
  return grid;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
async function time(fn: () => unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

const bytes = await capaWorkbook();
const input = await readWorkbook(bytes);
const check = validateWorkbook(input, { asOf: AS_OF });
if (check.records.length < ROWS) throw new Error(`only ${check.records.length} records read; the bench is wrong`);
const grid = input.sheets[0]?.values ?? [];
await readWithExcelJs(bytes);

const ours: number[] = [];
const exceljs: number[] = [];
const validate: number[] = [];
const json: number[] = [];
for (let i = 0; i < RUNS; i++) {
  ours.push(await time(() => readWorkbook(bytes)));
  exceljs.push(await time(() => readWithExcelJs(bytes)));
  validate.push(await time(() => validateWorkbook(input, { asOf: AS_OF })));
  json.push(await time(() => JSON.parse(JSON.stringify(grid)) as unknown));
}
const [o, e, v, j] = [median(ours), median(exceljs), median(validate), median(json)];
console.log(
  `xlsx-read.bench: ${ROWS} CAPA rows, ${(bytes.length / 1024).toFixed(0)} KiB .xlsx, ${check.records.length} records; median of ${RUNS} interleaved runs`,
);
console.log(`readWorkbook (ours)            ${o.toFixed(1)} ms`);
console.log(`ExcelJS load + walk            ${e.toFixed(1)} ms`);
console.log(`ratio ours / ExcelJS           ${(o / e).toFixed(2)} x  (goal <= 1: ${o <= e ? 'met' : 'NOT MET'})`);
console.log(
  `validate the grid read         ${v.toFixed(1)} ms = ${(v / j).toFixed(2)} x its JSON round trip (${j.toFixed(1)} ms)`,
);
