import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAzurite, type Azurite } from '@qms/api-harness/azurite';
import { createApiClient, runSync } from '@qms/client';
import { capa, createTestApp, syncBody, toSyncInput, type TestApp } from '@qms/api-harness';
import { startDevHost, type DevHost } from '../../src/dev/host.js';

let azurite: Azurite;
let app: TestApp;
let host: DevHost;
let token: string;

beforeAll(async () => {
  azurite = await startAzurite();
  app = await createTestApp(azurite.connectionString);
  host = await startDevHost(() => Promise.resolve(app.deps), { port: 0 });
  token = await app.token('dev-owner');
}, 30_000);

afterAll(async () => {
  await host.close();
  await azurite.stop();
});

const auth = () => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

describe('dev host (node:http → HttpRequest → the same route table)', () => {
  it('serves a whole flow over HTTP: create org, sync, read records back', async () => {
    const health = await fetch(`${host.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', storage: 'ok', storageAuth: 'connection-string' });

    const created = await fetch(`${host.url}/orgs`, {
      method: 'POST',
      headers: auth(),
      body: JSON.stringify({ name: 'Dev Co', id: 'dev-co' }),
    });
    expect(created.status).toBe(201);
    // The shared client's whole sync (plan, upload, commit) over real HTTP.
    const client = createApiClient({ baseUrl: host.url, getToken: () => Promise.resolve(token) });
    const sync = await runSync(client, 'dev-co', toSyncInput(syncBody('h1', [capa('CAPA/1'), capa('CAPA#2')])));
    expect(sync).toMatchObject({ created: 2, uploaded: 2 });
    const records = await fetch(`${host.url}/orgs/dev-co/records?type=capa`, { headers: auth() });
    const body = (await records.json()) as { records: { id: string }[] };
    expect(body.records.map((r) => r.id).sort()).toEqual(['CAPA#2', 'CAPA/1']);
  });

  it('refuses a 5 MiB body with 413 problem+json without buffering it', async () => {
    const huge = JSON.stringify(syncBody('big', [capa('A', 'Open', { description: 'z'.repeat(5 * 1024 * 1024) })]));
    const res = await fetch(`${host.url}/orgs/dev-co/sync/records`, { method: 'POST', headers: auth(), body: huge });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(((await res.json()) as { code: string }).code).toBe('body-too-large');
  });

  it('answers CORS preflights for the task pane origin only', async () => {
    const ok = await fetch(`${host.url}/orgs/dev-co/profile`, {
      method: 'OPTIONS',
      headers: { origin: 'https://localhost:3000', 'access-control-request-method': 'PUT' },
    });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://localhost:3000');
    expect(ok.headers.get('access-control-allow-methods')).toContain('PUT');
    expect(ok.headers.get('access-control-allow-headers')).toContain('authorization');
    const evil = await fetch(`${host.url}/orgs/dev-co/profile`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example' },
    });
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const simple = await fetch(`${host.url}/health`, { headers: { origin: 'https://localhost:3000' } });
    expect(simple.headers.get('access-control-allow-origin')).toBe('https://localhost:3000');
  });

  it('answers unknown paths with 404 and wrong methods with 405, as problem+json', async () => {
    const missing = await fetch(`${host.url}/nope`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    const wrong = await fetch(`${host.url}/health`, { method: 'DELETE' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toContain('GET');
  });

  it.each(['a/b', 'a\\b', 'a#b', 'a?b', 'a\u0007b'])(
    'rejects the organisation id %j (a forbidden key character) with 400, never a lookup',
    async (org) => {
      const res = await fetch(`${host.url}/orgs/${encodeURIComponent(org)}/records`, { headers: auth() });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(((await res.json()) as { code: string }).code).toBe('bad-org-id');
    },
  );

  it('rejects a malformed organisation id in the path with 400', async () => {
    const res = await fetch(`${host.url}/orgs/${encodeURIComponent('Bad Org!')}/records`, { headers: auth() });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe('bad-org-id');
  });

  it('answers a Host header that is no host name with 400 bad-host, not 500', async () => {
    const { hostname, port } = new URL(host.url);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ hostname, port, path: '/api/health', headers: { host: 'bad host[' } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(answer.status).toBe(400);
    expect((JSON.parse(answer.body) as { code: string }).code).toBe('bad-host');
  });
});
