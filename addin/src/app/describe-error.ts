/** Words browsers use for a request that never reached the server (Chromium, Firefox, Safari). */
const NETWORK = /Failed to fetch|NetworkError|Load failed|network connection was lost/i;
/** The client's own prefix on a failed request ("GET /orgs/acme/assessment?asOf=… failed: "): for developers. */
const REQUEST_PREFIX = /^(?:GET|POST|PUT|PATCH|DELETE) \/\S* failed: /;

const UNREACHABLE =
  'the server could not be reached. Check your internet connection (or that the server is running), then try again.';

function isUnreachable(error: unknown, message: string): boolean {
  const status = (error as { status?: unknown } | null)?.status;
  return (typeof status === 'number' && status === 0) || NETWORK.test(message);
}

/**
 * A message for the user: what failed and what to do, in words, without request lines or browser jargon (the
 * adapter and the client already phrase their refusals; this only cleans up what reaches the pane raw).
 */
export function describeError(action: string, error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  if (isUnreachable(error, raw)) return `${action} failed: ${UNREACHABLE}`;
  const message = raw.replace(REQUEST_PREFIX, '');
  if (/InvalidSelection|ItemNotFound/.test(message)) {
    return `${action} failed: ${message}. The sheet may have been renamed or deleted; run Check again.`;
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (
    code === 'ResponsePayloadSizeLimitExceeded' ||
    code === 'RequestPayloadSizeLimitExceeded' ||
    /payload size/i.test(message)
  ) {
    return `${action} failed: the workbook is too large to read at once. Remove unused sheets or very long texts and try again.`;
  }
  return `${action} failed: ${message}`;
}
