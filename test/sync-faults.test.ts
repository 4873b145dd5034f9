/**
 * Faults in the middle of a `qms sync` of the demo workbook (a plan, 7 upload parts of 90 records, a commit):
 * the storage emulator killed and restarted, the API host restarted, an answer lost so the client times out and
 * sends the step again. After each, the organisation's stored records equal the workbook's exactly: the same ids
 * and hashes per type, none lost, none doubled, the stale record deleted once and the changed one updated.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { QmsRecord } from '@qms/templates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, runSync } from '@qms/client';
import { capa, syncBody, toSyncInput } from '@qms/api-harness';
import {
  byType,
  createOrg,
  DEMO,
  DEMO_AS_OF,
  qms,
  sorted,
  startHostProcess,
  startProxy,
  startStack,
  storedRecords,
  workbookRecords,
  type ProxyHooks,
  type Stack,
} from './support/stack.js';

const PART_RECORDS = '90';
const PARTS = 7;

let stack: Stack;
let dir: string;
let token: string;
let expected: QmsRecord[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qms-e2e-faults-'));
  // On disk, not in memory: a restarted emulator must still hold what was stored before it died.
  stack = await startStack({ azuriteLocation: join(dir, 'azurite') });
  token = await stack.token('quality-lead');
  expected = await workbookRecords(DEMO);
}, 30_000);

afterAll(async () => {
  await stack.close();
  await rm(dir, { recursive: true, force: true });
});

/** Where the org lives: the in-process stack's host, or a host process. */
interface Target {
  url: string;
  token: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A fresh org holding one record the workbook no longer has and one older version of a workbook record. */
async function seededOrg(org: string, target: Target): Promise<void> {
  const { url, token } = target;
  await createOrg(target, token, org);
  const client = createApiClient({ baseUrl: url, getToken: () => Promise.resolve(token) });
  const seed = await runSync(
    client,
    org,
    toSyncInput(syncBody(`seed-${org}`, [capa('STALE-1'), capa('CAPA-001', 'Open')], { complete: false })),
  );
  expect(seed.created).toBe(2);
}

/** Syncs the demo through a fault-injecting proxy and checks the stored state against the workbook. */
async function syncThrough(org: string, hooks: ProxyHooks, extra: string[] = [], given?: Target) {
  const target = given ?? { url: stack.url, token };
  await seededOrg(org, target);
  const proxy = await startProxy(target.url.replace(/\/api$/, ''), hooks);
  try {
    const r = await qms(
      'sync',
      DEMO,
      '--api',
      proxy.url,
      '--org',
      org,
      '--token',
      target.token,
      '--as-of',
      DEMO_AS_OF,
      '--part-records',
      PART_RECORDS,
      '--retries',
      '8',
      '--json',
      ...extra,
    );
    expect(r.code, r.err).toBe(0);
    const totals = JSON.parse(r.out) as {
      uploaded: number;
      created: number;
      updated: number;
      unchanged: number;
      deleted: number;
      retries: number;
    };
    // Every record but none twice was acknowledged; the fault really happened: at least one step went twice.
    expect(totals.uploaded).toBe(expected.length);
    expect(totals.retries).toBeGreaterThan(0);
    expect(proxy.syncRequests()).toBe(1 + PARTS + 1 + totals.retries);
    expect(totals.created + totals.updated + totals.unchanged).toBe(expected.length);
    expect(totals.deleted).toBe(1);

    const stored = await storedRecords(target, target.token, org);
    expect(sorted(stored)).toEqual(sorted(byType(expected)));
    for (const [type, list] of stored)
      expect(new Set(list.map(([id]) => id)).size, `${type} ids are unique`).toBe(list.length);
    expect(stored.get('capa')?.some(([id]) => id === 'STALE-1')).toBe(false);
    const capa1 = expected.find((x) => x.type === 'capa' && x.id === 'CAPA-001');
    expect(stored.get('capa')?.find(([id]) => id === 'CAPA-001')?.[1]).toBe(capa1?.hash);
    return r;
  } finally {
    await proxy.close();
  }
}

describe('sync.faults: a sync under faults leaves stored records equal to the workbook exactly', () => {
  it('Azurite killed when the second upload arrives and restarted on the same port 1.5 s later', async () => {
    let restarted: Promise<void> = Promise.resolve();
    const r = await syncThrough('fault-storage', {
      async beforeSync(n) {
        if (n !== 3) return;
        await stack.azurite.stop();
        restarted = sleep(1500).then(() => stack.azurite.start());
      },
    });
    await restarted;
    expect(r.err).toMatch(/upload part \d\/7: HTTP 503 storage-unavailable: .* retrying in/);
  }, 60_000);

  it('Azurite killed while the second upload is being written (not before), restarted 1.5 s later', async () => {
    let restarted: Promise<void> = Promise.resolve();
    await syncThrough('fault-storage-mid', {
      beforeSync(n) {
        // Do not wait: the part goes on to the API and meets the emulator dying under it.
        if (n === 3)
          restarted = sleep(15)
            .then(() => stack.azurite.stop())
            .then(() => sleep(1500))
            .then(() => stack.azurite.start());
      },
    });
    await restarted;
  }, 60_000);

  it('the API host restarted (open connections cut) while the second upload is in flight', async () => {
    let restarted: Promise<void> = Promise.resolve();
    const r = await syncThrough('fault-host', {
      beforeSync(n) {
        if (n === 3) restarted = sleep(10).then(() => stack.restartHost(500));
      },
    });
    await restarted;
    expect(r.err).toMatch(/upload part \d\/7: POST \/orgs\/fault-host\/sync\/records failed: .* retrying in/);
  }, 60_000);

  it('the API host process killed outright (SIGKILL) when the second upload arrives, then started again', async () => {
    const host = await startHostProcess(stack.azurite.connectionString, join(dir, 'dev-key.json'));
    try {
      let restarted: Promise<void> = Promise.resolve();
      const r = await syncThrough(
        'fault-process',
        {
          async beforeSync(n) {
            if (n !== 3) return;
            await host.kill();
            restarted = host.start();
          },
        },
        [],
        { url: host.url, token: await host.token('quality-lead') },
      );
      await restarted;
      expect(r.err).toMatch(/upload part \d\/7: POST \/orgs\/fault-process\/sync\/records failed: .* retrying in/);
    } finally {
      await host.kill();
    }
  }, 60_000);

  it('sync.crash-before-commit: the API host killed when the commit arrives, after every upload: the organisation still shows what it held, and the retry completes', async () => {
    const host = await startHostProcess(stack.azurite.connectionString, join(dir, 'dev-key-2.json'));
    try {
      const target = { url: host.url, token: await host.token('quality-lead') };
      let restarted: Promise<void> = Promise.resolve();
      let before: Map<string, [string, string][]> | undefined;
      const r = await syncThrough(
        'fault-commit',
        {
          async beforeSync(n) {
            // 1 plan + 7 uploads: the 9th step is the commit. Every record is uploaded, none is visible yet.
            if (n !== 1 + PARTS + 1) return;
            before = await storedRecords(target, target.token, 'fault-commit');
            await host.kill();
            restarted = sleep(1000).then(() => host.start());
          },
        },
        [],
        target,
      );
      await restarted;
      expect(sorted(before ?? new Map())).toEqual(
        sorted(
          new Map([
            [
              'capa',
              [
                ['CAPA-001', capa('CAPA-001', 'Open').hash],
                ['STALE-1', capa('STALE-1').hash],
              ],
            ],
          ]),
        ),
      );
      expect(r.err).toMatch(/commit: POST \/orgs\/fault-commit\/sync\/commit failed: .* retrying in/);
    } finally {
      await host.kill();
    }
  }, 60_000);

  it('the answer to the second upload is lost: the client times out and sends it again (stored once)', async () => {
    const r = await syncThrough('fault-timeout', { swallowSync: (n) => n === 3 }, ['--timeout', '2']);
    expect(r.err).toMatch(
      /upload part \d\/7: POST \/orgs\/fault-timeout\/sync\/records failed: .*timeout.* retrying in/i,
    );
  }, 60_000);
});
