// Consultants' template packs over the API on Azurite: publishing (immutable per version), who reads a pack (its
// owner and the members of organisations it is assigned to, nobody else can tell it exists), and assigning it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAzurite, type Azurite } from '@qms/api-harness/azurite';
import { createTestApp, type TestApp } from '@qms/api-harness';

const EXAMPLE = join(import.meta.dirname, '..', '..', '..', 'examples', 'packs', 'acme-consulting.v1.json');
const V1 = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as Record<string, unknown> & { id: string; version: number };
const ID = V1.id;
const v2 = { ...V1, version: 2, title: 'Acme Consulting QMS pack, second edition' };

let azurite: Azurite;
let app: TestApp;
/** carol: the consultant who publishes the pack; alice and bob own client orgs A and B; cyril owns org C. */
const t: Record<'carol' | 'alice' | 'ann' | 'bob' | 'cyril' | 'dave', string> = {
  carol: '',
  alice: '',
  ann: '',
  bob: '',
  cyril: '',
  dave: '',
};

/** Makes `user` a member of `org` with `role`: the owner invites, the user accepts. */
async function joinOrg(org: string, ownerToken: string, user: string, role: string, userToken: string) {
  const invited = await app.call('PUT', `/api/orgs/${org}/members/${user}`, { token: ownerToken, body: { role } });
  expect(invited.status, invited.text).toBe(200);
  const accepted = await app.call('POST', `/api/orgs/${org}/invitation`, { token: userToken });
  expect(accepted.status, accepted.text).toBe(200);
}

const put = (token: string, body: unknown, id = ID) => app.call('PUT', `/api/packs/${id}`, { token, body });
const get = (token: string, query = '', id = ID) => app.call('GET', `/api/packs/${id}${query}`, { token });
const assign = (token: string, org: string, body: unknown) => app.call('PUT', `/api/orgs/${org}/pack`, { token, body });

beforeAll(async () => {
  azurite = await startAzurite();
  app = await createTestApp(azurite.connectionString);
  await app.tables.ensure();
  for (const user of Object.keys(t) as (keyof typeof t)[]) t[user] = await app.token(user);
  await app.createOrg(t.alice, 'org-a', 'Client A');
  await app.createOrg(t.bob, 'org-b', 'Client B');
  await app.createOrg(t.cyril, 'org-c', 'Client C');
  await joinOrg('org-a', t.alice, 'carol', 'consultant', t.carol);
  await joinOrg('org-b', t.bob, 'carol', 'consultant', t.carol);
  await joinOrg('org-a', t.alice, 'ann', 'viewer', t.ann);
}, 60_000);

afterAll(async () => {
  await azurite.stop();
});

describe('PUT /packs/{pack}', () => {
  it('the first publisher owns the pack: 201 with the versions, and the same content again is a 200 replay', async () => {
    const first = await put(t.carol, V1);
    expect(first.status, first.text).toBe(201);
    expect(first.body).toEqual({ id: ID, version: 1, owner: 'carol', versions: [1] });
    // Key order and left-out defaults do not make other content.
    const reordered = Object.fromEntries(Object.entries({ ...V1, guidance: V1.guidance }).reverse());
    const again = await put(t.carol, reordered);
    expect(again.status, again.text).toBe(200);
    expect(again.body).toEqual(first.body);
  });

  it('the same version with other content is 409 pack-version-exists, telling to bump the version', async () => {
    const res = await put(t.carol, { ...V1, title: 'Changed in place' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('pack-version-exists');
    expect(res.body.detail).toMatch(/Bump "version" \(to 2\)/);
    expect((await get(t.carol)).body.content.title).toBe(V1.title);
  });

  it('an invalid pack is 422 pack-invalid listing every issue by its JSON path, and stores nothing', async () => {
    const bad = {
      ...V1,
      version: 0,
      columns: { 'capa-log': [{ key: '1st', header: 'Risk', type: 'list', list: ['Low'] }] },
    };
    const res = await put(t.carol, bad);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('pack-invalid');
    const paths = (res.body.issues as { path: string }[]).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['version', 'columns.capa-log[0].key']));
    expect(res.body.detail).toMatch(/and 1 more/);
    // Rules against the product's templates are checked too: weights must total 100.
    const weights = { ...V1, version: 5, supplierCriteria: [{ criterion: 'Quality', weightPct: 60 }] };
    const rules = await put(t.carol, weights);
    expect(rules.status).toBe(422);
    expect((rules.body.issues as { path: string }[]).some((i) => i.path.startsWith('supplierCriteria'))).toBe(true);
    // A pack whose id is not the URL's is refused at its `id`.
    const other = await put(t.carol, { ...V1, id: 'other-pack' });
    expect(other.status).toBe(422);
    expect(other.body.issues).toEqual([{ path: 'id', message: expect.stringContaining('"other-pack"') as string }]);
    expect((await get(t.carol)).body.versions).toEqual([1]);
  });

  it('anyone else who publishes under the id gets 403 pack-not-yours, and nothing changes', async () => {
    for (const token of [t.dave, t.alice]) {
      for (const body of [V1, v2]) {
        const res = await put(token, body);
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('pack-not-yours');
      }
    }
    const stored = await get(t.carol);
    expect(stored.body).toMatchObject({ owner: 'carol', versions: [1], latest: 1 });
  });

  it('refuses a pack id that is no slug with 400 bad-pack-id', async () => {
    const res = await put(t.carol, V1, 'Not_A_Pack');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('bad-pack-id');
  });
});

