import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAzurite, type Azurite } from '@qms/api-harness/azurite';
import { recordingHttpClient, storageClaims, stubTokenCredential } from '@qms/api-harness/bearer';
import { capa, createTestApp, storedHashes, syncBody, syncWorkbook } from '@qms/api-harness';
import { createTables } from '../../src/storage/tables.js';

/**
 * The managed-identity path (QMS_STORAGE as an endpoint URL, docs/api.md "Settings") against Azurite's OAuth mode:
 * https with a self-signed certificate made here, `--oauth basic`, and a stub credential in place of
 * DefaultAzureCredential. What goes over the wire is recorded below every pipeline policy.
 */
describe('storage with a token credential (Azurite --oauth basic over https)', () => {
  let dir: string;
  let azurite: Azurite;
  let ca: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'qms-oauth-'));
    const certFile = join(dir, 'cert.pem');
    const keyFile = join(dir, 'key.pem');
    await promisify(execFile)('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ]);
    ca = await readFile(certFile, 'utf8');
    azurite = await startAzurite({ oauth: { certFile, keyFile } });
  }, 60_000);

  afterAll(async () => {
    await azurite?.stop();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('creates the tables, syncs and reads records with Bearer tokens only, never a shared key', async () => {
    const credential = stubTokenCredential();
    const httpClient = recordingHttpClient();
    const app = await createTestApp({
      endpoint: azurite.endpoint,
      credential,
      clientOptions: { tlsOptions: { ca }, httpClient },
    });
    expect(app.tables.auth).toBe('token');
    await app.tables.ensure();

    const health = await app.call('GET', '/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok', storage: 'ok', storageAuth: 'token' });

    const owner = await app.token('owner');
    await app.createOrg(owner, 'acme');
    const records = [capa('C-1'), capa('C-2', 'Closed')];
    const sync = await syncWorkbook(app, owner, 'acme', syncBody('first', records));
    expect(sync.status).toBe(200);
    expect(await storedHashes(app, 'acme', owner)).toEqual(Object.fromEntries(records.map((r) => [r.id, r.hash])));

    expect(httpClient.schemes.length).toBeGreaterThan(10);
    expect(httpClient.schemes.filter((s) => s !== 'Bearer')).toEqual([]);
    expect(httpClient.schemes.some((s) => /^SharedKey/i.test(s))).toBe(false);
    expect(new Set(credential.scopes)).toEqual(new Set(['https://storage.azure.com/.default']));
  });

  it('is refused by Azurite when the token is for another audience (the emulator checks what it is sent)', async () => {
    const wrong = stubTokenCredential(() => ({ ...storageClaims(), aud: 'https://vault.azure.net' }));
    const tables = createTables({
      endpoint: azurite.endpoint,
      credential: wrong,
      prefix: 'wrongaud',
      clientOptions: { tlsOptions: { ca } },
    });
    await expect(tables.ensure()).rejects.toMatchObject({ statusCode: 403 });
  });
});
