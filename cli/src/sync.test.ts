import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backoffDelay, createSyncCommand, type RemoteDeps } from './commands/sync.js';
import { main } from './main.js';
import { openCapaRow, writeFilledTemplate } from '@qms/workbook-fixtures/filled';
import { memoryIo } from './shared/memory-io.js';

const DEMO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'demo-manufacturer.xlsx');
const AS_OF = '2026-11-24';
const API = 'http://api.test/api';

interface Seen {
  url: string;
  /** The route's step: `sync` (plan), `sync/records` (upload) or `sync/commit`. */
  step: string;
  auth: string | null;
  body: Record<string, unknown> & {
    records?: { type: string; id: unknown }[];
    changes?: { type: string; complete: boolean; put: unknown[] }[];
    partial?: string[];
  };
}

type Scripted = { status: number; body?: unknown } | 'network' | undefined;

/**
 * A fake server speaking the three sync steps: an organisation that holds nothing yet (every plan answers
 * `changed` with empty lists), uploads acknowledged, commits counted from their changes. `script` may answer any
 * request (numbered from 1) otherwise.
 */
function fakeServer(script: (n: number, seen: Seen) => Scripted = () => undefined) {
  const seen: Seen[] = [];
  const sleeps: number[] = [];
  let version = 0;
  const deps: RemoteDeps = {
    env: { QMS_TOKEN: 'env-token' },
    random: () => 0,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    fetch: (input, init) => {
      const url = input instanceof Request ? input.url : input.toString();
      const body = JSON.parse(typeof init?.body === 'string' ? init.body : '{}') as Seen['body'];
      const step = url.replace(/^.*\/orgs\/[^/]+\//, '');
      const entry = { url, step, auth: new Headers(init?.headers).get('authorization'), body };
      seen.push(entry);
      const scripted = script(seen.length, entry);
      if (scripted === 'network') return Promise.reject(new TypeError('fetch failed'));
      let answer = scripted;
      if (answer === undefined) {
        if (step === 'sync') {
          const types = [...Object.keys((body.digests as object | undefined) ?? {}), ...(body.partial ?? [])];
          answer = {
            status: 200,
            body: { status: 'changed', version, stored: Object.fromEntries(types.map((t) => [t, []])) },
          };
        } else if (step === 'sync/records') {
          answer = { status: 200, body: { stored: body.records?.length ?? 0 } };
        } else {
          version += 1;
          const created = (body.changes ?? []).reduce((n, c) => n + c.put.length, 0);
          answer = { status: 200, body: { version, created, updated: 0, unchanged: 0, deleted: 0, replayed: false } };
        }
      }
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

const problem = (status: number, code: string, detail = code, extra: Record<string, unknown> = {}) => ({
  status,
  body: { type: 'about:blank', title: 'Refused', status, code, detail, ...extra },
});

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
    sheet.getRow(6).values = openCapaRow('C-1');
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
  it('plans, uploads what the server lacks in numbered parts, then commits; progress on stderr, totals on stdout', async () => {
    const server = fakeServer();
    const r = await syncDemo(server.deps, '--part-records', '250');
    expect(r.code).toBe(0);
    expect(server.seen.map((s) => s.step)).toEqual([
      'sync',
      'sync/records',
      'sync/records',
      'sync/records',
      'sync/commit',
    ]);
    expect(new Set(server.seen.map((s) => s.body.syncId)).size).toBe(1);
    expect(server.seen.every((s) => s.url.startsWith(`${API}/orgs/acme/sync`) && s.auth === 'Bearer env-token')).toBe(
      true,
    );
    // The plan is the digests only: a few hundred bytes for the whole workbook.
    expect(JSON.stringify(server.seen[0]?.body).length).toBeLessThan(1000);
    const sent = server.seen.flatMap((s) => s.body.records ?? []);
    expect(sent).toHaveLength(627);
    expect(new Set(sent.map((x) => `${x.type}:${String(x.id)}`)).size).toBe(627);
    // Two parts go at once; the third starts when one of them is done.
    expect(r.err).toContain('upload part 2/3 (0 of 627 records sent)');
    expect(r.err).toMatch(/upload part 3\/3 \((250|500) of 627 records sent\)/);
    expect(r.out).toBe(
      'Synced 627 records to "acme": 627 created, 0 updated, 0 unchanged, 0 deleted (627 records sent).\n',
    );
  });

  it('--token wins over QMS_TOKEN; --json prints the totals as JSON', async () => {
    const server = fakeServer();
    const r = await syncDemo(server.deps, '--token', 'flag-token', '--json');
    expect(r.code).toBe(0);
    expect(server.seen[0]?.auth).toBe('Bearer flag-token');
    const json = JSON.parse(r.out) as Record<string, unknown>;
    expect(json).toMatchObject({ ok: true, records: 627, created: 627, uploaded: 627, alreadyCurrent: false });
  });

  it('says so, and sends nothing more, when the organisation already holds the workbook', async () => {
    const server = fakeServer((n) =>
      n === 1 ? { status: 200, body: { status: 'unchanged', version: 7 } } : undefined,
    );
    const r = await syncDemo(server.deps);
    expect(r.code).toBe(0);
    expect(server.seen.map((s) => s.step)).toEqual(['sync']);
    expect(r.out).toBe('"acme" already holds these 627 records; nothing needed sending.\n');
  });

  it('retries a step after 503 and a network error with growing back-off, then finishes', async () => {
    const server = fakeServer((n) =>
      n === 2 ? problem(503, 'storage-unavailable', 'Storage is unavailable') : n === 4 ? 'network' : undefined,
    );
    const r = await syncDemo(server.deps, '--part-records', '350');
    expect(r.code).toBe(0);
    expect(server.seen.map((s) => s.step)).toEqual([
      'sync',
      'sync/records',
      'sync/records',
      'sync/records',
      'sync/records',
      'sync/commit',
    ]);
    expect(server.sleeps).toEqual([backoffDelay(1, () => 0), backoffDelay(2, () => 0)]);
    expect(server.sleeps[1]).toBe(2 * (server.sleeps[0] ?? 0));
    expect(r.err).toMatch(/upload part 1\/2: .*503.* retrying in 0\.5 s \(attempt 2 of 7\)/);
    expect(r.out).toContain('(627 records sent, 2 retries)');
  });

  it('plans again when another sync committed first (409 head-moved), and does not retry other refusals', async () => {
    const server = fakeServer((n, s) => (n < 5 && s.step === 'sync/commit' ? problem(409, 'head-moved') : undefined));
    const r = await syncDemo(server.deps);
    expect(r.code).toBe(0);
    expect(server.seen.map((s) => s.step)).toEqual(['sync', 'sync/records', 'sync/commit', 'sync', 'sync/commit']);
    expect(r.err).toContain('another sync of "acme" committed first; comparing again with its records');
    expect(r.out).toContain('compared again once because another sync committed first');
    const refused = fakeServer((n) =>
      n === 1 ? problem(409, 'org-id-unavailable', 'Something else conflicts') : undefined,
    );
    const no = await syncDemo(refused.deps);
    expect(no.code).toBe(1);
    expect(refused.seen).toHaveLength(1);
    expect(no.err).toContain('Something else conflicts');
  });

  it('gives up after --retries and says how to resume', async () => {
    const server = fakeServer((n) => (n >= 2 ? 'network' : undefined));
    const r = await syncDemo(server.deps, '--part-records', '350', '--retries', '2');
    expect(r.code).toBe(1);
    // Both parts (two at a time) tried three times each.
    expect(server.seen).toHaveLength(1 + 2 * 3);
    expect(r.err).toContain('upload part 1/2 failed');
    expect(r.err).toContain('gave up after 3 attempts');
    // Before the commit nothing visible has changed, and running again sends only what is still missing.
    expect(r.err).toContain('Nothing the organisation shows has changed');
  });

  it('lists the records the server rejects (422) and exits 1', async () => {
    const rejected = [
      {
        type: 'capa',
        id: 'CAPA-7',
        issues: [
          {
            severity: 'error',
            code: 'record.invalid-data',
            field: 'dateOpened',
            message: 'dateOpened: not a date',
            sheet: 'CAPA Log',
            row: 9,
          },
        ],
      },
    ];
    const server = fakeServer((_n, s) =>
      s.step === 'sync/records'
        ? problem(422, 'records-rejected', '1 record(s) failed validation', { rejected })
        : undefined,
    );
    const r = await syncDemo(server.deps);
    expect(r.code).toBe(1);
    expect(server.seen.map((s) => s.step)).toEqual(['sync', 'sync/records']);
    expect(r.err).toContain('capa "CAPA-7":\n    CAPA Log row 9: dateOpened: not a date');
    expect(r.err).toContain('Nothing the organisation shows has changed');
  });

  it('after a server failure at the commit it does not say nothing changed: the outcome is unknown, and running again is safe', async () => {
    const server = fakeServer((_n, s) =>
      s.step === 'sync/commit' ? problem(500, 'internal', 'Something went wrong') : undefined,
    );
    const r = await syncDemo(server.deps, '--retries', '0');
    expect(r.code).toBe(1);
    expect(r.err).not.toContain('Nothing the organisation shows has changed');
    expect(r.err).toContain('may or may not have been saved');
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
    expect(server.seen[0]?.body.partial).toContain('capa');
    const sent = server.seen.flatMap((s) => s.body.records ?? []).filter((x) => x.type === 'capa');
    expect(sent.map((x) => x.id)).toEqual(['C-1']);
    const change = server.seen.at(-1)?.body.changes?.find((c) => c.type === 'capa');
    expect(change?.complete).toBe(false);
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
    expect('stderr' in refused ? refused.stderr : '').toContain('plan failed: POST /orgs/a/sync failed');
  });

  it('is registered in the command table', async () => {
    const io = memoryIo(dir, new Date(Date.UTC(2026, 10, 24, 12)));
    expect(await main(['sync', DEMO], io)).toBe(2);
    expect(io.err()).toContain('qms sync: name the organisation with --org ID');
    expect(io.out()).toBe('');
  });
});
