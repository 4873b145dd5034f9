/**
 * mulberry32: a tiny 32-bit seeded generator. Not for cryptography; chosen because it is fast, has a full
 * 2^32 period and makes the Monte Carlo timeline reproducible (same input and seed → same dates).
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Inverse-CDF draw from triangular(min, mode, max) given u in [0, 1). */
export function triangular(u: number, min: number, mode: number, max: number): number {
  if (max <= min) return mode;
  const split = (mode - min) / (max - min);
  return u < split
    ? min + Math.sqrt(u * (max - min) * (mode - min))
    : max - Math.sqrt((1 - u) * (max - min) * (max - mode));
}

/** Nearest-rank percentile of an ascending array (p in (0, 1]). */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[index] as number;
}
