import { z } from 'zod';
import { isCurrencyCode } from '../qms-profile/currencies.js';
import { id, isoDate, nonNegative, text } from '../core/zod-parts.js';

export const cbQuoteSchema = z.object({
  certificationBody: id,
  accreditationBody: text.optional(),
  accreditedForScope: z.boolean().optional(),
  accreditationCheckedOn: isoDate.optional(),
  quotedAuditDays: nonNegative.optional(),
  dayRate: nonNegative.optional(),
  travelPerDay: nonNegative.optional(),
  quotedTotal: nonNegative.optional(),
  currency: z
    .string()
    .refine(isCurrencyCode, { message: 'must be a three-letter ISO 4217 code in capitals, such as EUR' })
    .optional(),
  leadTimeWeeks: nonNegative.optional(),
  sectorExperience: text.optional(),
  consultancyToUs: z.boolean().optional(),
  chosen: z.boolean().optional(),
  notes: text.optional(),
});
export type CbQuote = z.infer<typeof cbQuoteSchema>;
