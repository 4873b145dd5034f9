import type { TableClient, TransactionAction } from '@azure/data-tables';

/**
 * Counts entity writes sent through a TableClient (each operation of a transaction counts once), by wrapping
 * its write methods. Used by tests and the benchmark to prove that an unchanged re-sync writes nothing.
 */
export function countWrites(client: TableClient): {
  readonly writes: number;
  readonly requests: number;
  reset(): void;
} {
  const state = { writes: 0, requests: 0 };
  const c = client as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const name of ['createEntity', 'upsertEntity', 'updateEntity', 'deleteEntity'] as const) {
    const original = c[name]?.bind(client);
    if (original === undefined) continue;
    c[name] = (...args: unknown[]) => {
      state.writes += 1;
      state.requests += 1;
      return original(...args);
    };
  }
  const submit = client.submitTransaction.bind(client);
  client.submitTransaction = (actions: TransactionAction[], ...rest) => {
    state.writes += actions.length;
    state.requests += 1;
    return submit(actions, ...rest);
  };
  return {
    get writes() {
      return state.writes;
    },
    get requests() {
      return state.requests;
    },
    reset() {
      state.writes = 0;
      state.requests = 0;
    },
  };
}

/**
 * Counts every HTTP request the table clients send to storage (reads, writes, transactions, each page of a
 * query, every retry), by a policy in each client's pipeline: the "storage calls" of the sync budgets.
 */
export function countStorageCalls(clients: readonly TableClient[]): {
  readonly calls: number;
  reset(): void;
} {
  const state = { calls: 0 };
  for (const client of clients) {
    client.pipeline.addPolicy({
      name: 'qms-count-storage-calls',
      sendRequest: (request, next) => {
        state.calls += 1;
        return next(request);
      },
    });
  }
  return {
    get calls() {
      return state.calls;
    },
    reset() {
      state.calls = 0;
    },
  };
}
