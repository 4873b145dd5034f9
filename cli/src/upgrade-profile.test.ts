import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  makeRecord,
  parseWorkbook,
  PROFILE_SHEET,
  qmsProfile,
  qmsProfileSpec,
  versionRegistry,
  type FieldSheetSpec,
  type FieldsRead,
  type Migration,
  type TemplateModule,
  type WorkbookInput,
} from '@qms/templates';
import { readWorkbook } from '@qms/templates/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from './main.js';
import { memoryIo } from './shared/memory-io.js';

// A made-up qms-profile@2, injected for this file only (never shipped): a new field "Export share (%)", which the
// upgrade appends as a row with the value 0.
const DEMO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'demo-manufacturer.xlsx');
const NOW = new Date(Date.UTC(2026, 10, 24, 12));
const v1Sheet = qmsProfileSpec.sheets[0] as FieldSheetSpec;
const profileV2: TemplateModule = {
  ...qmsProfile,
  spec: {
    ...qmsProfileSpec,
    version: 2,
    sheets: [
      { ...v1Sheet, fields: [...v1Sheet.fields, { key: 'exportShare', header: 'Export share (%)', type: 'number' }] },
    ],
  },
  rules: (reads, ctx) => {
    const base = qmsProfile.rules(reads, ctx);
    const share = (reads[PROFILE_SHEET] as FieldsRead | undefined)?.row.values.exportShare;
    const records = base.records.map((r) => makeRecord(r.type, r.id, { ...r.data, exportShare: share }, r.source));
    return { ...base, version: 2, records };
  },
};
const toV2: Migration = {
  templateId: 'qms-profile',
  from: 1,
  to: 2,
  description: 'QMS Profile gains "Export share (%)"',
  sheets: [{ sheet: PROFILE_SHEET, changes: [{ kind: 'add', header: 'Export share (%)', fill: 0 }] }],
};

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
  undo = versionRegistry.register(profileV2, [toV2]);
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
    const v2 = parseWorkbook(upgraded, [profileV2], asOf).records[0];
    expect(v2?.data).toEqual({ ...v1?.data, exportShare: 0 });
  });
});
