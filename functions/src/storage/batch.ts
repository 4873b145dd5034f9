import type { TableClient, TransactionAction } from '@azure/data-tables';
import { entityBytes, MAX_BATCH_BYTES, MAX_BATCH_OPERATIONS } from './limits.js';

/**
 * How many transactions run at once. All of a sync's writes go to one partition, which Azure serves at about
 * 2,000 entities/s; four 100-entity transactions in flight hide the round trip without queueing behind that
 * limit (and measured fastest against Azurite on two cores: bench/sync.bench.ts).
 */
export const BATCH_CONCURRENCY = 4;

/**
 * Splits actions into entity-group transactions: one partition each, at most 100 operations and below the
 * 4 MiB payload limit. Pure, so tests can check the grouping without storage.
 */
export function planTransactions(actions: readonly TransactionAction[]): TransactionAction[][] {
  const byPartition = new Map<string, TransactionAction[]>();
  for (const action of actions) {
    const pk = action[1].partitionKey;
    const list = byPartition.get(pk) ?? [];
    list.push(action);
    byPartition.set(pk, list);
  }
  const batches: TransactionAction[][] = [];
  for (const list of byPartition.values()) {
    let current: TransactionAction[] = [];
    let bytes = 0;
    for (const action of list) {
      // Each operation carries its entity plus MIME headers (~1 KB covers them generously).
      const size = entityBytes(action[1]) + 1024;
      if (current.length > 0 && (current.length >= MAX_BATCH_OPERATIONS || bytes + size > MAX_BATCH_BYTES)) {
        batches.push(current);
        current = [];
        bytes = 0;
      }
      current.push(action);
      bytes += size;
    }
    if (current.length > 0) batches.push(current);
  }
  return batches;
}

/** Runs tasks with at most `limit` in flight; the first failure is rethrown after the others settle. */
export async function runBounded<T>(tasks: readonly (() => Promise<T>)[], limit = BATCH_CONCURRENCY): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  async function worker(): Promise<void> {
    while (next < tasks.length && failure === undefined) {
      const index = next;
      next += 1;
      const task = tasks[index];
      if (task === undefined) continue;
      try {
        results[index] = await task();
      } catch (error) {
        failure ??= { error };
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, () => worker()));
  if (failure !== undefined) throw failure.error;
  return results;
}

/** Submits actions as bounded-parallel transactions; returns how many entity operations were sent. */
export async function submitInTransactions(
  client: TableClient,
  actions: readonly TransactionAction[],
): Promise<number> {
  const batches = planTransactions(actions);
  await runBounded(batches.map((batch) => () => client.submitTransaction(batch)));
  return actions.length;
}
