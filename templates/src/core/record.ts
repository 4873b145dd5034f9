import { contentHash } from './hash.js';
import type { Issue } from './issues.js';

/** Record types stored by the backend; one per kind of row (docs/architecture.md, Templates and records). */
export const RECORD_TYPES = [
  'profile',
  'gap',
  'kpi',
  'kpi-measurement',
  'supplier',
  'supplier-criterion',
  'capa',
  'audit-event',
  'management-review',
  'cb-quote',
  'document',
  'training',
] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

export interface QmsRecord<T = Record<string, unknown>> {
  type: RecordType;
  /** The template's natural key (clause, KPI ID, `KPI ID|period`, Supplier ID, CAPA ID, Event ID, `profile`). */
  id: string;
  data: T;
  source: { sheet: string; row: number };
  /** Content hash of `data`, independent of key order. */
  hash: string;
  /** Warnings found on the row (a row with an error yields no record). */
  warnings: Issue[];
}

/** Drops undefined members so that data, its JSON and its hash agree; data without any is returned as it is. */
export function compact<T extends Record<string, unknown>>(data: T): T {
  let clean = true;
  for (const key in data) {
    if (data[key] === undefined) {
      clean = false;
      break;
    }
  }
  if (clean) return data;
  const out: Record<string, unknown> = {};
  for (const key in data) {
    const v = data[key];
    if (v !== undefined) out[key] = v;
  }
  return out as T;
}

export function makeRecord<T extends Record<string, unknown>>(
  type: RecordType,
  id: string,
  data: T,
  source: { sheet: string; row: number },
  warnings: Issue[] = [],
): QmsRecord<T> {
  const clean = compact(data);
  return { type, id, data: clean, source, hash: contentHash(clean), warnings };
}
