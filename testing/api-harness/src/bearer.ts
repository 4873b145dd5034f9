import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { createDefaultHttpClient, type HttpClient } from '@azure/core-rest-pipeline';

/** What Azurite's `--oauth basic` checks (azurite/dist/src/table/authentication/TableTokenAuthenticator.js). */
export interface TokenClaims {
  aud: string;
  iss: string;
  /** Seconds since the epoch; the token is valid from iat/nbf to exp. */
  iat: number;
  nbf: number;
  exp: number;
}

/** An Entra-shaped storage token: what a managed identity would get, for the real account audience and issuer. */
export function storageClaims(now = Date.now()): TokenClaims {
  const s = Math.floor(now / 1000);
  return {
    aud: 'https://storage.azure.com',
    iss: 'https://sts.windows.net/00000000-0000-0000-0000-000000000000/',
    iat: s - 60,
    nbf: s - 60,
    exp: s + 3600,
  };
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/**
 * A TokenCredential that mints unsigned JWTs with these claims, standing in for DefaultAzureCredential. Azurite in
 * basic OAuth mode does not check signatures, so the shape is all that matters; it records the scopes asked for.
 */
export function stubTokenCredential(claims: () => TokenClaims = storageClaims): TokenCredential & {
  readonly scopes: string[];
} {
  const scopes: string[] = [];
  return {
    scopes,
    getToken(scope): Promise<AccessToken> {
      scopes.push(...(Array.isArray(scope) ? scope : [scope]));
      const body = claims();
      const token = `${base64url({ alg: 'RS256', typ: 'JWT' })}.${base64url(body)}.${base64url('not-signed')}`;
      return Promise.resolve({ token, expiresOnTimestamp: body.exp * 1000 });
    },
  };
}

/**
 * The SDK's own HTTP client, wrapped to note each request's Authorization scheme as it leaves (after every
 * pipeline policy, signing included): how a test proves which credential storage calls actually carried.
 */
export function recordingHttpClient(): HttpClient & { readonly schemes: string[] } {
  const inner = createDefaultHttpClient();
  const schemes: string[] = [];
  return {
    schemes,
    sendRequest(request) {
      const authorization = request.headers.get('authorization') ?? '(none)';
      schemes.push(authorization.split(' ')[0] ?? '');
      return inner.sendRequest(request);
    },
  };
}
