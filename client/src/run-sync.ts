import type { CommitResult, SyncTotals } from '@qms/contract';
import type { ApiClient } from './client.js';
import { ApiError } from './errors.js';
import { deltaAgainst, localSnapshot, uploadParts, type SyncInput } from './sync-plan.js';
import type { QmsRecord } from '@qms/templates';

/** Where a sync is, for a progress bar: which step, and how many records of how many are uploaded. */
export interface SyncProgress {
  step: 'planning' | 'uploading' | 'committing';
  uploaded: number;
  toUpload: number;
  /** Upload part being sent (1-based) and how many there are; 0 of 0 when nothing needs uploading. */
  part: number;
  parts: number;
  /** 1 for the first plan; more when another sync committed first and this one planned again. */
  round: number;
}

export interface SyncOutcome extends SyncTotals {
  /** The head's version after the sync. */
  version: number;
  /** Nothing was sent but the digests: the organisation already held exactly this snapshot. */
  alreadyCurrent: boolean;
  /** Records uploaded (the ones the head lacked). */
  uploaded: number;
  /** Times the step was sent again after a retryable failure (network, a busy or failing server). */
  retries: number;
  /** Times the sync planned again because another sync committed first (409 head-moved). */
  replans: number;
}

export interface RetryOptions {
  /** Retries of one step after a retryable failure before giving up (0: none). */
  retries: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  /** Narrows which retryable failures are retried (all of them when absent). */
  shouldRetry?: (error: ApiError) => boolean;
  /** `at` is the step that failed (uploads run two at a time, so it need not be the latest progress). */
  onRetry?: (error: ApiError, attempt: number, delayMs: number, at: SyncProgress) => void;
}

export interface RunSyncOptions {
  onProgress?: (progress: SyncProgress) => void;
  retry?: RetryOptions;
  /** Plans after a lost race before giving up; each means yet another sync committed in between. */
  maxRounds?: number;
  partLimits?: { records: number; bytes: number };
}

/** The step each failed sync stopped at, for messages that name it (see failedStep). */
const failedSteps = new WeakMap<object, SyncProgress>();

/** The step at which runSync gave up with this error, if it came from a step. */
export function failedStep(error: unknown): SyncProgress | undefined {
  return typeof error === 'object' && error !== null ? failedSteps.get(error) : undefined;
}

/** Upload parts sent at once. */
const UPLOADS_IN_FLIGHT = 2;

/** The first retry waits this long; each further one twice as long, up to MAX_BACKOFF_MS. */
export const BASE_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 15_000;

/** Exponential back-off with up to 25 % jitter, so many clients retrying together do not stay in step. */
export function backoffDelay(attempt: number, random: () => number): number {
  const base = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (1 + 0.25 * random()));
}

function isCode(error: unknown, code: string): error is ApiError {
  return error instanceof ApiError && error.problem?.code === code;
}

/** The duplicate-id records, refused as the server refuses records: a 422 with every one listed. */
function duplicatesError(rejected: SyncTotals['rejected']): ApiError {
  const detail = `${rejected.length} record(s) share an id with another row; nothing was sent. Make the key column unique and sync again.`;
  return new ApiError(
    422,
    { type: 'about:blank', title: 'Unprocessable Content', status: 422, detail, code: 'records-rejected', rejected },
    detail,
  );
}

/**
 * One whole sync, the way the pane and the CLI both run it (docs/api.md, "Sync"): plan with the snapshot's
 * digests; unless the head already equals it, upload the records the head lacks in parts, then commit against
 * the head's version. When another sync commits first (409 head-moved) it plans again against the new head and
 * uploads only what that one lacks; records it uploaded already are not sent again unless the server says they
 * are missing. Retryable failures of a step are retried with back-off when `retry` allows; every step is safe
 * to repeat.
 */
