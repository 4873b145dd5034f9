import azureFunctions, { type HttpResponseInit } from '@azure/functions';
import type { Deps } from '../deps.js';
import { ApiError, problemResponse } from './problem.js';
import { registrations, type Registration } from './register.js';
import { compileRoute, matchRoute, type CompiledRoute } from './route-match.js';
import { ROUTES } from './routes.js';
import type { Route } from './types.js';

const { HttpRequest, HttpResponse, InvocationContext } = azureFunctions;

/** The Functions host's route prefix (host.json `extensions.http.routePrefix`). */
export const ROUTE_PREFIX = 'api';

/** The route table as Azure registers it, compiled once for matching paths. */
export type RouteTable = readonly CompiledRoute<Registration>[];

export function routeTable(getDeps: () => Promise<Deps>, routes: readonly Route[] = ROUTES): RouteTable {
  return registrations(routes, getDeps).map((reg) => compileRoute(reg.route, reg));
}

export interface IncomingCall {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: Uint8Array | undefined;
}

/**
 * Runs one call the way the Functions host does: the path below `/api/` picks the registration (404 when none,
 * 405 when the method is not one of its), route parameters are percent-decoded (400 for a malformed escape), and
 * the registration's handler — the same one Azure runs, with the same pipeline — answers. The one invoker of the
 * local dev host and the test harness, so both serve exactly what Azure serves.
 */
export interface Answer {
  response: HttpResponseInit;
  /** The registration that answered (its route name), or undefined when no route did. */
  route: string | undefined;
}

export async function invoke(table: RouteTable, call: IncomingCall): Promise<Answer> {
  const prefix = `/${ROUTE_PREFIX}/`;
  const path = call.url.pathname.startsWith(prefix) ? call.url.pathname.slice(prefix.length) : undefined;
  const method = call.method.toUpperCase();
  const candidates = path === undefined ? [] : table.filter((c) => c.pattern.test(path));
  if (candidates.length === 0)
    return {
      response: problemResponse(
        new ApiError(404, 'no-route', `No API route at ${call.url.pathname}; see docs/api.md.`),
      ),
      route: undefined,
    };
  const forMethod = candidates.filter((c) => (c.value.methods as string[]).includes(method));
  if (forMethod.length === 0) {
    const allow = candidates.flatMap((c) => c.value.methods).join(', ');
    return {
      response: problemResponse(
        new ApiError(
          405,
          'method-not-allowed',
          `${method} is not allowed on ${call.url.pathname}; use ${allow}.`,
          {},
          { allow },
        ),
      ),
      route: undefined,
    };
  }
  const match = matchRoute(forMethod, path ?? '');
  if (match === undefined)
    return {
      response: problemResponse(new ApiError(400, 'bad-path', 'The path has a malformed %-escape.')),
      route: undefined,
    };
  const request = new HttpRequest({
    method,
    url: call.url.toString(),
    headers: call.headers,
    params: match.params,
    ...(call.body !== undefined && call.body.length > 0 ? { body: { bytes: call.body } } : {}),
  });
  const response = await match.value.handler(request, new InvocationContext({ functionName: match.value.name }));
  return {
    response:
      response instanceof HttpResponse
        ? { status: response.status, headers: response.headers, body: await response.text() }
        : (response ?? { status: 204 }),
    route: match.value.name,
  };
}
