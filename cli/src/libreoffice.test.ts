import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STARTER_MODULES, TEMPLATE_MODULES } from '@qms/templates';
import { TEMPLATE_FILES } from '@qms/templates/xlsx';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from './main.js';
import type { CheckReport } from './shared/check-report.js';
import { TEMPLATE_XLSX_DIR } from '@qms/workbook-fixtures/filled';
import { CSV_ALL_SHEETS, csvFields, sofficeConvert } from './shared/libreoffice.js';
import { memoryIo } from './shared/memory-io.js';

// LibreOffice proofs: it opens every generated file, keeps the drop-downs through a save, and a workbook it
// makes from a CSV is recognised by its header row. Two soffice runs in all (one per target format).

const NOW = new Date(2026, 5, 30, 12, 0, 0);
const CAPA_CSV = [
  'CAPA ID,Date opened,Source,Clause,Severity,Description,Owner,Due date,Status',
  'C-1,2026-01-10,Internal audit,8.5.1,Minor,"Label, wrong on batch 12",QM,2026-12-31,Open',
  'C-2,2026-02-01,Customer complaint,,Major,Late delivery,Ops,2026-09-30,In progress',
].join('\n');

let dir: string;

/** A hand-made wide training matrix (no template markers): date cells, ✓ and R under each competence. */
async function writeWideTraining(path: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Skills');
  sheet.addRow(['Name', 'Dept', 'Forklift', 'First aid', 'ISO awareness']);
  sheet.addRow(['J. Novak', 'Production', new Date(Date.UTC(2026, 0, 5)), '✓', 'R']);
  sheet.addRow(['A. Yilmaz', 'Engineering', null, new Date(Date.UTC(2025, 10, 1)), '✓']);
  sheet.getColumn(3).numFmt = 'yyyy-mm-dd';
  sheet.getColumn(4).numFmt = 'yyyy-mm-dd';
  await workbook.xlsx.writeFile(path);
}
const csvDir = () => join(dir, 'csv');
const roundTripDir = () => join(dir, 'round-trip');

/** Template sheets that are built (the supplier criteria live on the supplier sheet). */
const builtSheets = TEMPLATE_MODULES.flatMap((m) =>
  m.spec.sheets.filter((s) => s.name !== 'Evaluation Criteria').map((s) => ({ module: m, spec: s })),
);

