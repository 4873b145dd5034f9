import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from './main.js';
import type { CheckReport } from './shared/check-report.js';
import { openCapaRow, TEMPLATE_XLSX_DIR, utcDate, writeFilledTemplate } from '@qms/workbook-fixtures/filled';
import { memoryIo } from './shared/memory-io.js';

const NOW = new Date(2026, 5, 30, 12, 0, 0); // 30 June 2026, local time
let dir: string;

async function run(...argv: string[]) {
  const io = memoryIo(dir, NOW);
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

// Fixtures are filled in and saved with ExcelJS, which drops the template markers, so their sheets are
// recognised by header row; the committed files (last test) keep their markers.

/** CAPA rows from row 6 (the first data row of the template). */
function fillCapa(rows: Record<number, unknown[]>) {
  return (workbook: ExcelJS.Workbook) => {
    const sheet = workbook.getWorksheet('CAPA Log');
    if (!sheet) throw new Error('CAPA Log sheet missing from capa-log.xlsx');
    for (const [row, values] of Object.entries(rows)) sheet.getRow(Number(row)).values = values as ExcelJS.CellValue[];
  };
}

const d = utcDate;
const OPEN = openCapaRow('C-1');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qms-check-'));
  await writeFilledTemplate('capa-log.xlsx', join(dir, 'clean.xlsx'), fillCapa({ 6: OPEN }));
  await writeFilledTemplate(
    'capa-log.xlsx',
    join(dir, 'problems.xlsx'),
    fillCapa({
      6: OPEN,
      // Overdue as of 30 June: a warning on the Due date cell (L9).
      9: [
        'C-2',
        d('2026-02-01'),
        'Customer complaint',
        null,
        'Minor',
        'Late',
        null,
        null,
        null,
        null,
        'QM',
        d('2026-03-01'),
        'In progress',
      ],
      // "Shelved" is not a Status (nor a word read as one): an error on M14.
      14: [
        'C-3',
        d('2026-03-01'),
        'Supplier',
        null,
        'Minor',
        'Wrong part',
        null,
        null,
        null,
        null,
        'QM',
        d('2026-12-31'),
        'Shelved',
      ],
    }),
  );
  await writeFilledTemplate('capa-log.xlsx', join(dir, 'with-notes.xlsx'), (workbook) => {
    fillCapa({ 6: OPEN })(workbook);
    workbook.addWorksheet('Notes').getCell('A1').value = 'Meeting notes, not a template';
  });
  await writeFilledTemplate(
    'capa-log.xlsx',
    join(dir, 'opened-1-july.xlsx'),
    fillCapa({
      6: [
        'C-9',
        d('2026-07-01'),
        'Internal audit',
        null,
        'Minor',
        'x',
        null,
        null,
        null,
        null,
        'QM',
        d('2026-12-31'),
        'Open',
      ],
    }),
  );
  await writeFile(join(dir, 'not-a-workbook.xlsx'), 'CAPA ID,Status\nC-1,Open\n');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('qms check', () => {
  it('exit 0 on a clean workbook, with the per-sheet record count', async () => {
    const r = await run('check', 'clean.xlsx');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toContain('Checked clean.xlsx as of 2026-06-30');
    expect(r.out).toContain('CAPA Log (capa-log@1, recognised by header): 1 record, 0 errors, 0 warnings');
    expect(r.out).toContain('OK: 0 errors, 0 warnings, 1 record in 1 template sheet.');
  });

  it('exit 1 with errors; every issue names its cell, errors listed before warnings', async () => {
    const r = await run('check', 'problems.xlsx', '--as-of', '2026-06-30');
    expect(r.code).toBe(1);
    const lines = r.out.split('\n');
    const error = lines.findIndex((l) => l.startsWith('  error    CAPA Log!M14: '));
    const warning = lines.findIndex((l) => l.startsWith('  warning  CAPA Log!L9: '));
    expect(error).toBeGreaterThan(0);
    expect(warning).toBeGreaterThan(error);
    expect(lines[error]).toContain('Shelved');
    expect(r.out).toContain('CAPA Log (capa-log@1, recognised by header): 2 records, 1 error, 1 warning');
    expect(r.out).toContain('Problems found: 1 error, 1 warning, 2 records in 1 template sheet.');
  });

  it('--json gives the same findings in a stable machine form', async () => {
    const first = await run('check', 'problems.xlsx', '--json', '--as-of', '2026-06-30');
    const again = await run('check', '--json', 'problems.xlsx', '--as-of=2026-06-30');
    expect(first.code).toBe(1);
    expect(again.out).toBe(first.out);
    const report = JSON.parse(first.out) as CheckReport;
    expect(Object.keys(report)).toEqual(['file', 'asOf', 'ok', 'summary', 'sheets', 'unrecognised', 'issues']);
    expect(report).toMatchObject({
      file: 'problems.xlsx',
      asOf: '2026-06-30',
      ok: false,
      summary: { errors: 1, warnings: 1, records: 2, sheets: 1 },
      sheets: [
        {
          sheet: 'CAPA Log',
          template: 'capa-log',
          version: 1,
          recognisedBy: 'header',
          records: 2,
          errors: 1,
          warnings: 1,
        },
      ],
      unrecognised: [],
    });
    expect(report.issues.map((i) => [i.severity, i.cell, i.code])).toEqual([
      ['error', 'CAPA Log!M14', 'cell.not-in-list'],
      ['warning', 'CAPA Log!L9', 'capa.overdue'],
    ]);
  });

  it('lists the sheets it did not recognise', async () => {
    const r = await run('check', 'with-notes.xlsx');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Not recognised (left alone): Notes');
  });

  it('the default as-of date is today from io.now()', async () => {
    const onJune30 = await run('check', 'opened-1-july.xlsx');
    expect(onJune30.code).toBe(1);
    expect(onJune30.out).toContain('CAPA Log!B6');
    const io = memoryIo(dir, new Date(2026, 6, 2, 9, 0, 0));
    expect(await main(['check', 'opened-1-july.xlsx'], io)).toBe(0);
    expect(io.out()).toContain('as of 2026-07-02');
  });

  it('exit 2 with a one-line reason when the file cannot be read or the arguments are wrong', async () => {
    const cases: [string[], RegExp][] = [
      [['check', 'nowhere.xlsx'], /^qms check: nowhere\.xlsx: no such file/],
      [
        ['check', 'not-a-workbook.xlsx'],
        /^qms check: not-a-workbook\.xlsx: This is a text file \(perhaps CSV\), not an \.xlsx/,
      ],
      [
        ['check', 'clean.xlsx', '--as-of', '2026-02-30'],
        /^qms check: --as-of "2026-02-30" is not a date; write it as YYYY-MM-DD/,
      ],
      [['check', 'clean.xlsx', '--as-of', '30/06/2026'], /^qms check: --as-of "30\/06\/2026" is not a date/],
      [['check'], /^qms check: name the \.xlsx file to check/],
      [['check', 'clean.xlsx', '--colour'], /^qms check: Unknown option '--colour'/],
      [['check', '.'], /^qms check: \. is a folder/],
    ];
    for (const [argv, reason] of cases) {
      const r = await run(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.out, argv.join(' ')).toBe('');
      expect(r.err, argv.join(' ')).toMatch(reason);
    }
  });

  it('checks the committed QMS Starter: blank required profile fields are its only errors', async () => {
    const r = await run('check', join(TEMPLATE_XLSX_DIR, 'qms-starter.xlsx'), '--json', '--as-of', '2026-06-30');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as CheckReport;
    expect(report.sheets).toHaveLength(11);
    expect(report.sheets.every((s) => s.recognisedBy === 'marker')).toBe(true);
    expect(report.issues.filter((i) => i.severity === 'error').map((i) => i.cell)).toEqual([
      'QMS Profile!B6',
      'QMS Profile!B7',
      'QMS Profile!B8',
      'QMS Profile!B9',
      'QMS Profile!B10',
    ]);
    expect(report.sheets.find((s) => s.sheet === 'Gap Analysis')?.records).toBe(57);
  });
});
