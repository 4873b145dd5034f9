/** Classifies errors from @azure/data-tables and the network below it. */
function fields(error: unknown): { statusCode?: number; code?: string; name?: string; message: string } {
  if (typeof error !== 'object' || error === null) return { message: String(error) };
  const e = error as { statusCode?: unknown; code?: unknown; name?: unknown; message?: unknown; cause?: unknown };
  return {
    statusCode: typeof e.statusCode === 'number' ? e.statusCode : undefined,
    code: typeof e.code === 'string' ? e.code : undefined,
    name: typeof e.name === 'string' ? e.name : undefined,
    message: typeof e.message === 'string' ? e.message : '',
  };
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'REQUEST_SEND_ERROR',
  'UND_ERR_SOCKET',
]);

/** True when storage could not be reached or said it is unavailable: the request may be retried later. */
export function isStorageUnavailable(error: unknown): boolean {
  const f = fields(error);
  if (f.statusCode === 503 || f.statusCode === 500 || f.statusCode === 408) return true;
  if (f.code !== undefined && NETWORK_CODES.has(f.code)) return true;
  if (f.name === 'AbortError' || f.name === 'TimeoutError') return true;
  return (
    f.statusCode === undefined &&
    /ECONNREFUSED|ECONNRESET|socket hang up|other side closed|fetch failed/i.test(f.message)
  );
}

export function statusOf(error: unknown): number | undefined {
  return fields(error).statusCode;
}

export function isNotFound(error: unknown): boolean {
  return statusOf(error) === 404;
}

/** A table vanished (e.g. an emulator restarted in memory): recreate the tables and retry once. */
export function isTableNotFound(error: unknown): boolean {
  const f = fields(error);
  return (
    f.statusCode === 404 &&
    (f.code === 'TableNotFound' || /TableNotFound|table specified does not exist/i.test(f.message))
  );
}

/** 409 (entity exists) or 412 (ETag no longer matches): another writer got there first. */
export function isConflict(error: unknown): boolean {
  const s = statusOf(error);
  return s === 409 || s === 412;
}
