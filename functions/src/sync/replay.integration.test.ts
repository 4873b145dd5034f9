import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../domain-error.js';
import { acquireSyncLock, getSyncHeader, LEASE_MS, RESERVATION_MS, type LeaseOptions } from '../storage/syncs-store.js';
import { startAzurite, type Azurite } from '../test-support/azurite.js';
import { capa, createTestApp, storedHashes, syncBody, TEST_NOW, type TestApp } from '../test-support/harness.js';
import { countWrites } from '../test-support/write-counter.js';
import { applySync } from './apply-sync.js';
import { syncRequestSchema } from '@qms/contract';

let azurite: Azurite;
let app: TestApp;
let owner: string;
let recordWrites: ReturnType<typeof countWrites>;
let syncWrites: ReturnType<typeof countWrites>;

beforeAll(async () => {
  azurite = await startAzurite();
  app = await createTestApp(azurite.connectionString, { syncLockWaitMs: 100 });
  recordWrites = countWrites(app.tables.records);
  syncWrites = countWrites(app.tables.syncs);
  owner = await app.token('owner-1');
}, 30_000);

afterAll(async () => {
  await azurite.stop();
});

const newOrg = (id: string) => app.createOrg(owner, id);

type Body = ReturnType<typeof syncBody>;

async function sync(org: string, body: Body) {
  return app.call('POST', `/api/orgs/${org}/sync`, { token: owner, body });
}

async function syncOk(org: string, body: Body) {
  const res = await sync(org, body);
  expect(res.status, res.text).toBe(200);
  return res;
}

/** What the store should hold after a workbook: id → hash. */
const workbook = (records: ReturnType<typeof capa>[]) => Object.fromEntries(records.map((r) => [r.id, r.hash]));

/** A lease schedule that never fires on its own: the test renews by hand, or not at all (a crashed holder). */
function manualSchedule() {
  let run: (() => Promise<boolean>) | undefined;
  const state = {
    everyMs: undefined as number | undefined,
    /** One timer tick: the renewal it starts (undefined once the lease was released). */
    tick: () => run?.(),
    schedule: ((ms, renew) => {
      state.everyMs = ms;
      run = renew;
      return () => {
        run = undefined;
      };
    }) satisfies NonNullable<LeaseOptions['schedule']>,
  };
  return state;
}

const at = (ms: number) => new Date(TEST_NOW.getTime() + ms);

