// Task-pane budgets (docs/architecture.md, Budgets): initial JavaScript ≤ 200 KB gzip, interactive ≤ 500 ms in headless Chromium
// from localhost. Builds the pane as production does, serves it locally, answers office.js's CDN URL with the
// in-memory Excel stand-in, and times navigation start → the first view's primary button usable. A bare
// React 19 + Fluent v9 page is built and timed in the same run, alternating with the pane, as the reference.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext } from 'playwright-core';
import { OFFICE_JS_CDN, buildPane, buildStandIn } from '../addin/test/browser/build-pane.js';
import { launchChromium } from '../addin/test/browser/chromium.js';
import { serve } from '../addin/test/browser/serve.js';

const BUDGET_KB = 200;
const BUDGET_MS = 500;
const RUNS = 9;
const READY_BUTTON = 'Insert Starter set (all templates)';

const gzipKb = (dist: string, files: string[]) =>
  files.reduce((sum, f) => sum + gzipSync(readFileSync(join(dist, f)), { level: 9 }).length, 0) / 1024;

/** Gzip size of a page's entry script and every module it preloads (lazy chunks excluded). */
function initialJs(dist: string, page: string): { files: number; kb: number } {
  const html = readFileSync(join(dist, page), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="(?:\.\.\/)*\.?\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1] as string);
  return { files: files.length, kb: gzipKb(dist, files) };
}

/** Milliseconds from navigation start to the ready button, and the pane's own .js files fetched by then. */
async function timeToInteractive(
  browser: BrowserContext,
  url: string,
  standIn: string,
): Promise<{ ms: number; scripts: string[] }> {
  const page = await browser.newPage();
  await page.route(OFFICE_JS_CDN, (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript', body: standIn }),
  );
  await page.goto(url, { waitUntil: 'commit' });
  // A string predicate: it runs in the page, and this file is type-checked without the DOM library.
  await page.waitForFunction(
    `[...document.querySelectorAll('button')].some((b) => b.textContent === ${JSON.stringify(READY_BUTTON)} && !b.disabled)`,
    undefined,
    { polling: 'raf' },
  );
  const { ms, scripts } = await page.evaluate(() => ({
    ms: performance.now(),
    scripts: performance
      .getEntriesByType('resource')
      .map((e) => new URL(e.name).pathname)
      .filter((p) => p.startsWith('/assets/') && p.endsWith('.js'))
      .map((p) => p.slice(1)),
  }));
  await page.close();
  return { ms, scripts };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const dist = await buildPane({ withBare: true });
const standIn = await buildStandIn();
try {
  const pane = initialJs(dist, 'taskpane.html');
  const bare = initialJs(dist, 'test/browser/bare/bare.html');
  console.log(
    `addin initial JS: ${pane.files} files, ${pane.kb.toFixed(1)} KB gzip (budget ${BUDGET_KB} KB, ratio ${(pane.kb / BUDGET_KB).toFixed(2)})`,
  );
  console.log(
    `addin bare React+Fluent page JS: ${bare.kb.toFixed(1)} KB gzip (pane/bare ${(pane.kb / bare.kb).toFixed(2)})`,
  );

  const { origin, server } = await serve(dist);
  const browser = await launchChromium();
  try {
    const warm = await timeToInteractive(browser, `${origin}/taskpane.html`, standIn); // warms Chromium itself, not the page
    console.log(
      `addin JS fetched before interactive (entry, preloads and the first view with its template package): ${warm.scripts.length} files, ${gzipKb(dist, warm.scripts).toFixed(1)} KB gzip`,
    );
    const paneTimes: number[] = [];
    const bareTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      paneTimes.push((await timeToInteractive(browser, `${origin}/taskpane.html`, standIn)).ms);
      bareTimes.push((await timeToInteractive(browser, `${origin}/test/browser/bare/bare.html`, standIn)).ms);
    }
    const paneMs = median(paneTimes);
    const bareMs = median(bareTimes);
    console.log(
      `addin time to interactive: median ${paneMs.toFixed(0)} ms over ${RUNS} runs (min ${Math.min(...paneTimes).toFixed(0)}, max ${Math.max(...paneTimes).toFixed(0)}; budget ${BUDGET_MS} ms, ratio ${(paneMs / BUDGET_MS).toFixed(2)})`,
    );
    console.log(
      `addin bare page time to interactive: median ${bareMs.toFixed(0)} ms (pane/bare ${(paneMs / bareMs).toFixed(2)})`,
    );
    console.log(
      `addin budgets: size ${pane.kb <= BUDGET_KB ? 'within' : 'OVER'}, interactive ${paneMs <= BUDGET_MS ? 'within' : 'OVER'}`,
    );
  } finally {
    await browser.close();
    server.close();
  }
} finally {
  rmSync(dist, { recursive: true, force: true });
}
