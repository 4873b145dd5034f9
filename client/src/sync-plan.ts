import {
  EMPTY_DIGEST,
  snapshotDigest,
  type ManifestEntry,
  type Rejected,
  type SyncPlanRequest,
  type TypeChange,
  type UploadRecord,
} from '@qms/contract';
import type { QmsRecord, RecordType } from '@qms/templates';

/** Upload limits: ≤ 5,000 records and ≤ 4 MiB a request; parts stay below both with room for the envelope. */
export const MAX_RECORDS_PER_PART = 5_000;
export const MAX_BYTES_PER_PART = 3_500_000;

/** The server keeps at most this many warnings a record. */
const MAX_WARNINGS = 100;

export interface SyncInput {
  syncId: string;
  templates: Record<string, number>;
  records: readonly QmsRecord[];
  /** Record types the workbook holds in full (their template was read without errors). */
  completeTypes: readonly string[];
}

/** The workbook's snapshot, by type and id, and the digests that describe it in a few hundred bytes. */
export interface LocalSnapshot {
  byType: Map<RecordType, Map<string, QmsRecord>>;
  complete: Set<RecordType>;
  request: SyncPlanRequest;
  /** Records that share a type and id with an earlier one: the server would keep only one, so none is sent. */
  duplicates: Rejected[];
}

/** Pure: the workbook's records as a snapshot (complete types with no records still count: they empty the type). */
export function localSnapshot(input: SyncInput): LocalSnapshot {
  const complete = new Set(input.completeTypes as RecordType[]);
  const byType = new Map<RecordType, Map<string, QmsRecord>>();
  for (const type of complete) byType.set(type, new Map());
  const duplicates: Rejected[] = [];
  for (const record of input.records) {
    const ofType = byType.get(record.type) ?? new Map<string, QmsRecord>();
    byType.set(record.type, ofType);
    const first = ofType.get(record.id);
    if (first !== undefined) {
      duplicates.push({
        type: record.type,
        id: record.id,
        issues: [
          {
            severity: 'error',
            code: 'record.duplicate-id',
            message: `${record.type} "${record.id}" appears twice (${first.source.sheet} row ${first.source.row} and row ${record.source.row}); make the key column unique.`,
            field: 'id',
            sheet: record.source.sheet,
            row: record.source.row,
          },
        ],
      });
      continue;
    }
    ofType.set(record.id, record);
  }
  const digests: Partial<Record<RecordType, string>> = {};
  const partial: RecordType[] = [];
  for (const [type, records] of byType) {
    if (complete.has(type)) digests[type] = digestOf(records);
    else partial.push(type);
  }
  return { byType, complete, duplicates, request: { syncId: input.syncId, digests, partial } };
}

function digestOf(records: ReadonlyMap<string, QmsRecord>): string {
  if (records.size === 0) return EMPTY_DIGEST;
  return snapshotDigest([...records.values()].map((r): ManifestEntry => [r.id, r.hash]));
}

/** What one commit must carry, worked out against the head's stored lists. */
export interface Delta {
  changes: TypeChange[];
  /** Records the head lacks (new, or with other content): they are uploaded before the commit. */
  toUpload: QmsRecord[];
}

/**
 * Pure: compares the workbook with the head's (id, hash) lists of the types the server named. Complete types
 * put what differs and remove what the workbook no longer has; partial types only put.
 */
export function deltaAgainst(local: LocalSnapshot, stored: Partial<Record<RecordType, ManifestEntry[]>>): Delta {
  const changes: TypeChange[] = [];
  const toUpload: QmsRecord[] = [];
  for (const [type, entries] of Object.entries(stored) as [RecordType, ManifestEntry[]][]) {
    const mine = local.byType.get(type) ?? new Map<string, QmsRecord>();
    const theirs = new Map(entries);
    const put: ManifestEntry[] = [];
    for (const record of mine.values()) {
      if (theirs.get(record.id) === record.hash) continue;
      put.push([record.id, record.hash]);
      toUpload.push(record);
    }
    const complete = local.complete.has(type);
    const remove = complete ? entries.map(([id]) => id).filter((id) => !mine.has(id)) : [];
    if (put.length === 0 && remove.length === 0) continue;
    changes.push({ type, complete, put, remove, ...(complete ? { digest: digestOf(mine) } : {}) });
  }
  return { changes, toUpload };
}

/** The record as uploaded: where it came from travels too, so the server's answers can name sheets and rows. */
export function uploadRecord(record: QmsRecord): UploadRecord {
  const out: UploadRecord = {
    type: record.type,
    id: record.id,
    data: record.data,
    hash: record.hash,
    source: record.source,
  };
  if (record.warnings.length > 0) out.warnings = record.warnings.slice(0, MAX_WARNINGS);
  return out;
}

/** Pure: splits records into upload parts of at most `limits.records` records and about `limits.bytes` bytes. */
export function uploadParts(
  records: readonly QmsRecord[],
  limits = { records: MAX_RECORDS_PER_PART, bytes: MAX_BYTES_PER_PART },
): UploadRecord[][] {
  const parts: UploadRecord[][] = [];
  let current: UploadRecord[] = [];
  let bytes = 0;
  for (const record of records) {
    const wire = uploadRecord(record);
    const size = JSON.stringify(wire).length + 1;
    if (current.length > 0 && (current.length + 1 > limits.records || bytes + size > limits.bytes)) {
      parts.push(current);
      current = [];
      bytes = 0;
    }
    current.push(wire);
    bytes += size;
  }
  if (current.length > 0) parts.push(current);
  return parts;
}
