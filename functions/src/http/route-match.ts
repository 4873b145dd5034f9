/** Matches a path below `/api/` against Azure route templates (`orgs/{org}/records`) for the local dev host. */
export interface CompiledRoute<T> {
  value: T;
  pattern: RegExp;
  names: string[];
}

export function compileRoute<T>(template: string, value: T): CompiledRoute<T> {
  const names: string[] = [];
  const source = template
    .split('/')
    .map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment);
      if (param?.[1] !== undefined) {
        names.push(param[1]);
        return '([^/]+)';
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { value, pattern: new RegExp(`^${source}/?$`), names };
}

/** Route parameters are percent-decoded, as the Functions host does; a malformed escape does not match. */
export function matchRoute<T>(
  routes: readonly CompiledRoute<T>[],
  path: string,
): { value: T; params: Record<string, string> } | undefined {
  for (const route of routes) {
    const m = route.pattern.exec(path);
    if (m === null) continue;
    const params: Record<string, string> = {};
    try {
      route.names.forEach((name, i) => {
        params[name] = decodeURIComponent(m[i + 1] ?? '');
      });
    } catch {
      return undefined;
    }
    return { value: route.value, params };
  }
  return undefined;
}
