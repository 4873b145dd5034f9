/**
 * Two organisations and a consultant who serves one of them, over HTTP through the dev host: the consultant's
 * `qms portfolio` lists that one only, and every org route of the other organisation answers 403 with the
 * same words an organisation that does not exist gets, so nothing about it (not even that it exists) leaks,
 * and nothing of it changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, runSync } from '@qms/client';
import { EMPTY_DIGEST } from '@qms/contract';
import { capa, syncBody, toSyncInput } from '@qms/api-harness';
import { api, createOrg, DEMO, DEMO_AS_OF, qms, startStack, storedRecords, type Stack } from './support/stack.js';

let stack: Stack;
let alpha: string;
let bravo: string;
let consultant: string;

const SECRETS = ['Bravo', 'BRAVO-SECRET', 'bravo-owner', 'Kestrel'];

beforeAll(async () => {
  stack = await startStack();
  alpha = await stack.token('alpha-owner');
  bravo = await stack.token('bravo-owner');
  consultant = await stack.token('carol-consultant');
  await createOrg(stack, alpha, 'org-alpha', 'Alpha Ltd');
  await createOrg(stack, bravo, 'org-bravo', 'Bravo GmbH');
  // Bravo holds the demo workbook and one record with a telling id; its syncs took a history point.
  const synced = await qms(
    'sync',
    DEMO,
    '--api',
    stack.url,
    '--org',
    'org-bravo',
    '--token',
    bravo,
    '--as-of',
    DEMO_AS_OF,
  );
  expect(synced.code, synced.err).toBe(0);
  const client = createApiClient({ baseUrl: stack.url, getToken: () => Promise.resolve(bravo) });
  const added = await runSync(
    client,
    'org-bravo',
    toSyncInput(syncBody('b2', [capa('BRAVO-SECRET-1')], { complete: false })),
  );
  expect(added.created).toBe(1);
  expect((await api(`${stack.url}/orgs/org-bravo/assessment?asOf=${DEMO_AS_OF}`, bravo)).status).toBe(200);
  const granted = await api(`${stack.url}/orgs/org-alpha/members/carol-consultant`, alpha, 'PUT', {
    role: 'consultant',
  });
  expect(granted.status).toBe(200);
  expect(granted.body.status).toBe('invited');
  expect((await api(`${stack.url}/orgs/org-alpha/invitation`, consultant, 'POST')).status).toBe(200);
}, 60_000);

afterAll(async () => {
  await stack.close();
});

/** Every org route, with a plausible body for the writing ones. */
function orgRoutes(org: string): [string, string, unknown?][] {
  return [
    ['GET', `/orgs/${org}/profile`],
    ['PUT', `/orgs/${org}/profile`, { organizationName: 'Taken over' }],
    ['GET', `/orgs/${org}/records`],
    ['GET', `/orgs/${org}/records?type=capa`],
    ['GET', `/orgs/${org}/assessment?asOf=${DEMO_AS_OF}`],
    ['GET', `/orgs/${org}/assessment/history`],
    ['POST', `/orgs/${org}/sync`, { syncId: 'steal', digests: { capa: EMPTY_DIGEST } }],
    [
      'POST',
      `/orgs/${org}/sync/records`,
      { syncId: 'steal', templates: { 'capa-log': 1 }, records: [{ type: 'capa', ...capa('INJECTED-1') }] },
    ],
    [
      'POST',
      `/orgs/${org}/sync/commit`,
      {
        syncId: 'steal',
        base: 1,
        templates: { 'capa-log': 1 },
        changes: [{ type: 'capa', complete: false, put: [['INJECTED-1', capa('INJECTED-1').hash]], remove: [] }],
      },
    ],
    ['GET', `/orgs/${org}/pack`],
    ['PUT', `/orgs/${org}/pack`, { pack: null }],
    ['PUT', `/orgs/${org}/members/carol-consultant`, { role: 'owner' }],
    ['DELETE', `/orgs/${org}/members/bravo-owner`],
  ];
}

