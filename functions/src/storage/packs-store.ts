import { odata, type TableEntityResult, type TransactionAction } from '@azure/data-tables';
import { text } from './entity-values.js';
import { isConflict, isNotFound } from './errors.js';
import { decodeKeyPart, encodeKeyPart, prefixRange } from './keys.js';
import { assertWithinLimits, joinText, splitText } from './limits.js';
import { listOrgsOfUser } from './members-store.js';
import type { Tables } from './tables.js';

/*
 * Consultants' template packs (docs/api.md, Storage layout). One partition per pack (PK the encoded pack id):
 * - `!owner`: who owns the pack (its first publisher) and its latest version;
 * - `v~<version, 7 digits>`: one row per version, the pack JSON split over `content0…contentN`, written once;
 * - `a~<org>`: an organisation assigned to the pack (the index readership is found by).
 * The organisation's own choice is the `pack` row of its partition in `orgs`; an `a~` row grants reading only while
 * that row names the pack too, so a row left behind by an interrupted change grants nothing.
 * A version and the owner row's new `latest` are written in one entity-group transaction, guarded by the owner
 * row's ETag and by the version row's insert, so two publishers of one version cannot both win.
 */

export const OWNER_ROW = '!owner';
const VERSION_PREFIX = 'v~';
const ASSIGNMENT_PREFIX = 'a~';
/** The organisation's row in `orgs` that names its pack (beside the `org` row). */
export const ORG_PACK_ROW = 'pack';

/** Versions go up to 1,000,000 (the pack schema's limit): seven digits keep them in numeric order as row keys. */
export function versionRowKey(version: number): string {
  return `${VERSION_PREFIX}${String(version).padStart(7, '0')}`;
}

export function assignmentRowKey(org: string): string {
  return `${ASSIGNMENT_PREFIX}${encodeKeyPart(org)}`;
}

export interface PackOwner {
  owner: string;
  /** 0 until the first version is written. */
  latest: number;
  createdAt: string;
  etag: string;
}

export interface PackVersionRow {
  version: number;
  /** contentHash of the checked pack: equal content, any key order, same hash. */
  hash: string;
  /** The checked pack's JSON. */
  json: string;
  publishedBy: string;
  publishedAt: string;
}

/** Pure: the owner row as stored. */
export function toOwnerEntity(pack: string, owner: Omit<PackOwner, 'etag'>) {
  return {
    partitionKey: encodeKeyPart(pack),
    rowKey: OWNER_ROW,
    owner: owner.owner,
    latest: owner.latest,
    createdAt: owner.createdAt,
  };
}

/** Pure: an owner row read back (Int64 may arrive as BigInt). */
export function fromOwnerEntity(entity: Record<string, unknown> & { etag?: string }): PackOwner {
  return {
    owner: text(entity.owner),
    latest: Number(entity.latest ?? 0),
    createdAt: text(entity.createdAt),
    etag: entity.etag ?? '',
  };
}

/** Pure: a version row as stored, its JSON split within the string-property limit. */
export function toVersionEntity(pack: string, row: PackVersionRow) {
  return {
    partitionKey: encodeKeyPart(pack),
    rowKey: versionRowKey(row.version),
    hash: row.hash,
    publishedBy: row.publishedBy,
    publishedAt: row.publishedAt,
    ...splitText('content', row.json),
  };
}

/** Pure: a version row read back. */
export function fromVersionEntity(entity: Record<string, unknown>): PackVersionRow {
  return {
    version: Number(text(entity.rowKey).slice(VERSION_PREFIX.length)),
    hash: text(entity.hash),
    json: joinText('content', entity),
    publishedBy: text(entity.publishedBy),
    publishedAt: text(entity.publishedAt),
  };
}

