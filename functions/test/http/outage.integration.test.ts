import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAzurite, type Azurite } from '@qms/api-harness/azurite';
import { capa, createTestApp, storedHashes, syncBody, syncWorkbook, type TestApp } from '@qms/api-harness';

describe('storage outage', () => {
  let azurite: Azurite;
  let app: TestApp;
  let owner: string;
  let dir: string;

  beforeAll(async () => {
    // Persisted to a temporary folder, so the data outlives the emulator being stopped, as Azure's would.
    dir = await mkdtemp(join(tmpdir(), 'qms-azurite-'));
    azurite = await startAzurite({ location: dir });
    app = await createTestApp(azurite.connectionString);
    owner = await app.token('owner');
  }, 30_000);

  afterAll(async () => {
    await azurite.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers 503 + Retry-After while storage is down, and a retried sync completes once it is back', async () => {
    expect((await app.call('POST', '/api/orgs', { token: owner, body: { name: 'Acme', id: 'acme' } })).status).toBe(
      201,
    );
    const earlier = Array.from({ length: 40 }, (_, i) => capa(`C-${i}`));
    expect((await syncWorkbook(app, owner, 'acme', syncBody('before', earlier))).status).toBe(200);
    // The workbook now: ten rows deleted, ten closed, five added.
    const workbook = [
      ...Array.from({ length: 30 }, (_, i) => capa(`C-${i}`, i < 10 ? 'Cancelled' : 'Open')),
      ...Array.from({ length: 5 }, (_, i) => capa(`N-${i}`)),
    ];
    const body = syncBody('after-outage', workbook);

    await azurite.stop();
    const health = await app.call('GET', '/api/health');
    expect(health.status).toBe(503);
    expect(health.body).toEqual({ status: 'degraded', storage: 'unreachable', storageAuth: 'connection-string' });
    expect(Number(health.headers.get('retry-after'))).toBeGreaterThan(0);

    // The upload is a write: storage failing under it leaves its outcome unknown.
    const upload = {
      syncId: 'after-outage',
      templates: body.templates,
      records: workbook.map((r) => ({ type: 'capa', ...r })),
    };
    const sync = await app.call('POST', '/api/orgs/acme/sync/records', { token: owner, body: upload });
    expect(sync.status).toBe(503);
    expect(sync.headers.get('content-type')).toContain('application/problem+json');
    expect(sync.body.code).toBe('storage-unavailable');
    // A write that met a storage failure does not claim nothing changed: its outcome is unknown, and resending is safe.
    expect(sync.body.outcome).toBe('unknown');
    expect(sync.body.detail).toContain('may have been partly applied');
    expect(sync.body.detail).not.toContain('nothing was changed');
    expect(Number(sync.headers.get('retry-after'))).toBeGreaterThan(0);

    await azurite.start();
    expect((await app.call('GET', '/api/health')).status).toBe(200);
    const retried = await syncWorkbook(app, owner, 'acme', body);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ created: 5, updated: 10, unchanged: 20, deleted: 10, rejected: [] });
    expect(await storedHashes(app, 'acme', owner)).toEqual(Object.fromEntries(workbook.map((r) => [r.id, r.hash])));
  }, 60_000);
});

describe('emulator restarted empty', () => {
  let azurite: Azurite;
  let app: TestApp;

  beforeAll(async () => {
    azurite = await startAzurite();
    app = await createTestApp(azurite.connectionString);
  }, 30_000);

  afterAll(async () => {
    await azurite.stop();
  });

  it('recreates missing tables on the next request instead of failing', async () => {
    const owner = await app.token('owner');
    expect((await app.call('POST', '/api/orgs', { token: owner, body: { name: 'Acme', id: 'acme' } })).status).toBe(
      201,
    );
    await azurite.stop();
    await azurite.start();
    const again = await app.call('POST', '/api/orgs', { token: owner, body: { name: 'Acme', id: 'acme' } });
    expect(again.status).toBe(201);
    const sync = await syncWorkbook(app, owner, 'acme', syncBody('s', [capa('A')]));
    expect(sync.body).toMatchObject({ created: 1 });
  }, 60_000);
});
