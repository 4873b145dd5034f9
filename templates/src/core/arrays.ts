/**
 * Appends every item to `target` with a loop. `target.push(...items)` passes each item as an argument, and a
 * sheet's worth of records or issues (a few hundred thousand) overflows the call stack.
 */
export function appendAll<T>(target: T[], items: Iterable<T>): void {
  for (const item of items) target.push(item);
}
