import { CONTROL_CHARACTERS } from '@qms/templates';
import { putMemberBodySchema, type Member } from '@qms/contract';
import { invalidRequest, readJson } from '../http/body.js';
import { ApiError, json } from '../http/problem.js';
import type { RouteContext } from '../http/types.js';
import { changeMembership, type ChangeOutcome } from '../storage/members-store.js';

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

const LAST_OWNER_MESSAGE = "This is the organisation's only owner; make someone else an owner first.";

/** Maps a refused change to its problem; owner changes are decided in the store, atomically (see changeMembership). */
function refusal(outcome: Exclude<ChangeOutcome, 'done'>): ApiError {
  if (outcome === 'last-owner') return new ApiError(409, 'last-owner', LAST_OWNER_MESSAGE);
  return new ApiError(
    409,
    'members-busy',
    "The organisation's members were being changed by someone else at the same moment; reload them and try again.",
  );
}

/** PUT /api/orgs/{org}/members/{user} — owner. Body `{ role }`: grants or changes a role. */
export async function putMember(rc: RouteContext) {
  if (rc.org === undefined) throw new Error('org route without org context');
  const user = targetUser(rc);
  const parsed = putMemberBodySchema.safeParse(await readJson(rc.request, 4 * 1024));
  if (!parsed.success) throw invalidRequest(parsed.error.issues, 'membership');
  const role = parsed.data.role;
  const outcome = await changeMembership(rc.deps.tables, rc.org.id, user, {
    role,
    since: rc.deps.clock.now().toISOString(),
  });
  if (outcome !== 'done') throw refusal(outcome);
  const member: Member = { org: rc.org.id, user, role };
  return json(200, member);
}

/** DELETE /api/orgs/{org}/members/{user} — owner. Removes the user's role (204 even if they had none). */
export async function deleteMember(rc: RouteContext) {
  if (rc.org === undefined) throw new Error('org route without org context');
  const user = targetUser(rc);
  const outcome = await changeMembership(rc.deps.tables, rc.org.id, user, 'remove');
  if (outcome !== 'done') throw refusal(outcome);
  return { status: 204 };
}
