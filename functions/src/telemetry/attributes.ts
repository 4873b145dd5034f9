import type { RouteIdentity } from './port.js';

export type SpanAttributes = Record<string, string | number>;

/**
 * The attributes of a request span: which route of the table answered (name and template), the method and the
 * status. Built from those alone, never from the request's headers, query or body, so no token, query value or
 * record content can reach telemetry (docs/api.md "Telemetry").
 */
export function requestAttributes(route: RouteIdentity, request: { method: string }, status?: number): SpanAttributes {
  const attributes: SpanAttributes = {
    'qms.route': route.name,
    'http.route': `/api/${route.route}`,
    'http.request.method': request.method.toUpperCase(),
  };
  if (status !== undefined) attributes['http.response.status_code'] = status;
  return attributes;
}

/** A span's name: method and route name (low cardinality; the path's values stay out). */
export function requestSpanName(route: RouteIdentity, method: string): string {
  return `${method.toUpperCase()} ${route.name}`;
}
