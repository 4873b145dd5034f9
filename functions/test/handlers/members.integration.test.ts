import type { TableClient, TransactionAction } from '@azure/data-tables';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/auth/roles.js';
import { startAzurite, type Azurite } from '@qms/api-harness/azurite';
import { createTestApp, TEST_NOW, type TestApp, type TestResponse } from '@qms/api-harness';
import { encodeKeyPart } from '../../src/storage/keys.js';
import {
  getRole,
  listMembersOfOrg,
  listOrgsOfUser,
  planChange,
  membershipEntities,
  type OrgMemberRow,
} from '../../src/storage/members-store.js';
import { insertOrg } from '../../src/storage/orgs-store.js';

let azurite: Azurite;
let app: TestApp;
const tokens = new Map<string, string>();
let orgSeq = 0;

beforeAll(async () => {
  azurite = await startAzurite();
  app = await createTestApp(azurite.connectionString);
  await app.tables.ensure();
}, 30_000);

afterAll(async () => {
  await azurite.stop();
});

async function token(user: string): Promise<string> {
  const known = tokens.get(user);
  if (known !== undefined) return known;
  const minted = await app.token(user);
  tokens.set(user, minted);
  return minted;
}

/** A fresh organisation created through the API by `owners[0]`, with the other users invited and accepting. */
async function freshOrg(members: Record<string, Role>): Promise<string> {
  orgSeq += 1;
  const id = `org-${orgSeq}`;
  const [creator, ...others] = Object.keys(members);
  if (creator === undefined || members[creator] !== 'owner') throw new Error('the first member must be an owner');
  const created = await app.call('POST', '/api/orgs', { token: await token(creator), body: { name: id, id } });
  expect(created.status).toBe(201);
  for (const user of others) {
    const res = await setRole(creator, id, user, members[user] ?? 'viewer');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('invited');
    expect((await accept(user, id)).status).toBe(200);
  }
  return id;
}

async function setRole(caller: string, org: string, user: string, role: Role): Promise<TestResponse> {
  return app.call('PUT', `/api/orgs/${org}/members/${user}`, { token: await token(caller), body: { role } });
}

async function accept(user: string, org: string): Promise<TestResponse> {
  return app.call('POST', `/api/orgs/${org}/invitation`, { token: await token(user) });
}

async function decline(user: string, org: string): Promise<TestResponse> {
  return app.call('DELETE', `/api/orgs/${org}/invitation`, { token: await token(user) });
}

async function remove(caller: string, org: string, user: string): Promise<TestResponse> {
  return app.call('DELETE', `/api/orgs/${org}/members/${user}`, { token: await token(caller) });
}

/** Roles as the org's partition holds them (what access checks read). */
async function rolesOf(org: string): Promise<Record<string, Role>> {
  const members = await listMembersOfOrg(app.tables, org);
  return Object.fromEntries(members.map((m) => [m.user, m.role]));
}

function ownersIn(roles: Record<string, Role>): string[] {
  return Object.keys(roles)
    .filter((u) => roles[u] === 'owner')
    .sort();
}

/** Every user's index row (`members`, PK user) agrees with the org's partition, and vice versa. */
async function expectIndexMatches(org: string, users: string[]): Promise<void> {
  const roles = await rolesOf(org);
  for (const user of users) {
    const listed = (await listOrgsOfUser(app.tables, user)).find((m) => m.org === org);
    expect(listed?.role, `index of ${user} in ${org}`).toBe(roles[user]);
    expect(await getRole(app.tables, user, org)).toBe(roles[user]);
  }
}

const TEST_NOW_ISO = TEST_NOW.toISOString();

/** The user's index row for `org`, if any (invitation or role). */
async function listEntriesOfUserIn(user: string, org: string): Promise<unknown> {
  for await (const e of app.tables.members.listEntities({
    queryOptions: { filter: `PartitionKey eq '${encodeKeyPart(user)}'` },
  })) {
    if (e.rowKey === encodeKeyPart(org)) return e;
  }
  return undefined;
}

