import { CONTROL_CHARACTERS, isWellFormedText } from '@qms/templates';

/**
 * Bidirectional formatting characters (embeddings, overrides, isolates, marks): in a name shown beside others (a
 * portfolio), an override can make "Acme" read as something else. Plain text names need none of them.
 */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
import { z } from 'zod';

/** An organisation id: lower-case letters, digits and dashes, 1–63 characters, no dash at either end. */
export const ORG_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export const ROLES = ['owner', 'editor', 'viewer', 'consultant'] as const;
export type Role = (typeof ROLES)[number];

const orgId = z.string().regex(ORG_ID_PATTERN, 'must be lower-case letters, digits and dashes (at most 63)');

/** POST /orgs: the name, and the id the caller would like (else one is made from the name). */
export const createOrgBodySchema = z.object({
  name: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .refine((s) => !CONTROL_CHARACTERS.test(s), { message: 'must not contain control characters' })
    .refine((s) => !BIDI_CONTROLS.test(s), {
      message: 'must not contain text-direction controls (such as U+202E); type the name as plain text',
    })
    .refine(isWellFormedText, { message: 'must be well-formed text' }),
  id: orgId.optional(),
  /** Same as `id` (older clients send `org`). */
  org: orgId.optional(),
});
export type CreateOrgBody = z.input<typeof createOrgBodySchema>;

/** 201 from POST /orgs. */
export const orgSchema = z.object({
  id: z.string(),
  org: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
});
export type Org = z.infer<typeof orgSchema>;

/** PUT /orgs/{org}/members/{user}. */
export const putMemberBodySchema = z.object({ role: z.enum(ROLES) });
export type PutMemberBody = z.infer<typeof putMemberBodySchema>;

/**
 * 200 from PUT /orgs/{org}/members/{user} and from accepting an invitation. `status` says what the user holds now:
 * `member` (the role applies at once: an existing member's role was changed, or an invitation was accepted) or
 * `invited` (the user was not a member, so they were invited with that role and have no access until they accept).
 */
export const memberSchema = z.object({
  org: z.string(),
  user: z.string(),
  role: z.enum(ROLES),
  status: z.enum(['member', 'invited']),
});
export type Member = z.infer<typeof memberSchema>;

/** One organisation in GET /portfolio: the caller's role and the latest stored readiness. */
export const portfolioEntrySchema = z.object({
  id: z.string(),
  org: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  readiness: z.number().nullable(),
  verdict: z.string().nullable(),
  nextMilestone: z.object({ name: z.string(), date: z.string() }).nullable(),
  assessedAt: z.string().nullable(),
  lastSync: z.string().nullable(),
});
export type PortfolioEntry = z.infer<typeof portfolioEntrySchema>;

/**
 * An invitation in GET /portfolio: which organisation, the role offered, who invited and when. Nothing about the
 * organisation's readiness: until the user accepts, they have no access to it.
 */
export const invitationEntrySchema = z.object({
  id: z.string(),
  org: z.string(),
  name: z.string(),
  invitation: z.literal(true),
  role: z.enum(ROLES),
  invitedBy: z.string(),
  invitedAt: z.string(),
});
export type InvitationEntry = z.infer<typeof invitationEntrySchema>;

/**
 * 200 from GET /portfolio. `orgs` holds only organisations the caller can open; invitations are listed apart, so a
 * client that does not know them never offers to open an organisation it has no access to.
 */
export const portfolioSchema = z.object({
  orgs: z.array(portfolioEntrySchema),
  invitations: z.array(invitationEntrySchema),
});
export type Portfolio = z.infer<typeof portfolioSchema>;

/** One day of GET /orgs/{org}/assessment/history: that day's latest stored readiness. */
export const historyPointSchema = z.object({
  date: z.string(),
  asOf: z.string(),
  readiness: z.number().nullable(),
  verdict: z.string().nullable(),
  nextMilestone: z.object({ name: z.string(), date: z.string() }).nullable(),
});
export type HistoryPoint = z.infer<typeof historyPointSchema>;

/** 200 from GET /orgs/{org}/assessment/history: one point per day, oldest first. */
export const historySchema = z.object({ points: z.array(historyPointSchema) });
export type History = z.infer<typeof historySchema>;
