import { odata, type TableEntityResult, type TransactionAction } from '@azure/data-tables';
import { isRole, type Role } from '../auth/roles.js';
import { decodeKeyPart, encodeKeyPart } from './keys.js';
import { runBounded } from './batch.js';
import { isConflict, isNotFound } from './errors.js';
import type { Tables } from './tables.js';
import { text } from './entity-values.js';

/*
 * Who holds which role is decided by the org's partition of `orgmembers` (PK org, RK user): every owner of an
 * organisation lives in that one partition, so "never leave it without an owner" can be enforced with one
 * entity-group transaction and ETags. `members` (PK user, RK org) is the index of a user's organisations,
 * kept in step after each change (the portfolio lists it).
 *
 * A user who is not a member is never made one by someone else: an owner's grant writes an invitation row
 * (role `invited`, the role offered in `offered`), which grants nothing until the user accepts it. Both copies
 * hold the invitation the same way, so the user's portfolio can list it.
 */

export interface Membership {
  user: string;
  org: string;
  role: Role;
  since: string;
}

/** Pure: the two entities of one membership (members: PK user / RK org; orgmembers: PK org / RK user). */
export function membershipEntities(m: Membership) {
  const props = { role: m.role, since: m.since };
  return {
    byUser: { partitionKey: encodeKeyPart(m.user), rowKey: encodeKeyPart(m.org), ...props },
    byOrg: { partitionKey: encodeKeyPart(m.org), rowKey: encodeKeyPart(m.user), ...props },
  };
}

/**
 * Role value of a membership on its way out. A transaction cannot delete on an ETag, so a removal first
 * replaces the row conditionally with this (which grants nothing) and then deletes it.
 */
export const REMOVED = 'removed';

