import type { HttpResponseInit } from '@azure/functions';
import type { Problem, ProblemCode } from '@qms/contract';

/** An RFC 9457 problem: `type`, `title`, `status`, `detail`, plus our machine-readable `code` and extras. */
export type { Problem };

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Request too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  500: 'Internal error',
  501: 'Not implemented',
  503: 'Service unavailable',
};

/** Thrown by handlers and the pipeline; turned into a problem+json response in one place. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ProblemCode,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}

export function problemOf(error: ApiError): Problem {
  return {
    type: `https://qms-readiness.example/problems/${error.code}`,
    title: TITLES[error.status] ?? 'Error',
    status: error.status,
    detail: error.detail,
    code: error.code,
    ...error.extra,
  };
}

export function problemResponse(error: ApiError): HttpResponseInit {
  return {
    status: error.status,
    headers: { 'content-type': 'application/problem+json', ...error.headers },
    body: JSON.stringify(problemOf(error), jsonReplacer),
  };
}

/** Int64 values come back from storage as BigInt; JSON must never see one. */
export function jsonReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? Number(value) : value;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponseInit {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body, jsonReplacer),
  };
}

/** Storage is down: ask the client to come back. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * Storage failed or could not be reached while the request ran. A read changed nothing; a write may have been
 * applied in part (storage calls before the failure stay applied), so the answer says the outcome is unknown and
 * that sending the same request again is safe (syncs and profile writes are idempotent).
 */
export function storageUnavailable(method = 'GET'): ApiError {
  const read = method === 'GET' || method === 'HEAD';
  return new ApiError(
    503,
    'storage-unavailable',
    read
      ? 'Storage cannot be reached right now; nothing was changed. Retry the same request in a few seconds.'
      : 'Storage failed while this request was handled, so it may have been partly applied. Send the same request again in a few seconds: what was stored already counts as unchanged.',
    { outcome: read ? 'not-applied' : 'unknown' },
    { 'retry-after': String(RETRY_AFTER_SECONDS) },
  );
}
