// README screenshots, all from the real product: the built task pane in headless Chromium with office.js routed
// to the in-memory Excel stand-in holding the demo workbook, synced to the real Functions app (dev host + Azurite);
// and the "QMS Readiness" sheet that `qms assess --summary` writes, rendered by LibreOffice.
//
//   npm run screenshots      (needs /usr/bin/chromium or CHROMIUM_PATH, soffice, and pdftoppm from poppler-utils)
//
// Writes docs/screenshots/*.png. Nothing is mocked: every number on them is computed by the product.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OFFICE_JS_CDN, buildPane, buildStandIn } from '../addin/test/browser/build-pane.ts';
import { launchChromium } from '../addin/test/browser/chromium.ts';
import { serve } from '../addin/test/browser/serve.ts';
import { startAzurite } from '@qms/api-harness/azurite';
import { onlySheetCopy } from '@qms/workbook-fixtures/only-sheet';
import { createTestApp, startDevHost } from '@qms/api-harness';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'docs', 'screenshots');
const DEMO = join(ROOT, 'examples', 'demo-manufacturer.xlsx');
/** The date every view and the summary are judged as of (the backend's clock is set to it too). */
const AS_OF = '2026-11-24';
const ORG = 'kestrel-precision';
const SUMMARY_SHEET = 'QMS Readiness';
/** Pane shots are cut at this height: a long issue list says what it needs to in its first screenful or two. */
const MAX_HEIGHT = 1500;

function need(command, hint) {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
  } catch {
    throw new Error(`${command} is missing: ${hint}`);
  }
}