/** Raw rows of an org's partition, including any that grant nothing. */
async function rawRows(org: string): Promise<{ rowKey: string; role: unknown }[]> {
  const out: { rowKey: string; role: unknown }[] = [];
  for await (const e of app.tables.orgMembers.listEntities<{ role?: unknown }>({
    queryOptions: { filter: `PartitionKey eq '${encodeKeyPart(org)}'` },
  })) {
    out.push({ rowKey: e.rowKey ?? '', role: e.role });
  }
  return out;
}

type Submit = TableClient['submitTransaction'];

/**
 * Holds the first `n` transactions on the members' org partition until all `n` have arrived, so `n` requests
 * are known to have read the same rows before any of them writes: the race happens every time, not by luck.
 */
function transactionBarrier(n: number): { restore: () => void } {
  const client = app.tables.orgMembers;
  const original: Submit = client.submitTransaction.bind(client);
  let arrived = 0;
  let open!: () => void;
  const allThere = new Promise<void>((resolve) => (open = resolve));
  client.submitTransaction = async (actions: TransactionAction[]) => {
    arrived += 1;
    if (arrived <= n) {
      if (arrived === n) open();
      await allThere;
    }
    return original(actions);
  };
  return { restore: () => void (client.submitTransaction = original) };
}

/** Holds only the first transaction until `release()`; `held` resolves once it is waiting. */
function holdFirstTransaction(): { held: Promise<void>; release: () => void; restore: () => void } {
  const client = app.tables.orgMembers;
  const original: Submit = client.submitTransaction.bind(client);
  let calls = 0;
  let arrive!: () => void;
  let release!: () => void;
  const held = new Promise<void>((resolve) => (arrive = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  client.submitTransaction = async (actions: TransactionAction[]) => {
    calls += 1;
    if (calls === 1) {
      arrive();
      await released;
    }
    return original(actions);
  };
  return { held, release, restore: () => void (client.submitTransaction = original) };
}

const ROUNDS = 20;

describe('concurrent owner changes never leave an organisation without an owner', () => {
  const races: [string, (org: string) => Promise<TestResponse>[]][] = [
    ['two owners demote each other', (org) => [setRole('a', org, 'b', 'viewer'), setRole('b', org, 'a', 'editor')]],
    ['two owners demote themselves', (org) => [setRole('a', org, 'a', 'viewer'), setRole('b', org, 'b', 'editor')]],
    ['two owners remove each other', (org) => [remove('a', org, 'b'), remove('b', org, 'a')]],
    [
      'one removes the other, who demotes the first',
      (org) => [remove('a', org, 'b'), setRole('b', org, 'a', 'viewer')],
    ],
  ];

  for (const [what, race] of races) {
    it(`${what}, both having read the same owners (${ROUNDS} rounds): exactly one wins, the other gets 409 last-owner`, async () => {
      for (let round = 0; round < ROUNDS; round += 1) {
        const org = await freshOrg({ a: 'owner', b: 'owner', c: 'editor' });
        const barrier = transactionBarrier(2);
        const results = await Promise.all(race(org)).finally(barrier.restore);
        const statuses = results.map((r) => r.status).sort();
        expect(statuses[1], `round ${round}: ${results.map((r) => r.text).join(' | ')}`).toBe(409);
        expect([200, 204]).toContain(statuses[0]);
        const refused = results.find((r) => r.status === 409);
        expect(refused?.body.code).toBe('last-owner');
        expect(refused?.body.detail ?? refused?.text).toMatch(/make someone else an owner first/);
        const owners = ownersIn(await rolesOf(org));
        expect(owners).toHaveLength(1);
        await expectIndexMatches(org, ['a', 'b', 'c']);
        // The remaining owner can still manage the organisation.
        const [owner] = owners;
        expect((await setRole(owner ?? '', org, 'c', 'viewer')).status).toBe(200);
      }
    });
  }

  it(`two owners demote each other with no forced interleaving (${ROUNDS} rounds): never both, always an owner`, async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const org = await freshOrg({ a: 'owner', b: 'owner' });
      const results = await Promise.all([setRole('a', org, 'b', 'viewer'), setRole('b', org, 'a', 'viewer')]);
      const statuses = results.map((r) => r.status).sort();
      // 403: the other request finished first and this caller was no longer an owner when it was checked.
      expect([
        [200, 403],
        [200, 409],
      ]).toContainEqual(statuses);
      expect(ownersIn(await rolesOf(org))).toHaveLength(1);
    }
  });

  it('a change planned while the target was not an owner cannot undo a promotion another owner relied on', async () => {
    const org = await freshOrg({ a: 'owner', b: 'editor' });
    const gate = holdFirstTransaction();
    try {
      // a starts moving b from editor to viewer; it has read b as an editor and is held just before writing.
      const stale = setRole('a', org, 'b', 'viewer');
      await gate.held;
      // Meanwhile b becomes owner and a, relying on that, steps down.
      expect((await setRole('a', org, 'b', 'owner')).status).toBe(200);
      expect((await setRole('a', org, 'a', 'viewer')).status).toBe(200);
      gate.release();
      const late = await stale;
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('last-owner');
    } finally {
      gate.restore();
    }
    expect(await rolesOf(org)).toEqual({ a: 'viewer', b: 'owner' });
    await expectIndexMatches(org, ['a', 'b']);
  });

  it('two owners setting the same member to different roles at once: one wins, and the index agrees', async () => {
    const org = await freshOrg({ a: 'owner', b: 'owner', c: 'editor' });
    const barrier = transactionBarrier(2);
    const results = await Promise.all([setRole('a', org, 'c', 'owner'), setRole('b', org, 'c', 'viewer')]).finally(
      barrier.restore,
    );
    // The loser re-reads and applies its change on top, so both succeed; the last one written is what stays.
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect(['owner', 'viewer']).toContain((await rolesOf(org)).c);
    await expectIndexMatches(org, ['a', 'b', 'c']);
  });
});

