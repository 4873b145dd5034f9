import type { Problem } from './types.js';

/** A failed call: the HTTP status (0 when the network failed), the server's problem document, and advice. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /**
   * Worth retrying later with the same request: network down, server busy or failing. (A sync that loses a race,
   * 409 head-moved, plans again at once: runSync handles that itself.)
   */
  get retryable(): boolean {
    return this.status === 0 || this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

/** What to tell the user for a status, when the server's own detail is missing. */
export function adviceFor(status: number): string {
  if (status === 0)
    return 'The server could not be reached. Check your connection and the API address, then try again (a pending sync is kept and retried).';
  if (status === 401) return 'Your sign-in has expired or was refused. Sign in again (or get a new token).';
  if (status === 403)
    return 'Your account lacks the role this needs (editor to sync, viewer to read). Ask the organisation owner.';
  if (status === 404) return 'The organisation was not found. Pick another one or check its id.';
  if (status === 413) return 'The request is too large. Sync fewer rows at a time or remove very long texts.';
  if (status === 429) return 'The server is busy. The request is retried shortly.';
  if (status >= 500)
    return 'The server failed. Try again shortly (a pending sync is kept and retried); report it if it keeps failing.';
  return 'The server refused the request. Check the values it names and try again.';
}