/** The role a user holds in an organisation, read from the org's partition (where owner changes are guarded). */
export async function getRole(tables: Tables, user: string, org: string): Promise<Role | undefined> {
  try {
    const entity = await tables.orgMembers.getEntity<{ role?: unknown }>(encodeKeyPart(org), encodeKeyPart(user));
    return isRole(entity.role) ? entity.role : undefined;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/**
 * Writes a membership unconditionally (the creator of a new organisation). Adding a role can never leave an
 * organisation without an owner, and a concurrent guarded change sees the new ETag and retries.
 */
export async function putMembership(tables: Tables, m: Membership): Promise<void> {
  const { byUser, byOrg } = membershipEntities(m);
  await tables.orgMembers.upsertEntity(byOrg, 'Replace');
  await tables.members.upsertEntity(byUser, 'Replace');
}

/** What an invitation offers: the role the user gets on accepting, who invited them and when. */
export interface Invitation {
  role: Role;
  by: string;
  at: string;
}

/** One row of an org's partition as read, with the ETag a conditional write needs. */
export interface OrgMemberRow {
  user: string;
  /** undefined for a row that grants nothing (an invitation, or a removal in progress). */
  role: Role | undefined;
  since: string;
  etag: string;
  /** Set when the row is an invitation the user has not answered yet. */
  invitation?: Invitation;
}

/**
 * Role value of an invitation. It is not a role, so every check that reads `role` (getRole, the pipeline, the
 * portfolio's list of organisations) sees no access: an invitation grants nothing until it is accepted. The role
 * offered is kept apart, in `offered`.
 */
export const INVITED = 'invited';

/**
 * A change to one membership.
 * - `set`: an owner grants a role. For a member the role changes at once; anyone else gets an invitation.
 * - `remove`: a member leaves or is removed, or an owner withdraws an invitation.
 * - `accept` / `decline`: the invited user answers their invitation.
 */
export type MembershipChange =
  | { kind: 'set'; role: Role; since: string; by: string }
  | { kind: 'remove' }
  | { kind: 'accept'; since: string }
  | { kind: 'decline' };

/** What a change left: the user's state afterwards. */
export type ChangeStatus = 'member' | 'invited' | 'removed';

export type ChangePlan =
  | { kind: 'last-owner' }
  | { kind: 'no-invitation' }
  | { kind: 'nothing' }
  | { kind: 'write'; actions: TransactionAction[]; removes: boolean; status: ChangeStatus; role?: Role };

/**
 * Pure: the transaction that applies `change` to the rows as read. The target row is written on its ETag
 * (or created only if absent), and when an owner stops being one, another owner's row is touched on its ETag
 * too: if that owner changed meanwhile the whole transaction fails with 412 and is planned again. Accepting and
 * declining are written on the invitation's ETag, so an invitation withdrawn (or changed) meanwhile is never
 * accepted as it was.
 */
export function planChange(rows: OrgMemberRow[], org: string, user: string, change: MembershipChange): ChangePlan {
  const target = rows.find((r) => r.user === user);
  const keys = { partitionKey: encodeKeyPart(org), rowKey: encodeKeyPart(user) };
  const onTarget = (entity: Record<string, unknown> & typeof keys): TransactionAction =>
    target === undefined ? ['create', entity] : ['update', entity, 'Replace', { etag: target.etag }];
  const placeholder = { ...keys, role: REMOVED, since: target?.since ?? '' };

  if (change.kind === 'accept' || change.kind === 'decline') {
    const offer = target?.invitation;
    if (offer === undefined) return { kind: 'no-invitation' };
    if (change.kind === 'decline')
      return { kind: 'write', actions: [onTarget(placeholder)], removes: true, status: 'removed' };
    const member = { ...keys, role: offer.role, since: change.since };
    return { kind: 'write', actions: [onTarget(member)], removes: false, status: 'member', role: offer.role };
  }
  if (change.kind === 'set' && target?.role === undefined) {
    // Not a member (absent, invited, or on the way out): nobody becomes a member without saying yes.
    const invitation = { ...keys, role: INVITED, offered: change.role, invitedBy: change.by, since: change.since };
    return { kind: 'write', actions: [onTarget(invitation)], removes: false, status: 'invited' };
  }
  if (change.kind === 'remove' && target === undefined) return { kind: 'nothing' };

  const losesOwner = target?.role === 'owner' && (change.kind === 'remove' || change.role !== 'owner');
  const witness = rows.find((r) => r.role === 'owner' && r.user !== user);
  if (losesOwner && witness === undefined) return { kind: 'last-owner' };

  const entity = change.kind === 'remove' ? placeholder : { ...keys, role: change.role, since: change.since };
  const actions: TransactionAction[] = [onTarget(entity)];
  if (losesOwner && witness !== undefined) {
    const witnessKeys = { partitionKey: encodeKeyPart(org), rowKey: encodeKeyPart(witness.user) };
    actions.push(['update', witnessKeys, 'Merge', { etag: witness.etag }]);
  }
  return change.kind === 'remove'
    ? { kind: 'write', actions, removes: true, status: 'removed' }
    : { kind: 'write', actions, removes: false, status: 'member' };
}

/** The invitation a stored row holds, if it is one. */
function invitationOf(entity: { role?: unknown; offered?: unknown; invitedBy?: unknown; since?: unknown }) {
  if (entity.role !== INVITED || !isRole(entity.offered)) return undefined;
  return { role: entity.offered, by: text(entity.invitedBy), at: text(entity.since) };
}

type MemberProps = { role?: unknown; since?: unknown; offered?: unknown; invitedBy?: unknown };

async function readOrgRows(tables: Tables, org: string): Promise<OrgMemberRow[]> {
  const out: OrgMemberRow[] = [];
  const pages = tables.orgMembers.listEntities<MemberProps>({
    queryOptions: { filter: odata`PartitionKey eq ${encodeKeyPart(org)}` },
  });
  for await (const entity of pages) {
    const row: OrgMemberRow = {
      user: decodeKeyPart(entity.rowKey ?? ''),
      role: isRole(entity.role) ? entity.role : undefined,
      since: text(entity.since),
      etag: entity.etag,
    };
    const invitation = invitationOf(entity);
    if (invitation !== undefined) row.invitation = invitation;
    out.push(row);
  }
  return out;
}

/** Deletes a removal's placeholder row, unless someone has written the membership again since. */
async function deletePlaceholder(tables: Tables, org: string, user: string): Promise<void> {
  const row = await readRow(tables.orgMembers, org, user);
  if (row === undefined || row.role !== REMOVED) return;
  try {
    await tables.orgMembers.deleteEntity(encodeKeyPart(org), encodeKeyPart(user), { etag: row.etag });
  } catch (error) {
    if (!isConflict(error) && !isNotFound(error)) throw error;
  }
}

/** Enough for a handful of owners editing at once; beyond that the caller is told to try again. */
const CHANGE_ATTEMPTS = 8;

/** `unchanged`: removing someone who holds nothing. */
export type ChangeOutcome = ChangeStatus | 'unchanged' | 'last-owner' | 'no-invitation' | 'busy';

/** The outcome, and for an accepted invitation the role it granted. */
export interface ChangeResult {
  outcome: ChangeOutcome;
  role?: Role;
}

/**
 * Applies one membership change so that no interleaving of changes can leave an organisation without an
 * owner: read the org's partition, plan, commit on ETags, and on a lost race read again and re-plan.
 */
export async function changeMembership(
  tables: Tables,
  org: string,
  user: string,
  change: MembershipChange,
): Promise<ChangeResult> {
  for (let attempt = 0; attempt < CHANGE_ATTEMPTS; attempt += 1) {
    const plan = planChange(await readOrgRows(tables, org), org, user, change);
    if (plan.kind === 'last-owner' || plan.kind === 'no-invitation') return { outcome: plan.kind };
    if (plan.kind === 'write') {
      try {
        await tables.orgMembers.submitTransaction(plan.actions);
      } catch (error) {
        if (isConflict(error)) continue;
        throw error;
      }
      if (plan.removes) await deletePlaceholder(tables, org, user);
    }
    await syncUserIndex(tables, user, org);
    if (plan.kind !== 'write') return { outcome: 'unchanged' };
    return plan.role === undefined ? { outcome: plan.status } : { outcome: plan.status, role: plan.role };
  }
  return { outcome: 'busy' };
}

async function readRow(
  client: Tables['members'],
  pk: string,
  rk: string,
): Promise<TableEntityResult<MemberProps> | undefined> {
  try {
    return await client.getEntity<MemberProps>(encodeKeyPart(pk), encodeKeyPart(rk));
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

const INDEX_ATTEMPTS = 8;

/** The props of a membership row as the index copies them: a role, or an invitation, or nothing. */
function copiedProps(row: MemberProps | undefined): Record<string, string> | undefined {
  if (row === undefined) return undefined;
  if (isRole(row.role)) return { role: row.role, since: text(row.since) };
  const invitation = invitationOf(row);
  if (invitation === undefined) return undefined;
  return { role: INVITED, offered: invitation.role, invitedBy: invitation.by, since: invitation.at };
}

/**
 * Copies the authoritative row (a role or an invitation) into the user's index. The index row is read before the
 * authority and written on its ETag, so a slower writer that read an older authority cannot overwrite a newer copy.
 */
export async function syncUserIndex(tables: Tables, user: string, org: string): Promise<void> {
  for (let attempt = 0; attempt < INDEX_ATTEMPTS; attempt += 1) {
    const index = await readRow(tables.members, user, org);
    const authority = await readRow(tables.orgMembers, org, user);
    try {
      await writeIndex(tables, user, org, copiedProps(authority), index);
      return;
    } catch (error) {
      if (!isConflict(error) && !isNotFound(error)) throw error;
    }
  }
}

async function writeIndex(
  tables: Tables,
  user: string,
  org: string,
  want: Record<string, string> | undefined,
  index: TableEntityResult<MemberProps> | undefined,
): Promise<void> {
  const pk = encodeKeyPart(user);
  const rk = encodeKeyPart(org);
  if (want === undefined) {
    if (index !== undefined) await tables.members.deleteEntity(pk, rk, { etag: index.etag });
    return;
  }
  const have = copiedProps(index);
  if (have !== undefined && JSON.stringify(have) === JSON.stringify(want)) return;
  const entity = { partitionKey: pk, rowKey: rk, ...want };
  if (index === undefined) await tables.members.createEntity(entity);
  else await tables.members.updateEntity(entity, 'Replace', { etag: index.etag });
}

/** A user's organisations and open invitations, as GET /portfolio lists them. */
export interface UserEntries {
  memberships: { org: string; role: Role }[];
  invitations: ({ org: string } & Invitation)[];
}

/**
 * The organisations a user holds a role in, and the invitations they have not answered. Found through the user's
 * index, but each is confirmed against the org's partition: an index row left behind by an interrupted change
 * must not show an organisation the user has left, a role they no longer hold, or an invitation withdrawn.
 */
export async function listEntriesOfUser(tables: Tables, user: string): Promise<UserEntries> {
  const listed: string[] = [];
  const pages = tables.members.listEntities<{ role?: unknown }>({
    queryOptions: { filter: odata`PartitionKey eq ${encodeKeyPart(user)}` },
  });
  for await (const entity of pages) listed.push(decodeKeyPart(entity.rowKey ?? ''));
  const confirmed = await runBounded(
    listed.map((org) => async () => ({ org, row: await readRow(tables.orgMembers, org, user) })),
  );
  const out: UserEntries = { memberships: [], invitations: [] };
  for (const { org, row } of confirmed) {
    if (row === undefined) continue;
    if (isRole(row.role)) out.memberships.push({ org, role: row.role });
    const invitation = invitationOf(row);
    if (invitation !== undefined) out.invitations.push({ org, ...invitation });
  }
  return out;
}

/** The organisations a user holds a role in (invitations grant none, so they are not among them). */
export async function listOrgsOfUser(tables: Tables, user: string): Promise<{ org: string; role: Role }[]> {
  return (await listEntriesOfUser(tables, user)).memberships;
}

export async function listMembersOfOrg(
  tables: Tables,
  org: string,
): Promise<{ user: string; role: Role; since: string }[]> {
  const rows = await readOrgRows(tables, org);
  return rows.flatMap((r) => (r.role === undefined ? [] : [{ user: r.user, role: r.role, since: r.since }]));
}
