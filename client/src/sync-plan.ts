import type { QmsRecord } from '@qms/templates';
import type { Snapshot, SyncRequest, WireRecord } from './types.js';

/** §7 limits: ≤ 5,000 records and ≤ 4 MiB a request; parts stay below both with room for the envelope. */
export const MAX_RECORDS_PER_PART = 5_000;
export const MAX_BYTES_PER_PART = 3_500_000;

export interface SyncInput {
  syncId: string;
  templates: Record<string, number>;
  records: readonly QmsRecord[];
  /** Record types the workbook holds in full (their template was read without errors). */
  completeTypes: readonly string[];
}

/** The server keeps at most this many warnings a record. */
const MAX_WARNINGS = 100;

function wire(record: QmsRecord): WireRecord {
  const out: WireRecord = {
    type: record.type,
    id: record.id,
    data: record.data,
    hash: record.hash,
    source: record.source,
  };
  if (record.warnings.length > 0) out.warnings = record.warnings.slice(0, MAX_WARNINGS);
  return out;
}

/**
 * Splits one sync into requests of one syncId. A complete type that has no records still travels (as an
 * empty complete snapshot) so the server can delete rows removed from the workbook.
 */
export function planSync(
  input: SyncInput,
  limits = { records: MAX_RECORDS_PER_PART, bytes: MAX_BYTES_PER_PART },
): SyncRequest[] {
  const complete = new Set(input.completeTypes);
  const byType = new Map<string, WireRecord[]>();
  for (const type of input.completeTypes) byType.set(type, []);
  for (const record of input.records) byType.set(record.type, [...(byType.get(record.type) ?? []), wire(record)]);

  const parts: Snapshot[][] = [];
  let current: Snapshot[] = [];
  let count = 0;
  let bytes = 0;
  const flush = () => {
    if (current.length > 0) parts.push(current);
    current = [];
    count = 0;
    bytes = 0;
  };
  for (const [type, records] of byType) {
    let snapshot: Snapshot = { type, complete: complete.has(type), records: [] };
    current.push(snapshot);
    for (const record of records) {
      const size = JSON.stringify(record).length + 1;
      if (count > 0 && (count + 1 > limits.records || bytes + size > limits.bytes)) {
        flush();
        snapshot = { type, complete: complete.has(type), records: [] };
        current.push(snapshot);
      }
      snapshot.records.push(record);
      count++;
      bytes += size;
    }
  }
  flush();
  if (parts.length === 0) parts.push([]);
  return parts.map((snapshots, i) => ({
    syncId: input.syncId,
    templates: input.templates,
    snapshots,
    part: i + 1,
    parts: parts.length,
  }));
}
