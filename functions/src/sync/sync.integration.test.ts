import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAzurite, type Azurite } from '../test-support/azurite.js';
import { acquireSyncLock, LEASE_MS } from '../storage/syncs-store.js';
import { capa, createTestApp, storedHashes, syncBody, TEST_NOW, type TestApp } from '../test-support/harness.js';
import { countWrites } from '../test-support/write-counter.js';

let azurite: Azurite;
let app: TestApp;
let owner: string;
let writes: ReturnType<typeof countWrites>;

beforeAll(async () => {
  azurite = await startAzurite();
  app = await createTestApp(azurite.connectionString);
  writes = countWrites(app.tables.records);
  owner = await app.token('owner-1');
}, 30_000);

afterAll(async () => {
  await azurite.stop();
});

const newOrg = (id: string) => app.createOrg(owner, id);

describe('sync counts', () => {
  it('creates, updates, leaves unchanged and deletes exactly what the workbook changed', async () => {
    await newOrg('counts');
    const first = await app.call('POST', '/api/orgs/counts/sync', {
      token: owner,
      body: syncBody('s1', [capa('C-1'), capa('C-2'), capa('C-3')]),
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ created: 3, updated: 0, unchanged: 0, deleted: 0, rejected: [] });

    // C-1 unchanged, C-2 closed (updated), C-3 deleted from the workbook, C-4 new.
    const second = await app.call('POST', '/api/orgs/counts/sync', {
      token: owner,
      body: syncBody('s2', [capa('C-1'), capa('C-2', 'Cancelled'), capa('C-4')]),
    });
    expect(second.body).toMatchObject({ created: 1, updated: 1, unchanged: 1, deleted: 1, rejected: [] });
    const stored = await storedHashes(app, 'counts', owner);
    expect(Object.keys(stored).sort()).toEqual(['C-1', 'C-2', 'C-4']);
    expect(stored['C-2']).toBe(capa('C-2', 'Cancelled').hash);
  });

  it('an incomplete snapshot never deletes', async () => {
    await newOrg('partial');
    await app.call('POST', '/api/orgs/partial/sync', { token: owner, body: syncBody('p1', [capa('A'), capa('B')]) });
    const res = await app.call('POST', '/api/orgs/partial/sync', {
      token: owner,
      body: syncBody('p2', [capa('C')], { complete: false }),
    });
    expect(res.body).toMatchObject({ created: 1, deleted: 0 });
    expect(Object.keys(await storedHashes(app, 'partial', owner)).sort()).toEqual(['A', 'B', 'C']);
  });

  it('replaying the same request writes nothing and reports everything unchanged', async () => {
    await newOrg('replay');
    const body = syncBody('r1', [
      capa('R-1'),
      capa('R-2', 'Closed', { dateClosed: '2026-02-01', effectiveness: 'Effective' }),
    ]);
    await app.call('POST', '/api/orgs/replay/sync', { token: owner, body });
    const before = await storedHashes(app, 'replay', owner);
    writes.reset();
    const again = await app.call('POST', '/api/orgs/replay/sync', { token: owner, body });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 2, deleted: 0 });
    expect(writes.writes).toBe(0);
    expect(await storedHashes(app, 'replay', owner)).toEqual(before);
  });

  it('stores ids with / \\ # ? % ~ and unicode exactly, inside the organisation partition', async () => {
    await newOrg('keys');
    await newOrg('keys-other');
    const ids = ['CAPA/2026/001', 'a\\b', '#7', 'what?', '100%', 'x~y', 'Ünïcødé 🚀', '..', 'keys-other'];
    const res = await app.call('POST', '/api/orgs/keys/sync', {
      token: owner,
      body: syncBody(
        'k1',
        ids.map((id) => capa(id)),
      ),
    });
    expect(res.status).toBe(200);
    expect(res.body.created).toBe(ids.length);
    expect(Object.keys(await storedHashes(app, 'keys', owner)).sort()).toEqual([...ids].sort());
    expect(await storedHashes(app, 'keys-other', owner)).toEqual({});
    // Every entity of the org sits in its own partition, with a key free of forbidden characters.
    for await (const e of app.tables.records.listEntities()) {
      // eslint-disable-next-line no-control-regex -- checking that no control character reached a key
      if (e.partitionKey === 'keys') expect(e.rowKey).not.toMatch(/[/\\#?\u0000-\u001f\u007f-\u009f]/);
      else expect(e.partitionKey).not.toBe('keys-other');
    }
  });

  it('pages records with a continuation token', async () => {
    await newOrg('paging');
    const records = Array.from({ length: 25 }, (_, i) => capa(`P-${String(i).padStart(3, '0')}`));
    await app.call('POST', '/api/orgs/paging/sync', { token: owner, body: syncBody('pg', records) });
    const page1 = await app.call('GET', '/api/orgs/paging/records?type=capa&pageSize=10', { token: owner });
    expect(page1.body.records).toHaveLength(10);
    expect(typeof page1.body.continuation).toBe('string');
    expect(Object.keys(await storedHashes(app, 'paging', owner))).toHaveLength(25);
  });
});

