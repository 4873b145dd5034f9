// The built pane against the real backend: Azurite, the Functions app through its dev host (the same route
// table as Azure), a dev-issuer token pasted into the pane, CORS from the pane's own origin. The workbook is
// the in-memory Excel stand-in behind office.js's CDN URL.
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAzurite, type Azurite } from '@qms/api-harness/azurite';
import { createApiClient, runSync } from '@qms/client';
import {
  capa,
  createTestApp,
  startDevHost,
  storedHashes,
  syncBody,
  toSyncInput,
  type DevHost,
  type TestApp,
} from '@qms/api-harness';
import type { MemoryWorkbook } from '@qms/excel-standin';
import { ADDIN_DIR, OFFICE_JS_CDN, buildPane, buildStandIn } from './build-pane.ts';
import { launchChromium } from './chromium.ts';
import { serve } from './serve.ts';

declare global {
  interface Window {
    __qmsWorkbook?: MemoryWorkbook;
  }
}

let azurite: Azurite;
let app: TestApp;
let host: DevHost;
let server: Server;
let origin: string;
let browser: BrowserContext;
let page: Page;
let standIn: string;
let token: string;

beforeAll(async () => {
  let dist: string;
  [azurite, dist, standIn] = await Promise.all([startAzurite(), buildPane(), buildStandIn()]);
  app = await createTestApp(azurite.connectionString);
  ({ origin, server } = await serve(dist));
  // The pane is served from its own origin, as in production: the API must allow it by CORS.
  app.deps.options.corsOrigins.push(origin);
  host = await startDevHost(() => Promise.resolve(app.deps), { port: 0 });
  token = await app.token('pane-owner');
  browser = await launchChromium();
  mkdirSync(join(ADDIN_DIR, '..', 'test-results', 'addin'), { recursive: true });
  page = await browser.newPage();
  await page.route(OFFICE_JS_CDN, (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript', body: standIn }),
  );
  await page.goto(`${origin}/taskpane.html`);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  await host?.close();
  await azurite?.stop();
});

const capaCount = async () => Object.keys(await storedHashes(app, 'pane-co', token)).length;

describe('pane with the real backend', () => {
  it('inserts the starter set, creates the organisation and syncs every valid record', async () => {
    await page.getByRole('button', { name: 'Insert Starter set (all templates)' }).click();
    await expect.poll(() => page.evaluate(() => window.__qmsWorkbook!.sheet('CAPA Log') !== undefined)).toBe(true);
    await page.evaluate(() => {
      const wb = window.__qmsWorkbook!;
      const sheet = wb.sheet('CAPA Log')!;
      const { row: header, columns: headers } = wb.headerRow(sheet, 'CAPA ID');
      const profile = wb.sheet('QMS Profile')!;
      const fields: Record<string, string | number> = {
        'Organization name': 'Pane Co',
        'Certification scope': 'Design and manufacture of widgets',
        'Sites in scope': 1,
        'Effective personnel': 25,
        'Risk category': 'Medium',
      };
      for (const [key, value] of profile.cells) {
        const [r, c] = key.split(',').map(Number) as [number, number];
        if (typeof value === 'string' && value in fields) wb.write(profile, r, c + 1, [[fields[value]!]]);
      }
      ['CAPA-1', 'CAPA-2'].forEach((id, i) => {
        const row = header + 1 + i;
        wb.write(sheet, row, headers.get('CAPA ID')!, [[id]]);
        wb.write(sheet, row, headers.get('Date opened')!, [['2026-01-1' + String(i)]]);
        wb.write(sheet, row, headers.get('Severity')!, [['Minor']]);
        wb.write(sheet, row, headers.get('Status')!, [['Open']]);
      });
    });
    await page.getByRole('tab', { name: 'Check' }).click();
    await page.getByLabel('Judge as of').fill('2026-03-02');
    await page.getByRole('tab', { name: 'Sync' }).click();
    // Developer settings sit under a disclosure in a built pane (it stays open for the session once opened).
    const advanced = page.getByRole('button', { name: /advanced settings/i });
    await advanced.waitFor();
    if ((await advanced.getAttribute('aria-expanded')) !== 'true') await advanced.click();
    await page.getByRole('textbox', { name: 'Server' }).fill(host.url);
    await page.getByRole('button', { name: 'Use server' }).click();
    await page.getByLabel('Dev sign-in token').fill(token);
    await page.getByRole('button', { name: 'Sign in with token' }).click();
    await page.getByRole('textbox', { name: 'Organisation' }).fill('pane-co');
    await page.getByRole('button', { name: 'Create organisation' }).click();
    await expect.poll(() => page.getByText('Created organisation "pane-co"; you are its owner.').count()).toBe(1);
    await page.getByRole('button', { name: 'Sync workbook' }).click();
    const result = page.getByRole('region', { name: 'Last sync result' });
    await expect.poll(() => result.textContent(), { timeout: 20_000 }).toMatch(/Created[1-9]/);
    expect(await result.textContent()).toMatch(/Rejected0$/);
    expect(await capaCount()).toBe(2);
  });

  it('queues a sync made while the server is unreachable and delivers it when the network returns', async () => {
    await page.evaluate(() => {
      const wb = window.__qmsWorkbook!;
      const sheet = wb.sheet('CAPA Log')!;
      const header = wb.headerRow(sheet, 'CAPA ID').row;
      wb.write(sheet, header + 3, 1, [['CAPA-3', '2026-02-01']]);
      const status = [...sheet.cells.entries()].find(([k, v]) => v === 'Status' && Number(k.split(',')[0]) === header)!;
      wb.write(sheet, header + 3, Number(status[0].split(',')[1]), [['Open']]);
    });
    await browser.setOffline(true);
    await page.getByRole('button', { name: 'Sync workbook' }).click();
    await expect.poll(() => page.getByText(/Saved for later/).count()).toBe(1);
    expect(await capaCount()).toBe(2);
    await browser.setOffline(false);
    await expect
      .poll(
        () => page.evaluate(() => (JSON.parse(localStorage.getItem('qms.pendingSyncs') ?? '[]') as unknown[]).length),
        { timeout: 20_000 },
      )
      .toBe(0);
    expect(Object.keys(await storedHashes(app, 'pane-co', token)).sort()).toEqual(['CAPA-1', 'CAPA-2', 'CAPA-3']);
  });

  it('reads the assessment and writes the summary sheet from it', async () => {
    await page.getByRole('tab', { name: 'Readiness' }).click();
    await page.getByRole('button', { name: 'Load readiness' }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Gates' }).count(), { timeout: 20_000 }).toBe(1);
    expect(await page.getByRole('region', { name: 'Gates' }).textContent()).toMatch(/G1/);
    await page.getByRole('button', { name: 'Write summary sheet' }).click();
    await expect
      .poll(() => page.evaluate(() => window.__qmsWorkbook!.value('QMS Readiness', 'A1')))
      .toBe('QMS Readiness');
    // The layout `qms assess --summary` writes: title, then the organisation the profile names.
    const top = await page.evaluate(() =>
      ['A1', 'A3', 'B3'].map((a) => window.__qmsWorkbook!.value('QMS Readiness', a)),
    );
    expect(top).toEqual(['QMS Readiness', 'Organization', 'Pane Co']);
  });

  it('lists the records the server rejects (422 records-rejected) with their cells, and a cell link selects it', async () => {
    // An id the workbook accepts (181 characters) but whose storage key, with each "/" encoded, is too long.
    const longId = `C${'/'.repeat(180)}`;
    const row = await page.evaluate((id) => {
      const wb = window.__qmsWorkbook!;
      const sheet = wb.sheet('CAPA Log')!;
      const header = wb.headerRow(sheet, 'CAPA ID').row;
      const at = (name: string) =>
        Number(
          [...sheet.cells.entries()]
            .find(([k, v]) => v === name && Number(k.split(',')[0]) === header)![0]
            .split(',')[1],
        );
      const r = header + 4;
      wb.write(sheet, r, at('CAPA ID'), [[id]]);
      wb.write(sheet, r, at('Date opened'), [['2026-02-02']]);
      wb.write(sheet, r, at('Severity'), [['Minor']]);
      wb.write(sheet, r, at('Status'), [['Open']]);
      return r;
    }, longId);
    await page.getByRole('tab', { name: 'Sync' }).click();
    await page.getByRole('button', { name: 'Sync workbook' }).click();
    const list = page.getByRole('region', { name: 'Rejected records' });
    await expect.poll(() => list.count(), { timeout: 20_000 }).toBe(1);
    const text = (await list.textContent()) ?? '';
    expect(text).toContain(`capa ${longId}`);
    expect(text).toContain(`CAPA Log!A${row}`);
    expect(text).toMatch(/too long to be a storage key/);
    expect(await page.getByRole('alert').textContent()).toMatch(/rejected 1 record and stored nothing/);
    // Nothing of the refused request was stored.
    expect(Object.keys(await storedHashes(app, 'pane-co', token)).sort()).toEqual(['CAPA-1', 'CAPA-2', 'CAPA-3']);
    await page.screenshot({
      path: join(ADDIN_DIR, '..', 'test-results', 'addin', 'sync-rejected.png'),
      fullPage: true,
    });
    await list.getByRole('button', { name: `CAPA Log!A${row}` }).click();
    await expect
      .poll(() => page.evaluate(() => window.__qmsWorkbook!.selection))
      .toEqual({ sheet: 'CAPA Log', address: `A${row}` });
  });

  it('an upload cut mid-way is kept, resumes by itself, and shows nothing half-done in between', async () => {
    await page.evaluate(() => {
      const wb = window.__qmsWorkbook!;
      const sheet = wb.sheet('CAPA Log')!;
      const { row: header, columns: col } = wb.headerRow(sheet, 'CAPA ID');
      // The refused row of the last test is fixed, and 6,000 rows follow: more than one upload carries (5,000).
      wb.write(sheet, header + 4, col.get('CAPA ID')!, [['CAPA-4']]);
      for (let i = 0; i < 6_000; i++) {
        const row = header + 5 + i;
        wb.write(sheet, row, col.get('CAPA ID')!, [[`BULK-${i}`]]);
        wb.write(sheet, row, col.get('Date opened')!, [['2026-01-15']]);
        wb.write(sheet, row, col.get('Severity')!, [['Minor']]);
        wb.write(sheet, row, col.get('Status')!, [['Open']]);
      }
    });
    let cut = true;
    const uploads: number[] = [];
    await page.route('**/api/orgs/*/sync/records', async (route) => {
      const count = (route.request().postDataJSON() as { records: unknown[] }).records.length;
      if (cut && uploads.length === 1) return route.abort('internetdisconnected');
      uploads.push(count);
      return route.continue();
    });
    await page.getByRole('button', { name: 'Sync workbook' }).click();
    await expect.poll(() => page.getByText(/Saved for later/).count(), { timeout: 30_000 }).toBe(1);
    expect(uploads).toHaveLength(1);
    // The first upload landed, but no commit named it: the organisation still shows the earlier workbook.
    expect(Object.keys(await storedHashes(app, 'pane-co', token)).sort()).toEqual(['CAPA-1', 'CAPA-2', 'CAPA-3']);
    cut = false;
    // The back-off timer retries by itself (no click, no reload).
    await expect
      .poll(
        () => page.evaluate(() => (JSON.parse(localStorage.getItem('qms.pendingSyncs') ?? '[]') as unknown[]).length),
        { timeout: 30_000 },
      )
      .toBe(0);
    const stored = Object.keys(await storedHashes(app, 'pane-co', token));
    expect(stored).toHaveLength(4 + 6_000);
    expect(uploads.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(6_001);
    await page.unroute('**/api/orgs/*/sync/records');
  }, 90_000);

  it("a sync that loses the race to another client plans again, and the organisation ends as the pane's workbook", async () => {
    await page.evaluate(() => {
      const wb = window.__qmsWorkbook!;
      const sheet = wb.sheet('CAPA Log')!;
      const header = wb.headerRow(sheet, 'CAPA ID').row;
      const status = [...sheet.cells.entries()].find(([k, v]) => v === 'Status' && Number(k.split(',')[0]) === header)!;
      wb.write(sheet, header + 1, Number(status[0].split(',')[1]), [['Cancelled']]);
    });
    const plans: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && /\/sync$/.test(r.url())) plans.push(r.url());
    });
    let raced = false;
    await page.route('**/api/orgs/*/sync/commit', async (route) => {
      if (!raced) {
        raced = true;
        // A colleague's CLI commits a different snapshot of the organisation first.
        const other = createApiClient({ baseUrl: host.url, getToken: () => Promise.resolve(token) });
        await runSync(other, 'pane-co', toSyncInput(syncBody('colleague', [capa('ONLY-MINE')])));
      }
      return route.continue();
    });
    await page.getByRole('button', { name: 'Sync workbook' }).click();
    // Against the colleague's head every record is put again, and their one record removed.
    await expect
      .poll(() => page.getByRole('region', { name: 'Last sync result' }).textContent(), { timeout: 60_000 })
      .toMatch(/Created6,?004.*Deleted1/);
    expect(raced).toBe(true);
    expect(plans.length).toBeGreaterThanOrEqual(2);
    const stored = await storedHashes(app, 'pane-co', token);
    expect(Object.keys(stored)).toHaveLength(4 + 6_000);
    expect(stored['ONLY-MINE']).toBeUndefined();
    await page.unroute('**/api/orgs/*/sync/commit');
  }, 90_000);

  it('shows an invitation apart, grants nothing until it is accepted, and lists the organisation once accepted', async () => {
    // Someone else's organisation invites the pane's user.
    const other = await app.token('other-owner');
    await app.createOrg(other, 'inviting-co', 'Inviting Co');
    const invited = await app.call('PUT', '/api/orgs/inviting-co/members/pane-owner', {
      token: other,
      body: { role: 'consultant' },
    });
    expect(invited.status).toBe(200);
    await page.getByRole('button', { name: 'Portfolio', exact: true }).click();
    await page.getByRole('button', { name: /^(Load|Refresh) portfolio$/ }).click();
    const invitations = page.getByRole('list', { name: 'Invitations' });
    await expect.poll(() => invitations.textContent(), { timeout: 20_000 }).toContain('Inviting Co');
    expect(await invitations.textContent()).toContain('other-owner invites you as consultant');
    // Not openable, and no access yet.
    expect(await page.getByRole('list', { name: 'Portfolio' }).textContent()).not.toContain('Inviting Co');
    expect((await app.call('GET', '/api/orgs/inviting-co/assessment', { token })).status).toBe(403);
    await invitations.getByRole('button', { name: 'Accept' }).click();
    await expect
      .poll(() => page.getByRole('list', { name: 'Portfolio' }).textContent(), { timeout: 20_000 })
      .toContain('Inviting Co');
    expect(await page.getByRole('list', { name: 'Invitations' }).count()).toBe(0);
    expect((await app.call('GET', '/api/orgs/inviting-co/assessment', { token })).status).toBe(200);
  });

  it('leaves an organisation from its row after asking, and the only owner is told to hand ownership over first', async () => {
    const other = await app.token('leaving-owner');
    await app.createOrg(other, 'leaving-co', 'Leaving Co');
    await app.call('PUT', '/api/orgs/leaving-co/members/pane-owner', { token: other, body: { role: 'viewer' } });
    expect((await app.call('POST', '/api/orgs/leaving-co/invitation', { token })).status).toBe(200);
    const portfolio = page.getByRole('list', { name: 'Portfolio' });
    if ((await page.getByRole('button', { name: 'Portfolio', exact: true }).getAttribute('aria-pressed')) !== 'true') {
      await page.getByRole('button', { name: 'Portfolio', exact: true }).click();
    }
    await page.getByRole('button', { name: /^(Load|Refresh) portfolio$/ }).click();
    await expect.poll(() => portfolio.textContent(), { timeout: 20_000 }).toContain('Leaving Co');

    await page.getByRole('button', { name: 'Leave Leaving Co' }).click();
    const confirm = page.getByRole('group', { name: 'Leave Leaving Co?' });
    await confirm.getByRole('button', { name: 'Leave', exact: true }).click();
    await expect.poll(() => portfolio.textContent(), { timeout: 20_000 }).not.toContain('Leaving Co');
    expect(await page.getByText('You left "Leaving Co".', { exact: false }).count()).toBe(1);
    expect((await app.call('GET', '/api/orgs/leaving-co/assessment', { token })).status).toBe(403);

    // The pane's user is pane-co's only owner.
    await page.getByRole('button', { name: 'Leave pane-co' }).click();
    await page
      .getByRole('group', { name: 'Leave pane-co?' })
      .getByRole('button', { name: 'Leave', exact: true })
      .click();
    await expect
      .poll(() => page.getByRole('alert').textContent(), { timeout: 20_000 })
      .toMatch(/Leaving "pane-co" failed: .*only owner.*hand ownership over first/);
    expect(await portfolio.textContent()).toContain('pane-co');
    expect((await app.call('GET', '/api/orgs/pane-co/assessment', { token })).status).toBe(200);
  });
});
