import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseWorkbook, PROFILE_SHEET, qmsProfile, type WorkbookInput } from '@qms/templates';
import { PROFILE_V2, registerProfileV2 } from '@qms/workbook-fixtures';
import { readWorkbook } from '@qms/templates/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from './main.js';
import { memoryIo } from './shared/memory-io.js';

// The made-up qms-profile@2 of @qms/workbook-fixtures, injected for this file only (never shipped): a new field
// "Export share (%)", which the upgrade appends as a row with the value 0.
const DEMO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'demo-manufacturer.xlsx');
const NOW = new Date(Date.UTC(2026, 10, 24, 12));

let dir: string;
let undo: () => void;
let original: WorkbookInput;

async function run(...argv: string[]) {
  const io = memoryIo(dir, NOW);
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qms-upgrade-profile-'));
  await copyFile(DEMO, join(dir, 'v1.xlsx'));
  original = await readWorkbook(new Uint8Array(await readFile(join(dir, 'v1.xlsx'))));
  undo = registerProfileV2();
});

afterAll(async () => {
  undo();
  await rm(dir, { recursive: true, force: true });
});

describe('qms upgrade of the QMS Profile (qms-profile@1 → a made-up qms-profile@2)', () => {
  it('upgrade.profile-field: appends the new field as a row in the .xlsx, keeps every other cell, and v2 reads the same profile plus the field', async () => {
    const r = await run('upgrade', 'v1.xlsx', '--out', 'v2.xlsx');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('QMS Profile: qms-profile@1 → qms-profile@2');
    expect(r.out).toContain('Field "Export share (%)" (new in qms-profile@2) was added as row');

    const upgraded = await readWorkbook(new Uint8Array(await readFile(join(dir, 'v2.xlsx'))));
    expect(upgraded.templates).toMatchObject({ 'qms-profile': 2, 'capa-log': 1 });
    const before = original.sheets.find((s) => s.name === PROFILE_SHEET)!;
    const after = upgraded.sheets.find((s) => s.name === PROFILE_SHEET)!;
    expect(after.marker).toBe('qms-profile@2:QMS Profile');
    before.values.forEach((row, i) =>
      row.forEach((value, c) => expect(after.values[i]?.[c], `row ${i + 1} column ${c + 1}`).toEqual(value)),
    );
    const added = after.values.findIndex((row) => row.includes('Export share (%)'));
    expect(added).toBeGreaterThanOrEqual(before.values.length - 1);
    expect(after.values[added]?.filter((v) => v !== null && v !== undefined && v !== '')).toEqual([
      'Export share (%)',
      0,
    ]);

    const asOf = { asOf: '2026-11-24' };
    const v1 = parseWorkbook(original, [qmsProfile], asOf).records[0];
    const v2 = parseWorkbook(upgraded, [PROFILE_V2], asOf).records[0];
    expect(v2?.data).toEqual({ ...v1?.data, exportShare: 0 });
  });
});
