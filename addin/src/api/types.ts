/**
 * The backend's HTTP contract (DESIGN §7) as the pane and CLI see it. Declared here, not imported from
 * functions/, so the client stays a small browser-safe module; shapes the pane does not show are left open.
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
export type WireRecord = Pick<QmsRecord, 'type' | 'id' | 'data' | 'hash'> & Partial<Pick<QmsRecord, 'source' | 'warnings'>>;

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

export interface Figure<T> {
  value: T;
  rule: string;
  inputs?: Record<string, unknown>;
  defaulted?: boolean;
}

export interface GroupScore {
  group: number;
  score: Figure<number | null>;
}

export interface Gate {
  id: string;
  name: string;
  passed: boolean;
  reason: string;
}

export interface Blocker {
  kind: string;
  ref: string;
  title: string;
  fix: string;
  points: Figure<number>;
}

export interface Milestone {
  id: string;
  name: string;
  source: 'records' | 'estimate';
  p50: Figure<string>;
  p80: Figure<string>;
}

export interface CostRange {
  low: number;
  likely: number;
  high: number;
}

export interface CostLine {
  id: string;
  label: string;
  amount: Figure<CostRange | null>;
}

export interface Assessment {
  asOf: string;
  organization?: string;
  readiness: { overall: Figure<number>; groups: GroupScore[] };
  gates: Gate[];
  verdict: Figure<string>;
  blockers: Blocker[];
  timeline: { milestones: Milestone[]; target?: { date: string; slackWeeksP50: Figure<number>; slackWeeksP80: Figure<number> } };
  cost?: { currency: string; lines: CostLine[]; threeYearTotal: Figure<CostRange | null> };
  notes?: string[];
}

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
