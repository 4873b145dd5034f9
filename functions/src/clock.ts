/** The only source of "now" in the backend, injected so tests control time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock stuck at one instant (tests), movable by `set`. */
export function fixedClock(at: Date): Clock & { set(next: Date): void } {
  let current = at;
  return {
    now: () => new Date(current.getTime()),
    set(next) {
      current = next;
    },
  };
}
