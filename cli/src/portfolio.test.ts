import { describe, expect, it } from 'vitest';
import { createInvitationCommand } from './commands/invitation.js';
import { createPortfolioCommand, portfolioTable } from './commands/portfolio.js';
import type { RemoteDeps } from './commands/sync.js';
import { main } from './main.js';
import { memoryIo } from './shared/memory-io.js';

const ORGS = [
  {
    id: 'acme',
    org: 'acme',
    name: 'Acme Ltd',
    role: 'consultant',
    readiness: 71.25,
    verdict: 'Ready for Stage 1',
    nextMilestone: { name: 'Stage 2 audit', date: '2027-02-10' },
    assessedAt: '2026-11-24T10:00:00.000Z',
    lastSync: '2026-11-23T09:00:00.000Z',
  },
  {
    id: 'beta',
    org: 'beta',
    name: 'beta',
    role: 'owner',
    readiness: null,
    verdict: null,
    nextMilestone: null,
    assessedAt: null,
    lastSync: null,
  },
];

const INVITATIONS = [
  {
    id: 'gamma',
    org: 'gamma',
    name: 'Gamma plc',
    invitation: true as const,
    role: 'viewer' as const,
    invitedBy: 'gamma-owner',
    invitedAt: '2026-11-20T08:00:00.000Z',
  },
];

function deps(status = 200, body: unknown = { orgs: ORGS, invitations: [] }) {
  const calls: { url: string; auth: string | null; method?: string }[] = [];
  const d: RemoteDeps = {
    env: {},
    random: () => 0,
    sleep: () => Promise.resolve(),
    fetch: (input, init) => {
      const call: { url: string; auth: string | null; method?: string } = {
        url: input instanceof Request ? input.url : input.toString(),
        auth: new Headers(init?.headers).get('authorization'),
      };
      if (init?.method !== undefined && init.method !== 'GET') call.method = init.method;
      calls.push(call);
      return Promise.resolve(
        new Response(status === 204 ? null : JSON.stringify(body), {
          status,
          headers: { 'content-type': 'application/json' },
        }),
      );
    },
  };
  return { d, calls };
}

async function run(d: RemoteDeps, ...argv: string[]) {
  const io = memoryIo('/tmp', new Date(Date.UTC(2026, 10, 24)));
  const code = await createPortfolioCommand(d)(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('qms portfolio', () => {
  it('prints one row per organisation: readiness, verdict, next milestone, last sync', async () => {
    const { d, calls } = deps();
    const r = await run(d, '--api', 'http://h/api', '--token', 'T');
    expect(r.code).toBe(0);
    expect(calls).toEqual([{ url: 'http://h/api/portfolio', auth: 'Bearer T' }]);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Organisation\s+Role\s+Readiness\s+Verdict\s+Next milestone \(P50\)\s+Last sync$/);
    expect(lines[2]).toMatch(
      /^Acme Ltd \(acme\)\s+consultant\s+71\.3 %\s+Ready for Stage 1\s+Stage 2 audit 2027-02-10\s+2026-11-23$/,
    );
    expect(lines[3]).toMatch(/^beta\s+owner\s+not assessed\s+—\s+—\s+never$/);
  });

  it('--json gives the entries as the API sent them', async () => {
    const r = await run(deps().d, '--api', 'http://h/api', '--token', 'T', '--json');
    expect(JSON.parse(r.out)).toEqual(ORGS);
  });

  it('lists invitations apart, marked as such, with the role offered and who invited (no readiness)', async () => {
    const r = await run(deps(200, { orgs: ORGS, invitations: INVITATIONS }).d, '--api', 'http://h/api', '--token', 'T');
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    // The organisations' table is as before; the invitation is not a row of it.
    expect(lines.slice(2, 4).join('\n')).not.toContain('gamma');
    const at = lines.findIndex((l) => l.startsWith('Invitation (not a member yet)'));
    expect(at).toBeGreaterThan(3);
    expect(lines[at]).toMatch(/^Invitation \(not a member yet\)\s+Role offered\s+Invited by\s+On$/);
    expect(lines[at + 2]).toMatch(/^Gamma plc \(gamma\)\s+viewer\s+gamma-owner\s+2026-11-20$/);
    expect(r.out).toContain('qms invitation accept --org ID');
    const json = await run(
      deps(200, { orgs: [], invitations: INVITATIONS }).d,
      '--api',
      'http://h/api',
      '--token',
      'T',
      '--json',
    );
    expect(JSON.parse(json.out)).toEqual(INVITATIONS);
  });

  it('with only invitations, says there is no role yet and still shows them', () => {
    const out = portfolioTable([], INVITATIONS);
    expect(out).toContain('You hold no role in any organisation yet');
    expect(out).toContain('Gamma plc (gamma)');
  });

  it('an empty portfolio says how to get one', () => {
    expect(portfolioTable([])).toContain('You hold no role in any organisation yet');
  });

  it('a refused token is one line with the server detail and exit 1', async () => {
    const { d } = deps(401, {
      title: 'Unauthorized',
      status: 401,
      code: 'token-expired',
      detail: 'The token has expired',
    });
    const r = await run(d, '--api', 'http://h/api', '--token', 'T');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^qms portfolio: The token has expired\. Your sign-in has expired/);
  });

  it('is registered in the command table and needs an API and a token', async () => {
    const io = memoryIo('/tmp', new Date());
    expect(await main(['portfolio', '--api', 'http://h/api'], io)).toBe(2);
    expect(io.err()).toContain('pass --token T or set QMS_TOKEN');
  });
});

