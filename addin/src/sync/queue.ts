import { ApiError } from '@qms/client';
import type { ApiClient } from '@qms/client';
import type { SyncRequest, SyncResult, SyncTotals } from '@qms/client';

export const QUEUE_KEY = 'qms.pendingSyncs';
const MAX_BACKOFF_MS = 60_000;

/** A sync waiting to be sent (or half sent): kept in localStorage so closing the pane loses nothing. */
export interface PendingSync {
  syncId: string;
  org: string;
  parts: SyncRequest[];
  /** Parts the server has acknowledged. */
  sent: number;
  attempts: number;
  /** Epoch ms before which no retry is made. */
  nextAttemptAt: number;
  /** Counts summed over acknowledged parts. */
  result: SyncTotals;
  lastError?: string;
  /** Times this sync was started again under a new id because another sync finished first (409 sync-superseded). */
  restarts?: number;
}

/** Restarts after 409 sync-superseded before giving up: each one means yet another sync finished in between. */
export const MAX_RESTARTS = 3;

export type FlushOutcome =
  | { status: 'idle' }
  | { status: 'synced'; syncId: string; org: string; result: SyncTotals }
  | { status: 'waiting'; syncId: string; retryAt: number; error: string }
  | { status: 'failed'; syncId: string; error: string; rejected: SyncResult['rejected'] };

export interface QueueDeps {
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  client: Pick<ApiClient, 'sync'>;
  now: () => number;
}

export function emptyResult(): SyncTotals {
  return { created: 0, updated: 0, unchanged: 0, deleted: 0, rejected: [] };
}

function add(a: SyncTotals, b: SyncTotals): SyncTotals {
  return {
    created: a.created + (b.created ?? 0),
    updated: a.updated + (b.updated ?? 0),
    unchanged: a.unchanged + (b.unchanged ?? 0),
    deleted: a.deleted + (b.deleted ?? 0),
    rejected: [...a.rejected, ...(b.rejected ?? [])],
  };
}

function isSuperseded(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409 && error.problem?.code === 'sync-superseded';
}

/** The same records under a new sync id, from the first part; counts start again. */
function restarted(entry: PendingSync): PendingSync {
  const restarts = (entry.restarts ?? 0) + 1;
  const syncId = `${entry.syncId.replace(/-r\d+$/, '')}-r${restarts}`;
  return {
    ...entry,
    syncId,
    parts: entry.parts.map((part) => ({ ...part, syncId })),
    sent: 0,
    attempts: 0,
    nextAttemptAt: 0,
    result: emptyResult(),
    restarts,
  };
}

/** 1 s, 2 s, 4 s … capped at a minute. */
export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * The pending-sync queue. Parts go in order; each acknowledged part is recorded before the next is sent, so
 * a cut connection resumes at the first unacknowledged part (the server takes a replayed part harmlessly).
 */
export class SyncQueue {
  private flushing: Promise<FlushOutcome> | undefined;

  constructor(private readonly deps: QueueDeps) {}

  list(): PendingSync[] {
    try {
      const parsed: unknown = JSON.parse(this.deps.storage.getItem(QUEUE_KEY) ?? '[]');
      return Array.isArray(parsed) ? (parsed as PendingSync[]) : [];
    } catch {
      return [];
    }
  }

  private save(entries: PendingSync[]): void {
    this.deps.storage.setItem(QUEUE_KEY, JSON.stringify(entries));
  }

  private update(entry: PendingSync, previousId = entry.syncId): void {
    this.save(this.list().map((e) => (e.syncId === previousId ? entry : e)));
  }

  private remove(syncId: string): void {
    this.save(this.list().filter((e) => e.syncId !== syncId));
  }

  enqueue(org: string, parts: SyncRequest[]): PendingSync {
    const syncId = parts[0]?.syncId ?? `sync-${this.deps.now()}`;
    const entry: PendingSync = { syncId, org, parts, sent: 0, attempts: 0, nextAttemptAt: 0, result: emptyResult() };
    this.save([...this.list().filter((e) => e.syncId !== syncId), entry]);
    return entry;
  }

  /** The earliest time a waiting entry may be retried, if any waits. */
  nextRetryAt(): number | undefined {
    const times = this.list().map((e) => e.nextAttemptAt);
    return times.length ? Math.min(...times) : undefined;
  }

  /** Sends what is due. `force` ignores back-off (the network just came back, or the user asked). */
  flush(options: { force?: boolean; onProgress?: (entry: PendingSync) => void } = {}): Promise<FlushOutcome> {
    this.flushing ??= this.run(options).finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async run(options: { force?: boolean; onProgress?: (entry: PendingSync) => void }): Promise<FlushOutcome> {
    let last: FlushOutcome = { status: 'idle' };
    for (const queued of this.list()) {
      if (!options.force && queued.nextAttemptAt > this.deps.now()) {
        return {
          status: 'waiting',
          syncId: queued.syncId,
          retryAt: queued.nextAttemptAt,
          error: queued.lastError ?? 'waiting to retry',
        };
      }
      let entry = queued;
      while (entry.sent < entry.parts.length) {
        const part = entry.parts[entry.sent] as SyncRequest;
        try {
          const result = await this.deps.client.sync(entry.org, part);
          entry = { ...entry, sent: entry.sent + 1, attempts: 0, result: add(entry.result, result) };
          delete entry.lastError;
          this.update(entry);
          options.onProgress?.(entry);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          if (isSuperseded(error) && (entry.restarts ?? 0) < MAX_RESTARTS) {
            // Another sync of the organisation finished while this one was half sent: finishing it would mix two
            // workbooks, so the server refuses. The records queued are what the user asked to sync; send them again
            // from the first part under a new id, which makes them the organisation's latest state.
            const previousId = entry.syncId;
            entry = restarted(entry);
            this.update(entry, previousId);
            options.onProgress?.(entry);
            continue;
          }
          if (error instanceof ApiError && !error.retryable) {
            this.remove(entry.syncId);
            // 422 records-rejected lists every failing record; nothing of the request was stored.
            const rejected = (error.problem as { rejected?: SyncResult['rejected'] } | undefined)?.rejected;
            return {
              status: 'failed',
              syncId: entry.syncId,
              error: message,
              rejected: Array.isArray(rejected) ? rejected : [],
            };
          }
          const attempts = entry.attempts + 1;
          entry = { ...entry, attempts, nextAttemptAt: this.deps.now() + backoffMs(attempts), lastError: message };
          this.update(entry);
          options.onProgress?.(entry);
          return { status: 'waiting', syncId: entry.syncId, retryAt: entry.nextAttemptAt, error: message };
        }
      }
      this.remove(entry.syncId);
      last = { status: 'synced', syncId: entry.syncId, org: entry.org, result: entry.result };
    }
    return last;
  }
}