/** Waits until `probe` returns something truthy (pane actions are asynchronous), or fails naming `what`. */
async function until(what, probe, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function shot(page, name) {
  // Let fonts and lazy views settle, then capture the whole pane up to MAX_HEIGHT.
  await page.evaluate(() => globalThis.document.fonts.ready);
  // The pane's content, not the window: a short view is not padded with blank viewport.
  const height = await page.evaluate(
    () => Math.ceil(globalThis.document.querySelector('main').getBoundingClientRect().bottom) + 8,
  );
  const width = page.viewportSize()?.width ?? 420;
  const path = join(OUT, `${name}.png`);
  await page.screenshot({ path, fullPage: true, clip: { x: 0, y: 0, width, height: Math.min(height, MAX_HEIGHT) } });
  console.log(`wrote ${path}`);
}

async function paneShots() {
  const azurite = await startAzurite();
  const cleanup = [() => azurite.stop()];
  try {
    const [dist, standIn] = await Promise.all([buildPane(), buildStandIn()]);
    cleanup.push(() => rmSync(dist, { recursive: true, force: true }));
    const app = await createTestApp(azurite.connectionString);
    app.clock.set(new Date(`${AS_OF}T09:00:00.000Z`));
    const { origin, server } = await serve(dist);
    cleanup.push(() => server.close());
    app.deps.options.corsOrigins.push(origin);
    // The documented port when it is free (the Server field then shows what a user sees), any port otherwise.
    const getDeps = () => Promise.resolve(app.deps);
    const host = await startDevHost(getDeps, { port: 7071 }).catch(() => startDevHost(getDeps, { port: 0 }));
    cleanup.push(() => host.close());
    const token = await app.token('quality-manager');
    const browser = await launchChromium();
    cleanup.push(() => browser.close());

    const page = await browser.newPage();
    // The narrowest task pane Office shows: what most users see first.
    await page.setViewportSize({ width: 320, height: 900 });
    const workbookBase64 = readFileSync(DEMO).toString('base64');
    await page.addInitScript(
      (o) => {
        globalThis.__qmsStandIn = o;
      },
      { workbookBase64 },
    );
    await page.route(OFFICE_JS_CDN, (route) =>
      route.fulfill({ status: 200, contentType: 'text/javascript', body: standIn }),
    );
    await page.goto(`${origin}/taskpane.html`);

    await page.getByRole('button', { name: 'Insert Starter set (all templates)' }).waitFor();
    await shot(page, 'templates');

    await page.getByRole('tab', { name: 'Check' }).click();
    await page.getByLabel('Judge as of').fill(AS_OF);
    await page.getByRole('button', { name: 'Check workbook' }).click();
    await page.getByLabel('Check summary').waitFor();
    await shot(page, 'check');

    await page.getByRole('tab', { name: 'Sync' }).click();
    // Developer settings sit under a disclosure in a built pane (it stays open for the session once opened).
    const advanced = page.getByRole('button', { name: /advanced settings/i });
    await advanced.waitFor();
    if ((await advanced.getAttribute('aria-expanded')) !== 'true') await advanced.click();
    await page.getByRole('textbox', { name: 'Server' }).fill(host.url);
    const useServer = page.getByRole('button', { name: 'Use server' });
    // On the default port the pane already points at this server and the button stays disabled.
    if (await useServer.isEnabled()) await useServer.click();
    await page.getByLabel('Dev sign-in token').fill(token);
    await page.getByRole('button', { name: 'Sign in with token' }).click();
    await page.getByRole('textbox', { name: 'Organisation' }).fill(ORG);
    await page.getByRole('button', { name: 'Create organisation' }).click();
    await page.getByText(`Created organisation "${ORG}"; you are its owner.`).waitFor();
    await page.getByRole('button', { name: 'Sync workbook' }).click();
    const result = page.getByRole('region', { name: 'Last sync result' });
    await until(
      'the sync result',
      async () => (await result.count()) > 0 && /Created[1-9]/.test((await result.textContent()) ?? ''),
      60_000,
    );
    await shot(page, 'sync');

    await page.getByRole('tab', { name: 'Readiness' }).click();
    await page.getByRole('button', { name: 'Load readiness' }).click();
    await page.getByRole('region', { name: 'Gates' }).waitFor({ timeout: 30_000 });
    await shot(page, 'readiness');

    await page.getByRole('button', { name: 'Portfolio', exact: true }).click();
    await page.getByRole('button', { name: 'Load portfolio' }).click();
    await page.getByRole('list', { name: 'Portfolio' }).waitFor({ timeout: 30_000 });
    await shot(page, 'portfolio');

    // A consultant's pack: the owner of the organisation (here also the consultant) publishes examples/packs'
    // v1 and assigns it, and Templates then offers the pack's files instead of the product's.
    const pack = JSON.parse(readFileSync(join(ROOT, 'examples', 'packs', 'acme-consulting.v1.json'), 'utf8'));
    const published = await app.call('PUT', `/api/packs/${pack.id}`, { token, body: pack });
    if (published.status !== 201 && published.status !== 200) throw new Error(`publish: ${published.text}`);
    const assigned = await app.call('PUT', `/api/orgs/${ORG}/pack`, {
      token,
      body: { pack: pack.id, version: pack.version },
    });
    if (assigned.status !== 200) throw new Error(`assign: ${assigned.text}`);
    await page.getByRole('tab', { name: 'Templates' }).click();
    await page.getByText(/Templates from Acme Consulting v1/).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Insert CAPA Log' }).waitFor();
    await shot(page, 'templates-pack');

    // A register an organisation already keeps, in a workbook of its own: a SharePoint list export, mapped once in
    // the Map columns view. (In the demo workbook it would be a second CAPA log, which Check reports as such.)
    const own = await browser.newPage();
    // Tall enough to show the view down to its preview in one shot.
    await own.setViewportSize({ width: page.viewportSize()?.width ?? 420, height: MAX_HEIGHT });
    await own.route(OFFICE_JS_CDN, (route) =>
      route.fulfill({ status: 200, contentType: 'text/javascript', body: standIn }),
    );
    await own.goto(`${origin}/taskpane.html`);
    await own.getByRole('tab', { name: 'Check' }).waitFor();
    await own.evaluate(() => {
      globalThis.__qmsWorkbook.addSheet('Issues', [
        ['Corrective actions (exported from SharePoint)'],
        [],
        ['ID', 'Title', 'Created', 'Assigned To', 'Status', 'Due Date', 'Modified'],
        [101, 'Label mismatch on batch 7', 46_300, 'Ana Ruiz', 'Active', 46_380, 46_305],
        [102, 'Gauge G4 calibration overdue', 46_310, 'Ben Okafor', 'Waiting for check', 46_360, 46_330],
        [103, 'Late delivery from Fastenal', 46_320, 'Ana Ruiz', 'Active', 46_400, 46_321],
      ]);
    });
    await own.getByRole('tab', { name: 'Check' }).click();
    await own.getByLabel('Judge as of').fill(AS_OF);
    await own.getByRole('button', { name: 'Check workbook' }).click();
    await own.getByRole('button', { name: 'Map columns: Issues' }).click();
    const view = own.getByRole('region', { name: 'Map columns of Issues' });
    await view.getByLabel('Status: "Active" (2 cells)').selectOption('Open');
    await view.getByLabel('Status: "Waiting for check" (1 cell)').selectOption('Awaiting verification');
    await view.getByRole('button', { name: 'Preview' }).click();
    await view.getByRole('region', { name: 'Mapping preview' }).waitFor();
    await shot(own, 'map-columns');
  } finally {
    for (const undo of cleanup.reverse()) await undo();
  }
}

/** The box of non-white pixels of a binary PGM (what `pdftoppm -gray` prints), grown by `margin` pixels. */
function inkBox(pgm, margin) {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not print a PGM image');
  const [text, width, height] = [header[0], Number(header[1]), Number(header[2])];
  const pixels = pgm.subarray(text.length);
  let [left, top, right, bottom] = [width, height, -1, -1];
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      if (pixels[row * width + col] > 245) continue;
      left = Math.min(left, col);
      right = Math.max(right, col);
      top = Math.min(top, row);
      bottom = Math.max(bottom, row);
    }
  }
  if (right < 0) throw new Error('The printed summary sheet is blank');
  const x = Math.max(0, left - margin);
  const y = Math.max(0, top - margin);
  return { x, y, w: Math.min(width, right + margin + 1) - x, h: Math.min(height, bottom + margin + 1) - y };
}

