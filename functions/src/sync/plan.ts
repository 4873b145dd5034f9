import { EMPTY_DIGEST, type ManifestEntry, type SyncPlan, type syncPlanRequestSchema } from '@qms/contract';
import type { RecordType } from '@qms/templates';
import type { z } from 'zod';
import type { Deps } from '../deps.js';
import { readSnapshot } from '../storage/head-store.js';

/**
 * Step 1 of a sync: compares the client's digests with the head. Equal: `unchanged`, after one storage call.
 * Otherwise the stored (id, hash) list of each differing type and each partial type, one point read per
 * manifest chunk, so the client can work out what the head lacks.
 */
export async function planSync(
  deps: Deps,
  org: string,
  request: z.output<typeof syncPlanRequestSchema>,
): Promise<SyncPlan> {
  const { head, manifests } = await readSnapshot(deps.tables, org, (h) => {
    const wanted = new Set<RecordType>();
    for (const [type, digest] of Object.entries(request.digests) as [RecordType, string][]) {
      if ((h.types[type]?.digest ?? EMPTY_DIGEST) !== digest) wanted.add(type);
    }
    for (const type of request.partial) if (!(type in request.digests)) wanted.add(type);
    return [...wanted];
  });
  if (manifests.size === 0) return { status: 'unchanged', version: head.version };
  const stored: Partial<Record<RecordType, ManifestEntry[]>> = {};
  for (const [type, entries] of manifests) stored[type] = entries;
  return { status: 'changed', version: head.version, stored };
}
