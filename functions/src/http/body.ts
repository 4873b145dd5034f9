import type { HttpRequest } from '@azure/functions';
import { ApiError } from './problem.js';

export function tooLarge(limit: number): ApiError {
  return new ApiError(
    413,
    'body-too-large',
    `The request body is larger than ${limit} bytes; split the sync into parts (part/parts) of fewer records.`,
    { limit },
  );
}

/** Reads a JSON body within `limit` bytes: 413 when larger, 415 when not JSON, 400 when it does not parse. */
export async function readJson(request: HttpRequest, limit: number): Promise<unknown> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const type = request.headers.get('content-type') ?? '';
  if (type !== '' && !/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new ApiError(
      415,
      'unsupported-media-type',
      `Send the body as JSON with "Content-Type: application/json" (got "${type}").`,
    );
  }
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.byteLength > limit) throw tooLarge(limit);
  if (bytes.byteLength === 0) throw new ApiError(400, 'body-missing', 'The request needs a JSON body.');
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
  } catch (error) {
    throw new ApiError(
      400,
      'invalid-json',
      `The body is not valid JSON (${error instanceof Error ? error.message : String(error)}); nothing was changed.`,
    );
  }
}

/** Turns zod issues into a 400 naming each field. */
export function invalidRequest(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  what: string,
): ApiError {
  const problems = issues.slice(0, 50).map((i) => ({ field: i.path.map(String).join('.'), message: i.message }));
  const first = problems[0];
  const detail =
    first === undefined
      ? `The ${what} is not valid.`
      : `The ${what} is not valid: ${first.field || '(body)'} ${first.message}.`;
  return new ApiError(400, 'invalid-request', detail, { problems });
}
