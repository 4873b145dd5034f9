// A consultant's template pack end to end (issue 16, "What it must show"): the built pane against the real backend
// (Azurite, the Functions app through its dev host, dev-issuer tokens), the workbook in the in-memory Excel stand-in.
// The consultant publishes examples/packs/acme-consulting v1 through the API and assigns it to two client
// organisations; client A inserts, fills, checks and syncs it, then upgrades to v2 in place; client B stays on v1.
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAzurite, type Azurite } from '@qms/api-harness/azurite';
import { createApiClient, type ApiClient } from '@qms/client';
import { createTestApp, startDevHost, type DevHost, type TestApp } from '@qms/api-harness';
import type { PutPackBody } from '@qms/contract';
import type { MemoryWorkbook } from '@qms/excel-standin';
import { ADDIN_DIR, OFFICE_JS_CDN, buildPane, buildStandIn } from './build-pane.ts';
import { launchChromium } from './chromium.ts';
import { serve } from './serve.ts';

declare global {
  interface Window {
    __qmsWorkbook?: MemoryWorkbook;
  }
}

const PACKS = join(ADDIN_DIR, '..', 'examples', 'packs');
const packJson = (version: 1 | 2) =>
  JSON.parse(readFileSync(join(PACKS, `acme-consulting.v${version}.json`), 'utf8')) as PutPackBody;

const ORG_A = 'acme-client-a';
const ORG_B = 'acme-client-b';
const ROWS = 60;
const ROWS_B = 3;
const AS_OF = '2026-03-02';

let azurite: Azurite;
let app: TestApp;
let host: DevHost;
let server: Server;
let origin: string;
let browser: BrowserContext;
let standIn: string;
let consultant: ApiClient;
const tokens: Record<'consultant' | 'clientA' | 'clientB', string> = { consultant: '', clientA: '', clientB: '' };

beforeAll(async () => {
  let dist: string;
  [azurite, dist, standIn] = await Promise.all([startAzurite(), buildPane(), buildStandIn()]);
  app = await createTestApp(azurite.connectionString);
  ({ origin, server } = await serve(dist));
  app.deps.options.corsOrigins.push(origin);
  host = await startDevHost(() => Promise.resolve(app.deps), { port: 0 });
  tokens.consultant = await app.token('acme-consultant');
  tokens.clientA = await app.token('client-a-user');
  tokens.clientB = await app.token('client-b-user');
  consultant = createApiClient({ baseUrl: host.url, getToken: () => Promise.resolve(tokens.consultant) });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  await host?.close();
  await azurite?.stop();
});

