/**
 * The whole product on the demo workbook: `qms sync` → dev host → Azurite → GET /assessment, and `qms assess
 * --summary` on the same workbook and as-of → LibreOffice reads the "QMS Readiness" sheet back as CSV. The
 * headline figures must agree between the API's JSON and the sheet a manager opens.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Assessment } from '@qms/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_ALL_SHEETS, csvFields, sofficeConvert } from '../cli/src/shared/libreoffice.js';
import {
  api,
  createOrg,
  DEMO,
  DEMO_AS_OF,
  qms,
  sorted,
  startStack,
  storedRecords,
  byType,
  workbookRecords,
  type Stack,
} from './support/stack.js';

let stack: Stack;
let dir: string;
let token: string;

beforeAll(async () => {
  if (!existsSync(DEMO))
    throw new Error(
      `${DEMO} is missing: generate it with node --conditions=source --import tsx examples/generate-demo.ts`,
    );
  dir = await mkdtemp(join(tmpdir(), 'qms-e2e-demo-'));
  stack = await startStack();
  token = await stack.token('quality-lead');
  await createOrg(stack, token, 'kestrel', 'Kestrel Precision Components');
}, 30_000);

afterAll(async () => {
  await stack.close();
  await rm(dir, { recursive: true, force: true });
});

/**
 * Label → the cells to its right, for every text cell of the summary sheet's CSV (the dashboard has two panels
 * side by side, so a label may stand in the middle of a row); the first occurrence wins.
 */
function rowsByLabel(csv: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of csv.split(/\r?\n/)) {
    const fields = csvFields(line);
    fields.forEach((label, i) => {
      if (label !== '' && Number.isNaN(Number(label)) && !out.has(label)) out.set(label, fields.slice(i + 1));
    });
  }
  return out;
}

describe('demo workbook through every part', () => {
  it('CLI sync → API assessment agrees with the CLI summary sheet read back by LibreOffice', async () => {
    // The server's day is the demo's as-of date: the history point the sync commits is judged as of it.
    stack.app.clock.set(new Date(`${DEMO_AS_OF}T09:00:00.000Z`));
    token = await stack.token('quality-lead'); // a token of the server's new day
    const synced = await qms(
      'sync',
      DEMO,
      '--api',
      stack.url,
      '--org',
      'kestrel',
      '--token',
      token,
      '--as-of',
      DEMO_AS_OF,
      '--part-records',
      '250',
      '--json',
    );
    expect(synced.err).toContain('upload part 3/3');
    expect(synced.code).toBe(0);
    // Three upload parts (the progress above); the summary counts the records sent.
    const result = JSON.parse(synced.out) as { ok: boolean; records: number; created: number; uploaded: number };
    expect(result).toMatchObject({ ok: true, records: 627, created: 627, uploaded: 627 });

    // Stored exactly what the workbook holds.
    const expected = await workbookRecords(DEMO);
    expect(sorted(await storedRecords(stack, token, 'kestrel'))).toEqual(sorted(byType(expected)));

    const res = await api(`${stack.url}/orgs/kestrel/assessment?asOf=${DEMO_AS_OF}`, token);
    expect(res.status).toBe(200);
    const fromApi = res.body as Assessment;
    expect(fromApi.asOf).toBe(DEMO_AS_OF);

    const summary = join(dir, 'summary.xlsx');
    const assessed = await qms('assess', DEMO, '--as-of', DEMO_AS_OF, '--summary', summary);
    expect(assessed.code).toBe(0);

    const profileDir = join(dir, 'lo-profile');
    const csvDir = join(dir, 'csv');
    await sofficeConvert({ profileDir, target: CSV_ALL_SHEETS, outDir: csvDir, files: [summary] });
    const sheetFile = (await readdir(csvDir)).find((f) => f.endsWith('-QMS Readiness.csv'));
    expect(sheetFile).toBeDefined();
    const rows = rowsByLabel(await readFile(join(csvDir, sheetFile ?? ''), 'utf8'));

    expect(rows.get('As of')?.[0]).toBe(DEMO_AS_OF);
    expect(rows.get('Verdict')?.[0]).toBe(fromApi.verdict.value);
    expect(Number(rows.get('Overall readiness (%)')?.[0])).toBeCloseTo(fromApi.readiness.overall.value, 6);
    expect(fromApi.readiness.groups).toHaveLength(7);
    for (const g of fromApi.readiness.groups) {
      const label = [...rows.keys()].find((l) => l.startsWith(`${g.group} `));
      expect(label, `group ${g.group} row`).toBeDefined();
      const cell = rows.get(label ?? '')?.[0];
      if (g.score.value === null) expect(cell).toBe('n/a');
      else expect(Number(cell)).toBeCloseTo(g.score.value, 6);
    }
    expect(fromApi.timeline.milestones.length).toBeGreaterThan(0);
    for (const m of fromApi.timeline.milestones) {
      expect(rows.get(m.name)?.[0], `P50 of ${m.name}`).toBe(m.p50.value);
      expect(rows.get(m.name)?.[1], `P80 of ${m.name}`).toBe(m.p80.value);
    }
    // The sync's commit took the day's history point: the owner's portfolio shows the same headline figures.
    const portfolio = await qms('portfolio', '--api', stack.url, '--token', token, '--json');
    expect(portfolio.code).toBe(0);
    const [entry] = JSON.parse(portfolio.out) as {
      org: string;
      readiness: number;
      verdict: string;
      nextMilestone: { date: string } | null;
    }[];
    expect(entry).toMatchObject({
      org: 'kestrel',
      readiness: fromApi.readiness.overall.value,
      verdict: fromApi.verdict.value,
    });
  }, 120_000);
});
