/**
 * Where the pane may send its bearer token. A production build calls only the API origins fixed when it was
 * built (VITE_QMS_API_URL's, plus VITE_QMS_API_ORIGINS), over https; the Server field cannot point it elsewhere,
 * so a typed or stored address can never hand the token to another host. Development (the dev server, or a build
 * made with VITE_QMS_ALLOW_LOCALHOST=1 as the browser tests make) may also use http(s) on localhost.
 */
export interface ApiOriginPolicy {
  /** Origins allowed besides localhost, e.g. `https://qms-api.azurewebsites.net`. */
  origins: readonly string[];
  allowLocalhost: boolean;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function apiOriginPolicy(env: Record<string, string | boolean | undefined>): ApiOriginPolicy {
  const listed = String(env.VITE_QMS_API_ORIGINS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const fromUrl = typeof env.VITE_QMS_API_URL === 'string' ? [env.VITE_QMS_API_URL] : [];
  const origins = [...listed, ...fromUrl].flatMap((u) => {
    try {
      return [new URL(u).origin];
    } catch {
      return [];
    }
  });
  return { origins, allowLocalhost: env.DEV === true || env.VITE_QMS_ALLOW_LOCALHOST === '1' };
}

/** Why the pane will not call `url` under `policy`, or undefined when it may. */
export function apiUrlProblem(url: string, policy: ApiOriginPolicy): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url}" is not a web address; write it like https://your-api.example/api`;
  }
  const local = LOCAL_HOSTS.has(parsed.hostname);
  if (local && policy.allowLocalhost && (parsed.protocol === 'http:' || parsed.protocol === 'https:')) return undefined;
  if (parsed.protocol !== 'https:')
    return `${parsed.origin} is not https: the pane sends your sign-in token only over https`;
  if (!policy.origins.includes(parsed.origin))
    return `${parsed.origin} is not a server this pane was built for (${policy.origins.join(', ') || 'none set'}); ask whoever deployed it, or use qms from the command line`;
  return undefined;
}
