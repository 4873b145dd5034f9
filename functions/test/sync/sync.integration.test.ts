// Sync by snapshot digest against Azurite, driven by the shared client's runSync (as the pane and the CLI run
// it) and, for what a client would never send, by the three routes directly.
import { EMPTY_DIGEST, snapshotDigest } from '@qms/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEAD_ROW } from '../../src/storage/keys.js';
import { startAzurite, type Azurite } from '@qms/api-harness/azurite';
import {
  capa,
  createTestApp,
  storedHashes,
  syncBody,
  syncWorkbook,
  TEST_NOW,
  type TestApp,
  type TestResponse,
} from '@qms/api-harness';
import { countStorageCalls, countWrites } from '@qms/api-harness/write-counter';

let azurite: Azurite;
let app: TestApp;
let owner: string;
let writes: ReturnType<typeof countWrites>;
let calls: ReturnType<typeof countStorageCalls>;

beforeAll(async () => {
  azurite = await startAzurite();
  app = await createTestApp(azurite.connectionString);
  writes = countWrites(app.tables.records);
  calls = countStorageCalls([app.tables.records, app.tables.orgMembers, app.tables.orgs, app.tables.snapshots]);
  owner = await app.token('owner-1');
}, 30_000);

afterAll(async () => {
  await azurite.stop();
});

const newOrg = (id: string) => app.createOrg(owner, id);
const sync = (org: string, body: ReturnType<typeof syncBody>) => syncWorkbook(app, owner, org, body);
const post = (org: string, step: string, body: unknown) =>
  app.call('POST', `/api/orgs/${org}/${step}`, { token: owner, body });
const upload = (syncId: string, records: ReturnType<typeof capa>[]) => ({
  syncId,
  templates: { 'capa-log': 1 },
  records: records.map((r) => ({ type: 'capa', ...r })),
});

/** Every row of an organisation's partition, as stored (for "nothing changed" comparisons). */
async function partition(org: string): Promise<string[]> {
  const rows: string[] = [];
  for await (const e of app.tables.records.listEntities({ queryOptions: { filter: `PartitionKey eq '${org}'` } })) {
    const { etag: _etag, timestamp: _timestamp, ...rest } = e;
    rows.push(JSON.stringify(rest));
  }
  return rows.sort();
}

describe("sync.extra: a pack's extra columns travel in the record data", () => {
  it('are stored, returned by GET records and part of the hash (a changed extra value is an update)', async () => {
    await newOrg('extra');
    const high = capa('X-1', 'Open', { extra: { riskRating: 'High', cost: 12.5, site: null } });
    expect((await sync('extra', syncBody('e1', [high, capa('X-2')]))).body).toMatchObject({ created: 2 });
    const res = await app.call('GET', '/api/orgs/extra/records?type=capa', { token: owner });
    const records = (res.body as { records: { id: string; hash: string; data: Record<string, unknown> }[] }).records;
    expect(records.map((r) => [r.id, r.hash, r.data.extra])).toEqual([
      ['X-1', high.hash, { riskRating: 'High', cost: 12.5, site: null }],
      ['X-2', capa('X-2').hash, undefined],
    ]);
    const low = capa('X-1', 'Open', { extra: { riskRating: 'Low', cost: 12.5, site: null } });
    expect((await sync('extra', syncBody('e2', [low, capa('X-2')]))).body).toMatchObject({ updated: 1, unchanged: 1 });
  });
});

