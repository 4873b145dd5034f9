// The built pane at task-pane sizes, in English and German (Office's display language): no view scrolls sideways,
// the tabs stay on one row, a long error wraps, and axe-core finds nothing but one known false positive.
// 200 % zoom is emulated as Chromium zooms: the layout viewport is half the pane's pixels in CSS px and
// devicePixelRatio doubles (DevTools protocol Emulation.setDeviceMetricsOverride), so media queries and rendering see
// what a zoomed pane sees.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemoryWorkbook } from '@qms/excel-standin';
import { sampleProfile } from '../support/sample-assessment.ts';
import { ADDIN_DIR, OFFICE_JS_CDN } from './build-pane.ts';
import { FakeApi } from './fake-api.ts';
import { DEV_TOKEN, startFakePane, type FakePane } from './fake-pane.ts';

const SHOTS = join(ADDIN_DIR, '..', 'test-results', 'addin', 'layout');
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** `width` and `height` are the layout viewport in CSS px: the pane's pixels divided by the zoom. */
interface PaneSize {
  name: string;
  width: number;
  height: number;
  zoom: number;
}
/** Where the views are shown between the size checks. */
const ROOMY: PaneSize = { name: 'roomy', width: 420, height: 900, zoom: 1 };
const SIZES: readonly PaneSize[] = [
  { name: '320 × 700', width: 320, height: 700, zoom: 1 },
  { name: '450 × 800', width: 450, height: 800, zoom: 1 },
  { name: '320 × 700 at 200 %', width: 160, height: 350, zoom: 2 },
  { name: '450 × 800 at 200 %', width: 225, height: 400, zoom: 2 },
];

/** One DevTools session per page, kept open: an emulation override ends with the session that set it. */
const sessions = new WeakMap<Page, CDPSession>();

/**
 * A whole-page screenshot through the same DevTools session: Playwright's own would apply its viewport again and
 * undo the zoom emulation.
 */
async function screenshot(page: Page, path: string): Promise<void> {
  const cdp = sessions.get(page);
  if (cdp === undefined) throw new Error('setSize first');
  const { data } = await cdp.send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true });
  writeFileSync(path, Buffer.from(data, 'base64'));
}

/** Sizes the page as a pane of that size at that zoom, and checks the page sees it so. */
async function setSize(page: Page, size: PaneSize): Promise<void> {
  let cdp = sessions.get(page);
  if (cdp === undefined) {
    cdp = await page.context().newCDPSession(page);
    sessions.set(page, cdp);
  }
  await cdp.send('Emulation.setDeviceMetricsOverride', {
    width: size.width,
    height: size.height,
    deviceScaleFactor: size.zoom,
    mobile: false,
  });
  const seen = await page.evaluate(() => ({ width: window.innerWidth, ratio: window.devicePixelRatio }));
  expect(seen, size.name).toEqual({ width: size.width, ratio: size.zoom });
}
const VIEWS = ['Templates', 'Check', 'Sync', 'Readiness', 'Portfolio'] as const;
type View = (typeof VIEWS)[number];

/**
 * Tabster (Fluent's focus manager) puts invisible "dummy" inputs around focus traps: focusable elements inside
 * aria-hidden wrappers, which axe's `aria-hidden-focus` rule reports although nothing a user meets is hidden.
 * Only that rule, and only on those elements, is let through.
 */
const FOCUS_GUARD_FALSE_POSITIVE = { rule: 'aria-hidden-focus', selector: '[data-tabster-dummy]' };

declare global {
  interface Window {
    __qmsWorkbook?: MemoryWorkbook;
    axe?: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> };
  }
}

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: string[]; html: string }[];
}

let pane: FakePane | undefined;
let standIn: string;
let origin: string;
let browser: BrowserContext;
const api = new FakeApi();

