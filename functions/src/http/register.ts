import type { HttpFunctionOptions, HttpHandler, HttpMethod } from '@azure/functions';
import type { Deps } from '../deps.js';
import { loadOnFirstCall } from './lazy.js';
import type { Route } from './types.js';

export interface Registration {
  name: string;
  route: string;
  methods: HttpMethod[];
  handler: HttpHandler;
}

/**
 * Turns the route table into registrations: one per route, with OPTIONS (CORS preflight) added to the first
 * route of each path so that two functions never claim the same method on the same path. The pipeline (CORS,
 * auth, membership, errors) is imported on a registration's first call, like the handlers (see lazy.ts).
 */
export function registrations(routes: readonly Route[], getDeps: () => Promise<Deps>): Registration[] {
  const methodsByPath = new Map<string, HttpMethod[]>();
  for (const r of routes) methodsByPath.set(r.route, [...(methodsByPath.get(r.route) ?? []), ...r.methods]);
  const seen = new Set<string>();
  return routes.map((r) => {
    const first = !seen.has(r.route);
    seen.add(r.route);
    const all = methodsByPath.get(r.route) ?? r.methods;
    return {
      name: r.name,
      route: r.route,
      methods: first ? [...r.methods, 'OPTIONS'] : r.methods,
      handler: loadOnFirstCall(async () => (await import('./pipeline.js')).httpHandler(r, getDeps, all)),
    };
  });
}

export function toFunctionOptions(reg: Registration): HttpFunctionOptions {
  return { route: reg.route, methods: reg.methods, authLevel: 'anonymous', handler: reg.handler };
}
