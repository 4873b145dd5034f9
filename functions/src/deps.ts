import { createRemoteJWKSet } from 'jose';
import { DEV_AUDIENCE, DEV_ISSUER, DEV_SCOPE, loadOrCreateDevKeys } from './auth/dev-issuer.js';
import { createVerifier, type Verifier } from './auth/verifier.js';
import { systemClock, type Clock } from './clock.js';
import type { Settings } from './config.js';
import { consoleLog, type Log } from './log.js';
import { createTables, type Tables } from './storage/tables.js';

/** What every handler receives: nothing is imported as a global, so tests inject all of it. */
export interface Deps {
  tables: Tables;
  clock: Clock;
  verifier: Verifier;
  log: Log;
  options: { corsOrigins: string[]; uploadTtlMs: number };
}

/** Production verifier: Entra ID v2 tokens of one tenant, keys from its JWKS endpoint. */
export function entraVerifier(tenantId: string, audience: string[], requiredScope: string, clock: Clock): Verifier {
  const jwks = createRemoteJWKSet(new URL(`https://login.microsoftonline.com/${tenantId}/discovery/v2.0/keys`));
  return createVerifier({
    key: jwks,
    issuer: `https://login.microsoftonline.com/${tenantId}/v2.0`,
    audience,
    requiredScope,
    clock,
    algorithms: ['RS256'],
  });
}

export async function createDeps(settings: Settings, overrides: Partial<Deps> = {}): Promise<Deps> {
  const clock = overrides.clock ?? systemClock;
  let verifier = overrides.verifier;
  if (verifier === undefined) {
    if (settings.auth.mode === 'entra') {
      verifier = entraVerifier(settings.auth.tenantId, settings.auth.audience, settings.auth.requiredScope, clock);
    } else {
      const keys = await loadOrCreateDevKeys(settings.auth.keyFile);
      verifier = createVerifier({
        key: keys.publicKey,
        issuer: DEV_ISSUER,
        audience: DEV_AUDIENCE,
        requiredScope: DEV_SCOPE,
        clock,
      });
    }
  }
  return {
    tables:
      overrides.tables ?? createTables({ connectionString: settings.storageConnection, prefix: settings.tablePrefix }),
    clock,
    verifier,
    log: overrides.log ?? consoleLog,
    options: overrides.options ?? { corsOrigins: settings.corsOrigins, uploadTtlMs: settings.uploadTtlMs },
  };
}
