import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { encodeKeyPart } from '../storage/keys.js';
import { getSyncHeader, readSyncState, RESERVATION_MS } from '../storage/syncs-store.js';
import { startAzurite, type Azurite } from '../test-support/azurite.js';
import { capa, createTestApp, storedHashes, syncBody, TEST_NOW, type TestApp } from '../test-support/harness.js';
import { countWrites } from '../test-support/write-counter.js';
import { applySync } from './apply-sync.js';
import { syncRequestSchema } from '@qms/contract';

/**
 * Syncs of one organisation are serialised whole, first come first served: the parts of two syncs never
 * interleave (the soak once ended with an organisation holding a mix of two workbooks).
 */

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

afterEach(() => {
  app.clock.set(TEST_NOW);
});

afterAll(async () => {
  await azurite.stop();
});

type Rec = ReturnType<typeof capa>;
type Body = ReturnType<typeof syncBody>;
type State = Record<string, string>;

const newOrg = (id: string) => app.createOrg(owner, id);

const sync = (org: string, body: Body) => app.call('POST', `/api/orgs/${org}/sync`, { token: owner, body });

async function syncOk(org: string, body: Body) {
  const res = await sync(org, body);
  expect(res.status, res.text).toBe(200);
  return res;
}

const stored = (org: string) => storedHashes(app, org, owner);
const at = (ms: number) => new Date(TEST_NOW.getTime() + ms);

/** One workbook sent as parts: each inner list is a part; the capa snapshot is complete. */
function partsOf(syncId: string, parts: Rec[][]): Body[] {
  return parts.map((records, i) => syncBody(syncId, records, { part: i + 1, parts: parts.length }));
}

/** The store after these parts were applied over `base` (deletes happen only at the last part). */
const overlay = (base: State, parts: Rec[][]): State => ({
  ...base,
  ...Object.fromEntries(parts.flat().map((r) => [r.id, r.hash])),
});
const workbook = (parts: Rec[][]): State => overlay({}, parts);

/** Every state a store may pass through while `parts` are applied in order over `base`, ending at the workbook. */
function statesOf(base: State, parts: Rec[][]): State[] {
  return [...parts.map((_, k) => overlay(base, parts.slice(0, k))), workbook(parts)];
}

async function expectInProgress(org: string, body: Body) {
  recordWrites.reset();
  const res = await sync(org, body);
  expect(res.status).toBe(409);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.headers.get('retry-after')).toBe('2');
  expect(res.body.code).toBe('sync-in-progress');
  expect(res.body.detail).toMatch(/another sync of this organisation is under way/i);
  expect(res.body.detail).toMatch(/again/i);
  expect(recordWrites.writes).toBe(0);
  expect(await getSyncHeader(app.tables, org, body.syncId)).toBeUndefined();
}

const seed = [capa('X-1'), capa('X-2'), capa('X-3'), capa('X-4')];
const workbookA = [[capa('X-1', 'Cancelled'), capa('A-1')], [capa('X-2', 'Cancelled')], [capa('X-3', 'Cancelled')]];
const workbookC = [[capa('X-1', 'In progress'), capa('C-1')], [capa('X-2', 'In progress')], [capa('X-4', 'Cancelled')]];

