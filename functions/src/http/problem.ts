import type { HttpResponseInit } from '@azure/functions';
import type { Problem, ProblemCode } from '@qms/contract';
import { DomainError } from '../domain-error.js';

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

/**
 * The HTTP status of every problem code: the one place a domain refusal becomes a status. A code the contract adds
 * without a status here fails the type check.
 */
export const STATUS_OF: Record<ProblemCode, number> = {
  'bad-as-of': 400,
  'bad-continuation': 400,
  'bad-host': 400,
  'bad-org-id': 400,
  'bad-pack-id': 400,
  'bad-pack-version': 400,
  'bad-page-size': 400,
  'bad-path': 400,
  'bad-type': 400,
  'bad-user-id': 400,
  'body-missing': 400,
  'invalid-json': 400,
  'invalid-request': 400,
  'template-not-declared': 400,
  'token-expired': 401,
  'token-missing': 401,
  'token-subject': 401,
  'token-invalid': 401,
  'token-scope': 401,
  'token-claims': 401,
  forbidden: 403,
  'pack-not-yours': 403,
  'pack-assign-forbidden': 403,
  'no-invitation': 404,
  'no-route': 404,
  'pack-not-found': 404,
  'pack-version-not-found': 404,
  'profile-missing': 404,
  'method-not-allowed': 405,
  'last-owner': 409,
  'members-busy': 409,
  'org-id-unavailable': 409,
  'head-moved': 409,
  'pack-version-exists': 409,
  'pack-version-not-newer': 409,
  'pack-busy': 409,
  'records-missing': 409,
  'body-too-large': 413,
  'too-many-records': 413,
  'unsupported-media-type': 415,
  'digest-mismatch': 422,
  'pack-invalid': 422,
  'records-rejected': 422,
  'unknown-template': 422,
  'unsupported-template-version': 422,
  internal: 500,
  'not-configured': 500,
  'storage-unavailable': 503,
};

/**
 * No role that allows this, in an organisation that may or may not exist: the same words either way, so nothing
 * about other organisations leaks (the pipeline and handlers that check roles further both answer with it).
 */
export function forbidden(): ApiError {
  return new ApiError(
    403,
    'forbidden',
    'You do not have access to this organisation with a role that allows this; ask one of its owners.',
  );
}

/** A domain error as the HTTP edge answers it: its code's status, a Bearer challenge on 401, Retry-After if given. */
export function fromDomain(error: DomainError): ApiError {
  const status = STATUS_OF[error.code];
  const headers: Record<string, string> = {};
  if (status === 401) headers['www-authenticate'] = 'Bearer';
  if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.retryAfterSeconds);
  return new ApiError(status, error.code, error.detail, error.extra, headers);
}

/** Any error the edge knows how to answer as problem+json, or undefined for one it does not. */
export function asApiError(error: unknown): ApiError | undefined {
  if (error instanceof ApiError) return error;
  if (error instanceof DomainError) return fromDomain(error);
  return undefined;
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
