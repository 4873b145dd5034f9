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

/** One row of an org's partition as read, with the ETag a conditional write needs. */
export interface OrgMemberRow {
  user: string;
  /** undefined for a row that grants nothing (a removal in progress). */
  role: Role | undefined;
  since: string;
  etag: string;
}

/** A change to one membership: a role (with the time it was granted) or removal. */
export type MembershipChange = { role: Role; since: string } | 'remove';

export type ChangePlan =
  { kind: 'last-owner' } | { kind: 'nothing' } | { kind: 'write'; actions: TransactionAction[]; removes: boolean };

/**
 * Pure: the transaction that applies `change` to the rows as read. The target row is written on its ETag
 * (or created only if absent), and when an owner stops being one, another owner's row is touched on its ETag
 * too: if that owner changed meanwhile the whole transaction fails with 412 and is planned again.
 */
export function planChange(rows: OrgMemberRow[], org: string, user: string, change: MembershipChange): ChangePlan {
  const target = rows.find((r) => r.user === user);
  if (change === 'remove' && target === undefined) return { kind: 'nothing' };
  const losesOwner = target?.role === 'owner' && (change === 'remove' || change.role !== 'owner');
  const witness = rows.find((r) => r.role === 'owner' && r.user !== user);
  if (losesOwner && witness === undefined) return { kind: 'last-owner' };

  const keys = { partitionKey: encodeKeyPart(org), rowKey: encodeKeyPart(user) };
  const entity =
    change === 'remove'
      ? { ...keys, role: REMOVED, since: target?.since ?? '' }
      : { ...keys, role: change.role, since: change.since };
  const actions: TransactionAction[] = [
    target === undefined ? ['create', entity] : ['update', entity, 'Replace', { etag: target.etag }],
  ];
  if (losesOwner && witness !== undefined) {
    const witnessKeys = { partitionKey: encodeKeyPart(org), rowKey: encodeKeyPart(witness.user) };
    actions.push(['update', witnessKeys, 'Merge', { etag: witness.etag }]);
  }
  return { kind: 'write', actions, removes: change === 'remove' };
}

async function readOrgRows(tables: Tables, org: string): Promise<OrgMemberRow[]> {
  const out: OrgMemberRow[] = [];
  const pages = tables.orgMembers.listEntities<{ role?: unknown; since?: unknown }>({
    queryOptions: { filter: odata`PartitionKey eq ${encodeKeyPart(org)}` },
  });
  for await (const entity of pages) {
    out.push({
      user: decodeKeyPart(entity.rowKey ?? ''),
      role: isRole(entity.role) ? entity.role : undefined,
      since: text(entity.since),
      etag: entity.etag,
    });
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

export type ChangeOutcome = 'done' | 'last-owner' | 'busy';

/**
 * Applies one membership change so that no interleaving of changes can leave an organisation without an
 * owner: read the org's partition, plan, commit on ETags, and on a lost race read again and re-plan.
 */
export async function changeMembership(
  tables: Tables,
  org: string,
  user: string,
  change: MembershipChange,
): Promise<ChangeOutcome> {
  for (let attempt = 0; attempt < CHANGE_ATTEMPTS; attempt += 1) {
    const plan = planChange(await readOrgRows(tables, org), org, user, change);
    if (plan.kind === 'last-owner') return 'last-owner';
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
    return 'done';
  }
  return 'busy';
}

async function readRow(
  client: Tables['members'],
  pk: string,
  rk: string,
): Promise<TableEntityResult<{ role?: unknown; since?: unknown }> | undefined> {
  try {
    return await client.getEntity<{ role?: unknown; since?: unknown }>(encodeKeyPart(pk), encodeKeyPart(rk));
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

const INDEX_ATTEMPTS = 8;

/**
 * Copies the authoritative row into the user's index. The index row is read before the authority and written
 * on its ETag, so a slower writer that read an older authority cannot overwrite a newer copy.
 */
export async function syncUserIndex(tables: Tables, user: string, org: string): Promise<void> {
  for (let attempt = 0; attempt < INDEX_ATTEMPTS; attempt += 1) {
    const index = await readRow(tables.members, user, org);
    const authority = await readRow(tables.orgMembers, org, user);
    const role = isRole(authority?.role) ? authority.role : undefined;
    try {
      await writeIndex(tables, { user, org, role, since: text(authority?.since) }, index);
      return;
    } catch (error) {
      if (!isConflict(error) && !isNotFound(error)) throw error;
    }
  }
}

async function writeIndex(
  tables: Tables,
  want: { user: string; org: string; role: Role | undefined; since: string },
  index: TableEntityResult<{ role?: unknown; since?: unknown }> | undefined,
): Promise<void> {
  const pk = encodeKeyPart(want.user);
  const rk = encodeKeyPart(want.org);
  if (want.role === undefined) {
    if (index !== undefined) await tables.members.deleteEntity(pk, rk, { etag: index.etag });
    return;
  }
  if (index?.role === want.role && text(index.since) === want.since) return;
  const entity = { partitionKey: pk, rowKey: rk, role: want.role, since: want.since };
  if (index === undefined) await tables.members.createEntity(entity);
  else await tables.members.updateEntity(entity, 'Replace', { etag: index.etag });
}

/**
 * The organisations a user holds a role in. Found through the user's index, but each is confirmed against the
 * org's partition: an index row left behind by an interrupted change must not show an organisation the user
 * has left, or a role they no longer hold.
 */
export async function listOrgsOfUser(tables: Tables, user: string): Promise<{ org: string; role: Role }[]> {
  const listed: string[] = [];
  const pages = tables.members.listEntities<{ role?: unknown }>({
    queryOptions: { filter: odata`PartitionKey eq ${encodeKeyPart(user)}` },
  });
  for await (const entity of pages) listed.push(decodeKeyPart(entity.rowKey ?? ''));
  const confirmed = await runBounded(
    listed.map((org) => async () => ({ org, role: await getRole(tables, user, org) })),
  );
  return confirmed.flatMap(({ org, role }) => (role === undefined ? [] : [{ org, role }]));
}

export async function listMembersOfOrg(
  tables: Tables,
  org: string,
): Promise<{ user: string; role: Role; since: string }[]> {
  const rows = await readOrgRows(tables, org);
  return rows.flatMap((r) => (r.role === undefined ? [] : [{ user: r.user, role: r.role, since: r.since }]));
}
