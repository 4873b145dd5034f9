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

/** POST /api/orgs — signed in. Body `{ name, id? }` (or `org` for `id`). The caller becomes the owner. 409 when the id is taken. */
export async function postOrg(rc: RouteContext) {
  if (rc.caller === undefined) throw new Error('org creation without caller');
  const parsed = createOrgBodySchema.safeParse(await readJson(rc.request, 16 * 1024));
  if (!parsed.success) throw invalidRequest(parsed.error.issues, 'organisation');
  const { name } = parsed.data;
  const id = parsed.data.id ?? parsed.data.org ?? orgIdFrom(name, randomBytes(4).readUInt32BE(0).toString(36));
  const now = rc.deps.clock.now().toISOString();
  const inserted = await insertOrg(rc.deps.tables, { id, name, createdBy: rc.caller.userId, createdAt: now });
  if (!inserted)
    throw new ApiError(
      409,
      'org-exists',
      `The organisation id "${id}" is taken; choose another id or leave it out to get one.`,
    );
  await putMembership(rc.deps.tables, { user: rc.caller.userId, org: id, role: 'owner', since: now });
  const created: Org = { id, org: id, name, role: 'owner' };
  return json(201, created, { location: `/api/orgs/${id}/profile` });
}
