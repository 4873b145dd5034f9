import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type CryptoKey, type JWK } from 'jose';

/**
 * The development issuer: a locally generated ES256 key pair signs tokens that the normal verifier accepts
 * when it is configured with this issuer, audience and public key. Never used in Azure.
 */
export const DEV_ISSUER = 'https://qms-dev.localhost/issuer';
export const DEV_AUDIENCE = 'api://qms-readiness-dev';
export const DEV_SCOPE = 'access_as_user';

export interface DevKeys {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  kid: string;
}

export async function generateDevKeys(): Promise<DevKeys> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  return { privateKey, publicKey, kid: `dev-${Date.now().toString(36)}` };
}

/** Loads the dev key pair from `file`, creating and saving it on first use, so printed tokens survive restarts. */
export async function loadOrCreateDevKeys(file: string): Promise<DevKeys> {
  try {
    const saved = JSON.parse(await readFile(file, 'utf8')) as { kid: string; privateJwk: JWK; publicJwk: JWK };
    const privateKey = await importJWK(saved.privateJwk, 'ES256');
    const publicKey = await importJWK(saved.publicJwk, 'ES256');
    if (privateKey instanceof Uint8Array || publicKey instanceof Uint8Array)
      throw new Error('dev key file holds a symmetric key');
    return { privateKey, publicKey, kid: saved.kid };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const keys = await generateDevKeys();
  await mkdir(dirname(file), { recursive: true });
  const body = {
    kid: keys.kid,
    privateJwk: await exportJWK(keys.privateKey),
    publicJwk: await exportJWK(keys.publicKey),
  };
  await writeFile(file, JSON.stringify(body, null, 2), { mode: 0o600 });
  return keys;
}

export interface DevTokenOptions {
  user: string;
  name?: string;
  /** Lifetime in seconds (default 12 hours). */
  ttlSeconds?: number;
  now?: Date;
  audience?: string;
  issuer?: string;
  scope?: string;
}

/** Signs a dev access token shaped like an Entra v2 token (`oid`, `scp`, `name`). */
export async function mintDevToken(
  keys: Pick<DevKeys, 'privateKey' | 'kid'>,
  options: DevTokenOptions,
): Promise<string> {
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return new SignJWT({ oid: options.user, name: options.name ?? options.user, scp: options.scope ?? DEV_SCOPE })
    .setProtectedHeader({ alg: 'ES256', kid: keys.kid })
    .setIssuer(options.issuer ?? DEV_ISSUER)
    .setAudience(options.audience ?? DEV_AUDIENCE)
    .setSubject(options.user)
    .setIssuedAt(now)
    .setNotBefore(now - 60)
    .setExpirationTime(now + (options.ttlSeconds ?? 12 * 3600))
    .sign(keys.privateKey);
}