describe('two organisations and a consultant', () => {
  it("the consultant's portfolio shows the organisation they serve, and only that one", async () => {
    const r = await qms('portfolio', '--api', stack.url, '--token', consultant, '--json');
    expect(r.code, r.err).toBe(0);
    const entries = JSON.parse(r.out) as { org: string; role: string }[];
    expect(entries.map((e) => [e.org, e.role])).toEqual([['org-alpha', 'consultant']]);
    const table = await qms('portfolio', '--api', stack.url, '--token', consultant);
    expect(table.out).toContain('Alpha Ltd (org-alpha)');
    for (const secret of SECRETS) expect(table.out).not.toContain(secret);
    // The organisation they serve is readable to them.
    expect((await api(`${stack.url}/orgs/org-alpha/assessment?asOf=${DEMO_AS_OF}`, consultant)).status).toBe(200);
  });

  it('every org route of the other organisation is 403 and says no more than for an organisation that does not exist', async () => {
    const routes = orgRoutes('org-bravo');
    const ghosts = orgRoutes('org-nowhere');
    expect(routes).toHaveLength(13);
    for (const [i, [method, path, body]] of routes.entries()) {
      const res = await api(`${stack.url}${path}`, consultant, method, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      for (const secret of SECRETS) expect(res.text, `${method} ${path} reveals ${secret}`).not.toContain(secret);
      const [gm, gp, gb] = ghosts[i] ?? [];
      const ghost = await api(`${stack.url}${gp ?? ''}`, consultant, gm, gb);
      expect(ghost.status).toBe(403);
      expect(res.text.replaceAll('org-bravo', 'ORG')).toBe(ghost.text.replaceAll('org-nowhere', 'ORG'));
    }
  });

  it('answering an invitation one does not have says the same for the other organisation as for none', async () => {
    for (const method of ['POST', 'DELETE']) {
      const res = await api(`${stack.url}/orgs/org-bravo/invitation`, consultant, method);
      const ghost = await api(`${stack.url}/orgs/org-nowhere/invitation`, consultant, method);
      expect(res.status, method).toBe(404);
      expect(res.body.code).toBe('no-invitation');
      expect(res.text).toBe(ghost.text);
    }
  });

  it('and after all those attempts the other organisation is unchanged', async () => {
    const stored = await storedRecords(stack, bravo, 'org-bravo');
    const capas = stored.get('capa')?.map(([id]) => id) ?? [];
    expect(capas).toContain('BRAVO-SECRET-1');
    expect(capas).not.toContain('INJECTED-1');
    expect(capas).toHaveLength(61);
    const profile = await api(`${stack.url}/orgs/org-bravo/profile`, bravo);
    expect(profile.status).toBe(200);
    expect(profile.text).not.toContain('Taken over');
    // Still not a member: the owner grant was refused, and the owner was not removed.
    const r = await qms('portfolio', '--api', stack.url, '--token', consultant, '--json');
    expect((JSON.parse(r.out) as { org: string }[]).map((e) => e.org)).toEqual(['org-alpha']);
    const owner = await qms('portfolio', '--api', stack.url, '--token', bravo, '--json');
    expect(JSON.parse(owner.out)).toMatchObject([{ org: 'org-bravo', role: 'owner' }]);
  });

  it("a viewer's reads, at any asOf, change no one's portfolio or history", async () => {
    const viewer = await stack.token('vera-viewer');
    expect(
      (await api(`${stack.url}/orgs/org-bravo/members/vera-viewer`, bravo, 'PUT', { role: 'viewer' })).status,
    ).toBe(200);
    expect((await api(`${stack.url}/orgs/org-bravo/invitation`, viewer, 'POST')).status).toBe(200);
    const seen = async () => ({
      portfolio: (await api(`${stack.url}/portfolio`, bravo)).text,
      history: (await api(`${stack.url}/orgs/org-bravo/assessment/history`, bravo)).text,
    });
    const before = await seen();
    expect(JSON.parse(before.history)).toMatchObject({ points: [{ readiness: expect.any(Number) }] });
    for (const asOf of ['2020-01-01', '2031-12-31', DEMO_AS_OF, '2020-01-02', '2020-01-03'])
      expect((await api(`${stack.url}/orgs/org-bravo/assessment?asOf=${asOf}`, viewer)).status).toBe(200);
    expect(await seen()).toEqual(before);
  });
});

describe('consent: invitations and leaving', () => {
  /** `qms portfolio --json` as the user sees it. */
  async function portfolioOf(token: string): Promise<{ org: string; role: string; invitation?: true }[]> {
    const r = await qms('portfolio', '--api', stack.url, '--token', token, '--json');
    expect(r.code, r.err).toBe(0);
    return JSON.parse(r.out) as { org: string; role: string; invitation?: true }[];
  }

  it('an uninvited user appears in no portfolio until they accept', async () => {
    const ivy = await stack.token('ivy-invitee');
    const dan = await stack.token('dan-decliner');
    for (const [user, role] of [
      ['ivy-invitee', 'editor'],
      ['dan-decliner', 'viewer'],
    ] as const) {
      const res = await api(`${stack.url}/orgs/org-alpha/members/${user}`, alpha, 'PUT', { role });
      expect(res.body).toEqual({ org: 'org-alpha', user, role, status: 'invited' });
    }
    // Alpha's owner does not see them as members: nothing they could do changes what the org shows.
    const raw = await api(`${stack.url}/portfolio`, ivy);
    expect(raw.body).toEqual({
      orgs: [],
      invitations: [
        {
          id: 'org-alpha',
          org: 'org-alpha',
          name: 'Alpha Ltd',
          invitation: true,
          role: 'editor',
          invitedBy: 'alpha-owner',
          invitedAt: expect.any(String),
        },
      ],
    });
    const table = await qms('portfolio', '--api', stack.url, '--token', ivy);
    expect(table.out).toContain('You hold no role in any organisation yet');
    expect(table.out).toMatch(/Alpha Ltd \(org-alpha\)\s+editor\s+alpha-owner/);
    // The invitation grants nothing: every org route answers as for an organisation that does not exist.
    const routes = orgRoutes('org-alpha');
    const ghosts = orgRoutes('org-nowhere');
    for (const [i, [method, path, body]] of routes.entries()) {
      const res = await api(`${stack.url}${path}`, ivy, method, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      const [gm, gp, gb] = ghosts[i] ?? [];
      const ghost = await api(`${stack.url}${gp ?? ''}`, ivy, gm, gb);
      expect(res.text.replaceAll('org-alpha', 'ORG')).toBe(ghost.text.replaceAll('org-nowhere', 'ORG'));
    }
    expect((await portfolioOf(consultant)).map((e) => e.org)).toEqual(['org-alpha']);

    // Accepted: the organisation appears with its role, and its routes open.
    const ivyClient = createApiClient({ baseUrl: stack.url, getToken: () => Promise.resolve(ivy) });
    expect(await ivyClient.acceptInvitation('org-alpha')).toEqual({
      org: 'org-alpha',
      user: 'ivy-invitee',
      role: 'editor',
      status: 'member',
    });
    expect((await portfolioOf(ivy)).map((e) => [e.org, e.role, e.invitation])).toEqual([
      ['org-alpha', 'editor', undefined],
    ]);
    expect((await api(`${stack.url}/orgs/org-alpha/records`, ivy)).status).toBe(200);

    // Declined: gone, and still no access.
    const danClient = createApiClient({ baseUrl: stack.url, getToken: () => Promise.resolve(dan) });
    expect((await danClient.portfolioWithInvitations()).invitations.map((i) => i.org)).toEqual(['org-alpha']);
    await danClient.declineInvitation('org-alpha');
    expect(await danClient.portfolioWithInvitations()).toEqual({ orgs: [], invitations: [] });
    expect((await api(`${stack.url}/orgs/org-alpha/records`, dan)).status).toBe(403);
    expect((await api(`${stack.url}/orgs/org-alpha/invitation`, dan, 'POST')).body.code).toBe('no-invitation');
  });

  it('a member can leave (and the last owner cannot)', async () => {
    const leaver = await stack.token('lee-leaver');
    expect(
      (await api(`${stack.url}/orgs/org-alpha/members/lee-leaver`, alpha, 'PUT', { role: 'viewer' })).body.status,
    ).toBe('invited');
    const client = createApiClient({ baseUrl: stack.url, getToken: () => Promise.resolve(leaver) });
    await client.acceptInvitation('org-alpha');
    expect((await portfolioOf(leaver)).map((e) => e.org)).toEqual(['org-alpha']);
    await client.leaveOrg('org-alpha');
    expect(await portfolioOf(leaver)).toEqual([]);
    expect((await api(`${stack.url}/orgs/org-alpha/records`, leaver)).status).toBe(403);

    // Alpha's only owner cannot leave, and stays its owner.
    const owner = createApiClient({ baseUrl: stack.url, getToken: () => Promise.resolve(alpha) });
    await expect(owner.leaveOrg('org-alpha')).rejects.toMatchObject({
      status: 409,
      problem: { code: 'last-owner' },
    });
    expect((await portfolioOf(alpha)).map((e) => [e.org, e.role])).toEqual([['org-alpha', 'owner']]);
  });
});
