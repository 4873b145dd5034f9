import type { ProblemCode } from '@qms/contract';

/**
 * A refusal or failure named by the domain (storage, sync, auth): a code from the wire contract, words for people,
 * and the facts a client may act on. It knows nothing of HTTP: `http/problem.ts` alone maps each code to its status
 * and headers and turns the error into problem+json.
 */
export class DomainError extends Error {
  override name = 'DomainError';
  constructor(
    readonly code: ProblemCode,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
    /** When retrying the same request later is the remedy: how long to wait. */
    readonly retryAfterSeconds?: number,
  ) {
    super(detail);
  }
}
