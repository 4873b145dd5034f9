import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWorkbook } from '@qms/templates/xlsx';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from './main.js';
import { memoryIo } from './shared/memory-io.js';

/** `qms map` on SharePoint-style CAPA exports: headers and words of their own, mapped once, read ever after. */
let dir: string;
const NOW = new Date(Date.UTC(2026, 5, 30, 12));

async function run(...argv: string[]) {
  const io = memoryIo(dir, NOW);
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

async function sharePointExport(name: string, rows: unknown[][]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Issues');
  ws.addRow(['ID', 'Title', 'Created', 'Assigned To', 'Due Date', 'Progress', 'Kind']);
  for (const r of rows) ws.addRow(r);
  wb.addWorksheet('Notes').addRow(['exported from SharePoint']);
  await writeFile(join(dir, name), new Uint8Array(await wb.xlsx.writeBuffer()));
}

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const MAPPING = {
  sheets: [
    {
      sheet: 'Issues',
      template: 'capa-log',
      columns: { ID: 'CAPA ID', Created: 'Date opened', Progress: 'Status', Kind: 'Source' },
      values: {
        Status: { Done: 'Awaiting verification', 'Working on it': 'In progress' },
        Source: { Audit: 'Internal audit' },
      },
    },
  ],
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qms-map-'));
  await sharePointExport('site-a.xlsx', [
    [17, 'Calibration label missing', d('2026-03-02'), 'Ann', d('2026-09-30'), 'Done', 'Audit'],
    [18, 'Wrong part shipped', d('2026-03-09'), 'Ben', d('2026-09-30'), 'Working on it', 'Audit'],
  ]);
  await sharePointExport('site-b.xlsx', [
    [5, 'Torque not recorded', d('2026-04-01'), 'Cleo', d('2026-10-31'), 'Done', 'Audit'],
  ]);
  await writeFile(join(dir, 'capa-mapping.json'), JSON.stringify(MAPPING));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('qms map', () => {
  it('map.flags: maps a sheet by flags; the copy carries the mapping and qms check reads its records', async () => {
    const before = await run('check', 'site-a.xlsx', '--as-of', '2026-06-30');
    expect(before.out).toContain('No template sheet was recognised');
    const r = await run(
      'map',
      'site-a.xlsx',
      '--out',
      'site-a-mapped.xlsx',
      '--sheet',
      'Issues',
      '--as',
      'capa-log',
      '--column',
      'ID=CAPA ID',
      '--column',
      'Created=Date opened',
      '--column',
      'Progress=Status',
      '--column',
      'Kind=Source',
      '--value',
      'Status:Done=Awaiting verification',
      '--value',
      'Status:Working on it=In progress',
      '--value',
      'Source:Audit=Internal audit',
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Issues → capa-log: CAPA Log, 2 records, 0 errors');
    const input = await readWorkbook(new Uint8Array(await readFile(join(dir, 'site-a-mapped.xlsx'))));
    expect(input.sheets.find((s) => s.name === 'Issues')?.mapping).toEqual({
      template: 'capa-log',
      sheet: 'CAPA Log',
      headerRow: 1,
      columns: { Created: 'dateOpened', ID: 'capaId', Kind: 'source', Progress: 'status' },
      values: {
        source: { Audit: 'Internal audit' },
        status: { Done: 'Awaiting verification', 'Working on it': 'In progress' },
      },
    });
    const after = await run('check', 'site-a-mapped.xlsx', '--as-of', '2026-06-30');
    expect(after.out).toContain('Issues (capa-log@1, recognised by mapping): 2 records, 0 errors');
    // The input is untouched, and only the mapped sheet (and the parts for its property) changed in the copy.
    const source = await JSZip.loadAsync(await readFile(join(dir, 'site-a.xlsx')));
    const copy = await JSZip.loadAsync(await readFile(join(dir, 'site-a-mapped.xlsx')));
    const changed: string[] = [];
    for (const name of Object.keys(source.files))
      if ((await source.file(name)?.async('base64')) !== (await copy.file(name)?.async('base64'))) changed.push(name);
    expect(changed).toContain('xl/worksheets/sheet1.xml');
    const owned = ['[Content_Types].xml', 'xl/worksheets/sheet1.xml', 'xl/worksheets/_rels/sheet1.xml.rels'];
    expect(changed.filter((n) => !owned.includes(n))).toEqual([]);
  });

  it('map.file: one mapping file applied to several workbooks gives each its records', async () => {
    for (const [file, records] of [
      ['site-a.xlsx', 2],
      ['site-b.xlsx', 1],
    ] as const) {
      const out = file.replace('.xlsx', '-from-file.xlsx');
      const r = await run('map', file, '--out', out, '--mapping', 'capa-mapping.json');
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const json = JSON.parse((await run('check', out, '--as-of', '2026-06-30', '--json')).out) as {
        sheets: { sheet: string; recognisedBy: string; records: number; errors: number }[];
      };
      expect(json.sheets).toMatchObject([{ sheet: 'Issues', recognisedBy: 'mapping', records, errors: 0 }]);
    }
  });

  it('map.problems: every problem with a mapping is listed at once, exit 2, and nothing is written', async () => {
    const r = await run(
      'map',
      'site-a.xlsx',
      '--out',
      'bad.xlsx',
      '--sheet',
      'Issues',
      '--as',
      'capa-log',
      '--column',
      'Opened on=Date opened',
      '--column',
      'Created=Start',
      '--value',
      'Status:Done=Finished',
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      'row 1 has no header "Opened on" (headers: ID, Title, Created, Assigned To, Due Date, Progress, Kind)',
    );
    expect(r.err).toContain('"Start" is no column of CAPA Log');
    expect(r.err).toContain(
      '"Finished" is not a Status (one of: Open, In progress, Awaiting verification, Closed, Cancelled)',
    );
    await expect(stat(join(dir, 'bad.xlsx'))).rejects.toThrow();
    const unknown = await run('map', 'site-a.xlsx', '--out', 'bad.xlsx', '--sheet', 'Sheet9', '--as', 'risk-log');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('no sheet "Sheet9" in the workbook (sheets: Issues, Notes)');
    const noOut = await run('map', 'site-a.xlsx', '--sheet', 'Issues', '--as', 'capa-log');
    expect(noOut.code).toBe(2);
    expect(noOut.err).toContain('--out must name the new .xlsx file');
  });
});