describe('a sync that arrives while another is under way waits its turn', () => {
  it('A p1 accepted; C p1 refused (409 sync-in-progress, nothing written); A completes; then C completes', async () => {
    await newOrg('turns');
    await syncOk('turns', syncBody('seed', seed));
    const a = partsOf('a', workbookA);
    const c = partsOf('c', workbookC);

    await syncOk('turns', a[0] as Body);
    expect(await stored('turns')).toEqual(overlay(workbook([seed]), workbookA.slice(0, 1)));
    const held = await readSyncState(app.tables, 'turns');
    expect(held).toMatchObject({ count: 1, holder: 'a', reservedUntil: at(RESERVATION_MS).toISOString() });

    await expectInProgress('turns', c[0] as Body);
    expect(await stored('turns')).toEqual(overlay(workbook([seed]), workbookA.slice(0, 1)));

    await syncOk('turns', a[1] as Body);
    expect(await stored('turns')).toEqual(overlay(workbook([seed]), workbookA.slice(0, 2)));
    expect((await syncOk('turns', a[2] as Body)).body).toMatchObject({ completed: true, deleted: 1 });
    expect(await stored('turns')).toEqual(workbook(workbookA));
    // Completion released the organisation in the same write that counted the sync.
    const released = await readSyncState(app.tables, 'turns');
    expect(released).toMatchObject({ count: 2, epoch: held.epoch, lastSyncId: 'a' });
    expect(released.holder).toBeUndefined();

    // C starts fresh (its refused part left no header), so it is not superseded by A's completion.
    for (const [k, part] of c.entries()) {
      await syncOk('turns', part);
      expect(await stored('turns')).toEqual(
        k + 1 < c.length ? overlay(workbook(workbookA), workbookC.slice(0, k + 1)) : workbook(workbookC),
      );
    }
    expect((await readSyncState(app.tables, 'turns')).epoch).toBe(held.epoch + 1);
  });

  it('the soak: two clients begun after the same completion take turns request by request; the store only ever holds whole parts of one workbook at a time, and ends as the last one to complete', async () => {
    await newOrg('soak');
    await syncOk('soak', syncBody('seed', seed));
    const wbA = [...workbookA, [capa('A-4')]];
    const wbC = [...workbookC, [capa('C-4')]];
    const allowed = [
      ...statesOf(workbook([seed]), wbA),
      ...statesOf(workbook(wbA), wbC),
      ...statesOf(workbook([seed]), wbC),
      ...statesOf(workbook(wbC), wbA),
    ];
    // Each client sends its current part and, as the soak's clients do, sends it again after 409 sync-in-progress.
    const clients = [
      { name: 'A', parts: partsOf('soak-a', wbA), next: 0, refused: 0, completedAt: -1 },
      { name: 'C', parts: partsOf('soak-c', wbC), next: 0, refused: 0, completedAt: -1 },
    ];
    for (let step = 0; step < 40 && clients.some((cl) => cl.next < cl.parts.length); step += 1) {
      const client = clients[step % 2];
      const body = client?.parts[client.next];
      if (client === undefined || body === undefined) continue;
      const res = await sync('soak', body);
      if (res.status === 409) {
        expect(res.body.code).toBe('sync-in-progress');
        client.refused += 1;
      } else {
        expect(res.status, res.text).toBe(200);
        client.next += 1;
        if (res.body.completed === true) client.completedAt = step;
      }
      expect(allowed).toContainEqual(await stored('soak'));
    }
    const [a, c] = clients;
    expect(a?.refused).toBe(0);
    expect(c?.refused).toBe(wbA.length - 1);
    expect(c?.completedAt).toBeGreaterThan(a?.completedAt ?? Infinity);
    expect(await stored('soak')).toEqual(workbook(wbC));
  });

  it('a single-part sync during another sync is 409 sync-in-progress, and 200 once that sync completed', async () => {
    await newOrg('single');
    const a = partsOf('a', workbookA);
    await syncOk('single', a[0] as Body);
    const single = syncBody('s', seed);
    await expectInProgress('single', single);
    await syncOk('single', a[1] as Body);
    await expectInProgress('single', single);
    await syncOk('single', a[2] as Body);
    expect((await syncOk('single', single)).body).toMatchObject({ completed: true, replayed: false });
    expect(await stored('single')).toEqual(workbook([seed]));
  });

  it('a replay of an applied part is answered as a replay while another sync holds the organisation', async () => {
    await newOrg('replay');
    const done = syncBody('done', seed);
    await syncOk('replay', done);
    const a = partsOf('a', workbookA);
    await syncOk('replay', a[0] as Body);

    recordWrites.reset();
    syncWrites.reset();
    const replay = await syncOk('replay', done);
    expect(replay.body).toMatchObject({ replayed: true, completed: true, unchanged: seed.length });
    expect(recordWrites.writes).toBe(0);
    expect(syncWrites.writes).toBe(0);
    // The holder's own applied part, sent again, is a replay too, and it still holds the organisation.
    expect((await syncOk('replay', a[0] as Body)).body).toMatchObject({ replayed: true, completed: false });
    expect((await readSyncState(app.tables, 'replay')).holder).toBe('a');
  });
});

