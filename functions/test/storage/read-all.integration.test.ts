// readAllRecords and existingRows read many rows as several key ranges at once (storage/records-store.ts). Split
// at the wanted rows' keys, the ranges must give back every wanted row once, in row-key order, with the rows
// between them left out. Against Azurite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAzurite, type Azurite } from '@qms/api-harness/azurite';
import { capa, createTestApp, syncBody, syncWorkbook, type TestApp } from '@qms/api-harness';
import { existingRows, listVersionRows, readAllRecords } from '../../src/storage/records-store.js';
import { versionRowKey } from '../../src/storage/keys.js';

const COUNT = 2_600;
let azurite: Azurite;
let app: TestApp;
let owner: string;

const ids = Array.from({ length: COUNT }, (_, i) => `C-${String(i + 1).padStart(4, '0')}`);

beforeAll(async () => {
  azurite = await startAzurite();
  app = await createTestApp(azurite.connectionString);
  owner = await app.token('owner-1');
  await app.createOrg(owner, 'big');
  expect(
    (
      await syncWorkbook(
        app,
        owner,
        'big',
        syncBody(
          'r1',
          ids.map((id) => capa(id)),
        ),
      )
    ).status,
  ).toBe(200);
  // Every third record changes: its old version stays in storage, next to the new one, until collected.
  const second = ids.map((id, i) => capa(id, i % 3 === 0 ? 'In progress' : 'Open'));
  expect((await syncWorkbook(app, owner, 'big', syncBody('r2', second))).status).toBe(200);
}, 120_000);

afterAll(async () => {
  await azurite.stop();
});

describe('readAllRecords over split key ranges', () => {
  it('gives every current record once, in row-key order, and no older version', async () => {
    // The partition holds the older versions too, so the ranges have rows to pass over.
    expect((await listVersionRows(app.tables, 'big')).length).toBeGreaterThan(COUNT);
    const records = await readAllRecords(app.tables, 'big');
    expect(records).toHaveLength(COUNT);
    expect(new Set(records.map((r) => r.id)).size).toBe(COUNT);
    const keys = records.map((r) => versionRowKey(r.type, r.id, r.hash));
    expect(keys).toEqual([...keys].sort());
    const status = new Map(records.map((r) => [r.id, r.data.status]));
    ids.forEach((id, i) => expect(status.get(id), id).toBe(i % 3 === 0 ? 'In progress' : 'Open'));
  });

  it('an organisation without records reads as none', async () => {
    await app.createOrg(owner, 'empty');
    expect(await readAllRecords(app.tables, 'empty')).toEqual([]);
  });
});

describe('existingRows over split key ranges', () => {
  it('finds every stored version asked for, current or older, and none that was never written', async () => {
    const rows = (await listVersionRows(app.tables, 'big')).map((r) => r.rowKey);
    // Four in five stored versions (current and older alike) and, between them, keys that were never written.
    const stored = rows.filter((_, i) => i % 5 !== 0);
    const never = ids.slice(0, 50).map((id) => versionRowKey('capa', id, 'f'.repeat(32)));
    expect(stored.length).toBeGreaterThan(2_000);
    const found = await existingRows(app.tables, 'big', [...never, ...stored]);
    expect([...found].sort()).toEqual([...stored].sort());
  });

  it('a few keys are point queries and answer the same way', async () => {
    const rows = (await listVersionRows(app.tables, 'big')).map((r) => r.rowKey);
    const asked = [rows[0] ?? '', rows[rows.length - 1] ?? '', versionRowKey('capa', 'C-0001', '0'.repeat(32))];
    expect([...(await existingRows(app.tables, 'big', asked))].sort()).toEqual([asked[0], asked[1]].sort());
  });
});
