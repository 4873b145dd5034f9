import { z } from 'zod';
import { AUDIT_STATUSES, AUDIT_TYPES } from '../core/lists.js';
import { findClause } from '../catalogue/iso9001-2015.js';
import { id, isoDate, text } from '../core/zod-parts.js';

export const auditEventSchema = z.object({
  eventId: id,
  type: z.enum(AUDIT_TYPES),
  /** As typed: `all`, or a list such as `4, 5.1-5.3, 9.2`. */
  scope: text.optional(),
  /** Catalogue clauses the scope covers, expanded (headings and ranges resolved); every clause for `all`. */
  scopeClauses: z
    .array(
      z.string().refine((c) => findClause(c) !== undefined, { message: 'must be an ISO 9001:2015 catalogue clause' }),
    )
    .optional(),
  plannedDate: isoDate.optional(),
  completedDate: isoDate.optional(),
  lead: text.optional(),
  majorFindings: z.number().int().min(0).optional(),
  minorFindings: z.number().int().min(0).optional(),
  observations: z.number().int().min(0).optional(),
  reportReference: text.optional(),
  status: z.enum(AUDIT_STATUSES),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;
