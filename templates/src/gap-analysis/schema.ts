import { z } from 'zod';
import { GAP_STATUSES, PRIORITIES } from '../core/lists.js';
import { findClause } from '../catalogue/iso9001-2015.js';
import { isoDate, nonNegative, requiredText, text } from '../core/zod-parts.js';

export const gapSchema = z.object({
  /** A catalogue clause number, as the parser normalised it (the record id). */
  clause: requiredText.refine((c) => findClause(c) !== undefined, {
    message: 'must be an ISO 9001:2015 catalogue clause such as 8.5.1',
  }),
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