describe('a reservation that lapsed', () => {
  it('passes to the next sync; the first one coming back is 409 sync-superseded, nothing written; a fresh sync then completes', async () => {
    await newOrg('expiry');
    await syncOk('expiry', syncBody('seed', seed));
    const a = partsOf('a', workbookA);
    const c = partsOf('c', workbookC);
    await syncOk('expiry', a[0] as Body);
    const afterA1 = overlay(workbook([seed]), workbookA.slice(0, 1));

    // A's client goes quiet past the reservation: C takes the organisation over, writes its first part, and
    // goes quiet too.
    app.clock.set(at(RESERVATION_MS - 1));
    await expectInProgress('expiry', c[0] as Body);
    app.clock.set(at(RESERVATION_MS + 1));
    await syncOk('expiry', c[0] as Body);
    const afterC1 = overlay(afterA1, workbookC.slice(0, 1));
    expect(await stored('expiry')).toEqual(afterC1);

    // Nobody holds it now, but C held it since A was granted it: A's next part would mix A into C's writes.
    app.clock.set(at(2 * RESERVATION_MS + 2));
    recordWrites.reset();
    const late = await sync('expiry', a[1] as Body);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('sync-superseded');
    expect(late.body.detail).toMatch(/start a new sync/i);
    expect(recordWrites.writes).toBe(0);
    expect((await getSyncHeader(app.tables, 'expiry', 'a'))?.received).toEqual([1]);
    expect(await stored('expiry')).toEqual(afterC1);

    const fresh = partsOf('a-again', workbookA);
    for (const part of fresh) await syncOk('expiry', part);
    expect(await stored('expiry')).toEqual(workbook(workbookA));
    // C coming back after that is superseded as well.
    expect((await sync('expiry', c[1] as Body)).body.code).toBe('sync-superseded');
    expect(await stored('expiry')).toEqual(workbook(workbookA));
  });

  it('an injected reservation time is the one that counts', async () => {
    await newOrg('short');
    const request = syncRequestSchema.parse(partsOf('a', workbookA)[0]);
    await applySync(app.deps, 'short', request, 'holder', { reservationMs: 5_000 });
    expect((await readSyncState(app.tables, 'short')).reservedUntil).toBe(at(5_000).toISOString());
    app.clock.set(at(4_999));
    await expectInProgress('short', syncBody('c', seed));
    app.clock.set(at(5_001));
    await syncOk('short', syncBody('c', seed));
    expect(await stored('short')).toEqual(workbook([seed]));
  });
});

describe('data written before reservations existed', () => {
  it('a sync state without a reservation is free, and a header without an epoch goes on when no one holds the organisation', async () => {
    await newOrg('legacy');
    const a = partsOf('a', workbookA);
    await syncOk('legacy', a[0] as Body);
    // Rewrite the rows as the previous version left them: a bare completion count, a header without an epoch.
    const pk = encodeKeyPart('legacy');
    await app.tables.syncs.upsertEntity({ partitionKey: pk, rowKey: 'done', count: 0 }, 'Replace');
    const header = await app.tables.syncs.getEntity<Record<string, unknown>>(pk, 's~a');
    const { epoch: _epoch, etag: _etag, timestamp: _timestamp, ...old } = header;
    await app.tables.syncs.upsertEntity({ ...old, partitionKey: pk, rowKey: 's~a' }, 'Replace');
    expect((await getSyncHeader(app.tables, 'legacy', 'a'))?.epoch).toBeUndefined();

    await syncOk('legacy', a[1] as Body);
    expect((await getSyncHeader(app.tables, 'legacy', 'a'))?.epoch).toBe(1);
    await expectInProgress('legacy', syncBody('other', seed));
    await syncOk('legacy', a[2] as Body);
    expect(await stored('legacy')).toEqual(workbook(workbookA));
    expect(await readSyncState(app.tables, 'legacy')).toMatchObject({ count: 1, epoch: 1 });
  });
});

describe('a refused part', () => {
  it('frees the organisation at once: a new sync of the fixed workbook is not kept waiting for the reservation', async () => {
    await newOrg('refused');
    await syncOk('refused', syncBody('seed', seed));
    const first = partsOf('first', [[capa('X-1', 'Cancelled')], [capa('BAD-1', 'Open', { dateOpened: '31/02/2026' })]]);
    await syncOk('refused', first[0] as Body);
    expect(await readSyncState(app.tables, 'refused')).toMatchObject({ holder: 'first' });

    const refused = await sync('refused', first[1] as Body);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('records-rejected');
    const after = await readSyncState(app.tables, 'refused');
    expect(after.holder).toBeUndefined();

    // The user fixes the cell and syncs again (a new sync id): accepted at once, same clock, no 409.
    const fixed = partsOf('fixed', [[capa('X-1', 'Cancelled')], [capa('BAD-1', 'Open', { dateOpened: '2026-02-03' })]]);
    await syncOk('refused', fixed[0] as Body);
    expect((await syncOk('refused', fixed[1] as Body)).body).toMatchObject({ completed: true });
    expect(Object.keys(await stored('refused')).sort()).toEqual(['BAD-1', 'X-1']);
    // The refused sync cannot come back and finish over it.
    const late = await sync('refused', syncBody('first', [capa('BAD-1', 'Open')], { part: 2, parts: 2 }));
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('sync-superseded');
  });
});