describe('qms invitation', () => {
  async function answer(d: RemoteDeps, ...argv: string[]) {
    const io = memoryIo('/tmp', new Date(Date.UTC(2026, 10, 24)));
    const code = await createInvitationCommand(d)(argv, io);
    return { code, out: io.out(), err: io.err() };
  }

  it('accept posts to the invitation and says the role now held', async () => {
    const { d, calls } = deps(200, { org: 'gamma', user: 'me', role: 'viewer', status: 'member' });
    const r = await answer(d, 'accept', '--org', 'gamma', '--api', 'http://h/api', '--token', 'T');
    expect(r.code, r.err).toBe(0);
    expect(calls).toEqual([{ url: 'http://h/api/orgs/gamma/invitation', auth: 'Bearer T', method: 'POST' }]);
    expect(r.out).toBe('Accepted: you are now viewer of gamma.\n');
  });

  it('decline deletes the invitation', async () => {
    const { d, calls } = deps(204);
    const r = await answer(d, 'decline', '--org', 'gamma', '--api', 'http://h/api', '--token', 'T');
    expect(r.code, r.err).toBe(0);
    expect(calls).toEqual([{ url: 'http://h/api/orgs/gamma/invitation', auth: 'Bearer T', method: 'DELETE' }]);
    expect(r.out).toBe('Declined the invitation to gamma.\n');
  });

  it('no invitation is exit 1 with the server detail', async () => {
    const { d } = deps(404, {
      title: 'Not found',
      status: 404,
      code: 'no-invitation',
      detail: 'You have no open invitation to this organisation',
    });
    const r = await answer(d, 'accept', '--org', 'gamma', '--api', 'http://h/api', '--token', 'T');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^qms invitation: You have no open invitation to this organisation/);
  });

  it('refuses a missing answer, a bad org id, or no API, before calling anything (exit 2)', async () => {
    const { d, calls } = deps();
    expect((await answer(d, '--org', 'gamma', '--api', 'http://h/api', '--token', 'T')).code).toBe(2);
    expect((await answer(d, 'maybe', '--org', 'gamma', '--api', 'http://h/api', '--token', 'T')).code).toBe(2);
    const bad = await answer(d, 'accept', '--org', 'Not An Id', '--api', 'http://h/api', '--token', 'T');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--org ID');
    expect((await answer(d, 'accept', '--org', 'gamma', '--token', 'T')).code).toBe(2);
    expect(calls).toEqual([]);
    const io = memoryIo('/tmp', new Date());
    expect(await main(['invitation', 'accept', '--org', 'gamma', '--api', 'http://h/api'], io)).toBe(2);
    expect(io.err()).toContain('pass --token T or set QMS_TOKEN');
  });
});