describe('a replay after a newer sync changes nothing', () => {
  const older = [capa('C-1'), capa('C-2'), capa('C-3')];
  const newer = [capa('C-1', 'Cancelled'), capa('C-4')];

  it('single-part: the replay is answered as a replay, writes nothing, and the newer workbook stays', async () => {
    await newOrg('replay-single');
    const a = syncBody('a', older);
    const first = await syncOk('replay-single', a);
    expect(first.body).toMatchObject({ created: 3, replayed: false });
    await syncOk('replay-single', syncBody('b', newer));
    expect(await storedHashes(app, 'replay-single', owner)).toEqual(workbook(newer));

    recordWrites.reset();
    syncWrites.reset();
    const replay = await syncOk('replay-single', a);
    expect(replay.body).toEqual({
      created: 0,
      updated: 0,
      unchanged: 3,
      deleted: 0,
      rejected: [],
      part: 1,
      parts: 1,
      completed: true,
      replayed: true,
    });
    expect(recordWrites.writes).toBe(0);
    expect(syncWrites.writes).toBe(0);
    expect(await storedHashes(app, 'replay-single', owner)).toEqual(workbook(newer));
  });

  it('single-part: other content under an applied sync id is 409 sync-part-mismatch', async () => {
    await newOrg('replay-other');
    await syncOk('replay-other', syncBody('a', older));
    const other = await sync('replay-other', syncBody('a', newer));
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('sync-part-mismatch');
    expect(await storedHashes(app, 'replay-other', owner)).toEqual(workbook(older));
  });

  it('multi-part: the last part and a middle part replayed after a newer sync write nothing', async () => {
    await newOrg('replay-multi');
    const parts = [[capa('M-1'), capa('M-2')], [capa('M-3')], [capa('M-4'), capa('M-5')]].map((records, i) =>
      syncBody('a', records, { part: i + 1, parts: 3 }),
    );
    for (const part of parts) await syncOk('replay-multi', part);
    expect(Object.keys(await storedHashes(app, 'replay-multi', owner)).sort()).toEqual([
      'M-1',
      'M-2',
      'M-3',
      'M-4',
      'M-5',
    ]);
    // The newer workbook changed M-3 and M-5, dropped M-1, M-2 and M-4, and added M-6.
    const newerMulti = [capa('M-3', 'Cancelled'), capa('M-5', 'Cancelled'), capa('M-6')];
    await syncOk('replay-multi', syncBody('b', newerMulti));

    for (const [index, records] of [
      [2, 2],
      [1, 1],
    ] as const) {
      recordWrites.reset();
      syncWrites.reset();
      const replay = await syncOk('replay-multi', parts[index] as Body);
      expect(replay.body).toEqual({
        created: 0,
        updated: 0,
        unchanged: records,
        deleted: 0,
        rejected: [],
        part: index + 1,
        parts: 3,
        completed: true,
        replayed: true,
      });
      expect(recordWrites.writes).toBe(0);
      expect(syncWrites.writes).toBe(0);
      expect(await storedHashes(app, 'replay-multi', owner)).toEqual(workbook(newerMulti));
    }
  });
});

describe('interleaved syncs', () => {
  it('a part of a sync whose reservation lapsed and that another sync overtook is 409 sync-superseded, and stores nothing', async () => {
    await newOrg('interleave');
    await syncOk('interleave', syncBody('seed', [capa('I-1'), capa('I-2'), capa('I-3')]));
    const a1 = syncBody('a', [capa('I-1', 'Cancelled'), capa('A-ONLY')], { part: 1, parts: 2 });
    const a2 = syncBody('a', [capa('I-2', 'Cancelled')], { part: 2, parts: 2 });
    await syncOk('interleave', a1);
    const b = [capa('I-2'), capa('B-ONLY')];
    // While A holds the organisation, B waits; once A's client has been silent past the reservation, B goes ahead.
    expect((await sync('interleave', syncBody('b', b))).body.code).toBe('sync-in-progress');
    app.clock.set(at(RESERVATION_MS + 1));
    try {
      await syncOk('interleave', syncBody('b', b));

      recordWrites.reset();
      const late = await sync('interleave', a2);
      expect(late.status).toBe(409);
      expect(late.headers.get('content-type')).toContain('application/problem+json');
      expect(late.body.code).toBe('sync-superseded');
      expect(late.body.detail).toMatch(/start a new sync/i);
      expect(recordWrites.writes).toBe(0);
      expect(await storedHashes(app, 'interleave', owner)).toEqual(workbook(b));
      expect((await getSyncHeader(app.tables, 'interleave', 'a'))?.received).toEqual([1]);

      // Its first part replayed is still just a replay; a new sync of the same workbook goes through.
      expect((await syncOk('interleave', a1)).body).toMatchObject({ replayed: true, completed: false });
      expect(await storedHashes(app, 'interleave', owner)).toEqual(workbook(b));
      const again = [capa('I-1', 'Cancelled'), capa('A-ONLY'), capa('I-2', 'Cancelled')];
      await syncOk('interleave', syncBody('a2', again));
      expect(await storedHashes(app, 'interleave', owner)).toEqual(workbook(again));
    } finally {
      app.clock.set(TEST_NOW);
    }
  });

  it('a single-part sync that failed mid-write keeps the organisation until its reservation lapses; retried after another sync completed, it is superseded', async () => {
    await newOrg('interrupted');
    await syncOk('interrupted', syncBody('seed', [capa('S-1')]));
    const a = syncBody('a', [capa('S-1', 'Cancelled'), capa('S-2')]);
    // Storage fails under A's record writes: A's header and reservation are stored, its part is not received.
    const submit = app.tables.records.submitTransaction.bind(app.tables.records);
    app.tables.records.submitTransaction = () => Promise.reject(Object.assign(new Error('down'), { statusCode: 503 }));
    try {
      expect((await sync('interrupted', a)).status).toBe(503);
    } finally {
      app.tables.records.submitTransaction = submit;
    }
    const b = [capa('S-1'), capa('S-3')];
    expect((await sync('interrupted', syncBody('b', b))).body.code).toBe('sync-in-progress');
    app.clock.set(at(RESERVATION_MS + 1));
    try {
      await syncOk('interrupted', syncBody('b', b));
      const retried = await sync('interrupted', a);
      expect(retried.status).toBe(409);
      expect(retried.body.code).toBe('sync-superseded');
      expect(await storedHashes(app, 'interrupted', owner)).toEqual(workbook(b));
    } finally {
      app.clock.set(TEST_NOW);
    }
  });

  it('a retry of a failed part with no sync completed in between is applied', async () => {
    await newOrg('retry-ok');
    const a = syncBody('a', [capa('R-1'), capa('R-2')]);
    const submit = app.tables.records.submitTransaction.bind(app.tables.records);
    app.tables.records.submitTransaction = () => Promise.reject(Object.assign(new Error('down'), { statusCode: 503 }));
    try {
      expect((await sync('retry-ok', a)).status).toBe(503);
    } finally {
      app.tables.records.submitTransaction = submit;
    }
    expect((await syncOk('retry-ok', a)).body).toMatchObject({ created: 2, replayed: false, completed: true });
    expect(await storedHashes(app, 'retry-ok', owner)).toEqual(workbook([capa('R-1'), capa('R-2')]));
  });
});

