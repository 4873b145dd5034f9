import { snapshotDigest } from '@qms/contract';
import { checkRecordData, contentHash, findTemplate, TEMPLATE_OF_RECORD_TYPE } from '@qms/templates';
import { DomainError } from '../domain-error.js';
import { readJson } from '../http/body.js';
import { ApiError, json } from '../http/problem.js';
import type { RouteContext } from '../http/types.js';
import { isNotFound } from '../storage/errors.js';
import { readSnapshot } from '../storage/head-store.js';
import { encodeKeyPart, versionRowKey } from '../storage/keys.js';
import { fromRecordEntity, toRecordEntity } from '../storage/record-entity.js';
import { afterCommit } from '../sync/after-commit.js';
import { commitSnapshot } from '../sync/commit.js';

const PROFILE_BODY_LIMIT = 256 * 1024;
const PROFILE_ID = 'profile';
/** Commits that lose a race re-plan against the new head; this many tries covers any realistic contention. */
const MAX_TRIES = 5;

function orgOf(rc: RouteContext): string {
  if (rc.org === undefined) throw new Error('org route without org context');
  return rc.org.id;
}

function profileMissing(): ApiError {
  return new ApiError(
    404,
    'profile-missing',
    'This organisation has no QMS Profile yet; fill in the QMS Profile sheet and sync, or PUT one.',
  );
}

/** GET /api/orgs/{org}/profile — any member. The current QMS Profile record, or 404 when none was saved yet. */
export async function getProfile(rc: RouteContext) {
  const org = orgOf(rc);
  for (let attempt = 1; ; attempt += 1) {
    const { manifests } = await readSnapshot(rc.deps.tables, org, () => ['profile']);
    const entry = manifests.get('profile')?.[0];
    if (entry === undefined) throw profileMissing();
    try {
      const entity = await rc.deps.tables.records.getEntity<Record<string, unknown>>(
        encodeKeyPart(org),
        versionRowKey('profile', entry[0], entry[1]),
      );
      const record = fromRecordEntity(entity);
      return json(200, { data: record.data, hash: record.hash, updatedAt: record.updatedAt });
    } catch (error) {
      // Replaced and removed by a commit between the two reads: read the new head.
      if (!isNotFound(error) || attempt >= MAX_TRIES) throw error;
    }
  }
}

/**
 * PUT /api/orgs/{org}/profile — owner or editor. Body: the profile data, validated like the sheet. A one-record
 * commit through the same path as a sync: the version row is written, then the head swapped by compare-and-swap.
 */
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
  const templateId = TEMPLATE_OF_RECORD_TYPE.profile[0] as string;
  const templates = { [templateId]: findTemplate(templateId)?.spec.version ?? 1 };
  const syncId = `profile-put-${clock.now().getTime().toString(36)}`;
  const entity = toRecordEntity(org, {
    type: 'profile',
    id: PROFILE_ID,
    data,
    hash,
    source: { sheet: 'QMS Profile', row: 0 },
    warnings: [],
    syncId,
    updatedAt: clock.now().toISOString(),
  });
  for (let attempt = 1; ; attempt += 1) {
    const { head, manifests } = await readSnapshot(tables, org, () => ['profile']);
    const current = manifests.get('profile') ?? [];
    if (current.length === 1 && current[0]?.[0] === PROFILE_ID && current[0][1] === hash)
      return json(200, { data, hash, changed: false });
    await tables.records.upsertEntity(entity, 'Replace');
    try {
      const { collectDue } = await commitSnapshot(rc.deps, org, {
        syncId,
        base: head.version,
        templates,
        changes: [
          {
            type: 'profile',
            complete: true,
            digest: snapshotDigest([[PROFILE_ID, hash]]),
            put: [[PROFILE_ID, hash]],
            remove: current.map(([id]) => id).filter((id) => id !== PROFILE_ID),
          },
        ],
      });
      // The profile moves readiness (audit days, timeline): the day's history point follows the commit.
      await afterCommit(rc.deps, org, { changedNothing: false, collectDue });
      return json(200, { data, hash, changed: true });
    } catch (error) {
      // A sync committed between our read and our swap: plan again against its head.
      if (!(error instanceof DomainError && error.code === 'head-moved') || attempt >= MAX_TRIES) throw error;
    }
  }
}
