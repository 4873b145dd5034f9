import { describe, expect, it } from 'vitest';
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

function deps(status = 200, body: unknown = { orgs: ORGS }) {
  const calls: { url: string; auth: string | null }[] = [];
  const d: RemoteDeps = {
    env: {},
    random: () => 0,
    sleep: () => Promise.resolve(),
    fetch: (input, init) => {
      calls.push({
        url: input instanceof Request ? input.url : input.toString(),
        auth: new Headers(init?.headers).get('authorization'),
      });
      return Promise.resolve(
        new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
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
