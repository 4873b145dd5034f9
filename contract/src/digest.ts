import { contentHash } from '@qms/templates';
import type { ManifestEntry } from './sync.js';

/** Code-unit order, the same in every JavaScript engine (localeCompare is not). */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The digest of one record type's snapshot: the content hash of its (id, hash) list sorted by id, and the count.
 * Client and server compute it the same way, so equal digests mean equal snapshots (up to a collision of the
 * 53-bit hash; see docs/architecture.md, "Hashes"). Entries must have unique ids.
 */
export function snapshotDigest(entries: readonly ManifestEntry[]): string {
  const sorted = [...entries].sort((x, y) => compareIds(x[0], y[0]));
  return `${contentHash(sorted)}.${sorted.length}`;
}

/** The digest of a type with no records. */
export const EMPTY_DIGEST = snapshotDigest([]);
