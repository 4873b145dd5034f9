import { z } from 'zod';
import { TRAINING_EFFECTIVENESS, TRAINING_METHODS } from '../core/lists.js';
import { isoDate, requiredText, text } from '../core/zod-parts.js';

export const trainingSchema = z.object({
  person: requiredText,
  role: text.optional(),
  department: text.optional(),
  competence: requiredText,
  requiredForRole: z.boolean().optional(),
  completedDate: isoDate.optional(),
  /** A wide matrix's ✓: completed, on a day the sheet does not give. */
  completed: z.boolean().optional(),
  validUntil: isoDate.optional(),
  method: z.enum(TRAINING_METHODS).optional(),
  effectivenessChecked: z.enum(TRAINING_EFFECTIVENESS).optional(),
  evidenceRef: text.optional(),
});
export type TrainingRecord = z.infer<typeof trainingSchema>;

/** Completed: a completion date, or a wide matrix's ✓. */
export function isTrainingCompleted(t: Pick<TrainingRecord, 'completedDate' | 'completed'>): boolean {
  return t.completedDate !== undefined || t.completed === true;
}

/** The record id of a person's competence: both halves as typed, joined by `|`. */
export function trainingId(person: string, competence: string): string {
  return `${person}|${competence}`;
}
