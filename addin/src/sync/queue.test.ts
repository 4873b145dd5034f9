import { describe, expect, it } from 'vitest';
import { ApiError } from '@qms/client';
import type { SyncRequest, SyncResult } from '@qms/client';
import { MAX_RESTARTS, QUEUE_KEY, SyncQueue, backoffMs } from './queue.ts';

class MemoryStorage {
  map = new Map<string, string>();
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
}

function parts(n: number): SyncRequest[] {
  return Array.from({ length: n }, (_, i) => ({
    syncId: 's1',
    templates: { 'capa-log': 1 },
    snapshots: [{ type: 'capa', complete: true, records: [{ type: 'capa', id: `C-${i}`, data: {}, hash: `h${i}` }] }],
    part: i + 1,
    parts: n,
  }));
}

const ok: SyncResult = {
  created: 1,
  updated: 0,
  unchanged: 0,
  deleted: 0,
  rejected: [],
  part: 1,
  parts: 1,
  completed: true,
  replayed: false,
};

describe('SyncQueue', () => {
  it('keeps a sync through a cut connection and resumes at the first unacknowledged part', async () => {
    const storage = new MemoryStorage();
    let now = 1_000;
    const received: number[] = [];
    let online = true;
    const client = {
      sync: (_org: string, body: SyncRequest) => {
        if (!online) return Promise.reject(new ApiError(0, undefined, 'Failed to fetch'));
        received.push(body.part);
        if (body.part === 2) online = false;
        return Promise.resolve(ok);
      },
    };
    const queue = new SyncQueue({ storage, client, now: () => now });
    queue.enqueue('acme', parts(3));

    const first = await queue.flush();
    expect(first).toMatchObject({ status: 'waiting', syncId: 's1', retryAt: 2_000 });
    expect(received).toEqual([1, 2]);

    // A reload of the pane: a new queue over the same storage sees the half-sent sync.
    const reloaded = new SyncQueue({ storage, client, now: () => now });
    expect(reloaded.list()).toMatchObject([{ syncId: 's1', sent: 2, attempts: 1 }]);
    expect(await reloaded.flush()).toMatchObject({ status: 'waiting' });
    expect(received).toEqual([1, 2]);

    online = true;
    now = 2_500;
    const done = await reloaded.flush();
    expect(done).toEqual({
      status: 'synced',
      syncId: 's1',
      org: 'acme',
      result: { created: 3, updated: 0, unchanged: 0, deleted: 0, rejected: [] },
    });
    expect(received).toEqual([1, 2, 3]);
    expect(JSON.parse(storage.getItem(QUEUE_KEY) ?? '')).toEqual([]);
  });

  it('drops a sync the server refuses for good and says why', async () => {
    const storage = new MemoryStorage();
    const client = {
      sync: () => Promise.reject(new ApiError(403, undefined, 'Forbidden. Ask the organisation owner.')),
    };
    const queue = new SyncQueue({ storage, client, now: () => 0 });
    queue.enqueue('acme', parts(1));
    expect(await queue.flush()).toEqual({
      status: 'failed',
      syncId: 's1',
      error: 'Forbidden. Ask the organisation owner.',
      rejected: [],
    });
    expect(queue.list()).toEqual([]);
  });

  it("waits and retries while another sync holds the organisation's lease (409 sync-in-progress)", async () => {
    let now = 0;
    let busy = true;
    const inProgress = { title: 'Conflict', status: 409, code: 'sync-in-progress' };
    const client = {
      sync: () =>
        busy ? Promise.reject(new ApiError(409, inProgress, 'Another sync is running')) : Promise.resolve(ok),
    };
    const queue = new SyncQueue({ storage: new MemoryStorage(), client, now: () => now });
    queue.enqueue('acme', parts(1));
    expect(await queue.flush()).toMatchObject({ status: 'waiting', syncId: 's1', retryAt: 1_000 });
    expect(queue.list()).toMatchObject([{ syncId: 's1', sent: 0, attempts: 1 }]);
    busy = false;
    now = 1_000;
    expect(await queue.flush()).toMatchObject({ status: 'synced', syncId: 's1' });
  });

  it('starts a superseded sync again under a new id, from the first part, and gives up after three restarts', async () => {
    const superseded = { title: 'Conflict', status: 409, code: 'sync-superseded' };
    const received: string[] = [];
    let refusals = 1;
    const client = {
      sync: (_org: string, body: SyncRequest) => {
        // Part 2 of the first attempt meets a sync that finished meanwhile.
        if (body.part === 2 && refusals > 0) {
          refusals -= 1;
          return Promise.reject(new ApiError(409, superseded, 'Another sync finished first'));
        }
        received.push(`${body.syncId}#${body.part}`);
        return Promise.resolve(ok);
      },
    };
    const storage = new MemoryStorage();
    const queue = new SyncQueue({ storage, client, now: () => 0 });
    queue.enqueue('acme', parts(3));
    expect(await queue.flush()).toEqual({
      status: 'synced',
      syncId: 's1-r1',
      org: 'acme',
      result: { created: 3, updated: 0, unchanged: 0, deleted: 0, rejected: [] },
    });
    expect(received).toEqual(['s1#1', 's1-r1#1', 's1-r1#2', 's1-r1#3']);
    expect(queue.list()).toEqual([]);

    // Superseded every time: after MAX_RESTARTS restarts the sync is dropped with the server's reason.
    refusals = 99;
    received.length = 0;
    queue.enqueue('acme', parts(3));
    expect(await queue.flush()).toMatchObject({ status: 'failed', syncId: `s1-r${MAX_RESTARTS}` });
    expect(received).toEqual(['s1#1', 's1-r1#1', 's1-r2#1', 's1-r3#1']);
    expect(queue.list()).toEqual([]);
  });

  it('reports the records a 422 rejected', async () => {
    const rejected = [{ type: 'capa', id: 'C-1', issues: [{ code: 'x', message: 'Status: invalid' }] }];
    const problem = { title: 'Unprocessable', status: 422, code: 'records-rejected', rejected };
    const client = { sync: () => Promise.reject(new ApiError(422, problem, '1 record(s) failed validation')) };
    const queue = new SyncQueue({ storage: new MemoryStorage(), client, now: () => 0 });
    queue.enqueue('acme', parts(1));
    expect(await queue.flush()).toMatchObject({ status: 'failed', rejected });
  });

  it('backs off exponentially up to a minute, and force retries at once', async () => {
    expect([1, 2, 3, 7, 20].map(backoffMs)).toEqual([1000, 2000, 4000, 60000, 60000]);
    const storage = new MemoryStorage();
    let fail = true;
    const client = { sync: () => (fail ? Promise.reject(new ApiError(503, undefined, 'busy')) : Promise.resolve(ok)) };
    const queue = new SyncQueue({ storage, client, now: () => 0 });
    queue.enqueue('acme', parts(1));
    await queue.flush();
    await queue.flush({ force: true });
    expect(queue.list()[0]?.attempts).toBe(2);
    expect(queue.nextRetryAt()).toBe(2000);
    fail = false;
    expect(await queue.flush({ force: true })).toMatchObject({ status: 'synced' });
  });
});
