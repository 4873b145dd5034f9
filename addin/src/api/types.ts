/**
 * The backend's HTTP contract (DESIGN §7) as the pane and CLI see it. Declared here, not imported from
 * functions/, so the client stays a small browser-safe module; the assessment is the one exception, as a type
 * only (see below).
 */
import type { Issue, QmsRecord } from '@qms/templates';

export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  code?: string;
  /** Per-record issues on validation failures. */
  issues?: unknown[];
}

/** The record as sent: where it came from travels too, so the server's answers can name sheets and rows. */
export type WireRecord = Pick<QmsRecord, 'type' | 'id' | 'data' | 'hash'> &
  Partial<Pick<QmsRecord, 'source' | 'warnings'>>;

export interface Snapshot {
  type: string;
  /** True when this is every record of the type: the server then deletes stored ones it does not list. */
  complete: boolean;
  records: WireRecord[];
}

export interface SyncRequest {
  syncId: string;
  templates: Record<string, number>;
  snapshots: Snapshot[];
  /** 1-based part number and part count when one sync is split over several requests. */
  part: number;
  parts: number;
}

export interface SyncResult {
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  rejected: { id: string; type?: string; issues: (Issue | { message: string })[] }[];
}

export interface Health {
  status: string;
  storage: string;
}

/**
 * GET /assessment answers with the engine's Assessment as JSON, so the pane takes the engine's type (type-only:
 * nothing of the engine reaches the bundle) instead of a hand-kept subset that could drift from it.
 */
export type { Assessment } from '@qms/engine';

export interface PortfolioEntry {
  org: string;
  name?: string;
  readiness?: number | null;
  verdict?: string | null;
  nextMilestone?: { name: string; date: string } | null;
  lastSync?: string | null;
}

export interface Org {
  org: string;
  name?: string;
  role?: string;
}
