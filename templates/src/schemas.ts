import type { z } from 'zod';
import { auditEventSchema } from './audit-programme/schema.js';
import { capaSchema } from './capa-log/schema.js';
import { cbQuoteSchema } from './cb-comparison/schema.js';
import { extraSchema } from './core/extra.js';
import type { RecordType } from './core/record.js';
import { documentSchema } from './document-register/schema.js';
import { gapSchema } from './gap-analysis/schema.js';
import { kpiMeasurementSchema, kpiSchema } from './kpi-tracker/schema.js';
import { managementReviewSchema } from './management-review/schema.js';
import { profileSchema } from './qms-profile/schema.js';
import { supplierCriterionSchema, supplierSchema } from './supplier-evaluation/schema.js';
import { trainingSchema } from './training-records/schema.js';

/**
 * Every record may carry `extra`: the values of a pack's extra columns (core/extra.ts). Optional, so a record without
 * it is read, stored and hashed exactly as before.
 */
function withExtra<S extends z.ZodRawShape>(schema: z.ZodObject<S, z.core.$strip>) {
  return schema.extend({ extra: extraSchema.optional() });
}

/** One zod schema per record type: the parser's output shape, re-checked by the backend on sync. */
export const recordSchemas = {
  profile: withExtra(profileSchema),
  gap: withExtra(gapSchema),
  kpi: withExtra(kpiSchema),
  'kpi-measurement': withExtra(kpiMeasurementSchema),
  supplier: withExtra(supplierSchema),
  'supplier-criterion': withExtra(supplierCriterionSchema),
  capa: withExtra(capaSchema),
  'audit-event': withExtra(auditEventSchema),
  'management-review': withExtra(managementReviewSchema),
  'cb-quote': withExtra(cbQuoteSchema),
  document: withExtra(documentSchema),
  training: withExtra(trainingSchema),
} as const satisfies Record<RecordType, z.ZodType>;

export type RecordDataByType = { [K in RecordType]: z.infer<(typeof recordSchemas)[K]> };

/** Which template each record type comes from (a sync snapshot is per record type). */
export const TEMPLATE_OF_RECORD_TYPE: Record<RecordType, readonly string[]> = {
  profile: ['qms-profile'],
  gap: ['gap-analysis'],
  // The same KPIs kept long (definitions + measurements) or wide (one row per KPI, periods as columns).
  kpi: ['kpi-tracker', 'kpi-wide'],
  'kpi-measurement': ['kpi-tracker', 'kpi-wide'],
  supplier: ['supplier-evaluation'],
  'supplier-criterion': ['supplier-evaluation'],
  capa: ['capa-log'],
  // Audit events from the programme list or from a year planner of marks.
  'audit-event': ['audit-programme', 'audit-calendar'],
  'management-review': ['management-review'],
  'cb-quote': ['cb-comparison'],
  document: ['document-register'],
  // The same trainings kept tall (one row per person and competence) or wide (competences as columns).
  training: ['training-records', 'training-wide'],
};

export type DataCheck<T> = { ok: true; data: T } | { ok: false; problems: { path: string; message: string }[] };

/** Validates record data against its type's schema (used server-side; never throws). */
export function checkRecordData<K extends RecordType>(type: K, data: unknown): DataCheck<RecordDataByType[K]> {
  const result = recordSchemas[type].safeParse(data);
  if (result.success) return { ok: true, data: result.data as RecordDataByType[K] };
  return {
    ok: false,
    problems: result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  };
}
