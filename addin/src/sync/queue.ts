import { ApiError, runSync } from '@qms/client';
import type { ApiClient, SyncInput, SyncOutcome, SyncProgress, SyncTotals } from '@qms/client';

export const QUEUE_KEY = 'qms.pendingSyncs';
const MAX_BACKOFF_MS = 60_000;

/**
 * A sync waiting to be sent: the workbook's snapshot as it was read, kept in localStorage so closing the pane
 * loses nothing. Sending it again is always safe (docs/api.md, "Sync"): it plans against the head it finds then.
 */
export interface PendingSync {
  syncId: string;
  org: string;
  input: SyncInput;
  attempts: number;
  /** Epoch ms before which no retry is made. */
  nextAttemptAt: number;
  lastError?: string;
}

export type FlushOutcome =
  | { status: 'idle' }
  | { status: 'synced'; syncId: string; org: string; result: SyncOutcome }
  | { status: 'waiting'; syncId: string; retryAt: number; error: string }
  | { status: 'failed'; syncId: string; error: string; rejected: SyncTotals['rejected'] };

export interface QueueDeps {
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  client: Pick<ApiClient, 'syncPlan' | 'syncRecords' | 'syncCommit'>;
  now: () => number;
}

/** 1 s, 2 s, 4 s … capped at a minute. */
export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.max(0, attempts - 1));
}

/** The pending-sync queue: one entry per organisation and sync, sent oldest first. */
export class SyncQueue {
  private flushing: Promise<FlushOutcome> | undefined;

  constructor(private readonly deps: QueueDeps) {}

  list(): PendingSync[] {
    try {
      const parsed: unknown = JSON.parse(this.deps.storage.getItem(QUEUE_KEY) ?? '[]');
      // Entries from an older pane (parts instead of a snapshot) cannot be sent by this one: the user syncs again.
      return Array.isArray(parsed) ? (parsed as PendingSync[]).filter((e) => typeof e?.input === 'object') : [];
    } catch {
      return [];
    }
  }

  private save(entries: PendingSync[]): void {
    this.deps.storage.setItem(QUEUE_KEY, JSON.stringify(entries));
  }

  private update(entry: PendingSync): void {
    this.save(this.list().map((e) => (e.syncId === entry.syncId ? entry : e)));
  }

  private remove(syncId: string): void {
    this.save(this.list().filter((e) => e.syncId !== syncId));
  }

  /**
   * Queues a snapshot. A newer snapshot of the same organisation replaces a waiting older one: it is what the
   * organisation should hold, and sending the older first would only be overwritten.
   */
  enqueue(org: string, input: SyncInput): PendingSync {
    const entry: PendingSync = { syncId: input.syncId, org, input, attempts: 0, nextAttemptAt: 0 };
    this.save([...this.list().filter((e) => e.org !== org), entry]);
    return entry;
  }

  /** The earliest time a waiting entry may be retried, if any waits. */
  nextRetryAt(): number | undefined {
    const times = this.list().map((e) => e.nextAttemptAt);
    return times.length ? Math.min(...times) : undefined;
  }

  /** Sends what is due. `force` ignores back-off (the network just came back, or the user asked). */
  flush(
    options: { force?: boolean; onProgress?: (entry: PendingSync, progress: SyncProgress) => void } = {},
  ): Promise<FlushOutcome> {
    this.flushing ??= this.run(options).finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async run(options: {
    force?: boolean;
    onProgress?: (entry: PendingSync, progress: SyncProgress) => void;
  }): Promise<FlushOutcome> {
    let last: FlushOutcome = { status: 'idle' };
    for (const entry of this.list()) {
      if (!options.force && entry.nextAttemptAt > this.deps.now()) {
        return {
          status: 'waiting',
          syncId: entry.syncId,
          retryAt: entry.nextAttemptAt,
          error: entry.lastError ?? 'waiting to retry',
        };
      }
      try {
        const result = await runSync(this.deps.client, entry.org, entry.input, {
          onProgress: (progress) => options.onProgress?.(entry, progress),
        });
        this.remove(entry.syncId);
        last = { status: 'synced', syncId: entry.syncId, org: entry.org, result };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (error instanceof ApiError && !error.retryable) {
          this.remove(entry.syncId);
          // 422 records-rejected lists every failing record; nothing of the sync became visible.
          const rejected = (error.problem as { rejected?: SyncTotals['rejected'] } | undefined)?.rejected;
          return {
            status: 'failed',
            syncId: entry.syncId,
            error: message,
            rejected: Array.isArray(rejected) ? rejected : [],
          };
        }
        const attempts = entry.attempts + 1;
        const waiting = {
          ...entry,
          attempts,
          nextAttemptAt: this.deps.now() + backoffMs(attempts),
          lastError: message,
        };
        this.update(waiting);
        return { status: 'waiting', syncId: entry.syncId, retryAt: waiting.nextAttemptAt, error: message };
      }
    }
    return last;
  }
}
