import { describe, expect, it } from 'vitest';
import { ApiError, type SyncInput } from '@qms/client';
import type { QmsRecord } from '@qms/templates';
import { QUEUE_KEY, SyncQueue, backoffMs } from './queue.ts';

class MemoryStorage {
  map = new Map<string, string>();
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
}

function input(n: number, syncId = 's1'): SyncInput {
  const records = Array.from({ length: n }, (_, i): QmsRecord => ({
    type: 'capa',
    id: `C-${i}`,
    data: {},
    hash: `h${i}`,
    source: { sheet: 'CAPA Log', row: i + 6 },
    warnings: [],
  }));
  return { syncId, templates: { 'capa-log': 1 }, records, completeTypes: ['capa'] };
}

/** A server that holds nothing yet and accepts every step, with `fail` deciding per step call. */
function server(fail: (step: string, n: number) => ApiError | undefined = () => undefined) {
  const steps: string[] = [];
  let version = 0;
  const answer = <T>(step: string, value: () => T) => {
    steps.push(step);
    const error = fail(step, steps.length);
    return error ? Promise.reject(error) : Promise.resolve(value());
  };
  return {
    steps,
    client: {
      syncPlan: () => answer('plan', () => ({ status: 'changed' as const, version, stored: { capa: [] } })),
      syncRecords: (_org: string, body: { records: unknown[] }) =>
        answer('upload', () => ({ stored: body.records.length })),
      syncCommit: (_org: string, body: { changes: { put: unknown[] }[] }) =>
        answer('commit', () => ({
          version: ++version,
          created: body.changes.reduce((n, c) => n + c.put.length, 0),
          updated: 0,
          unchanged: 0,
          deleted: 0,
          replayed: false,
        })),
    },
  };
}

const offline = () => new ApiError(0, undefined, 'Failed to fetch');

describe('SyncQueue', () => {
  it('keeps a sync through a cut connection and across a reload, and sends it when the network returns', async () => {
    const storage = new MemoryStorage();
    let now = 1_000;
    let online = true;
    const s = server((step) => (!online || step === 'commit' ? ((online = false), offline()) : undefined));
    const queue = new SyncQueue({ storage, client: s.client, now: () => now });
    queue.enqueue('acme', input(3));

    const first = await queue.flush();
    expect(first).toMatchObject({ status: 'waiting', syncId: 's1', retryAt: 2_000 });
    expect(s.steps).toEqual(['plan', 'upload', 'commit']);

    // A reload of the pane: a new queue over the same storage sees the waiting sync, with its snapshot.
    const reloaded = new SyncQueue({ storage, client: s.client, now: () => now });
    expect(reloaded.list()).toMatchObject([{ syncId: 's1', attempts: 1, input: { records: { length: 3 } } }]);
    expect(await reloaded.flush()).toMatchObject({ status: 'waiting' });

    const ok = server();
    now = 2_500;
    const done = await new SyncQueue({ storage, client: ok.client, now: () => now }).flush();
    expect(done).toMatchObject({
      status: 'synced',
      syncId: 's1',
      org: 'acme',
      result: { created: 3, updated: 0, unchanged: 0, deleted: 0, rejected: [], uploaded: 3 },
    });
    expect(JSON.parse(storage.getItem(QUEUE_KEY) ?? '')).toEqual([]);
  });

  it('a newer snapshot of the same organisation replaces a waiting older one', () => {
    const queue = new SyncQueue({ storage: new MemoryStorage(), client: server().client, now: () => 0 });
    queue.enqueue('acme', input(1, 'old'));
    queue.enqueue('other', input(1, 'theirs'));
    queue.enqueue('acme', input(2, 'new'));
    expect(queue.list().map((e) => [e.org, e.syncId])).toEqual([
      ['other', 'theirs'],
      ['acme', 'new'],
    ]);
  });

  it('drops a sync the server refuses for good and says why', async () => {
    const s = server(() => new ApiError(403, undefined, 'Forbidden. Ask the organisation owner.'));
    const queue = new SyncQueue({ storage: new MemoryStorage(), client: s.client, now: () => 0 });
    queue.enqueue('acme', input(1));
    expect(await queue.flush()).toEqual({
      status: 'failed',
      syncId: 's1',
      error: 'Forbidden. Ask the organisation owner.',
      rejected: [],
    });
    expect(queue.list()).toEqual([]);
  });

  it('when another sync committed first (409 head-moved) it plans again at once, without waiting', async () => {
    const moved = { type: 'about:blank', title: 'Conflict', status: 409, detail: 'moved', code: 'head-moved' };
    const s = server((step, n) => (step === 'commit' && n === 3 ? new ApiError(409, moved, 'moved') : undefined));
    const queue = new SyncQueue({ storage: new MemoryStorage(), client: s.client, now: () => 0 });
    queue.enqueue('acme', input(2));
    expect(await queue.flush()).toMatchObject({ status: 'synced', result: { replans: 1 } });
    expect(s.steps).toEqual(['plan', 'upload', 'commit', 'plan', 'commit']);
  });

  it('reports the records a 422 rejected', async () => {
    const rejected = [{ type: 'capa', id: 'C-1', issues: [{ code: 'x', message: 'Status: invalid' }] }];
    const problem = {
      type: 'about:blank',
      title: 'Unprocessable',
      status: 422,
      detail: 'x',
      code: 'records-rejected',
      rejected,
    };
    const s = server((step) =>
      step === 'upload' ? new ApiError(422, problem, '1 record(s) failed validation') : undefined,
    );
    const queue = new SyncQueue({ storage: new MemoryStorage(), client: s.client, now: () => 0 });
    queue.enqueue('acme', input(1));
    expect(await queue.flush()).toMatchObject({ status: 'failed', rejected });
  });

  it('backs off exponentially up to a minute, and force retries at once', async () => {
    expect([1, 2, 3, 7, 20].map(backoffMs)).toEqual([1000, 2000, 4000, 60000, 60000]);
    let fail = true;
    const s = server(() => (fail ? new ApiError(503, undefined, 'busy') : undefined));
    const queue = new SyncQueue({ storage: new MemoryStorage(), client: s.client, now: () => 0 });
    queue.enqueue('acme', input(1));
    await queue.flush();
    await queue.flush({ force: true });
    expect(queue.list()[0]?.attempts).toBe(2);
    expect(queue.nextRetryAt()).toBe(2000);
    fail = false;
    expect(await queue.flush({ force: true })).toMatchObject({ status: 'synced' });
  });
});