describe('owner changes one at a time', () => {
  it('a change that keeps losing the race gives up with 409 members-busy and changes nothing', async () => {
    const org = await freshOrg({ a: 'owner', b: 'owner' });
    const client = app.tables.orgMembers;
    const original: Submit = client.submitTransaction.bind(client);
    let tries = 0;
    // Every commit reports that another writer got there first, as a 412 from Table Storage would.
    client.submitTransaction = () => {
      tries += 1;
      return Promise.reject(Object.assign(new Error('precondition failed'), { statusCode: 412 }));
    };
    const res = await setRole('a', org, 'b', 'viewer').finally(() => (client.submitTransaction = original));
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('members-busy');
    expect(res.body.detail ?? res.text).toMatch(/try again/);
    expect(tries).toBe(8);
    expect(await rolesOf(org)).toEqual({ a: 'owner', b: 'owner' });
  });

  it('an owner can demote themselves while another owner exists, and then loses owner rights', async () => {
    const org = await freshOrg({ a: 'owner', b: 'owner' });
    const res = await setRole('a', org, 'a', 'editor');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ org, user: 'a', role: 'editor', status: 'member' });
    expect(await rolesOf(org)).toEqual({ a: 'editor', b: 'owner' });
    await expectIndexMatches(org, ['a', 'b']);
    expect((await setRole('a', org, 'a', 'owner')).status).toBe(403);
  });

  it('the sole owner cannot demote or remove themselves; nothing changes', async () => {
    const org = await freshOrg({ a: 'owner', b: 'editor' });
    for (const attempt of [() => setRole('a', org, 'a', 'viewer'), () => remove('a', org, 'a')]) {
      const res = await attempt();
      expect(res.status).toBe(409);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
      expect(res.body.code).toBe('last-owner');
    }
    expect(await rolesOf(org)).toEqual({ a: 'owner', b: 'editor' });
    await expectIndexMatches(org, ['a', 'b']);
  });

  it('re-granting owner to the sole owner is allowed (it keeps an owner)', async () => {
    const org = await freshOrg({ a: 'owner' });
    expect((await setRole('a', org, 'a', 'owner')).status).toBe(200);
    expect(await rolesOf(org)).toEqual({ a: 'owner' });
  });

  it('removing a member deletes both rows, leaves no placeholder, and takes access away', async () => {
    const org = await freshOrg({ a: 'owner', leaver: 'editor' });
    expect((await remove('a', org, 'leaver')).status).toBe(204);
    expect((await rawRows(org)).map((r) => r.rowKey)).toEqual(['a']);
    expect(await listOrgsOfUser(app.tables, 'leaver')).toEqual([]);
    expect((await app.call('GET', `/api/orgs/${org}/records`, { token: await token('leaver') })).status).toBe(403);
    // Removing someone who holds no role is still 204; adding them again is an invitation they must accept.
    expect((await remove('a', org, 'leaver')).status).toBe(204);
    expect((await setRole('a', org, 'leaver', 'viewer')).body.status).toBe('invited');
    expect(await getRole(app.tables, 'leaver', org)).toBeUndefined();
    expect((await accept('leaver', org)).body).toEqual({ org, user: 'leaver', role: 'viewer', status: 'member' });
    await expectIndexMatches(org, ['a', 'leaver']);
  });
});