describe('sync lease', () => {
  it('a lease left by a crashed holder is taken over once it has run out on the clock, and not before', async () => {
    await newOrg('crash');
    app.clock.set(TEST_NOW);
    // Acquired and never released nor renewed: the holder died.
    await acquireSyncLock(app.tables, 'crash', 'crashed-host', app.clock, 0, { schedule: manualSchedule().schedule });
    try {
      app.clock.set(at(LEASE_MS - 1));
      const early = await sync('crash', syncBody('c1', [capa('X')]));
      expect(early.status).toBe(409);
      expect(early.body.code).toBe('sync-in-progress');
      expect(await storedHashes(app, 'crash', owner)).toEqual({});

      app.clock.set(at(LEASE_MS + 1));
      expect((await syncOk('crash', syncBody('c1', [capa('X')]))).body).toMatchObject({ created: 1 });
    } finally {
      app.clock.set(TEST_NOW);
    }
    expect(LEASE_MS).toBeLessThanOrEqual(30_000);
  });

  it('an injected lease time is the one that counts', async () => {
    const options = { leaseMs: 5_000, schedule: manualSchedule().schedule };
    await acquireSyncLock(app.tables, 'short', 'crashed-host', app.clock, 0, options);
    app.clock.set(at(4_999));
    await expect(acquireSyncLock(app.tables, 'short', 'next', app.clock, 0, options)).rejects.toMatchObject({
      code: 'sync-in-progress',
    });
    app.clock.set(at(5_001));
    const next = await acquireSyncLock(app.tables, 'short', 'next', app.clock, 0, options);
    await next.release();
    app.clock.set(TEST_NOW);
  });

  it('a long-running holder keeps its lease by renewing, and stops writing once it is lost', async () => {
    app.clock.set(TEST_NOW);
    const timer = manualSchedule();
    const holder = await acquireSyncLock(app.tables, 'long', 'slow-host', app.clock, 0, {
      leaseMs: 30_000,
      renewEveryMs: 10_000,
      schedule: timer.schedule,
    });
    expect(timer.everyMs).toBe(10_000);
    const other = { leaseMs: 30_000, schedule: manualSchedule().schedule };

    // Renewed at +20 s, so at +40 s (past the first expiry) it is still held and not taken over.
    app.clock.set(at(20_000));
    expect(await timer.tick()).toBe(true);
    app.clock.set(at(40_000));
    expect(() => holder.assertHeld()).not.toThrow();
    await expect(acquireSyncLock(app.tables, 'long', 'other', app.clock, 0, other)).rejects.toMatchObject({
      code: 'sync-in-progress',
    });

    // No renewal for a whole lease: it has run out, the holder must not write, and another host takes it.
    app.clock.set(at(50_001));
    expect(() => holder.assertHeld()).toThrow(expect.objectContaining({ code: 'sync-lease-lost' }));
    const taker = await acquireSyncLock(app.tables, 'long', 'other', app.clock, 0, other);
    expect(await holder.renew()).toBe(false);
    // The old holder's release leaves the new holder's lease alone.
    await holder.release();
    await expect(acquireSyncLock(app.tables, 'long', 'third', app.clock, 0, other)).rejects.toMatchObject({
      code: 'sync-in-progress',
    });
    await taker.release();
    await (await acquireSyncLock(app.tables, 'long', 'third', app.clock, 0, other)).release();
    app.clock.set(TEST_NOW);
  });

  it('a sync whose renewal finds the lease taken over aborts with 503 before writing anything', async () => {
    await newOrg('lost');
    app.clock.set(TEST_NOW);
    const timer = manualSchedule();
    let intruder: Awaited<ReturnType<typeof acquireSyncLock>> | undefined;
    let renewed: boolean | undefined;
    // Once the sync holds the lease and reads the organisation's sync count: its lease runs out, another host
    // takes it over, and the sync's next renewal finds that out.
    const getEntity = app.tables.syncs.getEntity.bind(app.tables.syncs);
    app.tables.syncs.getEntity = async (pk: string, rk: string, ...rest: unknown[]) => {
      if (rk === 'done' && intruder === undefined) {
        app.clock.set(at(LEASE_MS + 1));
        intruder = await acquireSyncLock(app.tables, 'lost', 'intruder', app.clock, 0, {
          schedule: manualSchedule().schedule,
        });
        // Back inside the sync's own lease time: only the failed renewal can tell it that the lease is gone.
        app.clock.set(at(1_000));
        renewed = await timer.tick();
      }
      return getEntity(pk, rk, ...(rest as []));
    };
    recordWrites.reset();
    try {
      const request = syncRequestSchema.parse(syncBody('l1', [capa('L-1'), capa('L-2')]));
      const attempt = applySync(app.deps, 'lost', request, 'holder', { schedule: timer.schedule });
      await expect(attempt).rejects.toBeInstanceOf(DomainError);
      await expect(attempt).rejects.toMatchObject({ code: 'sync-lease-lost', retryAfterSeconds: 2 });
    } finally {
      app.tables.syncs.getEntity = getEntity;
    }
    expect(renewed).toBe(false);
    expect(recordWrites.writes).toBe(0);
    expect(await getSyncHeader(app.tables, 'lost', 'l1')).toBeUndefined();
    expect(await storedHashes(app, 'lost', owner)).toEqual({});

    // The intruder still holds its lease (the aborted sync released nothing of it); once it is done, the same
    // request goes through.
    await expect(
      acquireSyncLock(app.tables, 'lost', 'third', app.clock, 0, { schedule: manualSchedule().schedule }),
    ).rejects.toMatchObject({
      code: 'sync-in-progress',
    });
    await intruder?.release();
    expect((await syncOk('lost', syncBody('l1', [capa('L-1'), capa('L-2')]))).body).toMatchObject({ created: 2 });
  });
});