describe('multi-part sync', () => {
  it('deletes only when the last part arrives, whatever the order of parts', async () => {
    await newOrg('multi');
    await app.call('POST', '/api/orgs/multi/sync', {
      token: owner,
      body: syncBody(
        'm0',
        ['A', 'B', 'C', 'D'].map((id) => capa(id)),
      ),
    });

    // The new workbook holds A, B (part 2) and E (part 1): C and D must go, but only at the end.
    const p2 = await app.call('POST', '/api/orgs/multi/sync', {
      token: owner,
      body: syncBody('m1', [capa('A'), capa('B')], { part: 2, parts: 3 }),
    });
    expect(p2.body).toMatchObject({ unchanged: 2, deleted: 0, completed: false });
    const p1 = await app.call('POST', '/api/orgs/multi/sync', {
      token: owner,
      body: syncBody('m1', [capa('E')], { part: 1, parts: 3 }),
    });
    expect(p1.body).toMatchObject({ created: 1, deleted: 0, completed: false });
    expect(Object.keys(await storedHashes(app, 'multi', owner)).sort()).toEqual(['A', 'B', 'C', 'D', 'E']);

    // Replaying a part before the end is harmless too.
    const replay = await app.call('POST', '/api/orgs/multi/sync', {
      token: owner,
      body: syncBody('m1', [capa('E')], { part: 1, parts: 3 }),
    });
    expect(replay.body).toMatchObject({ created: 0, unchanged: 1, deleted: 0, completed: false });

    const p3 = await app.call('POST', '/api/orgs/multi/sync', {
      token: owner,
      body: syncBody('m1', [], { part: 3, parts: 3 }),
    });
    expect(p3.body).toMatchObject({ deleted: 2, completed: true });
    expect(Object.keys(await storedHashes(app, 'multi', owner)).sort()).toEqual(['A', 'B', 'E']);

    // Replaying the last part after completion changes nothing.
    const again = await app.call('POST', '/api/orgs/multi/sync', {
      token: owner,
      body: syncBody('m1', [], { part: 3, parts: 3 }),
    });
    expect(again.body).toMatchObject({ created: 0, updated: 0, deleted: 0, completed: true });
  });

  it('refuses a part whose content differs from the one already received, and a changed part count', async () => {
    await newOrg('mismatch');
    await app.call('POST', '/api/orgs/mismatch/sync', {
      token: owner,
      body: syncBody('x', [capa('A')], { part: 1, parts: 2 }),
    });
    const changed = await app.call('POST', '/api/orgs/mismatch/sync', {
      token: owner,
      body: syncBody('x', [capa('B')], { part: 1, parts: 2 }),
    });
    expect(changed.status).toBe(409);
    expect(changed.body.code).toBe('sync-part-mismatch');
    const parts = await app.call('POST', '/api/orgs/mismatch/sync', {
      token: owner,
      body: syncBody('x', [capa('A')], { part: 1, parts: 3 }),
    });
    expect(parts.body.code).toBe('sync-parts-mismatch');
    expect(Object.keys(await storedHashes(app, 'mismatch', owner))).toEqual(['A']);
  });
});

describe('concurrent syncs', () => {
  it('two workbooks syncing one organisation at once end as exactly one of them', async () => {
    await newOrg('race');
    await app.call('POST', '/api/orgs/race/sync', {
      token: owner,
      body: syncBody(
        'r0',
        Array.from({ length: 150 }, (_, i) => capa(`X-${i}`)),
      ),
    });
    const a = Array.from({ length: 150 }, (_, i) => capa(`X-${i}`, i % 2 === 0 ? 'Cancelled' : 'Open')).concat([
      capa('ONLY-A'),
    ]);
    const b = Array.from({ length: 120 }, (_, i) => capa(`X-${i + 40}`, 'Open', { owner: 'bee' })).concat([
      capa('ONLY-B'),
    ]);
    const [ra, rb] = await Promise.all([
      app.call('POST', '/api/orgs/race/sync', { token: owner, body: syncBody('ra', a) }),
      app.call('POST', '/api/orgs/race/sync', { token: owner, body: syncBody('rb', b) }),
    ]);
    expect([ra.status, rb.status]).toEqual([200, 200]);
    const stored = await storedHashes(app, 'race', owner);
    const asA = Object.fromEntries(a.map((r) => [r.id, r.hash]));
    const asB = Object.fromEntries(b.map((r) => [r.id, r.hash]));
    expect([asA, asB]).toContainEqual(stored);
  });
});

