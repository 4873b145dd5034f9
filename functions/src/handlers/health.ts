import type { Health } from '@qms/contract';
import type { RouteContext } from '../http/types.js';
import { json, RETRY_AFTER_SECONDS } from '../http/problem.js';

/**
 * GET /api/health — anyone. 200 `{status:'ok', storage:'ok', storageAuth}`, or 503 + Retry-After when storage is
 * unreachable. `storageAuth` says how the backend signs in to storage, never with what.
 */
export async function getHealth({ deps }: RouteContext) {
  try {
    await deps.tables.ping(AbortSignal.timeout(3000));
    const ok: Health = { status: 'ok', storage: 'ok', storageAuth: deps.tables.auth };
    return json(200, ok);
  } catch (error) {
    deps.log.warn('health: storage unreachable', { error: String(error) });
    const degraded: Health = { status: 'degraded', storage: 'unreachable', storageAuth: deps.tables.auth };
    return json(503, degraded, { 'retry-after': String(RETRY_AFTER_SECONDS) });
  }
}
