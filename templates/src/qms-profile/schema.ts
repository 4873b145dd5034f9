import { z } from 'zod';
import { CONSULTANT_INVOLVEMENT, RISK_CATEGORIES } from '../core/lists.js';
import { isoDate, nonNegative, requiredText, text } from '../core/zod-parts.js';
import { isCurrencyCode } from './currencies.js';

export const profileSchema = z.object({
  organizationName: requiredText,
  certificationScope: requiredText,
  sitesInScope: z.number().int().min(1),
  effectivePersonnel: z.number().int().min(1),
  riskCategory: z.enum(RISK_CATEGORIES),
  standard: z.literal('ISO 9001:2015').default('ISO 9001:2015'),
  projectStart: isoDate.optional(),
  targetCertificationDate: isoDate.optional(),
  certificationBody: text.optional(),
  accredited: z.boolean().optional(),
  cbDayRate: nonNegative.optional(),
  currency: z
    .string()
    .refine(isCurrencyCode, { message: 'must be a three-letter ISO 4217 code in capitals, such as EUR' })
    .default('EUR'),
  travelPerAuditDay: nonNegative.optional(),
  consultantDayRate: nonNegative.optional(),
  consultantInvolvement: z.enum(CONSULTANT_INVOLVEMENT).optional(),
  internalHourlyCost: nonNegative.optional(),
  teamCapacityHoursPerWeek: z.number().finite().gt(0).optional(),
  monthsOfRecordsBeforeStage1: z.number().int().min(0).default(3),
});
export type Profile = z.infer<typeof profileSchema>;
