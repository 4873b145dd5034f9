import type { HttpHandler, HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { getRole } from '../storage/members-store.js';
import { isStorageUnavailable, isTableNotFound } from '../storage/errors.js';
import { ORG_ID_PATTERN } from '../storage/keys.js';
import type { Deps } from '../deps.js';
import { corsHeaders, preflightHeaders } from './cors.js';
import { ApiError, asApiError, forbidden, problemResponse, storageUnavailable } from './problem.js';
import type { Route, RouteContext } from './types.js';

function withHeaders(response: HttpResponseInit, extra: Record<string, string>): HttpResponseInit {
  const headers = new Headers(response.headers);
  for (const [k, v] of Object.entries(extra)) headers.set(k, v);
  return { ...response, headers: Object.fromEntries(headers.entries()) };
}

/** The `{org}` of the path, checked for shape only (which says nothing about whether it exists). */
export function orgIdParam(rc: RouteContext): string {
  const org = rc.params.org ?? '';
  if (!ORG_ID_PATTERN.test(org)) {
    throw new ApiError(
      400,
      'bad-org-id',
      `"${org}" is not an organisation id (lower-case letters, digits and dashes, at most 63).`,
    );
  }
  return org;
}

async function run(
  route: Route,
  request: HttpRequest,
  invocation: InvocationContext,
  deps: Deps,
): Promise<HttpResponseInit> {
  const rc: RouteContext = {
    request,
    invocation,
    deps,
    params: { ...request.params },
    caller: undefined,
    org: undefined,
  };
  if (route.access.kind !== 'anonymous') {
    rc.caller = await deps.verifier.verify(request.headers.get('authorization'));
  }
  if (route.access.kind !== 'anonymous') await deps.tables.ensure();
  if (route.access.kind === 'org') {
    const org = orgIdParam(rc);
    const role = rc.caller === undefined ? undefined : await getRole(deps.tables, rc.caller.userId, org);
    if (role === undefined || !route.access.allow.includes(role)) throw forbidden();
    rc.org = { id: org, role };
  }
  return route.handler(rc);
}

/** Wraps a route's handler with CORS, auth, membership and error translation. The only HttpHandler factory. */
export function httpHandler(
  route: Route,
  getDeps: () => Promise<Deps>,
  preflightMethods: readonly string[] = route.methods,
): HttpHandler {
  return async (request, invocation) => {
    let deps: Deps;
    try {
      deps = await getDeps();
    } catch (error) {
      invocation.error('backend is not configured', error);
      return problemResponse(
        new ApiError(500, 'not-configured', 'The backend is not configured; see the Function app settings.'),
      );
    }
    // One span per request, named for the route (never the path's values, the token or the body): telemetry/attributes.ts.
    return deps.tracer.request(route, request.method, () => answer(route, request, invocation, deps, preflightMethods));
  };
}

async function answer(
  route: Route,
  request: HttpRequest,
  invocation: InvocationContext,
  deps: Deps,
  preflightMethods: readonly string[],
): Promise<HttpResponseInit> {
  const origin = request.headers.get('origin');
  if (request.method === 'OPTIONS') {
    return { status: 204, headers: preflightHeaders(origin, deps.options.corsOrigins, preflightMethods) };
  }
  const cors = corsHeaders(origin, deps.options.corsOrigins);
  try {
    let response: HttpResponseInit;
    try {
      response = await run(route, request.clone(), invocation, deps);
    } catch (error) {
      if (!isTableNotFound(error)) throw error;
      // Tables vanished under us (storage recreated): make them again and retry once.
      deps.tables.reset();
      await deps.tables.ensure();
      response = await run(route, request, invocation, deps);
    }
    return withHeaders(response, cors);
  } catch (error) {
    const known = asApiError(error);
    if (known) return withHeaders(problemResponse(known), cors);
    if (isStorageUnavailable(error)) {
      deps.log.warn('storage unavailable', { route: route.name, error: String(error) });
      return withHeaders(problemResponse(storageUnavailable(request.method)), cors);
    }
    deps.log.error('unhandled error', {
      route: route.name,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    return withHeaders(
      problemResponse(
        new ApiError(
          500,
          'internal',
          `Something went wrong on the server (invocation ${invocation.invocationId}); try again, and report it if it persists.`,
        ),
      ),
      cors,
    );
  }
}
