import type { TokenCredential } from '@azure/core-auth';
import { createRemoteJWKSet } from 'jose';
import { DEV_AUDIENCE, DEV_ISSUER, DEV_SCOPE, loadOrCreateDevKeys } from './auth/dev-issuer.js';
import { createVerifier, type Verifier } from './auth/verifier.js';
import { systemClock, type Clock } from './clock.js';
import type { Settings } from './config.js';
import { consoleLog, type Log } from './log.js';
import { createTables, type Tables } from './storage/tables.js';
import type { Metrics, RequestTracer } from './telemetry/port.js';
import { startTelemetry } from './telemetry/start.js';

/** What every handler receives: nothing is imported as a global, so tests inject all of it. */
export interface Deps {
  tables: Tables;
  clock: Clock;
  verifier: Verifier;
  log: Log;
  /** Sync outcomes, records written, assessment durations (telemetry/port.ts); a no-op unless telemetry is on. */
  metrics: Metrics;
  /** A span per request, named for its route (telemetry/port.ts); a no-op unless telemetry is on. */
  tracer: RequestTracer;
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

/**
 * The production credential for an endpoint QMS_STORAGE: DefaultAzureCredential, which on Azure is the managed
 * identity (the user-assigned one AZURE_CLIENT_ID names). Loaded on demand, so connection-string runs never
 * import @azure/identity and app.js stays quick to import.
 */
export async function defaultStorageCredential(clientId: string | undefined): Promise<TokenCredential> {
  const { DefaultAzureCredential } = await import('@azure/identity');
  return new DefaultAzureCredential(clientId === undefined ? {} : { managedIdentityClientId: clientId });
}

export interface DepsOverrides extends Partial<Deps> {
  /** The storage credential for an endpoint QMS_STORAGE (tests pass a stub); DefaultAzureCredential otherwise. */
  credential?: TokenCredential;
}

function storageTables(settings: Settings, credential: TokenCredential | undefined): Tables | Promise<Tables> {
  const prefix = settings.tablePrefix;
  const storage = settings.storage;
  if (storage.kind === 'connection-string') return createTables({ connectionString: storage.connectionString, prefix });
  if (credential !== undefined) return createTables({ endpoint: storage.endpoint, credential, prefix });
  return defaultStorageCredential(settings.azureClientId).then((c) =>
    createTables({ endpoint: storage.endpoint, credential: c, prefix }),
  );
}

export async function createDeps(settings: Settings, overrides: DepsOverrides = {}): Promise<Deps> {
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
  const telemetry =
    overrides.metrics !== undefined && overrides.tracer !== undefined
      ? { metrics: overrides.metrics, tracer: overrides.tracer }
      : await startTelemetry(settings.telemetry);
  return {
    tables: overrides.tables ?? (await storageTables(settings, overrides.credential)),
    clock,
    verifier,
    log: overrides.log ?? consoleLog,
    metrics: overrides.metrics ?? telemetry.metrics,
    tracer: overrides.tracer ?? telemetry.tracer,
    options: overrides.options ?? { corsOrigins: settings.corsOrigins, uploadTtlMs: settings.uploadTtlMs },
  };
}