describe('sync counts', () => {
  it('creates, updates, leaves unchanged and deletes exactly what the workbook changed', async () => {
    await newOrg('counts');
    const first = await sync('counts', syncBody('s1', [capa('C-1'), capa('C-2'), capa('C-3')]));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ created: 3, updated: 0, unchanged: 0, deleted: 0, uploaded: 3, version: 1 });

    // C-1 unchanged, C-2 closed (updated), C-3 deleted from the workbook, C-4 new.
    const second = await sync('counts', syncBody('s2', [capa('C-1'), capa('C-2', 'Cancelled'), capa('C-4')]));
    expect(second.body).toMatchObject({ created: 1, updated: 1, unchanged: 1, deleted: 1, uploaded: 2, version: 2 });
    const stored = await storedHashes(app, 'counts', owner);
    expect(Object.keys(stored).sort()).toEqual(['C-1', 'C-2', 'C-4']);
    expect(stored['C-2']).toBe(capa('C-2', 'Cancelled').hash);
  });

  it('an incomplete snapshot never deletes', async () => {
    await newOrg('partial');
    await sync('partial', syncBody('p1', [capa('A'), capa('B')]));
    const res = await sync('partial', syncBody('p2', [capa('C')], { complete: false }));
    expect(res.body).toMatchObject({ created: 1, deleted: 0 });
    expect(Object.keys(await storedHashes(app, 'partial', owner)).sort()).toEqual(['A', 'B', 'C']);
  });

  it('sync.unchanged: an unchanged re-sync is one small request, at most two storage calls, and writes nothing', async () => {
    await newOrg('again');
    const body = syncBody('r1', [
      capa('R-1'),
      capa('R-2', 'Closed', { dateClosed: '2026-02-01', effectiveness: 'Effective' }),
    ]);
    await sync('again', body);
    const before = await partition('again');
    writes.reset();
    calls.reset();
    const plan = {
      syncId: 'r2',
      digests: { capa: snapshotDigest(body.snapshots[0]!.records.map((r) => [r.id, r.hash])) },
    };
    const res = await app.call('POST', '/api/orgs/again/sync', { token: owner, body: plan });
    expect(res.body).toEqual({ status: 'unchanged', version: 1 });
    // Under 1 KB on the wire: the request body and the answer together.
    expect(JSON.stringify(plan).length + res.text.length).toBeLessThan(1024);
    // One read of the member row (access), one of the head.
    expect(calls.calls).toBeLessThanOrEqual(2);
    expect(writes.writes).toBe(0);
    const whole = await sync('again', { ...body, syncId: 'r3' });
    expect(whole.body).toMatchObject({ alreadyCurrent: true, created: 0, updated: 0, unchanged: 2, uploaded: 0 });
    expect(await partition('again')).toEqual(before);
  });

  it('stores ids with / \\ # ? % ~ and unicode exactly, inside the organisation partition', async () => {
    await newOrg('keys');
    await newOrg('keys-other');
    const ids = ['CAPA/2026/001', 'a\\b', '#7', 'what?', '100%', 'x~y', 'Ünïcødé 🚀', '..', 'keys-other'];
    const res = await sync(
      'keys',
      syncBody(
        'k1',
        ids.map((id) => capa(id)),
      ),
    );
    expect(res.status).toBe(200);
    expect(res.body.created).toBe(ids.length);
    expect(Object.keys(await storedHashes(app, 'keys', owner)).sort()).toEqual([...ids].sort());
    expect(await storedHashes(app, 'keys-other', owner)).toEqual({});
    for await (const e of app.tables.records.listEntities()) {
      // eslint-disable-next-line no-control-regex -- checking that no control character reached a key
      if (e.partitionKey === 'keys') expect(e.rowKey).not.toMatch(/[/\\#?\u0000-\u001f\u007f-\u009f]/);
      else expect(e.partitionKey).not.toBe('keys-other');
    }
  });

  it('pages records with a continuation token, showing only the current versions', async () => {
    await newOrg('paging');
    const records = Array.from({ length: 25 }, (_, i) => capa(`P-${String(i).padStart(3, '0')}`));
    await sync('paging', syncBody('pg', records));
    await sync('paging', syncBody('pg2', [...records.slice(1), capa('P-000', 'Cancelled')]));
    const page1 = await app.call('GET', '/api/orgs/paging/records?type=capa&pageSize=10', { token: owner });
    expect(page1.body.records.length).toBeLessThanOrEqual(10);
    expect(typeof page1.body.continuation).toBe('string');
    // Following the tokens page by page gives every current record once.
    const seen: string[] = [];
    for (let token: string | null = null, first = true; first || token !== null; first = false) {
      const qs = new URLSearchParams({
        type: 'capa',
        pageSize: '10',
        ...(token === null ? {} : { continuation: token }),
      });
      const page = await app.call('GET', `/api/orgs/paging/records?${qs.toString()}`, { token: owner });
      expect(page.status).toBe(200);
      seen.push(...(page.body.records as { id: string }[]).map((r) => r.id));
      token = page.body.continuation as string | null;
    }
    expect(seen.sort()).toEqual(records.map((r) => r.id).sort());
    // The token is taken back only for the organisation it was given for.
    await newOrg('paging-other');
    const stolen = await app.call(
      'GET',
      `/api/orgs/paging-other/records?continuation=${encodeURIComponent(String(page1.body.continuation))}`,
      { token: owner },
    );
    expect(stolen.body.code).toBe('bad-continuation');
    const all = await storedHashes(app, 'paging', owner);
    expect(Object.keys(all)).toHaveLength(25);
    expect(all['P-000']).toBe(capa('P-000', 'Cancelled').hash);
  });

  it('sync.ten-changed: ten changed records of a thousand upload only those ten, in few storage calls', async () => {
    await newOrg('ten');
    const records = Array.from({ length: 1000 }, (_, i) => capa(`T-${i}`));
    await sync('ten', syncBody('t1', records));
    const changed = records.map((r, i) => (i % 100 === 7 ? capa(`T-${i}`, 'Cancelled') : r));
    calls.reset();
    const sizes: number[] = [];
    const res = await syncWorkbook(app, owner, 'ten', syncBody('t2', changed), {
      onProgress: (p) => {
        if (p.step === 'uploading') sizes.push(p.toUpload);
      },
    });
    expect(res.body).toMatchObject({ updated: 10, created: 0, deleted: 0, unchanged: 990, uploaded: 10 });
    expect(sizes).toEqual([10]);
    // Plan (member, head, manifest), upload (member, 1 transaction), commit (member, head, manifest, existence
    // check, 1 transaction), then the day's history point (which reads every record) and the sync-time note.
    const syncCalls = calls.calls;
    expect(syncCalls).toBeLessThan(40);
  });
});