describe('an organisation created before owner changes were guarded', () => {
  it('works from its existing rows alone', async () => {
    // Written as the earlier code wrote them: the org row and both rows of each membership, nothing else.
    const org = 'legacy-co';
    expect(
      await insertOrg(app.tables, { id: org, name: 'Legacy', createdBy: 'old1', createdAt: '2025-01-01T00:00:00Z' }),
    ).toBe(true);
    const since = '2025-01-01T00:00:00Z';
    for (const [user, role] of [
      ['old1', 'owner'],
      ['old2', 'owner'],
      ['old3', 'viewer'],
    ] as const) {
      const { byUser, byOrg } = membershipEntities({ user, org, role, since });
      await app.tables.orgMembers.upsertEntity(byOrg, 'Replace');
      await app.tables.members.upsertEntity(byUser, 'Replace');
    }

    const barrier = transactionBarrier(2);
    const [demote, removal] = await Promise.all([
      setRole('old1', org, 'old2', 'viewer'),
      remove('old2', org, 'old1'),
    ]).finally(barrier.restore);
    // Either may win; the other is refused, and the winner is the one owner left.
    const winner = demote?.status === 200 ? 'old1' : 'old2';
    expect([demote?.status, removal?.status]).toEqual(winner === 'old1' ? [200, 409] : [409, 204]);
    expect(ownersIn(await rolesOf(org))).toEqual([winner]);
    expect((await setRole(winner, org, 'old3', 'editor')).status).toBe(200);
    expect((await setRole(winner, org, winner, 'viewer')).body.code).toBe('last-owner');
    await expectIndexMatches(org, ['old1', 'old2', 'old3']);
  });
});

describe("a user's index of organisations", () => {
  it('is confirmed against the org partition, so a left-over index row shows nothing the user has lost', async () => {
    const org = await freshOrg({ a: 'owner', kept: 'viewer' });
    const left = await freshOrg({ a: 'owner' });
    // Index rows as an interrupted change could leave them: a stale role, and an org the user is not in.
    const rows = [
      { user: 'kept', org, role: 'owner' },
      { user: 'kept', org: left, role: 'editor' },
    ] as const;
    for (const m of rows) {
      await app.tables.members.upsertEntity(membershipEntities({ ...m, since: 'x' }).byUser, 'Replace');
    }
    const res = await app.call('GET', '/api/portfolio', { token: await token('kept') });
    expect(res.status).toBe(200);
    expect((res.body as { orgs: { id: string; role: string }[] }).orgs.map((o) => [o.id, o.role])).toEqual([
      [org, 'viewer'],
    ]);
    // The next change to the membership puts the index right again.
    expect((await setRole('a', org, 'kept', 'editor')).status).toBe(200);
    await expectIndexMatches(org, ['kept']);
  });
});