async function getOrUndefined<T extends object>(
  client: Tables['packs'],
  pk: string,
  rk: string,
): Promise<TableEntityResult<T> | undefined> {
  try {
    return await client.getEntity<T>(pk, rk);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

export async function getPackOwner(tables: Tables, pack: string): Promise<PackOwner | undefined> {
  const entity = await getOrUndefined<Record<string, unknown>>(tables.packs, encodeKeyPart(pack), OWNER_ROW);
  return entity === undefined ? undefined : fromOwnerEntity(entity);
}

export async function getPackVersion(
  tables: Tables,
  pack: string,
  version: number,
): Promise<PackVersionRow | undefined> {
  const entity = await getOrUndefined<Record<string, unknown>>(
    tables.packs,
    encodeKeyPart(pack),
    versionRowKey(version),
  );
  return entity === undefined ? undefined : fromVersionEntity(entity);
}

/** Every stored version of a pack, oldest first (row keys only: the contents are not read). */
export async function listPackVersions(tables: Tables, pack: string): Promise<number[]> {
  const { from, to } = prefixRange(VERSION_PREFIX);
  const pages = tables.packs.listEntities({
    queryOptions: {
      filter: odata`PartitionKey eq ${encodeKeyPart(pack)} and RowKey ge ${from} and RowKey lt ${to}`,
      select: ['RowKey'],
    },
  });
  const out: number[] = [];
  for await (const entity of pages) out.push(Number((entity.rowKey ?? '').slice(VERSION_PREFIX.length)));
  return out.sort((a, b) => a - b);
}

/** What a publisher wants written. */
export interface PublishRequest {
  pack: string;
  version: number;
  caller: string;
  hash: string;
  json: string;
  at: string;
}

/** What is stored of the pack when a publish is planned. */
export interface PublishState {
  owner: PackOwner | undefined;
  /** The row of the version being published, if it exists. */
  existing: Pick<PackVersionRow, 'hash'> | undefined;
}

export type PublishPlan =
  | { kind: 'not-yours' }
  | { kind: 'replay' }
  | { kind: 'exists' }
  | { kind: 'not-newer'; latest: number }
  | { kind: 'write'; actions: TransactionAction[] };

/**
 * Pure: what publishing `request` against `state` does. The first publisher of a pack id becomes its owner; a version
 * is written once (the same content again is a replay, other content a conflict); a new version must be newer than
 * the latest. The owner row is created or replaced on its ETag in the same transaction as the version row's insert.
 */
export function planPublish(state: PublishState, request: PublishRequest): PublishPlan {
  const { owner, existing } = state;
  if (owner !== undefined && owner.owner !== request.caller) return { kind: 'not-yours' };
  if (existing !== undefined) return existing.hash === request.hash ? { kind: 'replay' } : { kind: 'exists' };
  if (owner !== undefined && request.version <= owner.latest) return { kind: 'not-newer', latest: owner.latest };
  const version = toVersionEntity(request.pack, {
    version: request.version,
    hash: request.hash,
    json: request.json,
    publishedBy: request.caller,
    publishedAt: request.at,
  });
  assertWithinLimits(version);
  const nextOwner = toOwnerEntity(request.pack, {
    owner: request.caller,
    latest: request.version,
    createdAt: owner?.createdAt ?? request.at,
  });
  const ownerAction: TransactionAction =
    owner === undefined ? ['create', nextOwner] : ['update', nextOwner, 'Replace', { etag: owner.etag }];
  return { kind: 'write', actions: [ownerAction, ['create', version]] };
}

export type PublishOutcome =
  | { kind: 'created' | 'replayed'; owner: string }
  | { kind: 'not-yours' | 'exists' | 'busy' }
  | { kind: 'not-newer'; latest: number };

/** Enough for a handful of publishers at once; beyond that the caller is told to try again. */
const PUBLISH_ATTEMPTS = 8;

/** Publishes one version: read, plan, commit in one transaction; on a lost race read again and re-plan. */
export async function publishPack(tables: Tables, request: PublishRequest): Promise<PublishOutcome> {
  for (let attempt = 0; attempt < PUBLISH_ATTEMPTS; attempt += 1) {
    const owner = await getPackOwner(tables, request.pack);
    const existing = await getPackVersion(tables, request.pack, request.version);
    const plan = planPublish({ owner, existing }, request);
    if (plan.kind === 'replay') return { kind: 'replayed', owner: owner?.owner ?? request.caller };
    if (plan.kind !== 'write') return plan;
    try {
      await tables.packs.submitTransaction(plan.actions);
      return { kind: 'created', owner: request.caller };
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
  }
  return { kind: 'busy' };
}

/** An organisation's assigned pack version, and the ETag its row had when read ('' when it has no row yet). */
export interface OrgPackRow {
  assigned: { pack: string; version: number } | undefined;
  etag: string;
}

/** Pure: the org's `pack` row as stored; `pack: ''` is "none" (the row stays, so its ETag keeps guarding changes). */
export function toOrgPackEntity(org: string, assigned: OrgPackRow['assigned'], by: string, at: string) {
  return {
    partitionKey: encodeKeyPart(org),
    rowKey: ORG_PACK_ROW,
    pack: assigned?.pack ?? '',
    version: assigned?.version ?? 0,
    assignedBy: by,
    assignedAt: at,
  };
}

export function fromOrgPackEntity(entity: Record<string, unknown> & { etag?: string }): OrgPackRow {
  const pack = text(entity.pack);
  return {
    assigned: pack === '' ? undefined : { pack, version: Number(entity.version ?? 0) },
    etag: entity.etag ?? '',
  };
}

export async function getOrgPack(tables: Tables, org: string): Promise<OrgPackRow> {
  const entity = await getOrUndefined<Record<string, unknown>>(tables.orgs, encodeKeyPart(org), ORG_PACK_ROW);
  return entity === undefined ? { assigned: undefined, etag: '' } : fromOrgPackEntity(entity);
}

const ASSIGN_ATTEMPTS = 8;

/**
 * Assigns a pack version to an organisation, or none. The new pack's `a~org` row is written first, then the org's
 * `pack` row on the ETag it was read with (so of two assigners one re-reads and tries again), then the previous
 * pack's `a~org` row is deleted on the ETag it had before the commit: an assigner who put the organisation back on
 * that pack meanwhile wrote the row again, so it is not deleted under them.
 */
export async function assignPack(
  tables: Tables,
  org: string,
  assigned: OrgPackRow['assigned'],
  by: string,
  at: string,
): Promise<'done' | 'busy'> {
  for (let attempt = 0; attempt < ASSIGN_ATTEMPTS; attempt += 1) {
    const current = await getOrgPack(tables, org);
    const previous = current.assigned?.pack;
    const stale =
      previous === undefined || previous === assigned?.pack
        ? undefined
        : await getOrUndefined<Record<string, unknown>>(tables.packs, encodeKeyPart(previous), assignmentRowKey(org));
    if (assigned !== undefined) {
      await tables.packs.upsertEntity(
        {
          partitionKey: encodeKeyPart(assigned.pack),
          rowKey: assignmentRowKey(org),
          version: assigned.version,
          assignedBy: by,
          assignedAt: at,
        },
        'Replace',
      );
    }
    const row = toOrgPackEntity(org, assigned, by, at);
    try {
      if (current.etag === '') await tables.orgs.createEntity(row);
      else await tables.orgs.updateEntity(row, 'Replace', { etag: current.etag });
    } catch (error) {
      if (isConflict(error)) continue;
      throw error;
    }
    if (previous !== undefined && stale !== undefined) {
      try {
        await tables.packs.deleteEntity(encodeKeyPart(previous), assignmentRowKey(org), { etag: stale.etag });
      } catch (error) {
        // Rewritten since (the organisation is back on that pack) or already gone: either way it stays right.
        if (!isConflict(error) && !isNotFound(error)) throw error;
      }
    }
    return 'done';
  }
  return 'busy';
}

/** The organisations with an `a~` row under the pack (each still to be confirmed against the org's own row). */
export async function listAssignedOrgs(tables: Tables, pack: string): Promise<string[]> {
  const { from, to } = prefixRange(ASSIGNMENT_PREFIX);
  const pages = tables.packs.listEntities({
    queryOptions: {
      filter: odata`PartitionKey eq ${encodeKeyPart(pack)} and RowKey ge ${from} and RowKey lt ${to}`,
      select: ['RowKey'],
    },
  });
  const out: string[] = [];
  for await (const entity of pages) out.push(decodeKeyPart((entity.rowKey ?? '').slice(ASSIGNMENT_PREFIX.length)));
  return out;
}

/**
 * May `user` read `pack`: they own it, or they hold a role (any) in an organisation the pack is assigned to now,
 * i.e. listed under the pack and named by the organisation's own `pack` row. The user's organisations are read
 * from the members index, confirmed against each organisation's member rows (listOrgsOfUser).
 */
export async function mayReadPack(tables: Tables, pack: string, owner: PackOwner, user: string): Promise<boolean> {
  if (owner.owner === user) return true;
  const assigned = new Set(await listAssignedOrgs(tables, pack));
  if (assigned.size === 0) return false;
  const mine = (await listOrgsOfUser(tables, user)).filter((m) => assigned.has(m.org));
  for (const { org } of mine) {
    if ((await getOrgPack(tables, org)).assigned?.pack === pack) return true;
  }
  return false;
}
