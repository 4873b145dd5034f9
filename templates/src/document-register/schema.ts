import { z } from 'zod';
import { findClause } from '../catalogue/iso9001-2015.js';
import { DOCUMENT_STATUSES, DOCUMENT_TYPES } from '../core/lists.js';
import { id, isoDate, text } from '../core/zod-parts.js';

export const documentSchema = z.object({
  docId: id,
  title: text.optional(),
  type: z.enum(DOCUMENT_TYPES).optional(),
  /** As typed: a list such as `7.5, 8.1`. */
  clauses: text.optional(),
  /** The catalogue clauses the Clauses cell names, expanded (a heading such as 7.5 gives 7.5.1–7.5.3). */
  clauseList: z
    .array(
      z.string().refine((c) => findClause(c) !== undefined, { message: 'must be an ISO 9001:2015 catalogue clause' }),
    )
    .optional(),
  owner: text.optional(),
  revision: text.optional(),
  status: z.enum(DOCUMENT_STATUSES),
  approvedBy: text.optional(),
  approvalDate: isoDate.optional(),
  nextReview: isoDate.optional(),
  /** A path or URL, kept as text: the product never opens it. */
  location: text.optional(),
  retention: text.optional(),
});
export type DocumentEntry = z.infer<typeof documentSchema>;
