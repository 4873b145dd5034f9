// Reads never write: history points (and portfolio headlines) are taken when a sync or a profile change commits,
// one per day, never by a GET /assessment, whatever asOf the reader picks. Against Azurite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAzurite, type Azurite } from '@qms/api-harness/azurite';
import { capa, createTestApp, syncBody, syncWorkbook, TEST_NOW, type TestApp } from '@qms/api-harness';

let azurite: Azurite;
let app: TestApp;
let owner: string;

beforeAll(async () => {
  azurite = await startAzurite();
  app = await createTestApp(azurite.connectionString);
  owner = await app.token('owner-1');
  await app.createOrg(owner, 'hist');
}, 30_000);

afterAll(async () => {
  await azurite.stop();
});

const history = async () =>
  (await app.call('GET', '/api/orgs/hist/assessment/history', { token: owner })).body as {
    points: { date: string; asOf: string; readiness: number | null }[];
  };
const portfolio = async () => (await app.call('GET', '/api/portfolio', { token: owner })).text;

describe('history points come from commits, one per day', () => {
  it('a GET /assessment stores nothing, at any asOf', async () => {
    expect((await history()).points).toEqual([]);
    for (const asOf of ['2020-01-01', '2031-12-31'])
      expect((await app.call('GET', `/api/orgs/hist/assessment?asOf=${asOf}`, { token: owner })).status).toBe(200);
    expect((await history()).points).toEqual([]);
  });

  it('a completed sync takes the day’s point, judged as of the commit date; a second one that day replaces it', async () => {
    const day = TEST_NOW.toISOString().slice(0, 10);
    expect((await syncWorkbook(app, owner, 'hist', syncBody('h1', [capa('C-1')]))).status).toBe(200);
    expect((await history()).points).toMatchObject([{ date: day, asOf: day }]);
    expect((await syncWorkbook(app, owner, 'hist', syncBody('h2', [capa('C-1'), capa('C-2')]))).status).toBe(200);
    expect((await history()).points).toHaveLength(1);
    const before = await portfolio();
    await app.call('GET', '/api/orgs/hist/assessment?asOf=2020-01-01', { token: owner });
    expect(await portfolio()).toBe(before);
  });

  it('the next day adds a point, and a profile change commits one too', async () => {
    app.clock.set(new Date(TEST_NOW.getTime() + 86_400_000));
    owner = await app.token('owner-1'); // yesterday's token has expired
    const res = await app.call('PUT', '/api/orgs/hist/profile', {
      token: owner,
      body: {
        organizationName: 'History Ltd',
        certificationScope: 'Design and manufacture of widgets',
        sitesInScope: 1,
        effectivePersonnel: 40,
        riskCategory: 'Medium',
      },
    });
    expect(res.status).toBe(200);
    const points = (await history()).points;
    expect(points.map((p) => p.date)).toEqual(['2026-03-02', '2026-03-03']);
    app.clock.set(TEST_NOW);
  });
});
