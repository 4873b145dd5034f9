import type { TransactionAction } from '@azure/data-tables';
import { contentHash } from '@qms/templates';
import type { UploadResult, uploadRequestSchema } from '@qms/contract';
import type { z } from 'zod';
import type { Deps } from '../deps.js';
import { DomainError } from '../domain-error.js';
import { submitInTransactions } from '../storage/batch.js';
import { checkRecord, type Rejected } from './check-record.js';
import { checkTemplates } from './check-templates.js';

/**
 * Step 2 of a sync: validates every record with the shared schemas and stores each as the version row of its
 * (type, id, hash), in bounded-parallel ≤ 100-operation transactions. A rejected record rejects the whole upload
 * (422, every failing record listed) and nothing is written. Writing a version again writes the same row, and no
 * reader sees a version until a commit names it, so an upload may be repeated or abandoned at any point.
 */
export async function uploadRecords(
  deps: Deps,
  org: string,
  request: z.output<typeof uploadRequestSchema>,
): Promise<UploadResult> {
  checkTemplates(
    request.templates,
    request.records.map((r) => r.type),
  );
  const at = deps.clock.now().toISOString();
  const writes: TransactionAction[] = [];
  const rejected: Rejected[] = [];
  const seen = new Set<string>();
  request.records.forEach((incoming, index) => {
    const checked = checkRecord(
      org,
      incoming.type,
      incoming,
      index,
      { syncId: request.syncId, at },
      contentHash(incoming.data),
    );
    if (!checked.ok) {
      rejected.push(checked.rejected);
      return;
    }
    // The same version twice in one upload is written once (one transaction may not name a row twice).
    if (seen.has(checked.entity.rowKey)) return;
    seen.add(checked.entity.rowKey);
    writes.push(['upsert', checked.entity, 'Replace']);
  });
  if (rejected.length > 0) {
    throw new DomainError(
      'records-rejected',
      `${rejected.length} record(s) failed validation; nothing was stored. Fix the cells named in "rejected" and sync again.`,
      { rejected },
    );
  }
  await submitInTransactions(deps.tables.records, writes);
  return { stored: writes.length };
}