/** A fresh pane tab (its own sessionStorage, so its own sign-in) on an empty stand-in workbook. */
async function openPane(): Promise<Page> {
  const page = await browser.newPage();
  await page.route(OFFICE_JS_CDN, (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript', body: standIn }),
  );
  await page.goto(`${origin}/taskpane.html`);
  return page;
}

/** Signs the pane in with a dev token and chooses the organisation, on the Sync tab. */
async function signIn(page: Page, token: string, org: string): Promise<void> {
  await page.getByRole('tab', { name: 'Sync' }).click();
  const advanced = page.getByRole('button', { name: /advanced settings/i });
  await advanced.waitFor();
  if ((await advanced.getAttribute('aria-expanded')) !== 'true') await advanced.click();
  await page.getByRole('textbox', { name: 'Server' }).fill(host.url);
  // The server is kept in localStorage, which a second tab shares: "Use server" is disabled when it is already in use.
  const use = page.getByRole('button', { name: 'Use server' });
  if (await use.isEnabled()) await use.click();
  await page.getByLabel('Dev sign-in token').fill(token);
  await page.getByRole('button', { name: 'Sign in with token' }).click();
  await page.getByRole('textbox', { name: 'Organisation' }).fill(org);
}

/** Inserts the pack's whole workbook from the Templates tab, once the pane says which pack it offers. */
async function insertPack(page: Page, version: number): Promise<void> {
  await page.getByRole('tab', { name: 'Templates' }).click();
  await expect
    .poll(() => page.getByText(`Templates from Acme Consulting v${version}`).count(), { timeout: 20_000 })
    .toBe(1);
  await page.getByRole('button', { name: 'Insert Acme Consulting QMS pack' }).click();
  await expect.poll(() => page.getByText(/^Inserted .*CAPA Log/).count(), { timeout: 20_000 }).toBe(1);
}

/** The CAPA Log's header row and column numbers by header text, as the stand-in holds them. */
function capaLayout(page: Page): Promise<{ header: number; columns: Record<string, number> }> {
  return page.evaluate(() => {
    const wb = window.__qmsWorkbook!;
    const { row, columns } = wb.headerRow(wb.sheet('CAPA Log')!, 'CAPA ID');
    return { header: row, columns: Object.fromEntries(columns) };
  });
}

const RISKS = ['Low', 'Medium', 'High'] as const;
const riskOf = (i: number) => RISKS[i % 3]!;

/** Types `rows` CAPA actions (ids C-001…) with a Risk rating each, as a user would, into the CAPA Log. */
async function fillCapa(page: Page, rows: number): Promise<void> {
  const { header, columns } = await capaLayout(page);
  await page.evaluate(
    ({ header, columns, rows, risks }) => {
      const wb = window.__qmsWorkbook!;
      const sheet = wb.sheet('CAPA Log')!;
      const serial = (iso: string) => (Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000;
      const values: Record<string, (i: number) => string | number> = {
        'CAPA ID': (i) => `C-${String(i).padStart(3, '0')}`,
        'Date opened': () => serial('2026-01-10'),
        Source: () => 'Internal audit',
        Clause: () => '8.5.1',
        Severity: () => 'Minor',
        Description: (i) => `Label wrong on batch ${i}`,
        Owner: () => 'QM',
        'Due date': () => serial('2026-12-31'),
        Status: () => 'Open',
        'Risk rating': (i) => risks[i % 3]!,
      };
      for (const [name, value] of Object.entries(values)) {
        const column = columns[name];
        if (column === undefined) throw new Error(`the CAPA Log has no "${name}" column`);
        for (let i = 1; i <= rows; i++) wb.write(sheet, header + i, column, [[value(i)]]);
      }
    },
    { header, columns, rows, risks: [...RISKS] },
  );
}

/** The QMS Profile's fields, so the profile sheet is not itself a source of errors. */
async function fillProfile(page: Page, name: string): Promise<void> {
  await page.evaluate((name) => {
    const wb = window.__qmsWorkbook!;
    const profile = wb.sheet('QMS Profile');
    if (!profile) return;
    const fields: Record<string, string | number> = {
      'Organization name': name,
      'Certification scope': 'Design and manufacture of widgets',
      'Sites in scope': 1,
      'Effective personnel': 25,
      'Risk category': 'Medium',
    };
    for (const [key, value] of profile.cells) {
      const [r, c] = key.split(',').map(Number) as [number, number];
      if (typeof value === 'string' && value in fields) wb.write(profile, r, c + 1, [[fields[value]!]]);
    }
  }, name);
}

/**
 * One supplier on the Supplier Evaluation sheet, marked 5 for Quality and 1 for the rest: weighted 50/30/10/10 that
 * is 3, with the product's default weights (40/30/15/15) 2.6.
 */
async function fillSupplier(page: Page): Promise<void> {
  await page.evaluate(() => {
    const wb = window.__qmsWorkbook!;
    const sheet = wb.sheet('Supplier Evaluation')!;
    const { row: header, columns: columns } = wb.headerRow(sheet, 'Supplier ID');
    const values: Record<string, string | number> = {
      'Supplier ID': 'S-001',
      Supplier: 'Widget Parts Ltd',
      Criticality: 'Minor',
      Quality: 5,
      Delivery: 1,
      Responsiveness: 1,
      Cost: 1,
      Status: 'Pending',
    };
    for (const [name, value] of Object.entries(values)) {
      const column = columns.get(name);
      if (column === undefined) throw new Error(`the Supplier Evaluation sheet has no "${name}" column`);
      wb.write(sheet, header + 1, column, [[value]]);
    }
  });
}

/** Runs Check and answers the summary line once it is there. */
async function check(page: Page): Promise<string> {
  await page.getByRole('tab', { name: 'Check' }).click();
  await page.getByLabel('Judge as of').fill(AS_OF);
  await page.getByRole('button', { name: 'Check workbook' }).click();
  // The button says "Checking…" while it runs; back to "Check workbook" and enabled, the summary is this check's.
  await expect
    .poll(() => page.getByRole('button', { name: 'Check workbook' }).isEnabled(), { timeout: 20_000 })
    .toBe(true);
  const summary = page.getByRole('status', { name: 'Check summary' });
  await expect.poll(() => summary.count(), { timeout: 20_000 }).toBe(1);
  return (await summary.textContent()) ?? '';
}

/** The errors listed for the CAPA Log, as their texts. */
const capaErrors = (page: Page): Promise<string[]> => sheetErrors(page, 'CAPA Log');

/** The errors listed for one sheet, as their texts. */
async function sheetErrors(page: Page, sheet: string): Promise<string[]> {
  const section = page.getByRole('region', { name: `Issues in ${sheet}` });
  if ((await section.count()) === 0) return [];
  return (await section.locator('li').allTextContents()).filter((t) => t.startsWith('Error'));
}

/** Syncs from the Sync tab and answers the result region's text. */
async function sync(page: Page): Promise<string> {
  await page.getByRole('tab', { name: 'Sync' }).click();
  await page.getByRole('button', { name: 'Sync workbook' }).click();
  const result = page.getByRole('region', { name: 'Last sync result' });
  await expect.poll(() => result.textContent(), { timeout: 30_000 }).toMatch(/Created[1-9]/);
  return (await result.textContent()) ?? '';
}

/** Every stored CAPA record of an organisation, through the API, with its data. */
async function storedCapa(org: string, token: string): Promise<{ id: string; data: Record<string, unknown> }[]> {
  const out: { id: string; data: Record<string, unknown> }[] = [];
  let continuation: string | null = null;
  do {
    const qs = new URLSearchParams({ type: 'capa', ...(continuation === null ? {} : { continuation }) });
    const res = await app.call('GET', `/api/orgs/${org}/records?${qs.toString()}`, { token });
    if (res.status !== 200) throw new Error(`records of ${org}: ${res.status} ${res.text}`);
    const page = res.body as { records: { id: string; data: Record<string, unknown> }[]; continuation: string | null };
    out.push(...page.records);
    continuation = page.continuation;
  } while (continuation !== null);
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

/** The criteria block of the Supplier Evaluation sheet: each criterion's name and the number beside it. */
function supplierWeights(page: Page, names: readonly string[]): Promise<Record<string, unknown>> {
  return page.evaluate((names) => {
    const wb = window.__qmsWorkbook!;
    const out: Record<string, unknown> = {};
    for (const name of wb.sheets.map((s) => s.name)) {
      const sheet = wb.sheet(name)!;
      for (const [key, value] of sheet.cells) {
        if (typeof value !== 'string' || !names.includes(value)) continue;
        const [r, c] = key.split(',').map(Number) as [number, number];
        const right = sheet.cells.get(`${r},${c + 1}`);
        if (typeof right === 'number') out[`${name}!${value}`] = right;
      }
    }
    return out;
  }, names);
}

let paneA: Page;
let paneB: Page;
let capaIdsA: string[] = [];

describe('a consultant’s pack on the real host: two clients, one upgrade', () => {
  it('the consultant publishes v1 through the API and assigns it to two client organisations', async () => {
    const published = await consultant.putPack(packJson(1));
    expect(published).toMatchObject({ id: 'acme-consulting', version: 1, owner: 'acme-consultant', versions: [1] });
    for (const [org, user] of [
      [ORG_A, 'client-a-user'],
      [ORG_B, 'client-b-user'],
    ] as const) {
      await consultant.createOrg(org, `Client ${org.slice(-1).toUpperCase()}`);
      const invited = await app.call('PUT', `/api/orgs/${org}/members/${user}`, {
        token: tokens.consultant,
        body: { role: 'editor' },
      });
      expect(invited.status).toBe(200);
      const token = user === 'client-a-user' ? tokens.clientA : tokens.clientB;
      expect((await app.call('POST', `/api/orgs/${org}/invitation`, { token })).status).toBe(200);
      const assigned = await consultant.assignPack(org, { pack: 'acme-consulting', version: 1 });
      expect(assigned.pack).toMatchObject({ id: 'acme-consulting', version: 1, latest: 1 });
    }
    // The clients read what the consultant assigned them.
    const clientA = createApiClient({ baseUrl: host.url, getToken: () => Promise.resolve(tokens.clientA) });
    expect((await clientA.orgPack(ORG_A)).pack).toMatchObject({ id: 'acme-consulting', version: 1 });
  });

  it('client A inserts the pack, fills 60 actions with a Risk rating, checks clean and syncs all 60, and a supplier is scored with the pack’s weights', async () => {
    paneA = await openPane();
    await signIn(paneA, tokens.clientA, ORG_A);
    await insertPack(paneA, 1);
    const marker = await paneA.evaluate(() => window.__qmsWorkbook!.docProps.get('qms.pack'));
    expect(JSON.parse(marker ?? 'null')).toEqual({ id: 'acme-consulting', version: 1 });
    const { columns } = await capaLayout(paneA);
    expect(Object.keys(columns)).toContain('Risk rating');
    expect(Object.keys(columns)).not.toContain('Root cause category');
    expect(await paneA.evaluate(() => window.__qmsWorkbook!.value('CAPA Log', 'A1'))).toBe('Acme Consulting');

    // The pack's supplier weights (50/30/10/10) are the criteria block of the inserted Supplier Evaluation sheet.
    const criteria = ['Quality', 'Delivery', 'Responsiveness', 'Cost'] as const;
    const weights = await supplierWeights(paneA, criteria);
    const bySheet = Object.fromEntries(
      Object.entries(weights)
        .filter(([k]) => k.startsWith('Supplier Evaluation!'))
        .map(([k, v]) => [k.slice('Supplier Evaluation!'.length), v]),
    );
    expect(bySheet).toEqual({ Quality: 50, Delivery: 30, Responsiveness: 10, Cost: 10 });

    await fillProfile(paneA, 'Client A');
    await fillSupplier(paneA);
    await fillCapa(paneA, ROWS);
    capaIdsA = Array.from({ length: ROWS }, (_, i) => `C-${String(i + 1).padStart(3, '0')}`);
    const summary = await check(paneA);
    expect(summary).toMatch(/^0 errors, /);
    expect(await capaErrors(paneA)).toEqual([]);
    // A pane on the assigned version offers no upgrade.
    expect(await paneA.getByRole('region', { name: 'Template pack' }).count()).toBe(0);

    const result = await sync(paneA);
    expect(result).toMatch(/Rejected0$/);
    const stored = await storedCapa(ORG_A, tokens.clientA);
    expect(stored.map((r) => r.id)).toEqual(capaIdsA);
    // The supplier's score is weighted with the pack's 50/30/10/10 (3), not the product's defaults (2.6).
    const suppliers = await app.call('GET', `/api/orgs/${ORG_A}/records?type=supplier`, { token: tokens.clientA });
    expect(suppliers.status).toBe(200);
    const supplierRecords = (suppliers.body as { records: { id: string; data: Record<string, unknown> }[] }).records;
    expect(supplierRecords.map((r) => [r.id, r.data.score])).toEqual([['S-001', 3]]);
  }, 120_000);

  it('the consultant publishes v2 and assigns it to client A only', async () => {
    const published = await consultant.putPack(packJson(2));
    expect(published).toMatchObject({ id: 'acme-consulting', version: 2, versions: [1, 2] });
    const a = await consultant.assignPack(ORG_A, { pack: 'acme-consulting', version: 2 });
    expect(a.pack).toMatchObject({ version: 2, latest: 2 });
    expect((await consultant.orgPack(ORG_B)).pack).toMatchObject({ version: 1, latest: 2 });
  });

  it('client A is offered v2, and the upgrade keeps all 60 rows with the blank required column as the only new errors, and renames a supplier criterion', async () => {
    const before = await capaErrors(paneA);
    await check(paneA);
    const bar = paneA.getByRole('region', { name: 'Template pack' });
    await expect.poll(() => bar.count(), { timeout: 20_000 }).toBe(1);
    expect(await bar.textContent()).toContain('This workbook is from pack acme-consulting v1; v2 is available.');
    expect(await bar.getByRole('list', { name: 'Pack changes' }).textContent()).toContain(
      'capa-log (CAPA Log): new required list column "Root cause category"',
    );
    expect(await bar.getByRole('list', { name: 'Pack changes' }).textContent()).toContain(
      'Supplier criteria: "Responsiveness" is now called "Communication"',
    );

    await bar.getByRole('button', { name: 'Upgrade to v2' }).click();
    await expect
      .poll(() => paneA.getByText(/^Upgraded to acme-consulting v2: .*CAPA Log.*; all \d+ rows kept/).count(), {
        timeout: 30_000,
      })
      .toBe(1);
    const marker = await paneA.evaluate(() => window.__qmsWorkbook!.docProps.get('qms.pack'));
    expect(JSON.parse(marker ?? 'null')).toEqual({ id: 'acme-consulting', version: 2 });

    // Every row and typed value is where it was.
    const { header, columns } = await capaLayout(paneA);
    expect(columns['Root cause category']).toBe(columns['Risk rating']! + 1);
    const kept = await paneA.evaluate(
      ({ header, id, risk, rows }) => {
        const sheet = window.__qmsWorkbook!.sheet('CAPA Log')!;
        return Array.from({ length: rows + 1 }, (_, i) => [
          sheet.cells.get(`${header + 1 + i},${id}`) ?? null,
          sheet.cells.get(`${header + 1 + i},${risk}`) ?? null,
        ]);
      },
      { header, id: columns['CAPA ID']!, risk: columns['Risk rating']!, rows: ROWS },
    );
    expect(kept).toEqual([...capaIdsA.map((id, i) => [id, riskOf(i + 1)]), [null, null]]);

    // Checked again with v2: no offer any more, and the new errors are the 60 blank Root cause category cells.
    await expect.poll(() => bar.count()).toBe(0);
    const after = await capaErrors(paneA);
    expect(before.filter((e) => !after.includes(e))).toEqual([]);
    const added = after.filter((e) => !before.includes(e));
    expect(added).toHaveLength(ROWS);
    expect(added.every((e) => e.includes('Root cause category'))).toBe(true);
    expect(await paneA.getByRole('status', { name: 'Check summary' }).textContent()).toMatch(/^60 errors, /);

    // v2 renames the criterion Responsiveness to Communication: the score column's header and the criteria block
    // say so, the supplier's mark is still there, the weights are v2's, and the Score formula was written again.
    const supplier = await paneA.evaluate(() => {
      const wb = window.__qmsWorkbook!;
      const sheet = wb.sheet('Supplier Evaluation')!;
      const { row, columns } = wb.headerRow(sheet, 'Supplier ID');
      const at = (name: string) => sheet.cells.get(`${row + 1},${columns.get(name) ?? 0}`) ?? null;
      return {
        headers: [...columns.keys()],
        marks: [at('Quality'), at('Delivery'), at('Communication'), at('Cost')],
        scoreIsFormula: sheet.formulas.has(`${row + 1},${columns.get('Score') ?? 0}`),
        dropDowns: sheet.validations.map((v) => v.source),
        score: String(at('Score')),
      };
    });
    expect(supplier.headers).toContain('Communication');
    expect(supplier.headers).not.toContain('Responsiveness');
    expect(supplier.marks).toEqual([5, 1, 1, 1]);
    expect(supplier.scoreIsFormula).toBe(true);
    // The criteria block's drop-down is set again with v2's names.
    expect(supplier.dropDowns).toContain('Quality,Delivery,Communication,Cost');
    expect(supplier.score).toMatch(/^=IF\(COUNT\(/);
    const weights = await supplierWeights(paneA, ['Quality', 'Delivery', 'Communication', 'Responsiveness', 'Cost']);
    expect(
      Object.fromEntries(
        Object.entries(weights)
          .filter(([k]) => k.startsWith('Supplier Evaluation!'))
          .map(([k, v]) => [k.slice('Supplier Evaluation!'.length), v]),
      ),
    ).toEqual({ Quality: 45, Delivery: 30, Communication: 10, Cost: 15 });
    expect(await sheetErrors(paneA, 'Supplier Evaluation')).toEqual([]);
  }, 120_000);

  it('client B, still assigned v1, inserts, checks and syncs on v1; the offer of v2 is shown and not taken', async () => {
    paneB = await openPane();
    await signIn(paneB, tokens.clientB, ORG_B);
    await insertPack(paneB, 1);
    const marker = await paneB.evaluate(() => window.__qmsWorkbook!.docProps.get('qms.pack'));
    expect(JSON.parse(marker ?? 'null')).toEqual({ id: 'acme-consulting', version: 1 });
    const { columns } = await capaLayout(paneB);
    expect(Object.keys(columns)).toContain('Risk rating');
    expect(Object.keys(columns)).not.toContain('Root cause category');

    await fillProfile(paneB, 'Client B');
    await fillCapa(paneB, ROWS_B);
    expect(await check(paneB)).toMatch(/^0 errors, /);
    // B is assigned v1, but v2 is the pack's latest: docs/api.md ("`latest` greater than `version` means an upgrade
    // is on offer") has the pane offer it. B does not take it, and its workbook is checked with v1's columns: no
    // "Root cause category" errors.
    const bar = paneB.getByRole('region', { name: 'Template pack' });
    await expect.poll(() => bar.count(), { timeout: 20_000 }).toBe(1);
    expect(await bar.textContent()).toContain('This workbook is from pack acme-consulting v1; v2 is available.');
    expect(await capaErrors(paneB)).toEqual([]);

    expect(await sync(paneB)).toMatch(/Rejected0$/);
    const stored = await storedCapa(ORG_B, tokens.clientB);
    expect(stored.map((r) => r.id)).toEqual(['C-001', 'C-002', 'C-003']);
    expect(JSON.parse((await paneB.evaluate(() => window.__qmsWorkbook!.docProps.get('qms.pack'))) ?? 'null')).toEqual({
      id: 'acme-consulting',
      version: 1,
    });
    expect((await consultant.orgPack(ORG_B)).pack).toMatchObject({ version: 1 });
  }, 120_000);

  // Sync checks the workbook as Check does (addin/src/packs/judge.ts), with the pack's columns, so the records it
  // sends carry `extra`; before that fix this step failed with every riskRating undefined.
  it('the records both panes synced carry the Risk rating in data.extra', async () => {
    const riskRatings = async (org: string, token: string) =>
      (await storedCapa(org, token)).map((r) => (r.data.extra as Record<string, unknown> | undefined)?.riskRating);
    expect(await riskRatings(ORG_A, tokens.clientA)).toEqual(capaIdsA.map((_, i) => riskOf(i + 1)));
    expect(await riskRatings(ORG_B, tokens.clientB)).toEqual([riskOf(1), riskOf(2), riskOf(3)]);
  });
});
