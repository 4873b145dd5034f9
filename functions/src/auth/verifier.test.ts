import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.js';
import { readSettings } from '../config.js';
import { DomainError } from '../domain-error.js';
import { fromDomain } from '../http/problem.js';
import { createVerifier } from './verifier.js';

const NOW = new Date('2026-03-02T09:00:00Z');
const ISSUER = 'https://login.microsoftonline.com/tenant-1/v2.0';
const AUDIENCE = 'api://qms-readiness';

async function entraLikeToken(privateKey: CryptoKey, kid: string, claims: Record<string, unknown> = {}) {
  const now = Math.floor(NOW.getTime() / 1000);
  return new SignJWT({ oid: 'user-oid-1', scp: 'access_as_user', name: 'Ada', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .sign(privateKey);
}

/** A verifier over a one-key set (kid k1), as Entra's JWKS serves them, and the key that signs for it. */
async function keySetVerifier() {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwks = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] });
  const verifier = createVerifier({
    key: jwks,
    issuer: ISSUER,
    audience: AUDIENCE,
    requiredScope: 'access_as_user',
    clock: fixedClock(NOW),
    algorithms: ['RS256'],
  });
  return { privateKey, verifier };
}

describe('verifier with a key set (the shape of Entra JWKS)', () => {
  it('accepts a token signed by a key of the set and names the user by oid; refuses unknown keys', async () => {
    const { privateKey, verifier } = await keySetVerifier();
    const other = await generateKeyPair('RS256');

    await expect(verifier.verify(`Bearer ${await entraLikeToken(privateKey, 'k1')}`)).resolves.toEqual({
      userId: 'user-oid-1',
      name: 'Ada',
    });
    await expect(verifier.verify(`Bearer ${await entraLikeToken(other.privateKey, 'k1')}`)).rejects.toMatchObject({
      code: 'token-invalid',
    });
    await expect(verifier.verify(`Bearer ${await entraLikeToken(other.privateKey, 'k2')}`)).rejects.toBeInstanceOf(
      DomainError,
    );
    await expect(
      verifier.verify(`Bearer ${await entraLikeToken(privateKey, 'k1', { scp: 'User.Read' })}`),
    ).rejects.toMatchObject({ code: 'token-scope' });
    await expect(verifier.verify('Basic abc')).rejects.toMatchObject({ code: 'token-missing' });
  });
});

describe('verifier: tokens must carry exp', () => {
  it('refuses an otherwise valid token without an expiry (401 token-claims)', async () => {
    const { privateKey, verifier } = await keySetVerifier();
    const forever = await new SignJWT({ oid: 'user-oid-1', scp: 'access_as_user' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(Math.floor(NOW.getTime() / 1000))
      .sign(privateKey);
    await expect(verifier.verify(`Bearer ${forever}`)).rejects.toMatchObject({ code: 'token-claims' });
    await expect(verifier.verify(`Bearer ${await entraLikeToken(privateKey, 'k1')}`)).resolves.toMatchObject({
      userId: 'user-oid-1',
    });
  });
});

describe('errors by layer: auth names the refusal, the HTTP edge alone makes it a 401', () => {
  it('a domain refusal becomes 401 with a Bearer challenge; a retry hint becomes Retry-After', () => {
    const unauthorised = fromDomain(new DomainError('token-expired', 'The access token has expired.'));
    expect(unauthorised).toMatchObject({
      status: 401,
      code: 'token-expired',
      headers: { 'www-authenticate': 'Bearer' },
    });
    const busy = fromDomain(new DomainError('storage-unavailable', 'Storage is busy.', {}, 2));
    expect(busy).toMatchObject({ status: 503, headers: { 'retry-after': '2' } });
  });
});

describe('settings', () => {
  it('need a tenant and audience in production mode, and default CORS to the task pane origin', () => {
    expect(() => readSettings({})).toThrow(/QMS_ENTRA_TENANT_ID/);
    const entra = readSettings({ QMS_ENTRA_TENANT_ID: 't', QMS_ENTRA_AUDIENCE: 'api://a, b' });
    expect(entra.auth).toEqual({
      mode: 'entra',
      tenantId: 't',
      audience: ['api://a', 'b'],
      requiredScope: 'access_as_user',
    });
    expect(entra.corsOrigins).toEqual(['https://localhost:3000']);
    const dev = readSettings({ QMS_AUTH_MODE: 'dev', QMS_CORS_ORIGINS: 'https://a.example,https://b.example' });
    expect(dev.auth.mode).toBe('dev');
    expect(dev.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(() => readSettings({ QMS_AUTH_MODE: 'none' })).toThrow(/entra.*dev/);
  });

  it('refuse a bad number at start-up, naming the setting (a non-numeric time would never collect)', () => {
    const dev = { QMS_AUTH_MODE: 'dev' };
    expect(readSettings(dev).uploadTtlMs).toBe(60 * 60_000);
    expect(readSettings({ ...dev, QMS_UPLOAD_TTL_MINUTES: '90' }).uploadTtlMs).toBe(90 * 60_000);
    for (const bad of ['soon', '-1', '1.5', '999999999'])
      expect(() => readSettings({ ...dev, QMS_UPLOAD_TTL_MINUTES: bad })).toThrow(
        `QMS_UPLOAD_TTL_MINUTES must be a whole number from 5 to 10080, not "${bad}".`,
      );
  });

  it('refuse dev sign-in on an Azure host, naming the setting that says so', () => {
    expect(() => readSettings({ QMS_AUTH_MODE: 'dev', WEBSITE_INSTANCE_ID: 'abc123' })).toThrow(
      /QMS_AUTH_MODE=dev is refused on Azure \(WEBSITE_INSTANCE_ID is set\)/,
    );
    expect(
      readSettings({ WEBSITE_INSTANCE_ID: 'abc123', QMS_ENTRA_TENANT_ID: 't', QMS_ENTRA_AUDIENCE: 'a' }).auth.mode,
    ).toBe('entra');
  });
});
