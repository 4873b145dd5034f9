import { randomBytes } from 'node:crypto';
import { createOrgBodySchema, type Org } from '@qms/contract';
import { invalidRequest, readJson } from '../http/body.js';
import { ApiError, json } from '../http/problem.js';
import type { RouteContext } from '../http/types.js';
import { putMembership } from '../storage/members-store.js';
import { insertOrg } from '../storage/orgs-store.js';

/** A readable, unguessable-enough id from the name: `acme-ltd-3k9x2q`. */
export function orgIdFrom(name: string, random: string): string {
  const slug = name
    .normalize('NFKD')
    // Decomposed accents become plain letters (é → e) instead of dashes.
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/g, '');
  return slug === '' ? `org-${random}` : `${slug}-${random}`;
}

/**
 * Ids no organisation may have: names of the API's own routes and of the service, which would read as something
 * else in a path or a portfolio. (`demo` is not among them: `npm start` creates it for the dev user.)
 */
export const RESERVED_ORG_IDS: ReadonlySet<string> = new Set([
  'api',
  'admin',
  'health',
  'portfolio',
  'orgs',
  'estimate',
]);

/** One refusal for every id that cannot be had, so the answer never tells whether an organisation exists. */
function unavailable(id: string): ApiError {
  return new ApiError(
    409,
    'org-id-unavailable',
    `The organisation id "${id}" cannot be used; choose another id, or leave it out to get one.`,
  );
}

/**
 * POST /api/orgs — signed in. Body `{ name, id? }` (or `org` for `id`). The caller becomes the owner. 409
 * org-id-unavailable, with the same words, when the id is taken or reserved.
 */
export async function postOrg(rc: RouteContext) {
  if (rc.caller === undefined) throw new Error('org creation without caller');
  const parsed = createOrgBodySchema.safeParse(await readJson(rc.request, 16 * 1024));
  if (!parsed.success) throw invalidRequest(parsed.error.issues, 'organisation');
  const { name } = parsed.data;
  const id = parsed.data.id ?? parsed.data.org ?? orgIdFrom(name, randomBytes(4).readUInt32BE(0).toString(36));
  if (RESERVED_ORG_IDS.has(id)) throw unavailable(id);
  const now = rc.deps.clock.now().toISOString();
  const inserted = await insertOrg(rc.deps.tables, { id, name, createdBy: rc.caller.userId, createdAt: now });
  if (!inserted) throw unavailable(id);
  await putMembership(rc.deps.tables, { user: rc.caller.userId, org: id, role: 'owner', since: now });
  const created: Org = { id, org: id, name, role: 'owner' };
  return json(201, created, { location: `/api/orgs/${id}/profile` });
}
