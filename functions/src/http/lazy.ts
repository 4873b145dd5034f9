/**
 * A function whose module is imported on its first call, then kept. The route table names every handler this
 * way, so that importing the app (what Azure's host does to index the functions, and every cold start) loads
 * only the table, not the handlers, storage, the contract's schemas and the engine behind them
 * (docs/architecture.md, "Budgets": importing functions/dist/app.js ≤ 300 ms).
 *
 * Concurrent first calls share one import. A failed import is not kept, so the next call tries again.
 */
export function loadOnFirstCall<A extends unknown[], R>(
  load: () => Promise<(...args: A) => R>,
): (...args: A) => Promise<Awaited<R>> {
  let loaded: Promise<(...args: A) => R> | undefined;
  return async (...args: A): Promise<Awaited<R>> => {
    loaded ??= load().catch((error: unknown) => {
      loaded = undefined;
      throw error;
    });
    const fn = await loaded;
    return await fn(...args);
  };
}