/**
 * The summary sheet as a manager sees it: `qms assess --summary` writes it into a copy of the demo, a second
 * copy lists only that sheet, LibreOffice prints it to PDF with the sheet's own page setup (one landscape page)
 * and poppler renders the page, cropped to the printed cells.
 */
async function summaryShot() {
  const work = mkdtempSync(join(tmpdir(), 'qms-shots-'));
  try {
    try {
      execFileSync('npx', ['tsc', '-b'], { cwd: ROOT, stdio: 'inherit' });
    } catch (error) {
      // Another workspace's unfinished file must not stop the shots when the CLI was built before.
      if (!existsSync(join(ROOT, 'cli', 'dist', 'main.js'))) throw error;
      console.warn('tsc -b reported errors; using the CLI built earlier');
    }
    const full = join(work, 'demo-with-summary.xlsx');
    execFileSync(
      process.execPath,
      [join(ROOT, 'cli', 'bin', 'qms.js'), 'assess', DEMO, '--as-of', AS_OF, '--summary', full],
      { cwd: ROOT, stdio: 'inherit' },
    );

    // The sheet prints as the CLI set it up (A4 landscape, one page, footer); the copy only drops the other sheets
    // from the workbook part, since LibreOffice would print them too.
    const only = join(work, 'summary.xlsx');
    writeFileSync(only, await onlySheetCopy(new Uint8Array(readFileSync(full)), SUMMARY_SHEET));
    execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', work, only], { stdio: 'ignore' });
    const pdf = join(work, 'summary.pdf');
    if (!existsSync(pdf)) throw new Error('LibreOffice did not print the summary sheet to PDF');

    // Crop to what is printed (cells, fills, any chart) plus a margin, so the image is the sheet, not a blank page.
    const dpi = 125;
    const { x, y, w, h } = inkBox(
      execFileSync('pdftoppm', ['-gray', '-r', String(dpi), '-f', '1', '-l', '1', pdf], {
        maxBuffer: 64 * 1024 * 1024,
      }),
      16,
    );
    const base = join(OUT, 'summary-sheet');
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      String(dpi),
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      '-x',
      String(x),
      '-y',
      String(y),
      '-W',
      String(w),
      '-H',
      String(h),
      pdf,
      base,
    ]);
    console.log(`wrote ${base}.png`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

need('soffice', 'install LibreOffice (Debian: libreoffice-calc-nogui)');
need('pdftoppm', 'install poppler-utils (apt-get install -y poppler-utils)');
mkdirSync(OUT, { recursive: true });
// `--summary-only` redraws just summary-sheet.png (no browser, no backend).
if (!process.argv.includes('--summary-only')) await paneShots();
await summaryShot();
