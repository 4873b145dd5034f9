// POST /orgs must not tell a caller which organisation ids exist: a taken id and a reserved one get the same answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAzurite, type Azurite } from '@qms/api-harness/azurite';
import { createTestApp, type TestApp } from '@qms/api-harness';
import { RESERVED_ORG_IDS } from '../../src/handlers/orgs.js';

let azurite: Azurite;
let app: TestApp;

beforeAll(async () => {
  azurite = await startAzurite();
  app = await createTestApp(azurite.connectionString);
  await app.tables.ensure();
}, 30_000);

afterAll(async () => {
  await azurite.stop();
});

describe('POST /orgs with an id that cannot be had', () => {
  it('answers a taken id exactly as a reserved one (409 org-id-unavailable), and stores nothing', async () => {
    const owner = await app.token('first-owner');
    const prober = await app.token('prober');
    expect((await app.call('POST', '/api/orgs', { token: owner, body: { name: 'Acme', id: 'acme' } })).status).toBe(
      201,
    );
    const taken = await app.call('POST', '/api/orgs', { token: prober, body: { name: 'Mine now', id: 'acme' } });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('org-id-unavailable');
    expect(taken.text).not.toContain('taken');
    expect([...RESERVED_ORG_IDS]).toEqual(['api', 'admin', 'health', 'portfolio', 'orgs', 'estimate']);
    for (const id of RESERVED_ORG_IDS) {
      const reserved = await app.call('POST', '/api/orgs', { token: prober, body: { name: 'X', id } });
      expect(reserved.status, id).toBe(409);
      // The text names the id asked for (as JSON, so its quotes are escaped), and differs in nothing else.
      expect(reserved.text.replaceAll(`\\"${id}\\"`, 'ID')).toBe(taken.text.replaceAll('\\"acme\\"', 'ID'));
    }
    // The prober became nothing anywhere, and the owner's organisation kept its name.
    expect((await app.call('GET', '/api/portfolio', { token: prober })).body).toEqual({ orgs: [], invitations: [] });
    const owned = await app.call('GET', '/api/portfolio', { token: owner });
    expect((owned.body.orgs as { name: string }[]).map((o) => o.name)).toEqual(['Acme']);
  });

  it('keeps `demo` usable, since `npm start` creates it', async () => {
    const res = await app.call('POST', '/api/orgs', {
      token: await app.token('dev'),
      body: { name: 'Demo', id: 'demo' },
    });
    expect(res.status).toBe(201);
  });
});
