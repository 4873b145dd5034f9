import { isIsoDate, recordSchemas } from '@qms/templates';
import { z } from 'zod';
import { estimate } from '@qms/engine';
import { invalidRequest, readJson } from '../http/body.js';
import { json } from '../http/problem.js';
import type { RouteContext } from '../http/types.js';

const ESTIMATE_BODY_LIMIT = 64 * 1024;

/** A quick-quote profile: the QMS Profile's sizing and rate fields, of which only personnel is required. */
const estimateBody = z.object({
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

/** POST /api/estimate — signed in. Stateless audit days, cost and (with a start date) timeline for a profile. */
export async function postEstimate({ request }: RouteContext) {
  const parsed = estimateBody.safeParse(await readJson(request, ESTIMATE_BODY_LIMIT));
  if (!parsed.success) throw invalidRequest(parsed.error.issues, 'estimate request');
  const { profile, asOf } = parsed.data;
  return json(200, estimate(profile, undefined, asOf));
}