describe('sync.cas: two clients committing different snapshots at once', () => {
  it('both finish with no waiting, and the stored state is exactly one of the two snapshots', async () => {
    await newOrg('race');
    const base = Array.from({ length: 300 }, (_, i) => capa(`R-${i}`));
    await sync('race', syncBody('r0', base));
    const a = syncBody('ra', [...base.slice(0, 200), capa('A-NEW')]);
    const b = syncBody(
      'rb',
      base.map((r, i) => (i % 3 === 0 ? capa(`R-${i}`, 'Cancelled') : r)),
    );
    for (let round = 0; round < 3; round++) {
      const [ra, rb] = await Promise.all([
        sync('race', { ...a, syncId: `ra-${round}` }),
        sync('race', { ...b, syncId: `rb-${round}` }),
      ]);
      expect([ra.status, rb.status]).toEqual([200, 200]);
      const stored = await storedHashes(app, 'race', owner);
      const asA = Object.fromEntries(a.snapshots[0]!.records.map((r) => [r.id, r.hash]));
      const asB = Object.fromEntries(b.snapshots[0]!.records.map((r) => [r.id, r.hash]));
      const last = ra.body.version > rb.body.version ? asA : asB;
      expect(stored).toEqual(last);
    }
  });

  it('a commit against a head that moved is 409 head-moved with the new version, and changes nothing', async () => {
    await newOrg('moved');
    await sync('moved', syncBody('m1', [capa('M-1')]));
    const before = await partition('moved');
    const res = await post('moved', 'sync/commit', {
      syncId: 'stale',
      base: 0,
      templates: { 'capa-log': 1 },
      changes: [{ type: 'capa', complete: true, put: [], remove: ['M-1'], digest: EMPTY_DIGEST }],
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'head-moved', version: 1 });
    expect(await partition('moved')).toEqual(before);
  });

  it('a commit repeated after its answer was lost is answered as a replay and writes nothing', async () => {
    await newOrg('lost');
    await post('lost', 'sync/records', upload('l1', [capa('L-1')]));
    const commit = {
      syncId: 'l1',
      base: 0,
      templates: { 'capa-log': 1 },
      changes: [
        {
          type: 'capa',
          complete: true,
          put: [['L-1', capa('L-1').hash]],
          remove: [],
          digest: snapshotDigest([['L-1', capa('L-1').hash]]),
        },
      ],
    };
    expect((await post('lost', 'sync/commit', commit)).body).toMatchObject({ version: 1, created: 1, replayed: false });
    const before = await partition('lost');
    expect((await post('lost', 'sync/commit', commit)).body).toMatchObject({ version: 1, replayed: true });
    expect(await partition('lost')).toEqual(before);
  });
});

