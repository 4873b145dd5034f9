import { generateDevKeys, mintDevToken } from '../../src/auth/dev-issuer.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/auth/roles.js';
import { startAzurite, type Azurite } from '@qms/api-harness/azurite';
import { EMPTY_DIGEST } from '@qms/contract';
import { capa, createTestApp, TEST_NOW, type TestApp } from '@qms/api-harness';

let azurite: Azurite;
let app: TestApp;
const tokens: Record<string, string> = {};

const PROFILE = {
  organizationName: 'Acme',
  certificationScope: 'Design and manufacture of widgets',
  sitesInScope: 1,
  effectivePersonnel: 40,
  riskCategory: 'Medium',
};

beforeAll(async () => {
  azurite = await startAzurite();
  app = await createTestApp(azurite.connectionString);
  for (const user of ['owner', 'editor', 'viewer', 'consultant', 'outsider', 'newcomer'])
    tokens[user] = await app.token(user);
  expect(
    (await app.call('POST', '/api/orgs', { token: tokens.owner, body: { name: 'Acme', id: 'acme' } })).status,
  ).toBe(201);
  expect(
    (await app.call('POST', '/api/orgs', { token: tokens.outsider, body: { name: 'Other Co', id: 'other' } })).status,
  ).toBe(201);
  for (const role of ['editor', 'viewer', 'consultant'] as const) {
    const res = await app.call('PUT', `/api/orgs/acme/members/${role}`, { token: tokens.owner, body: { role } });
    expect(res.status).toBe(200);
    expect((await app.call('POST', '/api/orgs/acme/invitation', { token: tokens[role] })).status).toBe(200);
  }
  expect((await app.call('PUT', '/api/orgs/acme/profile', { token: tokens.owner, body: PROFILE })).status).toBe(200);
}, 30_000);

afterAll(async () => {
  await azurite.stop();
});

interface Endpoint {
  name: string;
  method: string;
  path: string;
  body?: () => unknown;
  /** Roles of `acme` allowed to call it. */
  allowed: readonly Role[];
  okStatus: number;
}

let seq = 0;
const ENDPOINTS: Endpoint[] = [
  {
    name: 'GET profile',
    method: 'GET',
    path: '/api/orgs/acme/profile',
    allowed: ['owner', 'editor', 'viewer', 'consultant'],
    okStatus: 200,
  },
  {
    name: 'PUT profile',
    method: 'PUT',
    path: '/api/orgs/acme/profile',
    body: () => PROFILE,
    allowed: ['owner', 'editor'],
    okStatus: 200,
  },
  {
    name: 'sync',
    method: 'POST',
    path: '/api/orgs/acme/sync',
    body: () => ({ syncId: `s${(seq += 1)}`, digests: { capa: EMPTY_DIGEST } }),
    allowed: ['owner', 'editor'],
    okStatus: 200,
  },
  {
    name: 'sync upload',
    method: 'POST',
    path: '/api/orgs/acme/sync/records',
    body: () => ({
      syncId: `s${(seq += 1)}`,
      templates: { 'capa-log': 1 },
      records: [{ type: 'capa', ...capa('C-1') }],
    }),
    allowed: ['owner', 'editor'],
    okStatus: 200,
  },
  {
    name: 'records',
    method: 'GET',
    path: '/api/orgs/acme/records',
    allowed: ['owner', 'editor', 'viewer', 'consultant'],
    okStatus: 200,
  },
  {
    name: 'assessment',
    method: 'GET',
    path: '/api/orgs/acme/assessment?asOf=2026-03-01',
    allowed: ['owner', 'editor', 'viewer', 'consultant'],
    okStatus: 200,
  },
  {
    name: 'history',
    method: 'GET',
    path: '/api/orgs/acme/assessment/history',
    allowed: ['owner', 'editor', 'viewer', 'consultant'],
    okStatus: 200,
  },
  {
    name: 'PUT member',
    method: 'PUT',
    path: '/api/orgs/acme/members/newcomer',
    body: () => ({ role: 'viewer' }),
    allowed: ['owner'],
    okStatus: 200,
  },
  {
    name: 'DELETE member',
    method: 'DELETE',
    path: '/api/orgs/acme/members/newcomer',
    allowed: ['owner'],
    okStatus: 204,
  },
];

