import { z } from 'zod';
import { CAPA_SEVERITIES, CAPA_SOURCES, CAPA_STATUSES, EFFECTIVENESS, ROOT_CAUSE_METHODS } from '../core/lists.js';
import { id, isoDate, text } from '../core/zod-parts.js';

export const capaSchema = z.object({
  capaId: id,
  dateOpened: isoDate,
  source: z.enum(CAPA_SOURCES).optional(),
  clause: text.optional(),
  severity: z.enum(CAPA_SEVERITIES).optional(),
  description: text.optional(),
  containment: text.optional(),
  rootCause: text.optional(),
  rootCauseMethod: z.enum(ROOT_CAUSE_METHODS).optional(),
  correctiveAction: text.optional(),
  owner: text.optional(),
  dueDate: isoDate.optional(),
  status: z.enum(CAPA_STATUSES),
  dateClosed: isoDate.optional(),
  effectiveness: z.enum(EFFECTIVENESS).optional(),
  verifiedBy: text.optional(),
  verificationDate: isoDate.optional(),
});
export type Capa = z.infer<typeof capaSchema>;
