// The built pane in headless Chromium (stand-in Excel, fake API): what it keeps across tab switches and reloads,
// a slow Office start, and a template inserted twice. One browser for the file; each test opens its own page.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemoryWorkbook } from '@qms/excel-standin';
import { sampleProfile } from '../support/sample-assessment.ts';
import { OFFICE_JS_CDN } from './build-pane.ts';
import { FakeApi } from './fake-api.ts';
import { DEV_TOKEN, startFakePane, type FakePane } from './fake-pane.ts';

declare global {
  interface Window {
    __qmsWorkbook?: MemoryWorkbook;
  }
}

let pane: FakePane | undefined;
let standIn: string;
let origin: string;
let browser: BrowserContext;
const api = new FakeApi();

interface StandIn {
  keepAcrossReload?: boolean;
  readyDelayMs?: number;
  language?: string;
}

async function openPane(options: StandIn = {}): Promise<Page> {
  const page = await browser.newPage();
  await page.addInitScript((o) => {
    (window as unknown as { __qmsStandIn: unknown }).__qmsStandIn = o;
  }, options);
  await page.route(OFFICE_JS_CDN, (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript', body: standIn }),
  );
  await page.goto(`${origin}/taskpane.html`);
  return page;
}

/** Signs in with the dev token and picks `org` on the Sync tab (the fake API answers for any organisation). */
async function signIn(page: Page, org: string): Promise<void> {
  await page.getByRole('tab', { name: 'Sync' }).click();
  // Developer settings sit under a disclosure in a built pane (it stays open for the session once opened).
  const advanced = page.getByRole('button', { name: /advanced settings/i });
  await advanced.waitFor();
  if ((await advanced.getAttribute('aria-expanded')) !== 'true') await advanced.click();
  const server = page.getByRole('textbox', { name: 'Server' });
  await server.fill(`${origin}/api`);
  const use = page.getByRole('button', { name: 'Use server' });
  if (await use.isEnabled()) await use.click();
  await page.getByLabel('Dev sign-in token').fill(DEV_TOKEN);
  await page.getByRole('button', { name: 'Sign in with token' }).click();
  await expect.poll(() => page.getByText('Signed in as tester.').count()).toBe(1);
  await page.getByRole('textbox', { name: 'Organisation' }).fill(org);
}

const checkSummary = (page: Page) => page.getByRole('status', { name: 'Check summary' });

beforeAll(async () => {
  pane = await startFakePane(api);
  ({ origin, standIn, browser } = pane);
}, 120_000);

afterAll(async () => {
  await pane?.close();
});

describe('pane state', () => {
  it('keeps the check, the highlights, readiness and the portfolio across tab switches and a reload, and clears highlights after the reload', async () => {
    api.profiles.set('beta', sampleProfile());
    api.store('beta');
    api.history.set('beta', [
      { date: '2026-02-01', asOf: '2026-02-01', readiness: 22.5, verdict: 'Not ready' },
      { date: '2026-03-01', asOf: '2026-03-01', readiness: 41, verdict: 'Not ready' },
    ]);
    const page = await openPane({ keepAcrossReload: true });
    try {
      await page.getByRole('button', { name: 'Insert CAPA Log' }).click();
      await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/Inserted CAPA Log/);
      // A closed CAPA with nothing else filled in: errors to highlight.
      await page.evaluate(() => {
        const wb = window.__qmsWorkbook!;
        const sheet = wb.sheet('CAPA Log')!;
        const header = wb.headerRow(sheet, 'CAPA ID').row;
        wb.write(sheet, header + 1, 1, [['CAPA-9', '2026-01-10']]);
      });
      await page.getByRole('tab', { name: 'Check' }).click();
      await page.getByLabel('Judge as of').fill('2026-03-31');
      await page.getByRole('button', { name: 'Check workbook' }).click();
      await expect.poll(() => checkSummary(page).textContent()).toMatch(/^[1-9]\d* errors?/);
      const summary = await checkSummary(page).textContent();
      await page.getByRole('button', { name: 'Highlight issue cells' }).click();
      await expect.poll(() => page.getByRole('button', { name: 'Clear highlights' }).isEnabled()).toBe(true);
      const painted = await page.evaluate(() => [...window.__qmsWorkbook!.sheet('CAPA Log')!.fills.keys()]);
      expect(painted.length).toBeGreaterThan(0);

      await signIn(page, 'beta');
      await page.getByRole('tab', { name: 'Readiness' }).click();
      await page.getByRole('button', { name: 'Load readiness' }).click();
      await expect.poll(() => page.getByRole('region', { name: 'Score' }).count()).toBe(1);
      expect(await page.getByRole('region', { name: 'Readiness over time' }).textContent()).toContain(
        'From 22.5% on Feb 1, 2026 to 41.0% on Mar 1, 2026',
      );
      await page.getByRole('button', { name: 'Portfolio', exact: true }).click();
      await page.getByRole('button', { name: 'Load portfolio' }).click();
      await expect.poll(() => page.getByRole('button', { name: 'Use beta' }).count()).toBe(1);

      // Round the tabs: nothing is lost, and "Clear highlights" stays on.
      for (const tab of ['Templates', 'Sync', 'Check'] as const) await page.getByRole('tab', { name: tab }).click();
      await expect.poll(() => checkSummary(page).textContent()).toBe(summary);
      expect(await page.getByRole('button', { name: 'Clear highlights' }).isEnabled()).toBe(true);
      await page.getByRole('tab', { name: 'Readiness' }).click();
      await expect.poll(() => page.getByRole('region', { name: 'Score' }).count()).toBe(1);
      await page.getByRole('button', { name: 'Portfolio', exact: true }).click();
      await expect.poll(() => page.getByRole('button', { name: 'Use beta' }).count()).toBe(1);

      // The pane reloads (Excel keeps the workbook): the results come back, and the highlights can still be cleared.
      await page.reload();
      await page.getByRole('tab', { name: 'Check' }).click();
      await expect.poll(() => checkSummary(page).textContent()).toBe(summary);
      await expect.poll(() => page.getByRole('button', { name: 'Clear highlights' }).isEnabled()).toBe(true);
      await page.getByRole('button', { name: 'Clear highlights' }).click();
      await expect.poll(() => page.evaluate(() => window.__qmsWorkbook!.sheet('CAPA Log')!.fills.size)).toBe(0);
      expect(await page.evaluate(() => window.__qmsWorkbook!.sheet('CAPA Log')!.props.has('qms.highlights'))).toBe(
        false,
      );
      expect(await page.getByRole('button', { name: 'Clear highlights' }).isEnabled()).toBe(false);
      await page.getByRole('tab', { name: 'Readiness' }).click();
      await expect.poll(() => page.getByRole('region', { name: 'Score' }).count()).toBe(1);
    } finally {
      await page.close();
    }
  });

  it('a slow Office start (onReady after 6 s) says Excel is starting, then shows the pane, never "Open this pane in Excel"', async () => {
    const page = await openPane({ readyDelayMs: 6_000 });
    try {
      let outside = 0;
      const seen = setInterval(() => {
        void page
          .getByText('Open this pane in Excel.')
          .count()
          .then((n) => (outside += n))
          .catch(() => undefined);
      }, 200);
      await expect
        .poll(() => page.getByText('Excel is still starting the add-in.').count(), { timeout: 10_000 })
        .toBe(1);
      await expect
        .poll(() => page.getByRole('button', { name: 'Insert Starter set (all templates)' }).count(), {
          timeout: 10_000,
        })
        .toBe(1);
      clearInterval(seen);
      expect(outside).toBe(0);
      expect(await page.getByText('Excel is still starting the add-in.').count()).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('inserting a template the workbook has already asks first, and goes to the sheet instead of making "CAPA Log (2)"', async () => {
    const page = await openPane();
    try {
      await page.getByRole('button', { name: 'Insert CAPA Log' }).click();
      await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/Inserted CAPA Log/);
      await page.evaluate(() => window.__qmsWorkbook!.sheet('Sheet1') && (window.__qmsWorkbook!.active = 'Sheet1'));
      await page.getByRole('button', { name: 'Insert CAPA Log' }).click();
      await expect.poll(() => page.getByText('"CAPA Log" is already in this workbook.').count()).toBe(1);
      const names = () => page.evaluate(() => window.__qmsWorkbook!.sheets.map((s) => s.name));
      expect(await names()).not.toContain('CAPA Log (2)');
      await page.getByRole('button', { name: 'Go to CAPA Log' }).click();
      await expect.poll(() => page.evaluate(() => window.__qmsWorkbook!.active)).toBe('CAPA Log');
      expect(await names()).not.toContain('CAPA Log (2)');
      // Asked again, the user may still want a copy.
      await page.getByRole('button', { name: 'Insert CAPA Log' }).click();
      await page.getByRole('button', { name: 'Insert copies anyway' }).click();
      await expect.poll(names).toContain('CAPA Log (2)');
    } finally {
      await page.close();
    }
  });

  it('Load portfolio and Write summary sheet show that they are busy, and cannot be pressed twice', async () => {
    api.profiles.set('busy-org', sampleProfile());
    api.store('busy-org');
    const page = await openPane();
    try {
      await signIn(page, 'busy-org');
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route('**/api/portfolio', async (route) => {
        await held;
        await route.continue();
      });
      await page.getByRole('button', { name: 'Portfolio', exact: true }).click();
      await page.getByRole('button', { name: 'Load portfolio' }).click();
      const busy = page.getByRole('button', { name: 'Loading…' });
      await expect.poll(() => busy.count()).toBe(1);
      expect(await busy.isDisabled()).toBe(true);
      release();
      await expect.poll(() => page.getByRole('button', { name: 'Use busy-org' }).count()).toBe(1);
      expect(await page.getByRole('button', { name: 'Refresh portfolio' }).isEnabled()).toBe(true);

      await page.getByRole('tab', { name: 'Readiness' }).click();
      await page.getByRole('button', { name: 'Load readiness' }).click();
      await page.getByRole('region', { name: 'Score' }).waitFor();
      // The workbook answers slowly: the write shows it is under way.
      await page.evaluate(() => {
        const wb = window.__qmsWorkbook!;
        const run = wb.run;
        wb.run = (batch) => new Promise((resolve) => setTimeout(resolve, 400)).then(() => run(batch));
      });
      await page.getByRole('button', { name: 'Write summary sheet' }).click();
      const writing = page.getByRole('button', { name: 'Writing…' });
      await expect.poll(() => writing.count()).toBe(1);
      expect(await writing.isDisabled()).toBe(true);
      await expect.poll(() => page.getByText('Wrote the "QMS Readiness" sheet.').count()).toBe(1);
    } finally {
      await page.close();
    }
  });
});
