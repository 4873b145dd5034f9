import { CONTROL_CHARACTERS } from '@qms/templates';
import { SELF_MEMBER, putMemberBodySchema, type Member } from '@qms/contract';
import { invalidRequest, readJson } from '../http/body.js';
import { orgIdParam } from '../http/pipeline.js';
import { ApiError, forbidden, json } from '../http/problem.js';
import type { RouteContext } from '../http/types.js';
import { changeMembership, type ChangeOutcome } from '../storage/members-store.js';

/** The `{user}` of the path; `me` (SELF_MEMBER) is the caller, so a client that lacks its own user id can leave. */
function targetUser(rc: RouteContext, caller: string): string {
  const user = rc.params.user ?? '';
  if (user === SELF_MEMBER) return caller;
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
const LAST_OWNER_LEAVING_MESSAGE =
  "You are this organisation's only owner, so you cannot leave it yet: hand ownership over first (make another " +
  'member an owner), then leave.';

/**
 * Maps a refused change to its problem; owner changes are decided in the store, atomically (see changeMembership).
 * `leaving` words the last-owner refusal for a caller removing themselves.
 */
function refusal(outcome: 'last-owner' | 'no-invitation' | 'busy', leaving = false): ApiError {
  if (outcome === 'last-owner') {
    return new ApiError(409, 'last-owner', leaving ? LAST_OWNER_LEAVING_MESSAGE : LAST_OWNER_MESSAGE);
  }
  if (outcome === 'no-invitation') {
    // The same words whether the organisation exists or not: only an invited user learns anything about it.
    return new ApiError(
      404,
      'no-invitation',
      'You have no open invitation to this organisation (it may have been withdrawn, or already answered).',
    );
  }
  return new ApiError(
    409,
    'members-busy',
    "The organisation's members were being changed by someone else at the same moment; reload them and try again.",
  );
}

function isRefusal(outcome: ChangeOutcome): outcome is 'last-owner' | 'no-invitation' | 'busy' {
  return outcome === 'last-owner' || outcome === 'no-invitation' || outcome === 'busy';
}

/**
 * PUT /api/orgs/{org}/members/{user} — owner. Body `{ role }`. A member's role changes at once; anyone else is
 * invited with that role (no access until they accept), and the answer's `status` says which.
 */
export async function putMember(rc: RouteContext) {
  if (rc.org === undefined || rc.caller === undefined) throw new Error('org route without org context');
  const user = targetUser(rc, rc.caller.userId);
  const parsed = putMemberBodySchema.safeParse(await readJson(rc.request, 4 * 1024));
  if (!parsed.success) throw invalidRequest(parsed.error.issues, 'membership');
  const role = parsed.data.role;
  const { outcome } = await changeMembership(rc.deps.tables, rc.org.id, user, {
    kind: 'set',
    role,
    since: rc.deps.clock.now().toISOString(),
    by: rc.caller.userId,
  });
  if (isRefusal(outcome)) throw refusal(outcome);
  const member: Member = { org: rc.org.id, user, role, status: outcome === 'invited' ? 'invited' : 'member' };
  return json(200, member);
}

/**
 * DELETE /api/orgs/{org}/members/{user} — an owner removes anyone or withdraws an invitation; any member removes
 * themselves (leaves), by their id or as `me`. 204 even if the user held nothing; 409 last-owner for the
 * organisation's only owner.
 */
export async function deleteMember(rc: RouteContext) {
  if (rc.org === undefined || rc.caller === undefined) throw new Error('org route without org context');
  const user = targetUser(rc, rc.caller.userId);
  const leaving = user === rc.caller.userId;
  if (!leaving && rc.org.role !== 'owner') throw forbidden();
  const { outcome } = await changeMembership(rc.deps.tables, rc.org.id, user, { kind: 'remove' });
  if (isRefusal(outcome)) throw refusal(outcome, leaving);
  return { status: 204 };
}

/** POST /api/orgs/{org}/invitation — signed in; only the invited user has one. Accepts: the role applies now. */
export async function acceptInvitation(rc: RouteContext) {
  if (rc.caller === undefined) throw new Error('invitation without caller');
  const org = orgIdParam(rc);
  const user = rc.caller.userId;
  const since = rc.deps.clock.now().toISOString();
  const { outcome, role } = await changeMembership(rc.deps.tables, org, user, { kind: 'accept', since });
  if (isRefusal(outcome)) throw refusal(outcome);
  if (role === undefined) throw new Error('an accepted invitation without its role');
  const member: Member = { org, user, role, status: 'member' };
  return json(200, member);
}

/** DELETE /api/orgs/{org}/invitation — signed in; only the invited user has one. Declines it: 204. */
export async function declineInvitation(rc: RouteContext) {
  if (rc.caller === undefined) throw new Error('invitation without caller');
  const org = orgIdParam(rc);
  const { outcome } = await changeMembership(rc.deps.tables, org, rc.caller.userId, { kind: 'decline' });
  if (isRefusal(outcome)) throw refusal(outcome);
  return { status: 204 };
}