async function openPane(language: string): Promise<Page> {
  const page = await browser.newPage();
  await page.addInitScript(
    (o) => {
      (window as unknown as { __qmsStandIn: unknown }).__qmsStandIn = o;
    },
    { language },
  );
  await page.route(OFFICE_JS_CDN, (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript', body: standIn }),
  );
  await page.goto(`${origin}/taskpane.html`);
  return page;
}

async function show(page: Page, view: View): Promise<void> {
  if (view === 'Portfolio') {
    const button = page.getByRole('button', { name: 'Portfolio', exact: true });
    if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
    await page
      .getByRole('button', { name: /portfolio$/ })
      .first()
      .waitFor();
    // Once the list is loaded, its Leave confirm step is opened under the row, so the layout and axe checks cover
    // it too (nothing is sent until its Leave is pressed).
    const leave = page.getByRole('button', { name: 'Leave layout-org' });
    if ((await leave.count()) > 0) {
      await leave.click();
      await page.getByRole('group', { name: 'Leave layout-org?' }).waitFor();
    }
  } else {
    await page.getByRole('tab', { name: view }).click();
    await page.locator(`[role="tab"][aria-selected="true"]#tab-${view.toLowerCase()}`).waitFor();
  }
  // Fluent's colour transitions must end first: axe would measure contrast half-way through one.
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)));
}

/** Fills every view with what a user sees after a day's work: checked issues, a sync, readiness, the portfolio. */
async function fill(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Insert Starter set (all templates)' }).click();
  await page.getByText(/^Inserted /).waitFor();
  await page.evaluate(() => {
    const wb = window.__qmsWorkbook!;
    const sheet = wb.sheet('CAPA Log')!;
    const header = wb.headerRow(sheet, 'CAPA ID').row;
    wb.write(sheet, header + 1, 1, [['CAPA-1', '2026-01-10']]);
  });
  await show(page, 'Check');
  await page.getByLabel('Judge as of').fill('2026-03-31');
  await page.getByRole('button', { name: 'Check workbook' }).click();
  await page.getByRole('status', { name: 'Check summary' }).waitFor();
  await show(page, 'Sync');
  // Developer settings sit under a disclosure in a built pane (it stays open for the session once opened).
  const advanced = page.getByRole('button', { name: /advanced settings/i });
  await advanced.waitFor();
  if ((await advanced.getAttribute('aria-expanded')) !== 'true') await advanced.click();
  await page.getByRole('textbox', { name: 'Server' }).fill(`${origin}/api`);
  const use = page.getByRole('button', { name: 'Use server' });
  if (await use.isEnabled()) await use.click();
  await page.getByLabel('Dev sign-in token').fill(DEV_TOKEN);
  await page.getByRole('button', { name: 'Sign in with token' }).click();
  await page.getByRole('textbox', { name: 'Organisation' }).fill('layout-org');
  await page.getByRole('button', { name: 'Sync workbook' }).click();
  await page.getByRole('region', { name: 'Last sync result' }).waitFor({ timeout: 10_000 });
  await show(page, 'Readiness');
  await page.getByRole('button', { name: 'Load readiness' }).click();
  await page.getByRole('region', { name: 'Score' }).waitFor();
  await show(page, 'Portfolio');
  await page.getByRole('button', { name: 'Load portfolio' }).click();
  await page.getByRole('button', { name: 'Use layout-org' }).waitFor();
}