describe('bad input: 4xx problem+json and nothing stored changes', () => {
  let before: Record<string, string>;
  beforeAll(async () => {
    await newOrg('bad');
    await app.call('POST', '/api/orgs/bad/sync', {
      token: owner,
      body: syncBody('b0', [capa('KEEP-1'), capa('KEEP-2')]),
    });
    before = await storedHashes(app, 'bad', owner);
  });

  async function expectRefused(res: Awaited<ReturnType<TestApp['call']>>, status: number, code: string) {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status, code });
    expect(typeof res.body.detail).toBe('string');
    expect(await storedHashes(app, 'bad', owner)).toEqual(before);
  }

  it('malformed JSON → 400 invalid-json', async () => {
    await expectRefused(
      await app.call('POST', '/api/orgs/bad/sync', {
        token: owner,
        rawBody: '{"syncId": "x", ',
        headers: { 'content-type': 'application/json' },
      }),
      400,
      'invalid-json',
    );
  });

  it('a 5 MiB body → 413', async () => {
    const big = JSON.stringify(syncBody('big', [capa('KEEP-1', 'Open', { description: 'x'.repeat(5 * 1024 * 1024) })]));
    await expectRefused(
      await app.call('POST', '/api/orgs/bad/sync', {
        token: owner,
        rawBody: big,
        headers: { 'content-type': 'application/json' },
      }),
      413,
      'body-too-large',
    );
  });

  it('5,001 records → 413 too-many-records', async () => {
    const records = Array.from({ length: 5001 }, (_, i) => ({
      id: `N-${i}`,
      data: { capaId: `N-${i}`, dateOpened: '2026-01-05', status: 'Open' },
    }));
    await expectRefused(
      await app.call('POST', '/api/orgs/bad/sync', { token: owner, body: syncBody('many', records as never) }),
      413,
      'too-many-records',
    );
  });

  it.each([
    ['a line feed', 'BAD\nID'],
    ['a NUL', 'BAD\u0000'],
    ['a C1 control', 'BAD\u0085'],
    ['an empty id', ''],
  ])('an id with %s → 422 naming the record', async (_what, id) => {
    const res = await app.call('POST', '/api/orgs/bad/sync', {
      token: owner,
      body: syncBody('ids', [capa('KEEP-1'), capa(id)]),
    });
    await expectRefused(res, 422, 'records-rejected');
    expect(res.body.rejected).toHaveLength(1);
    expect(res.body.rejected[0].issues[0]).toMatchObject({ code: 'record.bad-id', field: 'id' });
  });

  it('a 40,000-character string → 422 naming the record and field', async () => {
    const res = await app.call('POST', '/api/orgs/bad/sync', {
      token: owner,
      body: syncBody('long', [capa('LONG-1', 'Open', { description: 'y'.repeat(40_000) })]),
    });
    await expectRefused(res, 422, 'records-rejected');
    expect(res.body.rejected[0]).toMatchObject({
      id: 'LONG-1',
      issues: [{ code: 'record.string-too-long', field: 'description' }],
    });
    expect(res.body.rejected[0].issues[0].message).toContain('LONG-1');
  });

  it('an unknown template version → 422 unsupported-template-version', async () => {
    const body = { ...syncBody('v', [capa('KEEP-1', 'Cancelled')]), templates: { 'capa-log': 99 } };
    const res = await app.call('POST', '/api/orgs/bad/sync', { token: owner, body });
    await expectRefused(res, 422, 'unsupported-template-version');
    expect(res.body).toMatchObject({ template: 'capa-log', version: 99, supported: 1 });
  });

  it('an unknown template id → 422 unknown-template', async () => {
    const body = { ...syncBody('u', [capa('KEEP-1')]), templates: { 'capa-log': 1, 'risk-register': 1 } };
    await expectRefused(await app.call('POST', '/api/orgs/bad/sync', { token: owner, body }), 422, 'unknown-template');
  });

  it('a record failing validation → 422 with its issues, and the valid records beside it are not stored either', async () => {
    const bad = capa('BAD-1', 'Open', { dateOpened: '31/02/2026' });
    const res = await app.call('POST', '/api/orgs/bad/sync', {
      token: owner,
      body: syncBody('val', [capa('NEW-OK'), bad]),
    });
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
    const res = await app.call('POST', '/api/orgs/bad/sync', { token: owner, body: syncBody('h', [tampered]) });
    await expectRefused(res, 422, 'records-rejected');
    expect(res.body.rejected[0].issues[0].code).toBe('record.hash-mismatch');
  });

  it('a duplicate id in one request → 422 record.duplicate-id', async () => {
    const res = await app.call('POST', '/api/orgs/bad/sync', {
      token: owner,
      body: syncBody('d', [capa('DUP'), capa('DUP')]),
    });
    await expectRefused(res, 422, 'records-rejected');
    expect(res.body.rejected[0]).toMatchObject({ id: 'DUP', issues: [{ code: 'record.duplicate-id' }] });
  });

  it('an envelope of the wrong shape → 400 invalid-request naming the field', async () => {
    const res = await app.call('POST', '/api/orgs/bad/sync', {
      token: owner,
      body: { syncId: 'e', templates: {}, snapshots: [{ type: 'nonsense', complete: true, records: [] }] },
    });
    await expectRefused(res, 400, 'invalid-request');
    expect(res.body.problems[0].field).toBe('snapshots.0.type');
  });
});

