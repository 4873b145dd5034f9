import {
  commitRequestSchema,
  countRecords,
  MAX_BODY_BYTES,
  MAX_RECORDS_PER_REQUEST,
  syncPlanRequestSchema,
  uploadRequestSchema,
} from '@qms/contract';
import { DomainError } from '../domain-error.js';
import { invalidRequest, readJson } from '../http/body.js';
import { ApiError, json } from '../http/problem.js';
import type { RouteContext } from '../http/types.js';
import { afterCommit } from '../sync/after-commit.js';
import { commitSnapshot } from '../sync/commit.js';
import { planSync } from '../sync/plan.js';
import { uploadRecords } from '../sync/upload.js';

function orgOf(rc: RouteContext): string {
  if (rc.org === undefined || rc.caller === undefined) throw new Error('sync route without org context');
  return rc.org.id;
}

/** POST /api/orgs/{org}/sync — owner or editor. Step 1: the snapshot's digests against the head (docs/api.md). */
export async function postSyncPlan(rc: RouteContext) {
  const org = orgOf(rc);
  const parsed = syncPlanRequestSchema.safeParse(await readJson(rc.request, MAX_BODY_BYTES));
  if (!parsed.success) throw invalidRequest(parsed.error.issues, 'sync plan');
  const plan = await planSync(rc.deps, org, parsed.data);
  // A snapshot the head already holds ends the sync here: the client neither uploads nor commits.
  if (plan.status === 'unchanged') rc.deps.metrics.syncOutcome('unchanged');
  return json(200, plan);
}

/** POST /api/orgs/{org}/sync/records — owner or editor. Step 2: records the head lacks, validated and stored. */
export async function postSyncRecords(rc: RouteContext) {
  const org = orgOf(rc);
  const body = await readJson(rc.request, MAX_BODY_BYTES);
  const count = countRecords(body);
  if (count > MAX_RECORDS_PER_REQUEST) {
    throw new ApiError(
      413,
      'too-many-records',
      `This upload holds ${count} records; send at most ${MAX_RECORDS_PER_REQUEST} per request (the client splits uploads into parts).`,
      { limit: MAX_RECORDS_PER_REQUEST, count },
    );
  }
  const parsed = uploadRequestSchema.safeParse(body);
  if (!parsed.success) throw invalidRequest(parsed.error.issues, 'upload');
  let result;
  try {
    result = await uploadRecords(rc.deps, org, parsed.data);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'records-rejected') rc.deps.metrics.syncOutcome('rejected');
    throw error;
  }
  rc.deps.metrics.recordsWritten(result.stored);
  return json(200, result);
}

/** POST /api/orgs/{org}/sync/commit — owner or editor. Step 3: the snapshot becomes the head, by compare-and-swap. */
export async function postSyncCommit(rc: RouteContext) {
  const org = orgOf(rc);
  const parsed = commitRequestSchema.safeParse(await readJson(rc.request, MAX_BODY_BYTES));
  if (!parsed.success) throw invalidRequest(parsed.error.issues, 'commit');
  let committed;
  try {
    committed = await commitSnapshot(rc.deps, org, parsed.data);
  } catch (error) {
    rc.deps.metrics.syncOutcome(error instanceof DomainError ? 'refused' : 'failed');
    throw error;
  }
  const { result, collectDue } = committed;
  const changedNothing = result.created + result.updated + result.deleted === 0;
  rc.deps.metrics.syncOutcome(result.replayed ? 'replayed' : changedNothing ? 'unchanged' : 'committed');
  if (!result.replayed) await afterCommit(rc.deps, org, { changedNothing, collectDue });
  return json(200, result);
}
