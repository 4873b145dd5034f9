import { errors, jwtVerify, type CryptoKey, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { ProblemCode } from '@qms/contract';
import { DomainError } from '../domain-error.js';
import type { Clock } from '../clock.js';

/** Who is calling, as the token says. `userId` is the Entra object id (`oid`) or, failing that, `sub`. */
export interface Caller {
  userId: string;
  name?: string;
}

export interface Verifier {
  /** Checks an `Authorization` header; throws a DomainError (401 at the HTTP edge) when it is missing or not acceptable. */
  verify(authorization: string | null): Promise<Caller>;
}

export type KeySource = JWTVerifyGetKey | CryptoKey;

export interface VerifierOptions {
  key: KeySource;
  issuer: string;
  audience: string | string[];
  /** A scope that must appear in `scp` (Entra delegated permission), e.g. `access_as_user`. */
  requiredScope?: string;
  clock: Clock;
  algorithms?: string[];
}

/** Not signed in, or not acceptably: the HTTP edge answers 401 with a Bearer challenge. */
function unauthorized(code: ProblemCode, detail: string): DomainError {
  return new DomainError(code, detail);
}

function callerOf(payload: JWTPayload, requiredScope?: string): Caller {
  if (requiredScope !== undefined) {
    const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
    if (!scopes.includes(requiredScope)) {
      throw unauthorized(
        'token-scope',
        `The access token lacks the scope "${requiredScope}"; sign in again to consent to it.`,
      );
    }
  }
  const oid = typeof payload.oid === 'string' ? payload.oid : undefined;
  const userId = oid ?? payload.sub;
  if (userId === undefined || userId === '') {
    throw unauthorized('token-subject', 'The access token names no user (no oid or sub claim).');
  }
  const name =
    typeof payload.name === 'string'
      ? payload.name
      : typeof payload.preferred_username === 'string'
        ? payload.preferred_username
        : undefined;
  return name === undefined ? { userId } : { userId, name };
}

/** One verifier for production (Entra JWKS) and development (a local key pair): only the key source differs. */
export function createVerifier(options: VerifierOptions): Verifier {
  return {
    async verify(authorization) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
      if (match?.[1] === undefined) {
        throw unauthorized('token-missing', 'Sign in first: send "Authorization: Bearer <access token>".');
      }
      try {
        const verifyOptions = {
          issuer: options.issuer,
          audience: options.audience,
          currentDate: options.clock.now(),
          clockTolerance: 60,
          algorithms: options.algorithms ?? ['RS256', 'ES256'],
          // A token without an expiry would be good for ever if it leaked: refused like any invalid claim.
          requiredClaims: ['exp'],
        };
        const key = options.key;
        const { payload } =
          typeof key === 'function'
            ? await jwtVerify(match[1], key, verifyOptions)
            : await jwtVerify(match[1], key, verifyOptions);
        return callerOf(payload, options.requiredScope);
      } catch (error) {
        if (error instanceof DomainError) throw error;
        if (error instanceof errors.JWTExpired) {
          throw unauthorized('token-expired', 'The access token has expired; sign in again to get a new one.');
        }
        if (error instanceof errors.JWTClaimValidationFailed) {
          throw unauthorized(
            'token-claims',
            `The access token is not for this API (${error.claim} claim rejected); sign in to this add-in again.`,
          );
        }
        throw unauthorized(
          'token-invalid',
          'The access token could not be verified (bad signature or format); sign in again.',
        );
      }
    },
  };
}