/** What is wrong with the layout now: sideways scroll, tabs on more than one row. */
async function layoutProblems(page: Page, where: string): Promise<string[]> {
  const m = await page.evaluate(() => {
    const root = document.documentElement;
    const tops = [...document.querySelectorAll('[role="tab"]')].map((t) => Math.round(t.getBoundingClientRect().top));
    // The innermost elements that reach past the right edge: what to fix when the pane scrolls.
    const past = [...document.querySelectorAll('body *')].filter(
      (e) =>
        e.getBoundingClientRect().right > root.clientWidth + 0.5 &&
        ![...e.children].some((c) => c.getBoundingClientRect().right > root.clientWidth + 0.5),
    );
    const widest = past
      .slice(0, 3)
      .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} "${(e.textContent ?? '').slice(0, 30)}"`)
      .join('; ');
    return { scroll: root.scrollWidth, client: root.clientWidth, tops, widest };
  });
  const problems: string[] = [];
  if (m.scroll > m.client)
    problems.push(`${where}: scrolls sideways (${m.scroll} > ${m.client} px; widest: ${m.widest})`);
  if (new Set(m.tops).size > 1) problems.push(`${where}: tabs on ${new Set(m.tops).size} rows`);
  return problems;
}

beforeAll(async () => {
  api.profiles.set('layout-org', sampleProfile({ organizationName: 'Präzisionsteile Müller GmbH & Co. KG' }));
  api.history.set('layout-org', [
    { date: '2026-01-15', asOf: '2026-01-15', readiness: 18, verdict: 'Not ready' },
    { date: '2026-02-15', asOf: '2026-02-15', readiness: 35.5, verdict: 'Not ready' },
    { date: '2026-03-15', asOf: '2026-03-15', readiness: 52, verdict: 'Not ready' },
  ]);
  mkdirSync(SHOTS, { recursive: true });
  pane = await startFakePane(api);
  ({ origin, standIn, browser } = pane);
}, 120_000);

afterAll(async () => {
  await pane?.close();
});

describe.each(['en-US', 'de-DE'])('the pane in %s', (language) => {
  let page: Page;
  beforeAll(async () => {
    page = await openPane(language);
    await fill(page);
  }, 60_000);
  afterAll(async () => {
    await page?.close();
  });

  it('writes figures in the display language', async () => {
    await show(page, 'Readiness');
    const text = (await page.getByRole('region', { name: 'Readiness over time' }).textContent()) ?? '';
    expect(text).toContain(language === 'de-DE' ? '18,0\u00a0% on 15.01.2026' : '18.0% on Jan 15, 2026');
    expect(text).toContain(language === 'de-DE' ? '52,0\u00a0% on 15.03.2026' : '52.0% on Mar 15, 2026');
  });

  it('no view scrolls sideways and the tabs stay on one row, at every size', async () => {
    const problems: string[] = [];
    for (const size of SIZES) {
      await setSize(page, size);
      for (const view of VIEWS) {
        await show(page, view);
        expect(
          await page.evaluate(() => [window.innerWidth, window.devicePixelRatio]),
          `${view} at ${size.name}`,
        ).toEqual([size.width, size.zoom]);
        problems.push(...(await layoutProblems(page, `${view} at ${size.name}`)));
        if (size.width <= 225) await screenshot(page, join(SHOTS, `${language}-${view}-${size.width}.png`));
      }
    }
    await setSize(page, ROOMY);
    expect(problems).toEqual([]);
  });

  it('a long error message wraps inside the narrowest pane', async () => {
    // The server refuses with a long explanation (a long organisation name in it, unbreakable words and all).
    await page.route('**/api/orgs/*/assessment?*', (route) =>
      route.fulfill({
        status: 403,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          title: 'Forbidden',
          status: 403,
          code: 'forbidden',
          detail:
            'Your account tester@präzisionsteile-müller-gmbh-und-co-kg.example has no role in the organisation Präzisionsteile-Müller-GmbH-&-Co.-KG-Qualitätsmanagementsystem-2026 any more',
        }),
      }),
    );
    try {
      await show(page, 'Readiness');
      await page.getByRole('button', { name: 'Refresh readiness' }).click();
      const alert = page.getByRole('alert').first();
      await alert.waitFor();
      for (const size of SIZES) {
        await setSize(page, size);
        const box = await alert.boundingBox();
        expect((box?.x ?? 0) + (box?.width ?? Infinity), size.name).toBeLessThanOrEqual(size.width);
        // Wrapped onto several lines, not cut to one.
        expect(box?.height ?? 0, size.name).toBeGreaterThan(60);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), size.name).toBeLessThanOrEqual(
          size.width,
        );
      }
    } finally {
      await page.unroute('**/api/orgs/*/assessment?*');
      await setSize(page, ROOMY);
    }
  });

  it(`axe-core finds no violations in any view (bar ${FOCUS_GUARD_FALSE_POSITIVE.rule} on Fluent's focus guards)`, async () => {
    await page.addScriptTag({ path: AXE });
    const found: string[] = [];
    for (const view of VIEWS) {
      await show(page, view);
      const { violations } = await page.evaluate(() => window.axe!.run(document, { resultTypes: ['violations'] }));
      for (const v of violations) {
        const nodes = v.nodes.filter(
          (n) => !(v.id === FOCUS_GUARD_FALSE_POSITIVE.rule && n.html.includes('data-tabster-dummy')),
        );
        for (const n of nodes)
          found.push(`${view}: ${v.id} (${v.help}) at ${n.target.join(' ')}: ${n.html.slice(0, 120)}`);
      }
    }
    expect(found).toEqual([]);
  });
});
