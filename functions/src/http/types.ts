import type { HttpMethod, HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import type { Caller } from '../auth/verifier.js';
import type { Role } from '../auth/roles.js';
import type { Deps } from '../deps.js';

/** Who may call a route: anyone, any signed-in user, or members of the route's `{org}` with one of these roles. */
export type Access = { kind: 'anonymous' } | { kind: 'signed-in' } | { kind: 'org'; allow: readonly Role[] };

/** What a handler gets: the request, its route parameters, the verified caller and, on org routes, their role. */
export interface RouteContext {
  request: HttpRequest;
  invocation: InvocationContext;
  deps: Deps;
  params: Record<string, string>;
  caller: Caller | undefined;
  org: { id: string; role: Role } | undefined;
}

export type RouteHandler = (rc: RouteContext) => Promise<HttpResponseInit>;

export interface Route {
  /** Function name in Azure (letters, digits, dashes). */
  name: string;
  methods: HttpMethod[];
  /** Azure route template below the `api` prefix, e.g. `orgs/{org}/records`. */
  route: string;
  access: Access;
  handler: RouteHandler;
}
