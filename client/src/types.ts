/**
 * The backend's HTTP contract as the pane and the CLI see it: every type comes from `@qms/contract`, where the
 * server's zod schemas are, so client and server cannot drift apart.
 */
import type { QmsRecord } from '@qms/templates';
import type { Snapshot as WireSnapshot, SyncRequestBody } from '@qms/contract';

import type { Problem as WireProblem, SyncResult } from '@qms/contract';

export type { Assessment, Health, Org, PortfolioEntry, SyncResult } from '@qms/contract';

/**
 * A problem as received: the server always sends every field, but a proxy or gateway in between may answer with
 * less, so only the status and title are counted on.
 */
export type Problem = Pick<WireProblem, 'title' | 'status'> & Partial<WireProblem>;

/** What one sync added up to over all its parts: the counts and every refused record. */
export type SyncTotals = Pick<SyncResult, 'created' | 'updated' | 'unchanged' | 'deleted' | 'rejected'>;

/** The record as sent: where it came from travels too, so the server's answers can name sheets and rows. */
export type WireRecord = Pick<QmsRecord, 'type' | 'id' | 'data' | 'hash'> &
  Partial<Pick<QmsRecord, 'source' | 'warnings'>>;

/** One type's records in a sync; `complete` means every record of the type (stored ones not listed are deleted). */
export type Snapshot = Omit<WireSnapshot, 'records' | 'type'> & { type: string; records: WireRecord[] };

/** A sync request as the client builds it: part and part count always set. */
export type SyncRequest = Omit<SyncRequestBody, 'snapshots' | 'part' | 'parts'> & {
  snapshots: Snapshot[];
  /** 1-based part number and part count when one sync is split over several requests. */
  part: number;
  parts: number;
};