describe('assigning and reading a pack', () => {
  it('the consultant assigns v1 to two client orgs; members of both read it', async () => {
    for (const org of ['org-a', 'org-b']) {
      const res = await assign(t.carol, org, { pack: ID, version: 1 });
      expect(res.status, res.text).toBe(200);
      expect(res.body.pack).toMatchObject({ id: ID, version: 1, latest: 1 });
    }
    for (const token of [t.alice, t.ann, t.bob]) {
      const res = await get(token);
      expect(res.status, res.text).toBe(200);
      expect(res.body).toMatchObject({ id: ID, version: 1, owner: 'carol', latest: 1 });
      expect(res.body.content.brand.name).toBe('Acme Consulting');
    }
    const viaOrg = await app.call('GET', '/api/orgs/org-a/pack', { token: t.ann });
    expect(viaOrg.status).toBe(200);
    expect(viaOrg.body.pack.content.columns['capa-log'][0].key).toBe('riskRating');
  });

  it('a member of a third org gets exactly the answer a pack that does not exist gets', async () => {
    for (const query of ['', '?version=1', '?version=9']) {
      const res = await get(t.cyril, query);
      const ghost = await get(t.cyril, query, 'no-such-pack');
      expect(res.status, query).toBe(404);
      expect(res.body.code).toBe('pack-not-found');
      expect(res.text.replaceAll(ID, 'PACK')).toBe(ghost.text.replaceAll('no-such-pack', 'PACK'));
      expect(res.text).not.toContain('carol');
    }
    // Nor can they assign it to their own organisation: the same answer again.
    const taken = await assign(t.cyril, 'org-c', { pack: ID, version: 1 });
    const ghost = await assign(t.cyril, 'org-c', { pack: 'no-such-pack', version: 1 });
    expect(taken.status).toBe(404);
    expect(taken.text.replaceAll(ID, 'PACK')).toBe(ghost.text.replaceAll('no-such-pack', 'PACK'));
    expect((await app.call('GET', '/api/orgs/org-c/pack', { token: t.cyril })).body).toEqual({ pack: null });
  });

  it('a client who reads the pack cannot share it with another organisation of theirs (403)', async () => {
    await app.createOrg(t.alice, 'org-a2', 'Client A, second site');
    const res = await assign(t.alice, 'org-a2', { pack: ID, version: 1 });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('pack-assign-forbidden');
    // A viewer cannot choose the organisation's pack at all.
    const viewer = await assign(t.ann, 'org-a', { pack: null });
    expect(viewer.status).toBe(403);
    expect(viewer.body.code).toBe('forbidden');
  });

  it('GET /orgs/{org}/pack keeps the assigned version and shows `latest` after v2 is published', async () => {
    const published = await put(t.carol, v2);
    expect(published.status, published.text).toBe(201);
    expect(published.body.versions).toEqual([1, 2]);
    for (const org of ['org-a', 'org-b']) {
      const res = await app.call('GET', `/api/orgs/${org}/pack`, { token: t.carol });
      expect(res.body.pack).toMatchObject({ id: ID, version: 1, latest: 2 });
      expect(res.body.pack.content.title).toBe(V1.title);
    }
    // The client's owner moves their organisation to v2 (it is already on the pack); B stays on v1.
    const moved = await assign(t.alice, 'org-a', { pack: ID, version: 2 });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body.pack).toMatchObject({ version: 2, latest: 2, content: { title: v2.title } });
    expect((await app.call('GET', '/api/orgs/org-b/pack', { token: t.bob })).body.pack.version).toBe(1);
    expect((await get(t.ann, '?version=1')).body.content.title).toBe(V1.title);
    const missing = await get(t.ann, '?version=7');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'pack-version-not-found', versions: [1, 2] });
  });

  it('an older version than the latest is 409 pack-version-not-newer', async () => {
    const res = await put(t.carol, { ...V1, version: 1, title: 'late' });
    expect(res.body.code).toBe('pack-version-exists');
    const skipped = await put(t.carol, { ...V1, version: 4 });
    expect(skipped.status).toBe(201);
    const older = await put(t.carol, { ...V1, version: 3 });
    expect(older.status).toBe(409);
    expect(older.body).toMatchObject({ code: 'pack-version-not-newer', latest: 4 });
  });

  it('of two publishers of one new version, exactly one wins', async () => {
    const [x, y] = await Promise.all([
      put(t.carol, { ...V1, version: 10, title: 'Edition X' }),
      put(t.carol, { ...V1, version: 10, title: 'Edition Y' }),
    ]);
    expect([x?.status, y?.status].sort()).toEqual([201, 409]);
    const stored = await get(t.carol, '?version=10');
    const winner = x?.status === 201 ? 'Edition X' : 'Edition Y';
    expect(stored.body.content.title).toBe(winner);
  });

  it('unassigning ends reading through that organisation', async () => {
    const res = await assign(t.bob, 'org-b', { pack: null });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ pack: null });
    expect((await get(t.bob)).status).toBe(404);
    // Org A's members still read it; the owner always does.
    expect((await get(t.ann)).status).toBe(200);
    expect((await get(t.carol)).status).toBe(200);
  });
});