describe('sync.crash-before-commit: uploads are invisible until a commit names them', () => {
  it('a client that uploads and dies changes nothing anyone sees, and its retry completes', async () => {
    await newOrg('crash');
    await sync('crash', syncBody('c0', [capa('K-1'), capa('K-2')]));
    const seen = await storedHashes(app, 'crash', owner);
    const assessment = await app.call('GET', '/api/orgs/crash/assessment?asOf=2026-03-02', { token: owner });
    // The upload of a new workbook lands; the commit never comes.
    const next = [capa('K-1', 'Cancelled'), capa('K-3')];
    expect((await post('crash', 'sync/records', upload('c1', next))).status).toBe(200);
    expect(await storedHashes(app, 'crash', owner)).toEqual(seen);
    const after = await app.call('GET', '/api/orgs/crash/assessment?asOf=2026-03-02', { token: owner });
    expect(after.body).toEqual(assessment.body);
    // Sent again, the sync completes (what was uploaded is written again, the same rows).
    const retry = await sync('crash', syncBody('c1', next));
    expect(retry.body).toMatchObject({ created: 1, updated: 1, deleted: 1 });
    expect(await storedHashes(app, 'crash', owner)).toEqual({ 'K-1': next[0]!.hash, 'K-3': next[1]!.hash });
  });

  it('a commit naming a version nobody uploaded is 409 records-missing, listing it, and changes nothing', async () => {
    await newOrg('missing');
    await sync('missing', syncBody('x0', [capa('X-1')]));
    const before = await partition('missing');
    const ghost = capa('X-2');
    const res = await post('missing', 'sync/commit', {
      syncId: 'x1',
      base: 1,
      templates: { 'capa-log': 1 },
      changes: [{ type: 'capa', complete: false, put: [['X-2', ghost.hash]], remove: [] }],
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'records-missing', count: 1 });
    expect(await partition('missing')).toEqual(before);
  });

  it('a complete change whose result is not the digest the workbook described is 422 digest-mismatch', async () => {
    await newOrg('digest');
    await post('digest', 'sync/records', upload('d1', [capa('D-1')]));
    const res = await post('digest', 'sync/commit', {
      syncId: 'd1',
      base: 0,
      templates: { 'capa-log': 1 },
      changes: [{ type: 'capa', complete: true, put: [['D-1', capa('D-1').hash]], remove: [], digest: EMPTY_DIGEST }],
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('digest-mismatch');
    expect(await storedHashes(app, 'digest', owner)).toEqual({});
  });
});

describe('sync.gc: garbage collection', () => {
  // Storage stamps rows with the real time; the collector compares them with the app's clock, so these tests run
  // it at real time, an upload TTL (one hour) and more after the rows were written.
  const later = async () => {
    app.clock.set(new Date(Date.now() + 2 * 60 * 60_000));
    owner = await app.token('owner-1');
  };
  afterAll(async () => {
    app.clock.set(TEST_NOW);
    owner = await app.token('owner-1');
  });

  it('never removes a version the head names, and removes what it no longer names', async () => {
    await newOrg('gc');
    await sync('gc', syncBody('g0', [capa('G-1'), capa('G-2')]));
    // An abandoned upload: versions no head names.
    await post('gc', 'sync/records', upload('g1', [capa('G-1', 'Cancelled'), capa('G-9')]));
    const { collectGarbage } = await import('../../src/sync/collect.js');
    const young = await collectGarbage(app.deps, 'gc');
    expect(young).toEqual({ removed: 0, kept: 2 });
    await later();
    const collected = await collectGarbage(app.deps, 'gc');
    expect(collected.removed).toBe(2);
    expect(await storedHashes(app, 'gc', owner)).toEqual({ 'G-1': capa('G-1').hash, 'G-2': capa('G-2').hash });
    // Again: nothing left to do (idempotent), and the head's versions all still there.
    expect((await collectGarbage(app.deps, 'gc')).removed).toBe(0);
    const rows = (await partition('gc')).map((r) => (JSON.parse(r) as { rowKey: string }).rowKey);
    expect(rows.filter((k) => k.startsWith('capa~'))).toHaveLength(2);
  });

  it('a commit keeps the versions it replaces (a racing client may still need them) until collection removes them', async () => {
    await newOrg('gc2');
    await sync('gc2', syncBody('h0', [capa('H-1'), capa('H-2')]));
    await sync('gc2', syncBody('h1', [capa('H-1', 'Cancelled')]));
    const capaRows = async () =>
      (await partition('gc2'))
        .map((r) => (JSON.parse(r) as { rowKey: string }).rowKey)
        .filter((k) => k.startsWith('capa~'));
    expect((await capaRows()).sort()).toEqual(
      [
        `capa~H-1~${capa('H-1').hash}`,
        `capa~H-1~${capa('H-1', 'Cancelled').hash}`,
        `capa~H-2~${capa('H-2').hash}`,
      ].sort(),
    );
    const rows = (await partition('gc2')).map((r) => (JSON.parse(r) as { rowKey: string }).rowKey);
    // The replaced snapshot's manifest went in the same transaction; only the new one is left.
    expect(rows.filter((k) => k.startsWith('!m~'))).toHaveLength(1);
    expect(rows).toContain(HEAD_ROW);
    const { collectGarbage } = await import('../../src/sync/collect.js');
    await later();
    expect((await collectGarbage(app.deps, 'gc2')).removed).toBe(2);
    expect(await capaRows()).toEqual([`capa~H-1~${capa('H-1', 'Cancelled').hash}`]);
    expect(await storedHashes(app, 'gc2', owner)).toEqual({ 'H-1': capa('H-1', 'Cancelled').hash });
  });

  it('a collection racing a commit stops (its head assertion fails) and removes nothing the new head names', async () => {
    await newOrg('gc3');
    await sync('gc3', syncBody('i0', [capa('I-1')]));
    // The upload the next commit will name, old enough to look abandoned.
    await post('gc3', 'sync/records', upload('i1', [capa('I-2')]));
    const { collectGarbage } = await import('../../src/sync/collect.js');
    const submit = app.tables.records.submitTransaction.bind(app.tables.records);
    // Let the commit land between the collector's reads and its first removal.
    app.tables.records.submitTransaction = async (actions, ...rest) => {
      app.tables.records.submitTransaction = submit;
      const landed = await sync('gc3', syncBody('i1', [capa('I-1'), capa('I-2')]));
      expect(landed.status).toBe(200);
      return submit(actions, ...rest);
    };
    await later();
    const result = await collectGarbage(app.deps, 'gc3');
    app.tables.records.submitTransaction = submit;
    expect(result.removed).toBe(0);
    expect(await storedHashes(app, 'gc3', owner)).toEqual({ 'I-1': capa('I-1').hash, 'I-2': capa('I-2').hash });
  });
});

describe('bad input: 4xx problem+json and nothing stored changes', () => {
  let before: string[];
  beforeAll(async () => {
    await newOrg('bad');
    await sync('bad', syncBody('b0', [capa('KEEP-1'), capa('KEEP-2')]));
    before = await partition('bad');
  });

  async function expectRefused(res: Pick<TestResponse, 'status' | 'body'>, status: number, code: string) {
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ status, code });
    expect(typeof res.body.detail).toBe('string');
    expect(await partition('bad')).toEqual(before);
  }

  it.each(['sync', 'sync/records', 'sync/commit'])('malformed JSON → 400 invalid-json (%s)', async (step) => {
    const res = await app.call('POST', `/api/orgs/bad/${step}`, {
      token: owner,
      rawBody: '{"syncId": "x", ',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    await expectRefused(res, 400, 'invalid-json');
  });

  it('a 5 MiB upload → 413', async () => {
    const big = JSON.stringify(upload('big', [capa('KEEP-1', 'Open', { description: 'x'.repeat(5 * 1024 * 1024) })]));
    await expectRefused(
      await app.call('POST', '/api/orgs/bad/sync/records', {
        token: owner,
        rawBody: big,
        headers: { 'content-type': 'application/json' },
      }),
      413,
      'body-too-large',
    );
  });

  it('5,001 records in one upload → 413 too-many-records', async () => {
    const records = Array.from({ length: 5001 }, (_, i) => capa(`N-${i}`));
    await expectRefused(await post('bad', 'sync/records', upload('many', records)), 413, 'too-many-records');
  });

  it.each([
    ['a line feed', 'BAD\nID'],
    ['a NUL', 'BAD\u0000'],
    ['a C1 control', 'BAD\u0085'],
    ['an empty id', ''],
  ])('an id with %s → 422 naming the record', async (_what, id) => {
    const res = await sync('bad', syncBody('ids', [capa('KEEP-1'), capa('KEEP-2'), capa(id)]));
    await expectRefused(res, 422, 'records-rejected');
    expect(res.body.rejected).toHaveLength(1);
    expect((res.body.rejected as { issues: unknown[] }[])[0]!.issues[0]).toMatchObject({
      code: 'record.bad-id',
      field: 'id',
    });
  });

  it('a 40,000-character string → 422 naming the record and field', async () => {
    const res = await sync(
      'bad',
      syncBody('long', [capa('KEEP-1'), capa('KEEP-2'), capa('LONG-1', 'Open', { description: 'y'.repeat(40_000) })]),
    );
    await expectRefused(res, 422, 'records-rejected');
    const rejected = res.body.rejected as { id: string; issues: { message: string }[] }[];
    expect(rejected[0]).toMatchObject({
      id: 'LONG-1',
      issues: [{ code: 'record.string-too-long', field: 'description' }],
    });
    expect(rejected[0]!.issues[0]!.message).toContain('LONG-1');
  });

  it('an unknown template version → 422 unsupported-template-version', async () => {
    const body = { ...syncBody('v', [capa('KEEP-1', 'Cancelled'), capa('KEEP-2')]), templates: { 'capa-log': 99 } };
    const res = await sync('bad', body);
    await expectRefused(res, 422, 'unsupported-template-version');
    expect(res.body).toMatchObject({ template: 'capa-log', version: 99, supported: 1 });
  });

  it('an unknown template id → 422 unknown-template', async () => {
    const body = {
      ...syncBody('u', [capa('KEEP-1', 'Cancelled'), capa('KEEP-2')]),
      templates: { 'capa-log': 1, 'risk-register': 1 },
    };
    await expectRefused(await sync('bad', body), 422, 'unknown-template');
  });

  it('a record failing validation → 422 with its issues, and the valid records beside it are not stored either', async () => {
    const bad = capa('BAD-1', 'Open', { dateOpened: '31/02/2026' });
    const res = await sync('bad', syncBody('val', [capa('KEEP-1'), capa('KEEP-2'), capa('NEW-OK'), bad]));
    await expectRefused(res, 422, 'records-rejected');
    expect(res.body.rejected).toEqual([
      {
        type: 'capa',
        id: 'BAD-1',
        issues: [
          expect.objectContaining({ code: 'record.invalid-data', field: 'dateOpened', sheet: 'CAPA Log', row: 2 }),
        ],
      },
    ]);
  });

  it('a hash that does not match the data → 422 record.hash-mismatch', async () => {
    const tampered = { ...capa('KEEP-1'), data: { capaId: 'KEEP-1', dateOpened: '2026-01-05', status: 'Cancelled' } };
    const res = await post('bad', 'sync/records', upload('h', [tampered]));
    await expectRefused(res, 422, 'records-rejected');
    expect(res.body.rejected[0].issues[0].code).toBe('record.hash-mismatch');
  });

  it('a duplicate id in one workbook → 422 record.duplicate-id, before anything is sent', async () => {
    const res = await sync(
      'bad',
      syncBody('d', [capa('KEEP-1'), capa('KEEP-2'), capa('DUP'), capa('DUP', 'Cancelled')]),
    );
    await expectRefused(res, 422, 'records-rejected');
    expect((res.body.rejected as unknown[])[0]).toMatchObject({ id: 'DUP', issues: [{ code: 'record.duplicate-id' }] });
  });

  it('an id put twice in one commit → 400 invalid-request', async () => {
    const h = capa('KEEP-1').hash;
    const res = await post('bad', 'sync/commit', {
      syncId: 'twice',
      base: 1,
      templates: { 'capa-log': 1 },
      changes: [
        {
          type: 'capa',
          complete: false,
          put: [
            ['KEEP-1', h],
            ['KEEP-1', h],
          ],
          remove: [],
        },
      ],
    });
    await expectRefused(res, 400, 'invalid-request');
  });

  it('an envelope of the wrong shape → 400 invalid-request naming the field', async () => {
    const res = await post('bad', 'sync', { syncId: 'e', digests: { nonsense: EMPTY_DIGEST } });
    await expectRefused(res, 400, 'invalid-request');
    expect(res.body.problems[0].field).toMatch(/^digests/);
  });
});