export async function runSync(
  client: Pick<ApiClient, 'syncPlan' | 'syncRecords' | 'syncCommit'>,
  org: string,
  input: SyncInput,
  options: RunSyncOptions = {},
): Promise<SyncOutcome> {
  const local = localSnapshot(input);
  if (local.duplicates.length > 0) throw duplicatesError(local.duplicates);
  const total = [...local.byType.values()].reduce((n, m) => n + m.size, 0);
  const maxRounds = options.maxRounds ?? 8;
  /** Versions uploaded in this sync, and versions some head named during it: both are stored (until collected). */
  const uploadedKeys = new Set<string>();
  let retries = 0;
  let uploadedCount = 0;
  const step = async <T>(at: SyncProgress, send: () => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await send();
      } catch (error) {
        const retry = options.retry;
        if (
          !(error instanceof ApiError) ||
          !error.retryable ||
          retry === undefined ||
          attempt > retry.retries ||
          retry.shouldRetry?.(error) === false
        ) {
          if (typeof error === 'object' && error !== null) failedSteps.set(error, at);
          throw error;
        }
        const delay = backoffDelay(attempt, retry.random);
        retry.onRetry?.(error, attempt, delay, at);
        retries += 1;
        await retry.sleep(delay);
      }
    }
  };
  const key = (r: QmsRecord) => `${r.type}\u0000${r.id}\u0000${r.hash}`;

  for (let round = 1; ; round += 1) {
    const progress = (p: Omit<SyncProgress, 'round'>): SyncProgress => {
      const at = { ...p, round };
      options.onProgress?.(at);
      return at;
    };
    const planning = progress({ step: 'planning', uploaded: 0, toUpload: 0, part: 0, parts: 0 });
    const plan = await step(planning, () => client.syncPlan(org, local.request));
    const outcome = (result: Pick<CommitResult, 'created' | 'updated' | 'deleted'>, version: number) => ({
      created: result.created,
      updated: result.updated,
      deleted: result.deleted,
      unchanged: total - result.created - result.updated,
      rejected: [],
      version,
      alreadyCurrent: false,
      uploaded: uploadedCount,
      retries,
      replans: round - 1,
    });
    if (plan.status === 'unchanged')
      return { ...outcome({ created: 0, updated: 0, deleted: 0 }, plan.version), alreadyCurrent: true };
    // What a head named stays stored after it is replaced (until garbage collection), so a sync that lost a race
    // does not upload again what it or the winner's base already held.
    for (const [type, entries] of Object.entries(plan.stored))
      for (const [id, hash] of entries ?? []) uploadedKeys.add(`${type}\u0000${id}\u0000${hash}`);
    const delta = deltaAgainst(local, plan.stored);
    if (delta.changes.length === 0) return outcome({ created: 0, updated: 0, deleted: 0 }, plan.version);

    const parts = uploadParts(
      delta.toUpload.filter((r) => !uploadedKeys.has(key(r))),
      options.partLimits,
    );
    const toUpload = parts.reduce((n, p) => n + p.length, 0);
    let sent = 0;
    // Two parts in flight: one is validated and written while the next travels (each is idempotent, so order and
    // overlap do not matter; a failure stops the others after they settle).
    let next = 0;
    const send = async (): Promise<void> => {
      while (next < parts.length) {
        const index = next++;
        const records = parts[index] ?? [];
        const at = progress({ step: 'uploading', uploaded: sent, toUpload, part: index + 1, parts: parts.length });
        await step(at, () => client.syncRecords(org, { syncId: input.syncId, templates: input.templates, records }));
        sent += records.length;
        uploadedCount += records.length;
        for (const r of records) uploadedKeys.add(`${r.type}\u0000${String(r.id)}\u0000${r.hash}`);
      }
    };
    const results = await Promise.allSettled(Array.from({ length: Math.min(UPLOADS_IN_FLIGHT, parts.length) }, send));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    const committing = progress({
      step: 'committing',
      uploaded: sent,
      toUpload,
      part: parts.length,
      parts: parts.length,
    });
    try {
      const result = await step(committing, () =>
        client.syncCommit(org, {
          syncId: input.syncId,
          base: plan.version,
          templates: input.templates,
          changes: delta.changes,
        }),
      );
      return outcome(result, result.version);
    } catch (error) {
      if (round >= maxRounds) throw error;
      if (isCode(error, 'head-moved')) continue;
      // Uploaded earlier in this sync, then removed by a commit that landed meanwhile (it superseded that very
      // version) or collected as abandoned: upload those again. The server lists them (all, when it says so).
      if (isCode(error, 'records-missing')) {
        const problem = error.problem as { missing?: { type: string; id: string; hash: string }[]; count?: number };
        const listed = problem.missing ?? [];
        if (listed.length === 0 || listed.length < (problem.count ?? 0)) uploadedKeys.clear();
        for (const m of listed) uploadedKeys.delete(`${m.type}\u0000${m.id}\u0000${m.hash}`);
        continue;
      }
      throw error;
    }
  }
}
