import { checkRecordData, contentHash } from '@qms/templates';
import { readJson } from '../http/body.js';
import { ApiError, json } from '../http/problem.js';
import { snapshotAfterCommit } from '../assessment/take-snapshot.js';
import type { RouteContext } from '../http/types.js';
import { isConflict, isNotFound } from '../storage/errors.js';
import { encodeKeyPart, recordRowKey } from '../storage/keys.js';
import { fromRecordEntity, toRecordEntity } from '../storage/record-entity.js';

const PROFILE_BODY_LIMIT = 256 * 1024;
const PROFILE_ID = 'profile';

function orgOf(rc: RouteContext): string {
  if (rc.org === undefined) throw new Error('org route without org context');
  return rc.org.id;
}

/** GET /api/orgs/{org}/profile — any member. The stored QMS Profile record, or 404 when none was saved yet. */
export async function getProfile(rc: RouteContext) {
  const org = orgOf(rc);
  try {
    const entity = await rc.deps.tables.records.getEntity<Record<string, unknown>>(
      encodeKeyPart(org),
      recordRowKey('profile', PROFILE_ID),
    );
    const record = fromRecordEntity(entity);
    return json(200, { data: record.data, hash: record.hash, updatedAt: record.updatedAt });
  } catch (error) {
    if (isNotFound(error))
      throw new ApiError(
        404,
        'profile-missing',
        'This organisation has no QMS Profile yet; fill in the QMS Profile sheet and sync, or PUT one.',
      );
    throw error;
  }
}

/** PUT /api/orgs/{org}/profile — owner or editor. Body: the profile data. Validated like the sheet; ETag-guarded write. */
export async function putProfile(rc: RouteContext) {
  const org = orgOf(rc);
  const body = await readJson(rc.request, PROFILE_BODY_LIMIT);
  const check = checkRecordData('profile', body);
  if (!check.ok) {
    const issues = check.problems.map((p) => ({
      severity: 'error',
      code: 'record.invalid-data',
      field: p.path,
      message: `QMS Profile: ${p.path || 'the profile'} ${p.message}; correct it and save again.`,
    }));
    throw new ApiError(422, 'records-rejected', 'The profile failed validation; nothing was stored.', {
      rejected: [{ type: 'profile', id: PROFILE_ID, issues }],
    });
  }
  const data = check.data as Record<string, unknown>;
  const hash = contentHash(data);
  const { tables, clock } = rc.deps;
  const pk = encodeKeyPart(org);
  const rk = recordRowKey('profile', PROFILE_ID);
  for (let attempt = 1; ; attempt += 1) {
    let current: { hash: string; etag: string } | undefined;
    try {
      const e = await tables.records.getEntity<{ hash?: unknown }>(pk, rk, { queryOptions: { select: ['hash'] } });
      current = { hash: String(e.hash), etag: e.etag };
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    if (current?.hash === hash) return json(200, { data, hash, changed: false });
    const entity = toRecordEntity(org, {
      type: 'profile',
      id: PROFILE_ID,
      data,
      hash,
      source: { sheet: 'QMS Profile', row: 0 },
      warnings: [],
      syncId: 'profile-put',
      updatedAt: clock.now().toISOString(),
    });
    try {
      if (current === undefined) await tables.records.createEntity(entity);
      else await tables.records.updateEntity(entity, 'Replace', { etag: current.etag });
      // The profile moves readiness (audit days, timeline): the day's history point follows the commit.
      await snapshotAfterCommit(rc.deps, org).catch((error: unknown) =>
        rc.deps.log.warn('could not take the history point', { org, error: String(error) }),
      );
      return json(200, { data, hash, changed: true });
    } catch (error) {
      // Someone else (a sync) wrote the profile between our read and write: read again.
      if (!isConflict(error) || attempt >= 3) throw error;
    }
  }
}
