import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '@qms/templates';
import { invalidateManifest, readManifest, readManifestHead } from '../storage/manifest-store.js';
import { toRecordEntity } from '../storage/record-entity.js';
import { readHashes } from '../storage/records-store.js';
import { startAzurite, type Azurite } from '../test-support/azurite.js';
import { capa, createTestApp, syncBody, type TestApp } from '../test-support/harness.js';

let azurite: Azurite;
let app: TestApp;
let owner: string;
let recordQueries = 0;

beforeAll(async () => {
  azurite = await startAzurite();
  app = await createTestApp(azurite.connectionString);
  owner = await app.token('owner');
  // Count queries against the records table, to see when a sync is served by the manifest alone.
  const list = app.tables.records.listEntities.bind(app.tables.records);
  app.tables.records.listEntities = (...args: Parameters<typeof list>) => {
    recordQueries += 1;
    return list(...args);
  };
}, 30_000);

afterAll(async () => {
  await azurite.stop();
});

async function manifestMatchesStorage(org: string): Promise<void> {
  const head = await readManifestHead(app.tables, org, 'capa');
  expect(head?.valid).toBe(true);
  const manifest = await readManifest(app.tables, org, 'capa', head);
  const actual = await readHashes(app.tables, org, [{ type: 'capa' }]);
  expect(Object.fromEntries(manifest ?? [])).toEqual(Object.fromEntries([...actual].map(([k, v]) => [k, v.hash])));
}

describe('hash manifests', () => {
  it('track the stored state through creates, updates and deletes (single and multi-part)', async () => {
    expect((await app.call('POST', '/api/orgs', { token: owner, body: { name: 'M', id: 'm' } })).status).toBe(201);
    await app.call('POST', '/api/orgs/m/sync', {
      token: owner,
      body: syncBody(
        'a',
        ['A', 'B', 'C'].map((id) => capa(id)),
      ),
    });
    await manifestMatchesStorage('m');
    await app.call('POST', '/api/orgs/m/sync', {
      token: owner,
      body: syncBody('b', [capa('A', 'Cancelled'), capa('D')]),
    });
    await manifestMatchesStorage('m');
    await app.call('POST', '/api/orgs/m/sync', {
      token: owner,
      body: syncBody('c', [capa('E')], { part: 1, parts: 2 }),
    });
    await manifestMatchesStorage('m');
    const last = await app.call('POST', '/api/orgs/m/sync', {
      token: owner,
      body: syncBody('c', [capa('A', 'Cancelled')], { part: 2, parts: 2 }),
    });
    expect(last.body).toMatchObject({ created: 0, unchanged: 1, deleted: 1 });
    await manifestMatchesStorage('m');
  });

  it('serve an unchanged re-sync without a single query of the records table', async () => {
    const body = syncBody('same', [capa('A', 'Cancelled'), capa('E')]);
    await app.call('POST', '/api/orgs/m/sync', { token: owner, body });
    recordQueries = 0;
    const again = await app.call('POST', '/api/orgs/m/sync', { token: owner, body: { ...body, syncId: 'same-2' } });
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 2, deleted: 0 });
    expect(recordQueries).toBe(0);
  });

  it('left invalid by a sync that died mid-write, are not trusted: the next sync reads the records and rebuilds them', async () => {
    expect((await app.call('POST', '/api/orgs', { token: owner, body: { name: 'Crash', id: 'crash' } })).status).toBe(
      201,
    );
    await app.call('POST', '/api/orgs/crash/sync', { token: owner, body: syncBody('a', [capa('A'), capa('B')]) });
    // A sync invalidates the manifest, writes A as Cancelled and dies before rewriting the manifest.
    await invalidateManifest(app.tables, 'crash', 'capa', await readManifestHead(app.tables, 'crash', 'capa'));
    const data = { capaId: 'A', dateOpened: '2026-01-05', status: 'Cancelled' };
    const entity = toRecordEntity('crash', {
      type: 'capa',
      id: 'A',
      data,
      hash: contentHash(data),
      source: { sheet: 'CAPA Log', row: 2 },
      warnings: [],
      syncId: 'dead',
      updatedAt: 'x',
    });
    await app.tables.records.upsertEntity(entity, 'Replace');

    // The workbook still says A is Open: the stored record differs from it, whatever the old manifest said.
    recordQueries = 0;
    const res = await app.call('POST', '/api/orgs/crash/sync', {
      token: owner,
      body: syncBody('b', [capa('A'), capa('B')]),
    });
    expect(res.body).toMatchObject({ updated: 1, unchanged: 1 });
    expect(recordQueries).toBeGreaterThan(0);
    await manifestMatchesStorage('crash');
  });

  it('still re-validate records whose content is unchanged (a stored record the schema now refuses is reported)', async () => {
    expect((await app.call('POST', '/api/orgs', { token: owner, body: { name: 'Old', id: 'old' } })).status).toBe(201);
    // Stored earlier under a looser rule: a date the schema refuses today.
    const data = { capaId: 'OLD-1', dateOpened: '2026-13-45', status: 'Open' };
    const hash = contentHash(data);
    await app.tables.ensure();
    await app.tables.records.createEntity(
      toRecordEntity('old', {
        type: 'capa',
        id: 'OLD-1',
        data,
        hash,
        source: { sheet: 'CAPA Log', row: 2 },
        warnings: [],
        syncId: 'legacy',
        updatedAt: 'x',
      }),
    );
    const res = await app.call('POST', '/api/orgs/old/sync', {
      token: owner,
      body: syncBody('v', [{ id: 'OLD-1', data, hash, source: { sheet: 'CAPA Log', row: 2 } }]),
    });
    expect(res.status).toBe(422);
    expect(res.body.rejected[0]).toMatchObject({
      id: 'OLD-1',
      issues: [{ code: 'record.invalid-data', field: 'dateOpened' }],
    });
  });
});
