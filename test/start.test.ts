/**
 * `npm start` (scripts/start.mjs) on free ports with its own Azurite folder: the first start syncs the demo
 * workbook into org "demo" and the banner shows readiness, next milestone and cost; the second start on the
 * same data does not load it again. Ctrl-C (SIGTERM here) stops everything it started.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@qms/api-harness/azurite';
import { api, DEMO, ROOT } from './support/stack.js';

let dir: string;
let apiPort: number;
let tablePort: number;

beforeAll(async () => {
  if (!existsSync(DEMO))
    throw new Error(
      `${DEMO} is missing: generate it with node --conditions=source --import tsx examples/generate-demo.ts`,
    );
  dir = await mkdtemp(join(tmpdir(), 'qms-e2e-start-'));
  apiPort = await freePort();
  tablePort = await freePort();
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs `npm start` until its banner is printed, then stops it; returns everything it printed. */
async function startOnce(): Promise<{ out: string; token: string; exitCode: number | null }> {
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: ROOT,
    env: {
      ...process.env,
      QMS_PORT: String(apiPort),
      AZURITE_TABLE_PORT: String(tablePort),
      QMS_AZURITE_DIR: join(dir, 'azurite'),
      QMS_PANE: 'off',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const banner = new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes('Ctrl-C stops everything')) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`npm start exited (${code}) before its banner:\n${out}`)));
  });
  await banner;
  const token = /export QMS_TOKEN='([^']+)'/.exec(out)?.[1] ?? '';
  const stored = await api(`http://localhost:${apiPort}/api/orgs/demo/records?type=capa`, token);
  expect(stored.status).toBe(200);
  expect((stored.body as { records: unknown[] }).records).toHaveLength(60);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return { out, token, exitCode: await exited };
}

describe('npm start', () => {
  it('loads the demo into org "demo" on the first start only and shows its readiness, milestone and cost', async () => {
    const first = await startOnce();
    expect(first.exitCode).toBe(0);
    expect(first.out).toContain('Organisation   "demo" created; you are its owner');
    expect(first.out).toContain('[demo] upload part 1/1 (0 of 627 records sent)');
    expect(first.out).toMatch(/Demo data {6}examples\/demo-manufacturer\.xlsx regenerated as of \d{4}-\d\d-\d\d/);
    expect(first.out).toContain('Demo data      627 records synced into "demo" (627 sent)');
    expect(first.out).toMatch(/Readiness {6}\d+(\.\d+)? % as of \d{4}-\d\d-\d\d — \S/);
    expect(first.out).toMatch(/Next milestone .+: \d{4}-\d\d-\d\d \(P50\), \d{4}-\d\d-\d\d \(P80\)/);
    expect(first.out).toMatch(/3-year cost {4}EUR [\d,]+ likely \([\d,]+–[\d,]+\)/);

    // Everything was stopped: the API port is free again.
    await expect(fetch(`http://localhost:${apiPort}/api/health`)).rejects.toThrow();

    const second = await startOnce();
    expect(second.out).toContain('Organisation   "demo" already exists');
    expect(second.out).toContain('org "demo" already holds records; not reloaded');
    expect(second.out).not.toContain('[demo] part');
    expect(second.out).toMatch(/Readiness {6}\d+(\.\d+)? % as of/);
  }, 90_000);
});