async function check(file: string) {
  const io = memoryIo(dir, NOW);
  const code = await main(['check', file, '--json'], io);
  return { code, report: JSON.parse(io.out() || '{}') as CheckReport, err: io.err() };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qms-lo-'));
  await mkdir(join(dir, 'in'));
  for (const f of TEMPLATE_FILES) await copyFile(join(TEMPLATE_XLSX_DIR, f.file), join(dir, 'in', f.file));
  await writeFile(join(dir, 'in', 'capa-from-csv.csv'), `${CAPA_CSV}\n`);
  await writeWideTraining(join(dir, 'in', 'skills-wide.xlsx'));
  const profileDir = join(dir, 'lo-profile');
  const xlsxFiles = TEMPLATE_FILES.map((f) => join(dir, 'in', f.file));
  await sofficeConvert({ profileDir, target: CSV_ALL_SHEETS, outDir: csvDir(), files: xlsxFiles });
  await sofficeConvert({
    profileDir,
    target: 'xlsx:Calc MS Excel 2007 XML',
    outDir: roundTripDir(),
    files: [...xlsxFiles, join(dir, 'in', 'capa-from-csv.csv'), join(dir, 'in', 'skills-wide.xlsx')],
  });
}, 240_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('LibreOffice headless', () => {
  it('opens every generated file: each sheet exports to CSV with the spec header row', async () => {
    let compared = 0;
    for (const file of TEMPLATE_FILES) {
      for (const { spec } of builtSheets.filter((s) => file.modules.includes(s.module))) {
        const csv = await readFile(join(csvDir(), `${file.file.replace(/\.xlsx$/, '')}-${spec.name}.csv`), 'utf8');
        const rows = csv.split(/\r?\n/).map(csvFields);
        const expected =
          spec.kind === 'table' ? spec.columns.map((c) => c.header) : [spec.fieldHeader, spec.valueHeader, 'Guidance'];
        const header = rows.find((r) => r[0] === expected[0] && r[1] === expected[1]);
        expect(header?.slice(0, expected.length), `${file.file} / ${spec.name}`).toEqual(expected);
        compared++;
      }
    }
    expect(compared).toBe(25);
  });

  it('a file saved by LibreOffice (xlsx → xlsx) still passes qms check, sheets recognised by header', async () => {
    for (const file of TEMPLATE_FILES.filter((f) => f.file !== 'qms-starter.xlsx' && f.file !== 'qms-profile.xlsx')) {
      const r = await check(join(roundTripDir(), file.file));
      expect(r.err, file.file).toBe('');
      expect(r.code, `${file.file}: ${JSON.stringify(r.report.issues)}`).toBe(0);
      expect(r.report.unrecognised, file.file).toEqual([]);
      expect(
        r.report.sheets.map((s) => s.template),
        file.file,
      ).toEqual(
        file.modules.flatMap((m) => m.spec.sheets.filter((s) => s.name !== 'Evaluation Criteria').map(() => m.spec.id)),
      );
    }
    const starter = await check(join(roundTripDir(), 'qms-starter.xlsx'));
    expect(starter.report.sheets).toHaveLength(11);
    expect(starter.report.issues.filter((i) => i.severity === 'error').map((i) => i.cell)).toEqual([
      'QMS Profile!B6',
      'QMS Profile!B7',
      'QMS Profile!B8',
      'QMS Profile!B9',
      'QMS Profile!B10',
    ]);
    expect(starter.report.sheets.find((s) => s.sheet === 'Gap Analysis')?.records).toBe(57);
  });

  it('keeps every drop-down list through the LibreOffice save', async () => {
    const workbook = new ExcelJS.Workbook();
    const bytes = await readFile(join(roundTripDir(), 'qms-starter.xlsx'));
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    let lists = 0;
    let yesNo = 0;
    // The starter holds the starter's templates (a wide KPI sheet is a file of its own).
    for (const { spec } of builtSheets.filter((s) => STARTER_MODULES.includes(s.module))) {
      if (spec.kind !== 'table') continue;
      const sheet = workbook.getWorksheet(spec.name);
      const firstDataRow = spec.name === 'Supplier Evaluation' ? 12 : 6;
      spec.columns.forEach((column, i) => {
        if (column.type !== 'list' && column.type !== 'yesno') return;
        // Yes/No columns (the review inputs, the CB comparison's answers) carry a Yes,No drop-down.
        const list = column.type === 'yesno' ? ['Yes', 'No'] : (column.list ?? []);
        for (const row of [firstDataRow, firstDataRow + 20]) {
          const dv = sheet?.getCell(row, i + 1).dataValidation;
          // LibreOffice adds a formula2 "0" to list rules; Excel ignores it, so only the list itself is compared.
          expect(dv?.type, `${spec.name} ${column.header} row ${row}`).toBe('list');
          expect(dv?.formulae[0], `${spec.name} ${column.header} row ${row}`).toBe(`"${list.join(',')}"`);
        }
        if (column.type === 'yesno') yesNo++;
        else lists++;
      });
    }
    expect(lists).toBe(18);
    expect(yesNo).toBe(16);
    expect(workbook.getWorksheet('QMS Profile')?.getCell('B10').dataValidation?.formulae[0]).toBe('"High,Medium,Low"');
  });

  it('training-wide.recognised: a wide training matrix saved by LibreOffice is read by its layout, dates and marks intact', async () => {
    const r = await check(join(roundTripDir(), 'skills-wide.xlsx'));
    expect(r.err).toBe('');
    expect(r.report.sheets).toEqual([
      {
        sheet: 'Skills',
        template: 'training-wide',
        version: 1,
        recognisedBy: 'header',
        records: 5,
        errors: 0,
        warnings: 1,
      },
    ]);
    // The one warning is the R: ISO awareness is required for J. Novak and not done.
    expect(r.report.issues.map((i) => [i.code, i.cell])).toEqual([['training-wide.gap', 'Skills!E2']]);
    expect(r.code).toBe(0);
  });

  it('a workbook LibreOffice made from a CSV is recognised by its header row and parsed', async () => {
    const r = await check(join(roundTripDir(), 'capa-from-csv.xlsx'));
    expect(r.err).toBe('');
    expect(r.report.sheets).toEqual([
      {
        sheet: 'capa-from-csv',
        template: 'capa-log',
        version: 1,
        recognisedBy: 'header',
        records: 2,
        errors: 0,
        warnings: 1,
      },
    ]);
    // The one warning is a real finding: C-2 is Major and the CSV has no Containment column.
    expect(r.report.issues.map((i) => [i.code, i.cell])).toEqual([
      ['capa.major-needs-containment', 'capa-from-csv!A3'],
    ]);
    expect(r.code).toBe(0);
  });
});
