import { randomUUID } from 'node:crypto';
import { invalidRequest, readJson } from '../http/body.js';
import { ApiError, json } from '../http/problem.js';
import type { RouteContext } from '../http/types.js';
import { encodeKeyPart } from '../storage/keys.js';
import { applySync } from '../sync/apply-sync.js';
import { countRecords, MAX_BODY_BYTES, MAX_RECORDS_PER_REQUEST, syncRequestSchema } from '@qms/contract';

/** Room the syncId may take in a storage key after escaping (keys hold at most MAX_KEY_CHARS). */
const MAX_SYNC_ID_KEY_CHARS = 256;

/** POST /api/orgs/{org}/sync — owner or editor. See docs/api.md for the part protocol. */
export async function postSync(rc: RouteContext) {
  if (rc.org === undefined || rc.caller === undefined) throw new Error('sync route without org context');
  const body = await readJson(rc.request, MAX_BODY_BYTES);
  const count = countRecords(body);
  if (count > MAX_RECORDS_PER_REQUEST) {
    throw new ApiError(
      413,
      'too-many-records',
      `This request holds ${count} records; send at most ${MAX_RECORDS_PER_REQUEST} per request by splitting the sync into parts (same syncId, part/parts).`,
      { limit: MAX_RECORDS_PER_REQUEST, count },
    );
  }
  const parsed = syncRequestSchema.safeParse(body);
  if (!parsed.success) throw invalidRequest(parsed.error.issues, 'sync request');
  // The syncId becomes part of storage keys, where characters outside plain ASCII take up to 6 each.
  if (encodeKeyPart(parsed.data.syncId).length > MAX_SYNC_ID_KEY_CHARS)
    throw new ApiError(
      400,
      'invalid-request',
      `The syncId is too long once escaped for storage (${encodeKeyPart(parsed.data.syncId).length} characters, at most ${MAX_SYNC_ID_KEY_CHARS}); use up to 128 letters, digits, - and _.`,
      { issues: [{ path: 'syncId', message: 'too long once escaped for storage' }] },
    );
  const result = await applySync(rc.deps, rc.org.id, parsed.data, `${rc.caller.userId}:${randomUUID()}`);
  return json(200, result);
}
