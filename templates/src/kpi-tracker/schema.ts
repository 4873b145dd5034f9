import { z } from 'zod';
import { KPI_DIRECTIONS, KPI_FREQUENCIES, RAG } from '../core/lists.js';
import { id, isoDate, requiredText, text } from '../core/zod-parts.js';

export const kpiSchema = z.object({
  kpiId: id,
  name: requiredText,
  qualityObjective: text.optional(),
  clause: text.optional(),
  unit: text.optional(),
  direction: z.enum(KPI_DIRECTIONS),
  target: z.number().finite(),
  amberThreshold: z.number().finite().optional(),
  frequency: z.enum(KPI_FREQUENCIES),
  owner: text.optional(),
});
export type Kpi = z.infer<typeof kpiSchema>;

export const kpiMeasurementSchema = z.object({
  kpiId: id,
  /** Start of the period, normalised (2026-Q1 → 2026-01-01). */
  period: isoDate,
  /** The period as the frequency names it: 2026-W09, 2026-03, 2026-Q1, 2026. */
  periodLabel: text,
  actual: z.number().finite(),
  comment: text.optional(),
  /** Derived from the KPI's target and amber threshold. */
  rag: z.enum(RAG),
});
export type KpiMeasurement = z.infer<typeof kpiMeasurementSchema>;