describe('roles × endpoints', () => {
  for (const endpoint of ENDPOINTS) {
    for (const user of ['owner', 'editor', 'viewer', 'consultant', 'outsider'] as const) {
      const allowed = (endpoint.allowed as readonly string[]).includes(user);
      it(`${endpoint.name} as ${user} → ${allowed ? endpoint.okStatus : 403}`, async () => {
        const res = await app.call(endpoint.method, endpoint.path, { token: tokens[user], body: endpoint.body?.() });
        expect(res.status).toBe(allowed ? endpoint.okStatus : 403);
        if (!allowed) {
          expect(res.headers.get('content-type')).toContain('application/problem+json');
          expect(res.body.code).toBe('forbidden');
        }
      });
    }
  }

  it('a user of another organisation gets the same 403 for an existing and a non-existent organisation', async () => {
    const existing = await app.call('GET', '/api/orgs/acme/records', { token: tokens.outsider });
    const missing = await app.call('GET', '/api/orgs/no-such-org/records', { token: tokens.outsider });
    expect(existing.status).toBe(403);
    expect(missing.status).toBe(403);
    expect(existing.text).toBe(missing.text);
  });

  it("/portfolio lists only the caller's organisations, with their role", async () => {
    await app.call('GET', '/api/orgs/acme/assessment?asOf=2026-03-01', { token: tokens.viewer });
    const consultant = await app.call('GET', '/api/portfolio', { token: tokens.consultant });
    expect(consultant.status).toBe(200);
    expect((consultant.body.orgs as { id: string; role: string }[]).map((o) => [o.id, o.role])).toEqual([
      ['acme', 'consultant'],
    ]);
    expect(typeof consultant.body.orgs[0].readiness).toBe('number');
    expect(consultant.body.orgs[0].verdict).toBe('Not ready');
    // The matrix above committed to acme as owner and editor (a profile PUT is a one-record commit).
    expect(consultant.body.orgs[0].lastSync).toBe(TEST_NOW.toISOString());
    const outsider = await app.call('GET', '/api/portfolio', { token: tokens.outsider });
    expect((outsider.body.orgs as { id: string }[]).map((o) => o.id)).toEqual(['other']);
  });

  it('POST /estimate needs only a signed-in user', async () => {
    const ok = await app.call('POST', '/api/estimate', {
      token: tokens.newcomer,
      body: { profile: { effectivePersonnel: 40 }, asOf: '2026-03-01' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.auditDays).toBeDefined();
    const anonymous = await app.call('POST', '/api/estimate', { body: { profile: { effectivePersonnel: 40 } } });
    expect(anonymous.status).toBe(401);
  });

  it('the last owner cannot be removed or demoted', async () => {
    const demote = await app.call('PUT', '/api/orgs/acme/members/owner', {
      token: tokens.owner,
      body: { role: 'viewer' },
    });
    expect(demote.status).toBe(409);
    expect(demote.body.code).toBe('last-owner');
    const remove = await app.call('DELETE', '/api/orgs/acme/members/owner', { token: tokens.owner });
    expect(remove.status).toBe(409);
  });

  it('a removed member loses access at once', async () => {
    await app.call('PUT', '/api/orgs/acme/members/newcomer', { token: tokens.owner, body: { role: 'editor' } });
    // Invited only: no access until the invitation is accepted.
    expect((await app.call('GET', '/api/orgs/acme/records', { token: tokens.newcomer })).status).toBe(403);
    expect((await app.call('POST', '/api/orgs/acme/invitation', { token: tokens.newcomer })).status).toBe(200);
    expect((await app.call('GET', '/api/orgs/acme/records', { token: tokens.newcomer })).status).toBe(200);
    await app.call('DELETE', '/api/orgs/acme/members/newcomer', { token: tokens.owner });
    expect((await app.call('GET', '/api/orgs/acme/records', { token: tokens.newcomer })).status).toBe(403);
  });
});

describe('tokens that are not accepted → 401 problem+json', () => {
  const cases: [string, () => Promise<string | undefined>, string][] = [
    ['no token', () => Promise.resolve(undefined), 'token-missing'],
    [
      'a bad signature',
      async () => mintDevToken(await generateDevKeys(), { user: 'owner', now: TEST_NOW }),
      'token-invalid',
    ],
    [
      'an expired token',
      () => app.token('owner', { now: new Date(TEST_NOW.getTime() - 48 * 3600_000), ttlSeconds: 3600 }),
      'token-expired',
    ],
    ['a wrong audience', () => app.token('owner', { audience: 'api://someone-else' }), 'token-claims'],
    ['a wrong issuer', () => app.token('owner', { issuer: 'https://evil.example/' }), 'token-claims'],
    ['a missing scope', () => app.token('owner', { scope: 'something.else' }), 'token-scope'],
    ['garbage', () => Promise.resolve('not.a.jwt'), 'token-invalid'],
  ];
  for (const [what, make, code] of cases) {
    it(`${what} → 401 ${code} on an org route and on /portfolio`, async () => {
      const token = await make();
      for (const [method, path] of [
        ['GET', '/api/orgs/acme/records'],
        ['GET', '/api/portfolio'],
        ['POST', '/api/orgs/acme/sync'],
      ] as const) {
        const res = await app.call(method, path, {
          ...(token === undefined ? {} : { token }),
          body: method === 'POST' ? { syncId: 'x', digests: {} } : undefined,
        });
        expect(res.status).toBe(401);
        expect(res.headers.get('www-authenticate')).toBe('Bearer');
        expect(res.body).toMatchObject({ status: 401, code });
      }
    });
  }

  it('health needs no token', async () => {
    const res = await app.call('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', storage: 'ok', storageAuth: 'connection-string' });
  });
});
