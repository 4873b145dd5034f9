import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Assessment } from '@qms/engine';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../main.js';
import { sofficeConvert } from '../shared/libreoffice.js';
import { memoryIo } from '../shared/memory-io.js';
import { onlySheetCopy } from '@qms/workbook-fixtures/only-sheet';
import { readSheetLook, type SheetLook } from '@qms/workbook-fixtures/sheet-look';

const DEMO = join(import.meta.dirname, '..', '..', '..', 'examples', 'demo-manufacturer.xlsx');
const AS_OF = '2026-11-24';
const NOW = new Date('2026-11-24T09:00:00.000Z');
let dir: string;
let look: SheetLook;
let assessment: Assessment;

async function run(...argv: string[]) {
  const io = memoryIo(dir, NOW);
  const code = await main(['assess', ...argv], io);
  return { code, out: io.out(), err: io.err() };
}

/** The reference of the cell holding `text`, and the references of the `n` cells to its right. */
function rightOf(text: string, n: number): string[] {
  const ref = Object.entries(look.cells).find(([, c]) => c.value === text)?.[0];
  if (!ref) throw new Error(`no cell reads "${text}"`);
  const [, col = '', row = ''] = /^([A-Z]+)(\d+)$/.exec(ref) ?? [];
  const n0 = [...col].reduce((a, ch) => a * 26 + ch.charCodeAt(0) - 64, 0);
  const letter = (c: number): string =>
    c <= 0 ? '' : letter(Math.floor((c - 1) / 26)) + String.fromCharCode(65 + ((c - 1) % 26));
  return Array.from({ length: n }, (_, i) => `${letter(n0 + i + 1)}${row}`);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qms-dashboard-'));
  const r = await run(DEMO, '--as-of', AS_OF, '--json', '--summary', 'demo-summary.xlsx');
  expect(r.code).toBe(0);
  assessment = (JSON.parse(r.out) as { assessment: Assessment }).assessment;
  look = await readSheetLook(new Uint8Array(await readFile(join(dir, 'demo-summary.xlsx'))), 'QMS Readiness');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('R-SUM-2: qms assess --summary on the demo, read back from the .xlsx', () => {
  it('has a currency format on every money cell, and the amounts are whole units', () => {
    const cost = assessment.cost;
    expect(cost?.currency).toBe('EUR');
    const labels = [...(cost?.lines ?? []).map((l) => l.label), '3-year total'];
    let money = 0;
    for (const label of labels)
      for (const ref of rightOf(label, 3)) {
        const cell = look.cells[ref];
        expect(cell?.numFmt, `${label} ${ref}`).toBe('"€"#,##0');
        expect(Number.isInteger(cell?.value), `${label} ${ref}`).toBe(true);
        money += 1;
      }
    expect(money).toBe(labels.length * 3);
    // And no other cell is formatted as money.
    const formatted = Object.values(look.cells).filter((c) => c.numFmt?.includes('€')).length;
    expect(formatted).toBe(money);
    expect(look.cells[rightOf('3-year total', 1)[0] ?? '']?.value).toBe(
      Math.round(cost?.threeYearTotal.value?.low ?? NaN),
    );
  });

  it('has data bars on the clause-group scores (0 to 100) and on the overall score', () => {
    const first = rightOf('4 Context of the organization', 1)[0];
    const last = rightOf('10 Improvement', 1)[0];
    expect(look.conditionalFormats).toContain(`${first}:${last} dataBar 0..100 #4472C4`);
    expect(look.conditionalFormats).toContain(`${rightOf('Overall readiness (%)', 1)[0]} dataBar 0..100 #4472C4`);
    expect(look.conditionalFormats).toContain(`${first}:${last} lessThan 80 color #9C0006`);
  });

  it('has traffic-light fills on the gates and a Gantt band painted by rules', () => {
    const g1 = rightOf('G1 Scope defined', 1)[0];
    const g10 = rightOf('G10 Certification body', 1)[0];
    expect(look.conditionalFormats).toContain(`${g1}:${g10} equal "Pass" fill #C6EFCE color #006100`);
    expect(look.conditionalFormats).toContain(`${g1}:${g10} equal "Fail" fill #FFC7CE color #9C0006`);
    expect(look.conditionalFormats.filter((f) => / equal [12] fill #/.test(f))).toHaveLength(2);
  });

  it('holds no formula anywhere (read by the XML and by ExcelJS)', async () => {
    expect(Object.values(look.cells).filter((c) => c.formula !== undefined)).toEqual([]);
    const workbook = new ExcelJS.Workbook();
    const bytes = await readFile(join(dir, 'demo-summary.xlsx'));
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const sheet = workbook.getWorksheet('QMS Readiness');
    let cells = 0;
    sheet?.eachRow((r) =>
      r.eachCell((cell) => {
        cells += 1;
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
      }),
    );
    expect(cells).toBeGreaterThan(200);
  });

  it('sets A4 landscape, one page wide and tall, the as-of date in the footer, and no gridlines', () => {
    expect(look.page).toEqual({
      paper: 'A4',
      orientation: 'landscape',
      fitToWidth: 1,
      fitToHeight: 1,
      footer: '&LKestrel Precision Components GmbH&CQMS Readiness as of 2026-11-24&RPage &P of &N',
    });
    expect(look.gridlines).toBe(false);
    // Figures and their headings align alike; rule ids are small, grey and italic.
    const score = look.cells[rightOf('Clause group', 1)[0] ?? ''];
    expect(score?.align).toBe('right');
    expect(look.cells[rightOf('4 Context of the organization', 1)[0] ?? '']?.align).toBe('right');
    const rule = Object.values(look.cells).find((c) => c.value === 'R-GATE-G1');
    expect(rule).toMatchObject({ italic: true, color: '#7F7F7F', size: 8 });
  });

  it('LibreOffice prints the sheet on one landscape page (PDF, then PNG)', async () => {
    const only = join(dir, 'summary-only.xlsx');
    await writeFile(
      only,
      await onlySheetCopy(new Uint8Array(await readFile(join(dir, 'demo-summary.xlsx'))), 'QMS Readiness'),
    );
    await sofficeConvert({ profileDir: join(dir, 'lo-profile'), target: 'pdf', outDir: dir, files: [only] });
    const pdf = join(dir, 'summary-only.pdf');
    const { stdout: info } = await promisify(execFile)('pdfinfo', [pdf]);
    expect(/^Pages:\s+(\d+)$/m.exec(info)?.[1]).toBe('1');
    const [, w, h] = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info) ?? [];
    expect(Number(w)).toBeGreaterThan(Number(h));
    // A4 landscape is 842 × 595 points.
    expect(Math.round(Number(w))).toBe(842);
    await promisify(execFile)('pdftoppm', ['-png', '-r', '60', '-singlefile', pdf, join(dir, 'page')]);
    const png = await readFile(join(dir, 'page.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    // 60 dpi of a landscape A4 page: about 702 × 496 pixels (IHDR holds width then height).
    expect(png.readUInt32BE(16)).toBeGreaterThan(png.readUInt32BE(20));
    expect((await stat(join(dir, 'page.png'))).size).toBeGreaterThan(5_000);
  }, 180_000);
});
