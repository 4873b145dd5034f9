import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { SyncRequest } from '@qms/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backoffDelay, createSyncCommand, type RemoteDeps } from './commands/sync.js';
import { main } from './main.js';
import { writeFilledTemplate } from './shared/fixtures.js';
import { memoryIo } from './shared/memory-io.js';

const DEMO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'demo-manufacturer.xlsx');
const AS_OF = '2026-11-24';
const API = 'http://api.test/api';

interface Seen {
  url: string;
  auth: string | null;
  body: SyncRequest;
}

/** A fake server: answers each sync request with the given status (200 with counts when none is scripted). */
function fakeServer(
  script: (n: number, body: SyncRequest) => { status: number; body?: unknown } | 'network' | undefined = () =>
    undefined,
) {
  const seen: Seen[] = [];
  const sleeps: number[] = [];
  const deps: RemoteDeps = {
    env: { QMS_TOKEN: 'env-token' },
    random: () => 0,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    fetch: (input, init) => {
      const body = JSON.parse(typeof init?.body === 'string' ? init.body : '{}') as SyncRequest;
      const headers = new Headers(init?.headers);
      seen.push({
        url: input instanceof Request ? input.url : input.toString(),
        auth: headers.get('authorization'),
        body,
      });
      const scripted = script(seen.length, body);
      if (scripted === 'network') return Promise.reject(new TypeError('fetch failed'));
      const count = body.snapshots.reduce((n, s) => n + s.records.length, 0);
      const answer = scripted ?? {
        status: 200,
        body: {
          created: count,
          updated: 0,
          unchanged: 0,
          deleted: 0,
          rejected: [],
          part: body.part,
          parts: body.parts,
          completed: body.part === body.parts,
        },
      };
      return Promise.resolve(
        new Response(JSON.stringify(answer.body ?? {}), {
          status: answer.status,
          headers: { 'content-type': 'application/json' },
        }),
      );
    },
  };
  return { deps, seen, sleeps };
}

let dir: string;
let broken: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qms-sync-'));
  broken = join(dir, 'broken.xlsx');
  // Two CAPA rows from row 6 (the template's first data row): C-1 valid, C-2 with a Status that is not one.
  const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
  await writeFilledTemplate('capa-log.xlsx', broken, (wb) => {
    const sheet = wb.getWorksheet('CAPA Log');
    if (sheet === undefined) throw new Error('CAPA Log sheet missing from capa-log.xlsx');
    sheet.getRow(6).values = [
      'C-1',
      d('2026-01-10'),
      'Internal audit',
      '8.5.1',
      'Minor',
      'Label wrong',
      null,
      null,
      null,
      null,
      'QM',
      d('2026-12-31'),
      'Open',
    ];
    sheet.getRow(7).values = [
      'C-2',
      d('2026-03-01'),
      'Supplier',
      null,
      'Minor',
      'Wrong part',
      null,
      null,
      null,
      null,
      'QM',
      d('2026-12-31'),
      'Shelved',
    ];
  });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(deps: RemoteDeps, ...argv: string[]) {
  const io = memoryIo(dir, new Date(Date.UTC(2026, 10, 24, 12)));
  const code = await createSyncCommand(deps)(argv, io);
  return { code, out: io.out(), err: io.err() };
}

/** `qms sync` of the demo workbook to org "acme" at the fake API, as of AS_OF, with any further flags. */
const syncDemo = (deps: RemoteDeps, ...flags: string[]) =>
  run(deps, DEMO, '--api', API, '--org', 'acme', '--as-of', AS_OF, ...flags);

