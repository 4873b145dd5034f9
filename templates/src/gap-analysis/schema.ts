import { z } from 'zod';
import { GAP_STATUSES, PRIORITIES } from '../core/lists.js';
import { isoDate, nonNegative, requiredText, text } from '../core/zod-parts.js';

export const gapSchema = z.object({
  clause: requiredText,
  title: text.optional(),
  status: z.enum(GAP_STATUSES),
  evidence: text.optional(),
  gap: text.optional(),
  action: text.optional(),
  owner: text.optional(),
  targetDate: isoDate.optional(),
  priority: z.enum(PRIORITIES).optional(),
  effortDays: nonNegative.optional(),
});
export type GapRow = z.infer<typeof gapSchema>;
