import { CONTROL_CHARACTERS } from '@qms/templates';
import { z } from 'zod';
import { ROLES } from '../auth/roles.js';
import { invalidRequest, readJson } from '../http/body.js';
import { ApiError, json } from '../http/problem.js';
import type { RouteContext } from '../http/types.js';
import { deleteMembership, listMembersOfOrg, putMembership } from '../storage/members-store.js';

const putMemberBody = z.object({ role: z.enum(ROLES) });

function targetUser(rc: RouteContext): string {
  const user = rc.params.user ?? '';
  if (user === '' || user.length > 128 || CONTROL_CHARACTERS.test(user)) {
    throw new ApiError(
      400,
      'bad-user-id',
      'The user id in the path must be 1–128 characters without control characters (the Entra object id).',
    );
  }
  return user;
}

/** Refuses to leave an organisation without an owner. */
async function assertNotLastOwner(rc: RouteContext, org: string, user: string): Promise<void> {
  const members = await listMembersOfOrg(rc.deps.tables, org);
  const owners = members.filter((m) => m.role === 'owner');
  if (owners.length === 1 && owners[0]?.user === user) {
    throw new ApiError(409, 'last-owner', "This is the organisation's only owner; make someone else an owner first.");
  }
}

/** PUT /api/orgs/{org}/members/{user} — owner. Body `{ role }`: grants or changes a role. */
export async function putMember(rc: RouteContext) {
  if (rc.org === undefined) throw new Error('org route without org context');
  const user = targetUser(rc);
  const parsed = putMemberBody.safeParse(await readJson(rc.request, 4 * 1024));
  if (!parsed.success) throw invalidRequest(parsed.error.issues, 'membership');
  if (parsed.data.role !== 'owner') await assertNotLastOwner(rc, rc.org.id, user);
  await putMembership(rc.deps.tables, {
    user,
    org: rc.org.id,
    role: parsed.data.role,
    since: rc.deps.clock.now().toISOString(),
  });
  return json(200, { org: rc.org.id, user, role: parsed.data.role });
}

/** DELETE /api/orgs/{org}/members/{user} — owner. Removes the user's role (204 even if they had none). */
export async function deleteMember(rc: RouteContext) {
  if (rc.org === undefined) throw new Error('org route without org context');
  const user = targetUser(rc);
  await assertNotLastOwner(rc, rc.org.id, user);
  await deleteMembership(rc.deps.tables, user, rc.org.id);
  return { status: 204 };
}
