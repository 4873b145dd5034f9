import { encodeKeyPart } from './keys.js';
import { isNotFound } from './errors.js';
import type { Tables } from './tables.js';
import { text } from './entity-values.js';

export interface Org {
  id: string;
  name: string;
  createdBy: string;
  createdAt: string;
  /** When a sync of this organisation last completed (absent before the first). */
  lastSyncAt?: string;
}

const ORG_ROW = 'org';

/** Pure mapping; one entity per organisation (PK org id, fixed RK). */
export function toOrgEntity(org: Org) {
  return {
    partitionKey: encodeKeyPart(org.id),
    rowKey: ORG_ROW,
    name: org.name,
    createdBy: org.createdBy,
    createdAt: org.createdAt,
  };
}

export function fromOrgEntity(id: string, entity: Record<string, unknown>): Org {
  const org: Org = {
    id,
    name: text(entity.name),
    createdBy: text(entity.createdBy),
    createdAt: text(entity.createdAt),
  };
  if (typeof entity.lastSyncAt === 'string') org.lastSyncAt = entity.lastSyncAt;
  return org;
}

/** Inserts the organisation; false when the id is already taken (insert is atomic, so two creators cannot both win). */
export async function insertOrg(tables: Tables, org: Org): Promise<boolean> {
  try {
    await tables.orgs.createEntity(toOrgEntity(org));
    return true;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 409) return false;
    throw error;
  }
}

export async function getOrg(tables: Tables, id: string): Promise<Org | undefined> {
  try {
    return fromOrgEntity(id, await tables.orgs.getEntity(encodeKeyPart(id), ORG_ROW));
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** Notes that a sync completed (a merge of one property; the latest writer wins, which is the latest sync). */
export async function markSynced(tables: Tables, id: string, at: string): Promise<void> {
  await tables.orgs.updateEntity({ partitionKey: encodeKeyPart(id), rowKey: ORG_ROW, lastSyncAt: at }, 'Merge');
}
