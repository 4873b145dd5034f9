import { z } from 'zod';
import { REVIEW_STATUSES } from '../core/lists.js';
import { id, isoDate, text } from '../core/zod-parts.js';
import { REVIEW_INPUT_KEYS, type ReviewInputKey } from './inputs.js';

/** Each 9.3.2 input's Covered answer, a boolean under its key (blank: not answered). */
const covered = Object.fromEntries(REVIEW_INPUT_KEYS.map((key) => [key, z.boolean().optional()])) as {
  [K in ReviewInputKey]: z.ZodOptional<z.ZodBoolean>;
};

export const managementReviewSchema = z.object({
  reviewId: id,
  date: isoDate.optional(),
  status: z.enum(REVIEW_STATUSES),
  chair: text.optional(),
  ...covered,
  decisions: text.optional(),
  actionsRaised: text.optional(),
  minutesReference: text.optional(),
});
export type ManagementReview = z.infer<typeof managementReviewSchema>;