describe('invitations: nobody becomes a member without saying yes', () => {
  it('a grant to a non-member is an invitation that grants nothing, held the same way in both copies', async () => {
    const org = await freshOrg({ a: 'owner' });
    const res = await setRole('a', org, 'guest', 'editor');
    expect(res.body).toEqual({ org, user: 'guest', role: 'editor', status: 'invited' });
    expect(await getRole(app.tables, 'guest', org)).toBeUndefined();
    const byOrg = await app.tables.orgMembers.getEntity(encodeKeyPart(org), 'guest');
    const byUser = await app.tables.members.getEntity('guest', encodeKeyPart(org));
    for (const row of [byOrg, byUser]) {
      expect(row).toMatchObject({ role: 'invited', offered: 'editor', invitedBy: 'a', since: TEST_NOW_ISO });
    }
    // Every org route answers as for an organisation that does not exist.
    const seen = await app.call('GET', `/api/orgs/${org}/records`, { token: await token('guest') });
    const ghost = await app.call('GET', '/api/orgs/no-such-org/records', { token: await token('guest') });
    expect(seen.status).toBe(403);
    expect(seen.text).toBe(ghost.text);
    const portfolio = await app.call('GET', '/api/portfolio', { token: await token('guest') });
    expect(portfolio.body).toEqual({
      orgs: [],
      invitations: [
        { id: org, org, name: org, invitation: true, role: 'editor', invitedBy: 'a', invitedAt: TEST_NOW_ISO },
      ],
    });
  });

  it('only the invited user can accept or decline; anyone else gets the answer a missing organisation gets', async () => {
    const org = await freshOrg({ a: 'owner', m: 'viewer' });
    await setRole('a', org, 'guest', 'viewer');
    const ghost = await accept('stranger', 'no-such-org');
    expect(ghost.status).toBe(404);
    expect(ghost.body.code).toBe('no-invitation');
    for (const user of ['stranger', 'm', 'a']) {
      for (const answer of [accept, decline]) {
        const res = await answer(user, org);
        expect(res.status, `${user} answering guest's invitation`).toBe(404);
        expect(res.text).toBe(ghost.text);
      }
    }
    expect(await rolesOf(org)).toEqual({ a: 'owner', m: 'viewer' });
    expect((await accept('guest', org)).status).toBe(200);
    // Answered: there is nothing left to accept or decline.
    expect((await accept('guest', org)).body.code).toBe('no-invitation');
    expect((await decline('guest', org)).body.code).toBe('no-invitation');
    expect(await rolesOf(org)).toEqual({ a: 'owner', m: 'viewer', guest: 'viewer' });
  });

  it('declining or a withdrawal deletes both rows and leaves no placeholder', async () => {
    const org = await freshOrg({ a: 'owner' });
    await setRole('a', org, 'no-thanks', 'viewer');
    await setRole('a', org, 'withdrawn', 'editor');
    expect((await decline('no-thanks', org)).status).toBe(204);
    expect((await remove('a', org, 'withdrawn')).status).toBe(204);
    expect((await rawRows(org)).map((r) => r.rowKey)).toEqual(['a']);
    for (const user of ['no-thanks', 'withdrawn']) {
      const portfolio = await app.call('GET', '/api/portfolio', { token: await token(user) });
      expect(portfolio.body).toEqual({ orgs: [], invitations: [] });
      expect((await accept(user, org)).body.code).toBe('no-invitation');
    }
  });

  it("a member's role changes at once, without a new invitation", async () => {
    const org = await freshOrg({ a: 'owner', m: 'viewer' });
    expect((await setRole('a', org, 'm', 'editor')).body).toEqual({ org, user: 'm', role: 'editor', status: 'member' });
    expect(await getRole(app.tables, 'm', org)).toBe('editor');
    await expectIndexMatches(org, ['m']);
  });

  it('granting again before the answer changes the offer; accepting gives the latest', async () => {
    const org = await freshOrg({ a: 'owner' });
    await setRole('a', org, 'guest', 'viewer');
    await setRole('a', org, 'guest', 'owner');
    expect((await accept('guest', org)).body).toEqual({ org, user: 'guest', role: 'owner', status: 'member' });
    expect(ownersIn(await rolesOf(org))).toEqual(['a', 'guest']);
  });

  it(`an accept racing a withdrawal (${ROUNDS} rounds): never a member the owner did not want, copies agree`, async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const org = await freshOrg({ a: 'owner' });
      await setRole('a', org, 'guest', 'editor');
      const barrier = transactionBarrier(2);
      const [accepted, withdrawn] = await Promise.all([accept('guest', org), remove('a', org, 'guest')]).finally(
        barrier.restore,
      );
      // Both read the invitation; whichever commits second re-reads: a withdrawal then removes the member the
      // accept made, and an accept finds nothing to accept.
      expect(withdrawn?.status).toBe(204);
      expect([200, 404]).toContain(accepted?.status);
      expect((await rawRows(org)).map((r) => r.rowKey)).toEqual(['a']);
      expect(await listEntriesOfUserIn('guest', org)).toBeUndefined();
      expect(await getRole(app.tables, 'guest', org)).toBeUndefined();
    }
  });
});