describe('qms sync', () => {
  it('sends the demo workbook in numbered parts of one syncId, with progress on stderr and totals on stdout', async () => {
    const server = fakeServer();
    const r = await syncDemo(server.deps, '--part-records', '250');
    expect(r.code).toBe(0);
    expect(server.seen.map((s) => `${s.body.part}/${s.body.parts}`)).toEqual(['1/3', '2/3', '3/3']);
    expect(new Set(server.seen.map((s) => s.body.syncId)).size).toBe(1);
    expect(server.seen.every((s) => s.url === `${API}/orgs/acme/sync` && s.auth === 'Bearer env-token')).toBe(true);
    const sent = server.seen.flatMap((s) => s.body.snapshots.flatMap((snap) => snap.records));
    expect(sent).toHaveLength(622);
    expect(new Set(sent.map((x) => `${x.type}:${x.id}`)).size).toBe(622);
    expect(r.err).toMatch(/part 2\/3: 250 records … created 250/);
    expect(r.out).toBe('Synced 622 records to "acme": 622 created, 0 updated, 0 unchanged, 0 deleted (3 parts).\n');
  });

  it('--token wins over QMS_TOKEN; --json prints the totals as JSON', async () => {
    const server = fakeServer();
    const r = await syncDemo(server.deps, '--token', 'flag-token', '--json');
    expect(r.code).toBe(0);
    expect(server.seen[0]?.auth).toBe('Bearer flag-token');
    const json = JSON.parse(r.out) as { ok: boolean; parts: number; records: number; created: number };
    expect(json).toMatchObject({ ok: true, parts: 1, records: 622, created: 622 });
  });

  it('retries a part after 503 and a network error with growing back-off, then finishes', async () => {
    const server = fakeServer((n) =>
      n === 2
        ? { status: 503, body: { title: 'Service unavailable', status: 503, code: 'storage-unavailable' } }
        : n === 3
          ? 'network'
          : undefined,
    );
    const r = await syncDemo(server.deps, '--part-records', '350');
    expect(r.code).toBe(0);
    expect(server.seen.map((s) => s.body.part)).toEqual([1, 2, 2, 2]);
    expect(server.sleeps).toEqual([backoffDelay(1, () => 0), backoffDelay(2, () => 0)]);
    expect(server.sleeps[1]).toBe(2 * (server.sleeps[0] ?? 0));
    expect(r.err).toMatch(/part 2\/2: .*503.* retrying in 0\.5 s \(attempt 2 of 7\)/);
    expect(r.out).toContain('(2 parts, 2 retries)');
  });

  it('waits out a 409 sync-in-progress (another sync holds the lease) but not a 409 part mismatch', async () => {
    const busy = fakeServer((n) =>
      n === 1 ? { status: 409, body: { title: 'Conflict', status: 409, code: 'sync-in-progress' } } : undefined,
    );
    expect((await syncDemo(busy.deps)).code).toBe(0);
    expect(busy.seen).toHaveLength(2);
    const mismatch = fakeServer(() => ({
      status: 409,
      body: {
        title: 'Conflict',
        status: 409,
        code: 'sync-part-mismatch',
        detail: 'Part 1 already arrived with other content',
      },
    }));
    const r = await syncDemo(mismatch.deps);
    expect(r.code).toBe(1);
    expect(mismatch.seen).toHaveLength(1);
    expect(r.err).toContain('Part 1 already arrived with other content');
  });

  it('sends the workbook again under a new sync id when another sync finished first (409 sync-superseded)', async () => {
    const superseded = { title: 'Conflict', status: 409, code: 'sync-superseded', detail: 'Another sync finished' };
    // The first attempt's part 2 meets a sync that completed meanwhile; the second attempt goes through.
    const server = fakeServer((n, body) =>
      n === 2 && body.part === 2 ? { status: 409, body: superseded } : undefined,
    );
    const r = await syncDemo(server.deps, '--part-records', '100', '--json');
    expect(r.code).toBe(0);
    const ids = [...new Set(server.seen.map((s) => s.body.syncId))];
    expect(ids).toHaveLength(2);
    expect(ids[1]).toBe(`${ids[0]}-r1`);
    const parts = server.seen[0]?.body.parts ?? 0;
    expect(parts).toBeGreaterThan(2);
    // Part 1, part 2 (refused), then every part again under the new id.
    expect(server.seen.map((s) => s.body.part)).toEqual([1, 2, ...Array.from({ length: parts }, (_, i) => i + 1)]);
    expect(r.err).toContain(
      `another sync of "acme" finished first; sending the workbook again from part 1 as ${ids[1]}`,
    );
    const summary = JSON.parse(r.out) as {
      ok: boolean;
      restarts: number;
      syncId: string;
      created: number;
      records: number;
    };
    expect(summary).toMatchObject({ ok: true, restarts: 1, syncId: ids[1] });
    // Counts are those of the sync that completed, not the abandoned one added on top.
    expect(summary.created).toBe(summary.records);

    const once = fakeServer((n, body) => (n === 2 && body.part === 2 ? { status: 409, body: superseded } : undefined));
    const text = await syncDemo(once.deps, '--part-records', '100');
    expect(text.out).toContain('sent again once because another sync finished first');

    const always = fakeServer((_n, body) => (body.part === 1 ? { status: 409, body: superseded } : undefined));
    const gaveUp = await syncDemo(always.deps);
    expect(gaveUp.code).toBe(1);
    expect(new Set(always.seen.map((s) => s.body.syncId)).size).toBe(4);
    expect(gaveUp.err).toContain('Another sync finished');
  });

  it('gives up after --retries and says how to resume', async () => {
    const server = fakeServer((n) => (n >= 2 ? 'network' : undefined));
    const r = await syncDemo(server.deps, '--part-records', '200', '--retries', '2');
    expect(r.code).toBe(1);
    expect(server.seen).toHaveLength(4);
    expect(r.err).toContain('gave up after 3 attempts');
    // A network failure loses the answer: part 2 may have arrived, and running again is safe.
    expect(r.err).toContain('Part 1 was stored, and part 2 may have been stored in part');
    expect(r.err).toContain('run the same command again to finish');
  });

  it('lists the records the server rejects (422) and exits 1', async () => {
    const rejected = [
      {
        type: 'capa',
        id: 'CAPA-7',
        issues: [
          {
            code: 'record.invalid-data',
            field: 'dateOpened',
            message: 'dateOpened: not a date',
            sheet: 'CAPA Log',
            row: 9,
          },
        ],
      },
    ];
    const server = fakeServer(() => ({
      status: 422,
      body: {
        title: 'Unprocessable content',
        status: 422,
        code: 'records-rejected',
        detail: '1 record(s) failed validation',
        rejected,
      },
    }));
    const r = await syncDemo(server.deps);
    expect(r.code).toBe(1);
    expect(server.seen).toHaveLength(1);
    expect(r.err).toContain('capa "CAPA-7":\n    CAPA Log row 9: dateOpened: not a date');
    expect(r.err).toContain('Nothing was stored.');
  });

  it('after a server failure it does not say nothing was stored: the outcome is unknown, and running again is safe', async () => {
    const server = fakeServer(() => ({
      status: 500,
      body: { title: 'Internal error', status: 500, code: 'internal', detail: 'Something went wrong' },
    }));
    const r = await syncDemo(server.deps, '--retries', '0');
    expect(r.code).toBe(1);
    expect(r.err).not.toContain('Nothing was stored.');
    expect(r.err).toContain('Part 1 may have been stored in part (the server failed or its answer was lost)');
  });

  it('refuses a workbook with errors, naming the cells, and sends nothing', async () => {
    const server = fakeServer();
    const r = await run(server.deps, broken, '--api', API, '--org', 'acme', '--as-of', AS_OF);
    expect(r.code).toBe(1);
    expect(server.seen).toHaveLength(0);
    expect(r.err).toContain('has 1 error; nothing was sent');
    expect(r.err).toMatch(/error\s+CAPA Log!M7: .*Shelved/);
  });

  it('--allow-errors sends the valid rows only, and not as a complete snapshot (so nothing stored is deleted)', async () => {
    const server = fakeServer();
    const r = await run(server.deps, broken, '--api', API, '--org', 'acme', '--as-of', AS_OF, '--allow-errors');
    expect(r.code).toBe(0);
    const snapshots = server.seen.flatMap((s) => s.body.snapshots);
    const capa = snapshots.filter((s) => s.type === 'capa');
    expect(capa.flatMap((s) => s.records.map((x) => x.id))).toEqual(['C-1']);
    expect(capa.every((s) => !s.complete)).toBe(true);
    expect(r.out).toContain('1 row error left out');
  });

  it('says what is missing: no token, no org, a bad URL, a file that is not there', async () => {
    const noEnv = { ...fakeServer().deps, env: {} };
    expect((await run(noEnv, DEMO, '--api', API, '--org', 'acme')).err).toContain('pass --token T or set QMS_TOKEN');
    const server = fakeServer();
    expect((await run(server.deps, DEMO, '--api', API)).err).toContain('--org ID');
    expect((await run(server.deps, DEMO, '--api', 'localhost:7071', '--org', 'a')).err).toContain(
      'is not an http(s) URL',
    );
    const missing = await run(server.deps, 'nope.xlsx', '--api', API, '--org', 'a');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('nope.xlsx: no such file');
    expect(server.seen).toHaveLength(0);
  });

  it('runs from the compiled bin too (plain node loads the TypeScript client through tsx)', async () => {
    const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'qms.js');
    const built = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'main.js');
    if (!existsSync(built))
      throw new Error('cli/dist/main.js is missing: build first with `npx tsc -b` (npm test does this)');
    const { stdout } = await promisify(execFile)(process.execPath, [bin, 'sync', '--help']);
    expect(stdout).toContain('Usage: qms sync FILE.xlsx --api URL --org ID');
    const refused = await promisify(execFile)(process.execPath, [
      bin,
      'sync',
      DEMO,
      '--api',
      'http://127.0.0.1:9/api',
      '--org',
      'a',
      '--token',
      't',
      '--retries',
      '0',
    ]).catch((error: unknown) => error as { code: number; stderr: string });
    expect('code' in refused ? refused.code : 0).toBe(1);
    expect('stderr' in refused ? refused.stderr : '').toContain('part 1/1 failed: POST /orgs/a/sync failed');
  });

  it('is registered in the command table', async () => {
    const io = memoryIo(dir, new Date(Date.UTC(2026, 10, 24, 12)));
    expect(await main(['sync', DEMO], io)).toBe(2);
    expect(io.err()).toContain('qms sync: name the organisation with --org ID');
    expect(io.out()).toBe('');
  });
});
