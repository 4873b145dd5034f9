import { z } from 'zod';
import { SUPPLIER_CRITICALITY, SUPPLIER_STATUSES } from '../core/lists.js';
import { id, isoDate, requiredText, text } from '../core/zod-parts.js';

/** On 1–5: a whole mark as typed, or a mark converted from the declared 1–10 or percent scale (two decimals). */
const score = z.number().min(1).max(5);

export const supplierSchema = z.object({
  supplierId: id,
  name: requiredText,
  productsServices: text.optional(),
  criticality: z.enum(SUPPLIER_CRITICALITY),
  quality: score.optional(),
  delivery: score.optional(),
  responsiveness: score.optional(),
  cost: score.optional(),
  certification: text.optional(),
  certificateExpiry: isoDate.optional(),
  evaluationDate: isoDate.optional(),
  evaluatedBy: text.optional(),
  /** Weighted mean of the four scores (recomputed, never read from the sheet); absent until all are scored. */
  score: z.number().min(1).max(5).optional(),
  status: z.enum(SUPPLIER_STATUSES),
  nextEvaluation: isoDate.optional(),
  /** True when Next evaluation was blank and was derived from criticality. */
  nextEvaluationDefaulted: z.boolean().optional(),
  notes: text.optional(),
});
export type Supplier = z.infer<typeof supplierSchema>;

export const supplierCriterionSchema = z.object({
  /** The product's Quality, Delivery, Responsiveness, Cost, or a name a consultant's pack gives. */
  criterion: z.string().trim().min(1).max(40),
  /** The criterion's key where the name does not give it: a renamed product criterion's field, or an extra one's. */
  key: z
    .string()
    .regex(/^[a-z][A-Za-z0-9]*$/)
    .max(40)
    .optional(),
  weightPct: z.number().min(0).max(100),
  description: text.optional(),
});
export type SupplierCriterion = z.infer<typeof supplierCriterionSchema>;