describe('leaving an organisation', () => {
  it('any member can remove themselves and loses access at once', async () => {
    const org = await freshOrg({ a: 'owner', v: 'viewer', c: 'consultant', e: 'editor' });
    for (const user of ['v', 'c', 'e']) {
      expect((await remove(user, org, user)).status, `${user} leaves`).toBe(204);
      expect((await app.call('GET', `/api/orgs/${org}/records`, { token: await token(user) })).status).toBe(403);
    }
    expect(await rolesOf(org)).toEqual({ a: 'owner' });
    await expectIndexMatches(org, ['a', 'v', 'c', 'e']);
  });

  it('a non-owner cannot remove someone else or withdraw an invitation (403, as for any org)', async () => {
    const org = await freshOrg({ a: 'owner', e: 'editor', v: 'viewer' });
    await setRole('a', org, 'guest', 'viewer');
    const ghost = await remove('e', 'no-such-org', 'v');
    for (const [user, target] of [
      ['e', 'v'],
      ['v', 'a'],
      ['e', 'guest'],
    ] as const) {
      const res = await remove(user, org, target);
      expect(res.status).toBe(403);
      expect(res.text).toBe(ghost.text);
    }
    expect(await rolesOf(org)).toEqual({ a: 'owner', e: 'editor', v: 'viewer' });
    expect((await accept('guest', org)).status).toBe(200);
  });

  it('the last owner cannot leave (409 last-owner); once another owner exists, they can', async () => {
    const org = await freshOrg({ a: 'owner', b: 'editor' });
    const refused = await remove('a', org, 'a');
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('last-owner');
    expect(await rolesOf(org)).toEqual({ a: 'owner', b: 'editor' });
    expect((await setRole('a', org, 'b', 'owner')).body.status).toBe('member');
    expect((await remove('a', org, 'a')).status).toBe(204);
    expect(await rolesOf(org)).toEqual({ b: 'owner' });
    expect((await remove('b', org, 'b')).body.code).toBe('last-owner');
  });

  it('a member leaves as `me`, without knowing their own id: 204, access gone, both copies agree', async () => {
    const org = await freshOrg({ a: 'owner', c: 'consultant', e: 'editor' });
    const res = await remove('c', org, 'me');
    expect(res.status).toBe(204);
    expect((await app.call('GET', `/api/orgs/${org}/records`, { token: await token('c') })).status).toBe(403);
    expect(await rolesOf(org)).toEqual({ a: 'owner', e: 'editor' });
    await expectIndexMatches(org, ['a', 'c', 'e']);
  });

  it('the only owner leaving as `me` gets 409 last-owner saying to hand ownership over first; nothing changes', async () => {
    const org = await freshOrg({ a: 'owner', e: 'editor' });
    const refused = await remove('a', org, 'me');
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('last-owner');
    expect(refused.body.detail).toMatch(/only owner.*hand ownership over first/);
    // Leaving by one's own id is refused in the same words.
    expect((await remove('a', org, 'a')).body.detail).toBe(refused.body.detail);
    expect(await rolesOf(org)).toEqual({ a: 'owner', e: 'editor' });
    expect((await setRole('a', org, 'e', 'owner')).body.status).toBe('member');
    expect((await remove('a', org, 'me')).status).toBe(204);
    expect(await rolesOf(org)).toEqual({ e: 'owner' });
    await expectIndexMatches(org, ['a', 'e']);
  });

  it('`me` is never someone else: an invitee who is not a member yet gets 403, and the invitation stays', async () => {
    const org = await freshOrg({ a: 'owner' });
    await setRole('a', org, 'guest', 'viewer');
    expect((await remove('guest', org, 'me')).status).toBe(403);
    expect(await rolesOf(org)).toEqual({ a: 'owner' });
    expect((await accept('guest', org)).status).toBe(200);
  });

  it(`two owners leaving at once (${ROUNDS} rounds): exactly one leaves, the other gets 409 last-owner`, async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const org = await freshOrg({ a: 'owner', b: 'owner' });
      const barrier = transactionBarrier(2);
      const results = await Promise.all([remove('a', org, 'a'), remove('b', org, 'b')]).finally(barrier.restore);
      expect(results.map((r) => r.status).sort()).toEqual([204, 409]);
      expect(ownersIn(await rolesOf(org))).toHaveLength(1);
      await expectIndexMatches(org, ['a', 'b']);
    }
  });
});

