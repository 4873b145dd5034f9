/**
 * A consultant's pack, over HTTP through the dev host, published and assigned with `qms pack`: members of the two
 * client organisations it is assigned to read it; a member of another organisation cannot, and is answered byte for
 * byte as for a pack that does not exist; no client can change it or pass it on (docs/security.md, pack tenancy).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createOrg, qms, startStack, type Stack } from './support/stack.js';

const PACK_FILE = 'examples/packs/acme-consulting.v1.json';
const ID = 'acme-consulting';
const SECRETS = ['Acme Consulting', 'riskRating', 'carol'];

let stack: Stack;
const tokens: Record<string, string> = {};

/** The owner invites `user` with `role` and the user accepts. */
async function member(org: string, owner: string, user: string, role: string): Promise<void> {
  const invited = await api(`${stack.url}/orgs/${org}/members/${user}`, tokens[owner] ?? '', 'PUT', { role });
  expect(invited.status, invited.text).toBe(200);
  expect((await api(`${stack.url}/orgs/${org}/invitation`, tokens[user] ?? '', 'POST')).status).toBe(200);
}

beforeAll(async () => {
  stack = await startStack();
  for (const user of ['carol', 'alpha-owner', 'bravo-owner', 'bravo-viewer', 'charlie-owner', 'nobody'])
    tokens[user] = await stack.token(user);
  await createOrg(stack, tokens['alpha-owner'] ?? '', 'org-alpha', 'Alpha Ltd');
  await createOrg(stack, tokens['bravo-owner'] ?? '', 'org-bravo', 'Bravo GmbH');
  await createOrg(stack, tokens['charlie-owner'] ?? '', 'org-charlie', 'Charlie SA');
  await member('org-alpha', 'alpha-owner', 'carol', 'consultant');
  await member('org-bravo', 'bravo-owner', 'carol', 'consultant');
  await member('org-bravo', 'bravo-owner', 'bravo-viewer', 'viewer');
  const auth = ['--api', stack.url, '--token', tokens.carol ?? ''];
  const published = await qms('pack', 'publish', PACK_FILE, ...auth);
  expect(published.code, published.err).toBe(0);
  for (const org of ['org-alpha', 'org-bravo']) {
    const assigned = await qms('pack', 'assign', '--org', org, '--pack', ID, '--version', '1', ...auth);
    expect(assigned.code, assigned.err).toBe(0);
    expect(assigned.out).toBe(`${org} uses pack ${ID} v1.\n`);
  }
}, 60_000);

afterAll(async () => {
  await stack.close();
});

/** Every way to read a pack or take it, for a pack id. */
function packRoutes(pack: string): [string, string, unknown?][] {
  return [
    ['GET', `/packs/${pack}`],
    ['GET', `/packs/${pack}?version=1`],
    ['GET', `/packs/${pack}?version=2`],
    ['PUT', '/orgs/org-charlie/pack', { pack, version: 1 }],
  ];
}

describe("a consultant's pack and the organisations around it", () => {
  it('members of both assigned organisations, any role, read it and see it as their org pack', async () => {
    for (const [user, org] of [
      ['alpha-owner', 'org-alpha'],
      ['bravo-owner', 'org-bravo'],
      ['bravo-viewer', 'org-bravo'],
    ] as const) {
      const res = await api(`${stack.url}/packs/${ID}`, tokens[user] ?? '');
      expect(res.status, user).toBe(200);
      expect(res.body.content.brand.name).toBe('Acme Consulting');
      const viaOrg = await api(`${stack.url}/orgs/${org}/pack`, tokens[user] ?? '');
      expect(viaOrg.body.pack).toMatchObject({ id: ID, version: 1, latest: 1 });
    }
  });

  it('a member of another organisation, or anyone signed in, is answered as for a pack that does not exist', async () => {
    for (const user of ['charlie-owner', 'nobody']) {
      const routes = packRoutes(ID);
      const ghosts = packRoutes('no-such-pack');
      for (const [i, [method, path, body]] of routes.entries()) {
        const [gm, gp, gb] = ghosts[i] ?? [];
        const res = await api(`${stack.url}${path}`, tokens[user] ?? '', method, body);
        const ghost = await api(`${stack.url}${gp ?? ''}`, tokens[user] ?? '', gm, gb);
        // nobody holds no role in org-charlie, so the assignment is refused before the pack is looked at.
        const expected = user === 'nobody' && method === 'PUT' ? 403 : 404;
        expect(res.status, `${user} ${method} ${path}`).toBe(expected);
        expect(res.text.replaceAll(ID, 'PACK'), `${user} ${method} ${path}`).toBe(
          ghost.text.replaceAll('no-such-pack', 'PACK'),
        );
        for (const secret of SECRETS) expect(res.text, `${method} ${path} reveals ${secret}`).not.toContain(secret);
      }
    }
  });

  it('no client can change it: publishing under its id is 403 for every client owner, with any version', async () => {
    const v1 = { id: ID, version: 1, title: 'Taken over', templates: ['capa-log'] };
    for (const user of ['alpha-owner', 'bravo-owner', 'charlie-owner']) {
      for (const body of [v1, { ...v1, version: 2 }, { ...v1, version: 99 }]) {
        const res = await api(`${stack.url}/packs/${ID}`, tokens[user] ?? '', 'PUT', body);
        expect(res.status, `${user} v${body.version}`).toBe(403);
        expect(res.body.code).toBe('pack-not-yours');
        expect(res.text).not.toContain('carol');
      }
    }
  });

  it('nor pass it on: a client owner cannot assign it to another organisation of theirs', async () => {
    await createOrg(stack, tokens['alpha-owner'] ?? '', 'org-alpha-two', 'Alpha, second site');
    const res = await api(`${stack.url}/orgs/org-alpha-two/pack`, tokens['alpha-owner'] ?? '', 'PUT', {
      pack: ID,
      version: 1,
    });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('pack-assign-forbidden');
    expect((await api(`${stack.url}/orgs/org-alpha-two/pack`, tokens['alpha-owner'] ?? '')).body).toEqual({
      pack: null,
    });
  });

  it('and after all those attempts the pack and its assignments are unchanged', async () => {
    const stored = await api(`${stack.url}/packs/${ID}`, tokens.carol ?? '');
    expect(stored.body).toMatchObject({ owner: 'carol', versions: [1], latest: 1 });
    expect(stored.body.content.title).toBe('Acme Consulting QMS pack');
    expect((await api(`${stack.url}/orgs/org-charlie/pack`, tokens['charlie-owner'] ?? '')).body).toEqual({
      pack: null,
    });
    const bravo = await api(`${stack.url}/orgs/org-bravo/pack`, tokens['bravo-viewer'] ?? '');
    expect(bravo.body.pack).toMatchObject({ id: ID, version: 1 });
  });
});
