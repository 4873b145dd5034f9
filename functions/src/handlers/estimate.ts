import { estimateBodySchema } from '@qms/contract';
import { estimate } from '@qms/engine';
import { invalidRequest, readJson } from '../http/body.js';
import { json } from '../http/problem.js';
import type { RouteContext } from '../http/types.js';

const ESTIMATE_BODY_LIMIT = 64 * 1024;

/** POST /api/estimate — signed in. Stateless audit days, cost and (with a start date) timeline for a profile. */
export async function postEstimate({ request }: RouteContext) {
  const parsed = estimateBodySchema.safeParse(await readJson(request, ESTIMATE_BODY_LIMIT));
  if (!parsed.success) throw invalidRequest(parsed.error.issues, 'estimate request');
  const { profile, asOf } = parsed.data;
  return json(200, estimate(profile, undefined, asOf));
}