describe('planChange (pure)', () => {
  const row = (user: string, role: Role | undefined): OrgMemberRow => ({ user, role, since: 's', etag: `e-${user}` });
  const set = (role: Role) => ({ kind: 'set' as const, role, since: 't', by: 'a' });
  const invited = (user: string, role: Role): OrgMemberRow => ({
    ...row(user, undefined),
    invitation: { role, by: 'a', at: 's' },
  });

  it('refuses to take away the only owner', () => {
    expect(planChange([row('a', 'owner'), row('b', 'editor')], 'o', 'a', { kind: 'remove' })).toEqual({
      kind: 'last-owner',
    });
    expect(planChange([row('a', 'owner')], 'o', 'a', set('viewer'))).toEqual({ kind: 'last-owner' });
  });

  it('ties a demotion to another owner’s ETag', () => {
    const plan = planChange([row('a', 'owner'), row('b', 'owner')], 'o', 'a', set('viewer'));
    expect(plan).toEqual({
      kind: 'write',
      removes: false,
      status: 'member',
      actions: [
        ['update', { partitionKey: 'o', rowKey: 'a', role: 'viewer', since: 't' }, 'Replace', { etag: 'e-a' }],
        ['update', { partitionKey: 'o', rowKey: 'b' }, 'Merge', { etag: 'e-b' }],
      ],
    });
  });

  it('invites a user who is not a member (created only if absent), and removing nobody is nothing', () => {
    expect(planChange([row('a', 'owner')], 'o', 'n', set('editor'))).toEqual({
      kind: 'write',
      removes: false,
      status: 'invited',
      actions: [
        ['create', { partitionKey: 'o', rowKey: 'n', role: 'invited', offered: 'editor', invitedBy: 'a', since: 't' }],
      ],
    });
    expect(planChange([row('a', 'owner')], 'o', 'n', { kind: 'remove' })).toEqual({ kind: 'nothing' });
  });

  it('accepts or declines only an open invitation, on its ETag', () => {
    const rows = [row('a', 'owner'), invited('n', 'editor'), row('m', 'viewer')];
    expect(planChange(rows, 'o', 'n', { kind: 'accept', since: 't' })).toEqual({
      kind: 'write',
      removes: false,
      status: 'member',
      role: 'editor',
      actions: [['update', { partitionKey: 'o', rowKey: 'n', role: 'editor', since: 't' }, 'Replace', { etag: 'e-n' }]],
    });
    expect(planChange(rows, 'o', 'n', { kind: 'decline' })).toEqual({
      kind: 'write',
      removes: true,
      status: 'removed',
      actions: [
        ['update', { partitionKey: 'o', rowKey: 'n', role: 'removed', since: 's' }, 'Replace', { etag: 'e-n' }],
      ],
    });
    for (const user of ['m', 'a', 'nobody']) {
      expect(planChange(rows, 'o', user, { kind: 'accept', since: 't' })).toEqual({ kind: 'no-invitation' });
      expect(planChange(rows, 'o', user, { kind: 'decline' })).toEqual({ kind: 'no-invitation' });
    }
  });

  it('granting again to an invited user changes the offer, still on the invitation’s ETag', () => {
    expect(planChange([row('a', 'owner'), invited('n', 'viewer')], 'o', 'n', set('owner'))).toEqual({
      kind: 'write',
      removes: false,
      status: 'invited',
      actions: [
        [
          'update',
          { partitionKey: 'o', rowKey: 'n', role: 'invited', offered: 'owner', invitedBy: 'a', since: 't' },
          'Replace',
          { etag: 'e-n' },
        ],
      ],
    });
  });
});
