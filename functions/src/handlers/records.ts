import { RECORD_TYPES, type RecordType } from '@qms/templates';
import { ApiError, json } from '../http/problem.js';
import type { RouteContext } from '../http/types.js';
import { MAX_PAGE_SIZE, readRecordsPage, unwrapContinuation } from '../storage/records-store.js';

function badContinuation(): ApiError {
  return new ApiError(
    400,
    'bad-continuation',
    'The continuation token is not one this API gave out for this organisation; start again without it.',
  );
}

/** GET /api/orgs/{org}/records?type=&continuation=&pageSize= — any member. One page of stored records. */
export async function getRecords(rc: RouteContext) {
  if (rc.org === undefined) throw new Error('org route without org context');
  const query = rc.request.query;
  const typeParam = query.get('type');
  if (typeParam !== null && typeParam !== '' && !(RECORD_TYPES as readonly string[]).includes(typeParam)) {
    throw new ApiError(
      400,
      'bad-type',
      `type "${typeParam}" is not a record type; use one of ${RECORD_TYPES.join(', ')}.`,
    );
  }
  const sizeParam = query.get('pageSize');
  const pageSize = sizeParam === null ? MAX_PAGE_SIZE : Number(sizeParam);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new ApiError(400, 'bad-page-size', `pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}.`);
  }
  const given = query.get('continuation') ?? undefined;
  // A token this API gave out for this organisation, unwrapped to storage's own; any other is refused.
  const continuation = given === undefined || given === '' ? undefined : unwrapContinuation(rc.org.id, given);
  if (given !== undefined && given !== '' && continuation === undefined) throw badContinuation();
  try {
    const page = await readRecordsPage(rc.deps.tables, rc.org.id, {
      ...(typeParam === null || typeParam === '' ? {} : { type: typeParam as RecordType }),
      ...(continuation === undefined ? {} : { continuation }),
      pageSize,
    });
    return json(200, page);
  } catch (error) {
    if (
      continuation !== undefined &&
      (error instanceof SyntaxError || (error as { statusCode?: number }).statusCode === 400)
    ) {
      throw badContinuation();
    }
    throw error;
  }
}
