import { isIsoDate, recordSchemas } from '@qms/templates';
import { z } from 'zod';

/** POST /estimate: the QMS Profile's sizing and rate fields, of which only personnel is required. */
export const estimateBodySchema = z.object({
  profile: recordSchemas.profile
    .pick({
      effectivePersonnel: true,
      sitesInScope: true,
      riskCategory: true,
      cbDayRate: true,
      currency: true,
      travelPerAuditDay: true,
      consultantDayRate: true,
      consultantInvolvement: true,
      internalHourlyCost: true,
      teamCapacityHoursPerWeek: true,
      monthsOfRecordsBeforeStage1: true,
      projectStart: true,
      targetCertificationDate: true,
    })
    .partial()
    .required({ effectivePersonnel: true }),
  asOf: z.string().refine(isIsoDate, { message: 'must be a date as YYYY-MM-DD' }).optional(),
});
export type EstimateBody = z.input<typeof estimateBodySchema>;
