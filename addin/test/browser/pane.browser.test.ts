// The built task pane in headless Chromium, with office.js's CDN URL answered by an in-memory Excel stand-in
// and the backend by a fake on the same origin. Screenshots of each view go to test-results/addin/.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemoryWorkbook } from '@qms/excel-standin';
import { ADDIN_DIR, OFFICE_JS_CDN } from './build-pane.ts';
import { sampleProfile } from '../support/sample-assessment.ts';
import { FakeApi } from './fake-api.ts';
import { DEV_TOKEN, startFakePane, type FakePane } from './fake-pane.ts';

const SHOTS = join(ADDIN_DIR, '..', 'test-results', 'addin');

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

async function openPane(options: { host?: string | null; api?: string; insertError?: string } = {}): Promise<Page> {
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

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  pane = await startFakePane(api);
  ({ origin, standIn, browser } = pane);
}, 120_000);

afterAll(async () => {
  await pane?.close();
});

describe('built pane', () => {
  it('serves every file the manifest points at', async () => {
    const manifest = readFileSync(join(ADDIN_DIR, '..', 'manifest.xml'), 'utf8');
    const paths = [
      ...new Set([...manifest.matchAll(/https:\/\/localhost:3000(\/[^"<]+)/g)].map((m) => m[1] as string)),
    ];
    expect(paths.length).toBeGreaterThan(4);
    const statuses = await Promise.all(paths.map(async (p) => [p, (await fetch(`${origin}${p}`)).status]));
    expect(statuses.filter(([, s]) => s !== 200)).toEqual([]);
  });

  describe('in Excel (stand-in)', () => {
    let page: Page;
    beforeAll(async () => {
      page = await openPane();
    }, 60_000);

    it('inserts the starter set with markers on every template sheet', async () => {
      await page.getByRole('button', { name: 'Insert Starter set (all templates)' }).click();
      await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/Inserted .*CAPA Log/);
      const sheets = await page.evaluate(() =>
        window.__qmsWorkbook!.sheets.map((s) => [s.name, s.props.get('qms.template') ?? '']),
      );
      expect(sheets).toContainEqual(['CAPA Log', 'capa-log@1:CAPA Log']);
      expect(sheets).toContainEqual(['Gap Analysis', 'gap-analysis@1:Gap Analysis']);
      const doc = await page.evaluate(() => window.__qmsWorkbook!.docProps.get('qms.templates'));
      expect(Object.keys(JSON.parse(doc ?? '{}') as object).sort()).toEqual(
        [
          'audit-programme',
          'capa-log',
          'gap-analysis',
          'kpi-tracker',
          'qms-profile',
          'supplier-evaluation',
          'management-review',
          'cb-comparison',
          'document-register',
          'training-records',
        ].sort(),
      );
      await shot(page, 'templates');
    });

    it('checks the workbook, and choosing an issue selects its cell', async () => {
      // A closed CAPA without root cause or verification: errors the CAPA rules must point at.
      await page.evaluate(() => {
        const wb = window.__qmsWorkbook!;
        const sheet = wb.sheet('CAPA Log')!;
        const { row: header, columns } = wb.headerRow(sheet, 'CAPA ID');
        const set = (name: string, value: string | number) =>
          wb.write(sheet, header + 1, columns.get(name)!, [[value]]);
        set('CAPA ID', 'CAPA-001');
        set('Date opened', '2026-01-10');
        set('Source', 'Internal audit');
        set('Severity', 'Major');
        set('Description', 'Calibration records missing');
        set('Status', 'Closed');
      });
      await page.getByRole('tab', { name: 'Check' }).click();
      // A fixed as-of date: what is overdue must not depend on the day the test runs.
      await page.getByLabel('Judge as of').fill('2026-03-31');
      await page.getByRole('button', { name: 'Check workbook' }).click();
      const summary = page.getByRole('status', { name: 'Check summary' });
      await expect.poll(() => summary.textContent()).toMatch(/^\d+ errors?, \d+ warnings?/);
      const capaIssue = page
        .getByRole('region', { name: 'Issues in CAPA Log' })
        .getByRole('button', { name: /^Error — / })
        .first();
      const label = (await capaIssue.textContent()) ?? '';
      const cell = /CAPA Log!([A-Z]+\d+)/.exec(label)?.[1];
      expect(cell).toBeDefined();
      await capaIssue.click();
      await expect
        .poll(() => page.evaluate(() => window.__qmsWorkbook!.selection))
        .toEqual({ sheet: 'CAPA Log', address: cell });
      expect(await page.evaluate(() => window.__qmsWorkbook!.active)).toBe('CAPA Log');

      await page.getByRole('button', { name: /^Errors \(\d+\)$/ }).click();
      expect(await page.getByRole('button', { name: /^Warning — / }).count()).toBe(0);
      await page.getByRole('button', { name: 'Highlight issue cells' }).click();
      await expect.poll(() => page.getByRole('button', { name: 'Clear highlights' }).isEnabled()).toBe(true);
      await expect.poll(() => page.evaluate((c) => window.__qmsWorkbook!.fill('CAPA Log', c!), cell)).toBe('#FDE7E9');
      await shot(page, 'check');
      await page.getByRole('button', { name: 'Clear highlights' }).click();
      await expect
        .poll(() => page.evaluate((c) => window.__qmsWorkbook!.fill('CAPA Log', c!) ?? 'none', cell))
        .toBe('none');
    });

    it('warns on the Check view about template sheets of another version (no upgrade offered where none leads there)', async () => {
      const marker = (value: string) =>
        page.evaluate((v) => {
          window.__qmsWorkbook!.sheet('CAPA Log')!.props.set('qms.template', v);
        }, value);
      await marker('capa-log@7:CAPA Log');
      try {
        await page.getByRole('button', { name: 'Check workbook' }).click();
        const bar = page.getByRole('region', { name: 'Template versions' });
        await expect
          .poll(() => bar.textContent())
          .toContain('CAPA Log uses capa-log@7, newer than the capa-log@1 this qms ships');
        expect(await bar.getByRole('button').count()).toBe(0);
        await shot(page, 'check-versions');
      } finally {
        await marker('capa-log@1:CAPA Log');
      }
      await page.getByRole('button', { name: 'Check workbook' }).click();
      await expect.poll(() => page.getByRole('region', { name: 'Template versions' }).count()).toBe(0);
    });

    it('syncs to the server and shows the counts', async () => {
      await page.getByRole('tab', { name: 'Sync' }).click();
      // Developer settings sit under a disclosure in a built pane (it stays open for the session once opened).
      const advanced = page.getByRole('button', { name: /advanced settings/i });
      await advanced.waitFor();
      if ((await advanced.getAttribute('aria-expanded')) !== 'true') await advanced.click();
      await page.getByRole('textbox', { name: 'Server' }).fill(`${origin}/api`);
      await page.getByRole('button', { name: 'Use server' }).click();
      await page.getByLabel('Dev sign-in token').fill(DEV_TOKEN);
      await page.getByRole('button', { name: 'Sign in with token' }).click();
      await expect.poll(() => page.getByText('Signed in as tester.').count()).toBe(1);
      await page.getByRole('textbox', { name: 'Organisation' }).fill('acme');
      await page.getByRole('button', { name: 'Sync workbook' }).click();
      const result = page.getByRole('region', { name: 'Last sync result' });
      await expect.poll(() => result.textContent(), { timeout: 10_000 }).toMatch(/Created[1-9]/);
      const created = Number(/Created(\d+)/.exec((await result.textContent()) ?? '')?.[1]);
      expect(api.store('acme').size).toBe(created);
      await shot(page, 'sync');
    });

    it('keeps a sync made offline and sends it when the network returns, losing nothing', async () => {
      await page.evaluate(() => {
        const wb = window.__qmsWorkbook!;
        const sheet = wb.sheet('Audit Programme')!;
        const header = wb.headerRow(sheet, 'Event ID').row;
        wb.write(sheet, header + 1, 1, [
          ['IA-2026-01', 'Internal audit', 'all', '2026-02-01', '', '', '', '', '', '', 'Planned'],
        ]);
      });
      const before = api.requests.length;
      await browser.setOffline(true);
      await page.getByRole('button', { name: 'Sync workbook' }).click();
      await expect.poll(() => page.getByText(/Saved for later/).count()).toBe(1);
      expect(
        await page.evaluate(() => (JSON.parse(localStorage.getItem('qms.pendingSyncs') ?? '[]') as unknown[]).length),
      ).toBe(1);
      expect(api.requests.length).toBe(before);
      await shot(page, 'sync-offline');

      await browser.setOffline(false);
      await expect
        .poll(
          () => page.evaluate(() => (JSON.parse(localStorage.getItem('qms.pendingSyncs') ?? '[]') as unknown[]).length),
          { timeout: 15_000 },
        )
        .toBe(0);
      expect(api.store('acme').has('audit-event~IA-2026-01')).toBe(true);
      expect(api.store('acme').has('capa~CAPA-001')).toBe(false);
    });

    it('shows readiness and writes the summary sheet as values, with no formulas', async () => {
      // A name that looks like a formula: the sheet must hold it as text.
      api.profiles.set('acme', sampleProfile({ organizationName: '=Acme & Co (formula-like on purpose)' }));
      // The engine's answer for the records the pane synced, as of the day the Check view was given.
      const expected = api.assessmentOf('acme', '2026-03-31');
      const first = expected.timeline.milestones[0]!;
      await page.getByRole('tab', { name: 'Readiness' }).click();
      await page.getByRole('button', { name: 'Load readiness' }).click();
      await expect
        .poll(() => page.getByRole('region', { name: 'Score' }).textContent())
        .toContain(`${expected.readiness.overall.value.toFixed(1)}%${expected.verdict.value}`);
      // Dates are written in the display language; the ISO dates they stand for are on their <time> elements.
      const milestones = page.getByRole('region', { name: 'Milestones' });
      expect(await milestones.textContent()).toContain(first.name);
      const times = await milestones.locator('time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime')));
      expect(times).toContain(first.p50.value);
      expect(times).toContain(first.p80.value);
      await page.getByRole('button', { name: 'Write summary sheet' }).click();
      await expect
        .poll(() => page.evaluate(() => window.__qmsWorkbook!.value('QMS Readiness', 'A1')))
        .toBe('QMS Readiness');
      const sheet = await page.evaluate(() => {
        const wb = window.__qmsWorkbook!;
        const s = wb.sheet('QMS Readiness')!;
        return {
          formulas: s.formulas.size,
          values: [...s.cells.values()],
          a1: wb.value('QMS Readiness', 'A1'),
          charts: s.charts,
        };
      });
      expect(sheet.formulas).toBe(0);
      expect(sheet.a1).toBe('QMS Readiness');
      expect(sheet.values).toContain('=Acme & Co (formula-like on purpose)');
      // The CLI's layout, rules beside figures: the overall score's rule is on the sheet.
      expect(sheet.values).toContain(expected.readiness.overall.rule);
      // The dashboard needs no chart: data bars and fills carry the picture, as in the CLI's copy.
      expect(sheet.charts).toEqual([]);
      await shot(page, 'readiness');
    });

    it('lists the portfolio', async () => {
      await page.getByRole('button', { name: 'Portfolio', exact: true }).click();
      await page.getByRole('button', { name: 'Load portfolio' }).click();
      await expect.poll(() => page.getByRole('button', { name: 'Use acme' }).count()).toBe(1);
      await shot(page, 'portfolio');
    });

    it('works from the keyboard: tabs by arrow keys, actions by Enter', async () => {
      const fresh = await openPane();
      await fresh.getByRole('tab', { name: 'Templates' }).waitFor();
      let guard = 0;
      while (guard++ < 10 && (await fresh.evaluate(() => document.activeElement?.getAttribute('role'))) !== 'tab')
        await fresh.keyboard.press('Tab');
      expect(await fresh.evaluate(() => document.activeElement?.id)).toBe('tab-templates');
      await fresh.keyboard.press('ArrowRight');
      expect(await fresh.evaluate(() => document.activeElement?.id)).toBe('tab-check');
      await fresh.keyboard.press('Enter');
      await fresh.getByRole('button', { name: 'Check workbook' }).waitFor();
      await fresh.getByRole('button', { name: 'Check workbook' }).focus();
      await fresh.keyboard.press('Enter');
      await expect.poll(() => fresh.getByText(/No template sheets were found/).count()).toBe(1);
      await fresh.close();
    });
  });

  it('sends its token only to servers it was built for, and keeps no token in localStorage', async () => {
    const page = await openPane();
    const foreign: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(origin) && r.url() !== OFFICE_JS_CDN) foreign.push(r.url());
    });
    try {
      await page.getByRole('tab', { name: 'Sync' }).click();
      // A built (production) pane shows no developer settings until they are asked for.
      await page.getByRole('button', { name: 'Advanced settings' }).waitFor();
      expect(await page.getByRole('textbox', { name: 'Server' }).count()).toBe(0);
      expect(await page.getByLabel('Dev sign-in token').count()).toBe(0);
      await page.getByRole('button', { name: 'Advanced settings' }).click();
      const server = page.getByRole('textbox', { name: 'Server' });
      await page.setViewportSize({ width: 320, height: 800 });
      // A short message first, then a long one in its place (the case that used to stay on one line).
      await server.fill('http://localhost:1/api');
      await page.getByRole('button', { name: 'Use server' }).click();
      await expect.poll(() => page.getByText('Using the server http://localhost:1/api.').count()).toBe(1);
      await server.fill('https://evil.example/api');
      await page.getByRole('button', { name: 'Use server' }).click();
      await expect
        .poll(() => page.getByRole('alert').first().textContent())
        .toContain('Not using https://evil.example/api: https://evil.example is not a server this pane was built for');
      // A long message wraps inside a narrow pane rather than running off its edge.
      const box = await page.getByRole('alert').first().boundingBox();
      expect((box?.x ?? 0) + (box?.width ?? 999)).toBeLessThanOrEqual(320);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      await page.setViewportSize({ width: 420, height: 900 });
      await server.fill(`${origin}/api`);
      // Earlier tests in this browser may have chosen it already (the address is kept): then the button is off.
      const use = page.getByRole('button', { name: 'Use server' });
      if (await use.isEnabled()) await use.click();
      await page.getByLabel('Dev sign-in token').fill(DEV_TOKEN);
      await page.getByRole('button', { name: 'Sign in with token' }).click();
      await expect.poll(() => page.getByText('Signed in as tester.').count()).toBe(1);
      // A call with the token: it goes to the server chosen, and nowhere else.
      const portfolio = page.waitForRequest((r) => r.url() === `${origin}/api/portfolio`);
      await page.getByRole('button', { name: 'Portfolio', exact: true }).click();
      await page.getByRole('button', { name: 'Load portfolio' }).click();
      expect((await portfolio).headers().authorization).toBe(`Bearer ${DEV_TOKEN}`);
      const kept = await page.evaluate(() => ({
        local: Object.keys(localStorage).map((k): [string, string] => [k, localStorage.getItem(k) ?? '']),
        session: sessionStorage.getItem('qms.devToken'),
      }));
      expect(kept.local.filter(([, v]) => v.includes(DEV_TOKEN))).toEqual([]);
      expect(kept.session).toBe(DEV_TOKEN);
      expect(foreign).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('maps a SharePoint-style CAPA export: preview, save, re-check, and records where there were none', async () => {
    const page = await openPane();
    try {
      // A list exported from SharePoint: its own column names and status words, a title row above the headers.
      await page.evaluate(() => {
        window.__qmsWorkbook!.addSheet('Issues', [
          ['Corrective actions (exported from SharePoint)'],
          [],
          ['ID', 'Title', 'Created', 'Assigned To', 'Status', 'Due Date', 'Modified'],
          [101, 'Label mismatch on batch 7', 46023, 'Ana', 'Active', 46290, 46030],
          [102, 'Calibration overdue on gauge G4', 46030, 'Ben', 'Waiting for check', 46260, 46055],
          [103, 'Supplier late delivery', 46041, 'Ana', 'Active', 46300, 46041],
          [104, 'Training record missing', 46050, 'Chloé', 'In progress', 46310, 46052],
        ]);
      });
      await page.getByRole('tab', { name: 'Check' }).click();
      await page.getByLabel('Judge as of').fill('2026-03-31');
      await page.getByRole('button', { name: 'Check workbook' }).click();
      const summary = page.getByRole('status', { name: 'Check summary' });
      await expect.poll(() => summary.textContent()).toMatch(/, 0 records from/);

      await page.getByRole('button', { name: 'Map columns: Issues' }).click();
      const view = page.getByRole('region', { name: 'Map columns of Issues' });
      await expect.poll(() => view.getByLabel('Template').inputValue()).toBe('capa-log:CAPA Log');
      expect(await view.getByLabel('Header row').inputValue()).toBe('3');
      // "Created" is only a likely word for Date opened: pre-selected, shown as a guess, with its values beside it.
      const opened = view.getByLabel('Date opened (required)');
      expect(await opened.inputValue()).toBe('2');
      expect(await opened.locator('option:checked').textContent()).toBe(
        'C: Created — e.g. 2026-01-01, 2026-01-08, 2026-01-19',
      );
      expect(await view.getByText('A guess from the header: check it').count()).toBe(1);
      expect(await view.getByLabel('Owner').inputValue()).toBe('3');
      // Columns not found stay out of the way until asked for.
      expect(await view.getByLabel('Severity').count()).toBe(0);
      await view.getByRole('button', { name: /^Show the other \d+ columns/ }).click();
      expect(await view.getByLabel('Severity').inputValue()).toBe('');
      await view.getByRole('button', { name: 'Show only the columns found' }).click();
      // The sheet's own words, most frequent first; none has a default meaning, so the user says what each means.
      await view.getByLabel('Status: "Active" (2 cells)').selectOption('Open');
      await view.getByLabel('Status: "Waiting for check" (1 cell)').selectOption('Awaiting verification');

      // At a narrow task pane's width the long drop-downs are cut, never scrolled sideways.
      await page.setViewportSize({ width: 320, height: 800 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      await page.setViewportSize({ width: 450, height: 800 });
      await view.getByRole('button', { name: 'Preview' }).click();
      const preview = view.getByRole('region', { name: 'Mapping preview' });
      await expect
        .poll(() => preview.getByRole('status').textContent())
        .toMatch(/^Issues would give 4 records, 0 errors/);
      await shot(page, 'map-columns');

      await view.getByRole('button', { name: 'Save mapping' }).click();
      await expect
        .poll(() => page.getByRole('status').first().textContent())
        .toBe('Saved the mapping of Issues: it now reads as 4 records with 0 errors.');
      const stored = await page.evaluate(() => window.__qmsWorkbook!.sheet('Issues')?.props.get('qms.mapping'));
      expect(JSON.parse(stored ?? '{}')).toEqual({
        template: 'capa-log',
        sheet: 'CAPA Log',
        headerRow: 3,
        columns: {
          'Assigned To': 'owner',
          Created: 'dateOpened',
          'Due Date': 'dueDate',
          ID: 'capaId',
          Status: 'status',
          Title: 'description',
        },
        values: { status: { Active: 'Open', 'Waiting for check': 'Awaiting verification' } },
      });
      // Checked again from the workbook, as a colleague's pane would: the sheet is read through its mapping.
      await page.getByRole('button', { name: 'Check workbook' }).click();
      await expect.poll(() => summary.textContent()).toMatch(/, 4 records from 1 template sheet/);
      expect(await page.getByRole('button', { name: 'Edit mapping: Issues' }).count()).toBe(1);
    } finally {
      await page.close();
    }
  });

  it('outside Excel it says so and offers the template files', async () => {
    const page = await openPane({ host: null });
    await expect.poll(() => page.getByText('Open this pane in Excel.').count()).toBe(1);
    expect(await page.getByRole('button', { name: /^Download / }).count()).toBeGreaterThanOrEqual(7);
    await shot(page, 'outside-excel');
    await page.close();
  });

  it('on an Excel without ExcelApi 1.7 it says to update', async () => {
    const page = await openPane({ api: '1.6' });
    await expect.poll(() => page.getByText('This Excel is too old for QMS Readiness.').count()).toBe(1);
    await page.close();
  });

  it('without ExcelApi 1.13 it builds the template sheets through the API', async () => {
    const page = await openPane({ api: '1.12' });
    await page.getByRole('button', { name: 'Insert CAPA Log' }).click();
    await expect.poll(() => page.evaluate(() => window.__qmsWorkbook!.value('CAPA Log', 'A3'))).toBe('CAPA ID');
    expect(await page.evaluate(() => window.__qmsWorkbook!.sheet('CAPA Log')?.props.get('qms.template'))).toBe(
      'capa-log@1:CAPA Log',
    );
    await page.close();
  });

  it('when Excel refuses the template file it builds the sheets instead and says so', async () => {
    const page = await openPane({
      insertError: 'GeneralException: This operation is not supported for sheets with charts',
    });
    await page.getByRole('button', { name: 'Insert Supplier Evaluation' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toMatch(/the file could not be inserted: .*charts.*built without formatting/);
    expect(
      await page.evaluate(() => window.__qmsWorkbook!.sheet('Supplier Evaluation')?.props.get('qms.template')),
    ).toBe('supplier-evaluation@1:Supplier Evaluation');
    await page.close();
  });
});