describe('sync lease', () => {
  it('a sync that cannot get the lease answers 409 sync-in-progress with Retry-After, and stores nothing', async () => {
    const impatient = await createTestApp(azurite.connectionString, { syncLockWaitMs: 100 });
    const token = await impatient.token('owner-2');
    expect((await impatient.call('POST', '/api/orgs', { token, body: { name: 'Busy', id: 'busy' } })).status).toBe(201);
    const held = await acquireSyncLock(impatient.tables, 'busy', 'someone-else', impatient.clock, 0);
    const res = await impatient.call('POST', '/api/orgs/busy/sync', { token, body: syncBody('b1', [capa('A')]) });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('sync-in-progress');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await storedHashes(impatient, 'busy', token)).toEqual({});
    await held.release();
    const after = await impatient.call('POST', '/api/orgs/busy/sync', { token, body: syncBody('b1', [capa('A')]) });
    expect(after.body).toMatchObject({ created: 1 });
  });

  it('takes over a lease whose holder never released it once the lease has run out', async () => {
    const app2 = await createTestApp(azurite.connectionString, { syncLockWaitMs: 100 });
    const token = await app2.token('owner-3');
    expect((await app2.call('POST', '/api/orgs', { token, body: { name: 'Crashed', id: 'crashed' } })).status).toBe(
      201,
    );
    // Acquired, never renewed nor released: its holder died.
    await acquireSyncLock(app2.tables, 'crashed', 'a-crashed-worker', app2.clock, 0, { schedule: () => () => {} });
    app2.clock.set(new Date(TEST_NOW.getTime() + LEASE_MS + 1000));
    const res = await app2.call('POST', '/api/orgs/crashed/sync', { token, body: syncBody('c1', [capa('A')]) });
    expect(res.status).toBe(200);
  });

  it('prunes the headers and listings of multi-part syncs that completed more than a day ago', async () => {
    const app3 = await createTestApp(azurite.connectionString);
    const token = await app3.token('owner-4');
    expect((await app3.call('POST', '/api/orgs', { token, body: { name: 'Prune', id: 'prune' } })).status).toBe(201);
    for (const p of [1, 2])
      await app3.call('POST', '/api/orgs/prune/sync', {
        token,
        body: syncBody('old', [capa(`O-${p}`)], { part: p, parts: 2 }),
      });
    const rowsOf = async () => {
      const keys: string[] = [];
      for await (const e of app3.tables.syncs.listEntities({ queryOptions: { select: ['RowKey'] } }))
        keys.push(e.rowKey ?? '');
      return keys.filter((k) => k.startsWith('s~') || k.startsWith('l~'));
    };
    expect((await rowsOf()).filter((k) => k.includes('old'))).toHaveLength(3);
    app3.clock.set(new Date(TEST_NOW.getTime() + 2 * 24 * 3600_000));
    const later = await app3.token('owner-4');
    for (const p of [1, 2]) {
      const res = await app3.call('POST', '/api/orgs/prune/sync', {
        token: later,
        body: syncBody('new', [capa(`O-${p}`)], { part: p, parts: 2 }),
      });
      expect(res.status).toBe(200);
    }
    const left = await rowsOf();
    expect(left.filter((k) => k.includes('old'))).toEqual([]);
    expect(left.filter((k) => k.includes('new'))).toHaveLength(3);
    expect(Object.keys(await storedHashes(app3, 'prune', later)).sort()).toEqual(['O-1', 'O-2']);
  });
});
