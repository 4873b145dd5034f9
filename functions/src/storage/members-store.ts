import { odata } from '@azure/data-tables';
import { isRole, type Role } from '../auth/roles.js';
import { decodeKeyPart, encodeKeyPart } from './keys.js';
import { isNotFound } from './errors.js';
import type { Tables } from './tables.js';
import { text } from './entity-values.js';

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

export async function getRole(tables: Tables, user: string, org: string): Promise<Role | undefined> {
  try {
    const entity = await tables.members.getEntity<{ role?: unknown }>(encodeKeyPart(user), encodeKeyPart(org));
    return isRole(entity.role) ? entity.role : undefined;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** Writes the reverse index first: a half-written membership is then invisible to access checks (they read `members`). */
export async function putMembership(tables: Tables, m: Membership): Promise<void> {
  const { byUser, byOrg } = membershipEntities(m);
  await tables.orgMembers.upsertEntity(byOrg, 'Replace');
  await tables.members.upsertEntity(byUser, 'Replace');
}

/** Removes access first, then the index entry. */
export async function deleteMembership(tables: Tables, user: string, org: string): Promise<void> {
  for (const [client, pk, rk] of [
    [tables.members, user, org],
    [tables.orgMembers, org, user],
  ] as const) {
    try {
      await client.deleteEntity(encodeKeyPart(pk), encodeKeyPart(rk));
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
}

export async function listOrgsOfUser(tables: Tables, user: string): Promise<{ org: string; role: Role }[]> {
  const out: { org: string; role: Role }[] = [];
  const pages = tables.members.listEntities<{ role?: unknown }>({
    queryOptions: { filter: odata`PartitionKey eq ${encodeKeyPart(user)}` },
  });
  for await (const entity of pages) {
    if (isRole(entity.role)) out.push({ org: decodeKeyPart(entity.rowKey ?? ''), role: entity.role });
  }
  return out;
}

export async function listMembersOfOrg(
  tables: Tables,
  org: string,
): Promise<{ user: string; role: Role; since: string }[]> {
  const out: { user: string; role: Role; since: string }[] = [];
  const pages = tables.orgMembers.listEntities<{ role?: unknown; since?: unknown }>({
    queryOptions: { filter: odata`PartitionKey eq ${encodeKeyPart(org)}` },
  });
  for await (const entity of pages) {
    if (isRole(entity.role)) {
      out.push({ user: decodeKeyPart(entity.rowKey ?? ''), role: entity.role, since: text(entity.since) });
    }
  }
  return out;
}
