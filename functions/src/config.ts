import { fileURLToPath } from 'node:url';

/** Everything the backend reads from the environment (Function app settings or local.settings.json). */
export interface Settings {
  storage: StorageSetting;
  tablePrefix: string;
  corsOrigins: string[];
  auth:
    { mode: 'entra'; tenantId: string; audience: string[]; requiredScope: string } | { mode: 'dev'; keyFile: string };
  /** How long an uploaded record version no commit names is kept before garbage collection (QMS_UPLOAD_TTL_MINUTES). */
  uploadTtlMs: number;
  /** Client id of the user-assigned managed identity (AZURE_CLIENT_ID); unset means the system-assigned one. */
  azureClientId: string | undefined;
  /** Application Insights, only when APPLICATIONINSIGHTS_CONNECTION_STRING is set: otherwise no telemetry loads. */
  telemetry: TelemetrySetting | undefined;
}

/**
 * Where Table Storage is and how to sign in to it (QMS_STORAGE, docs/api.md "Settings"): a connection string
 * (Azurite, or an account that still allows shared keys), or an account endpoint reached with a token from
 * Entra ID (the Function app's managed identity, when the account has shared-key access turned off).
 */
export type StorageSetting =
  { kind: 'connection-string'; connectionString: string } | { kind: 'token'; endpoint: string };

export interface TelemetrySetting {
  connectionString: string;
  /** APPLICATIONINSIGHTS_AUTHENTICATION_STRING `Authorization=AAD`: send with an Entra token (local auth off). */
  entra: { clientId: string | undefined } | undefined;
}

export const DEFAULT_CORS_ORIGIN = 'https://localhost:3000';
export const DEV_STORAGE = 'UseDevelopmentStorage=true';
/** Git-ignored (functions/.gitignore): the dev signing key lives here so printed tokens keep working. */
export const DEFAULT_DEV_KEY_FILE = fileURLToPath(new URL('../.dev/dev-signing-key.json', import.meta.url));

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** App settings Azure sets on every Function app (and nowhere else): dev sign-in must never run there. */
const AZURE_HOST_SETTINGS = ['WEBSITE_INSTANCE_ID', 'WEBSITE_SITE_NAME', 'CONTAINER_APP_NAME'] as const;

/** A whole number setting within bounds, or a start-up error that names the setting and what it must be. */
function wholeSetting(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, not "${raw}".`);
  return value;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? undefined : trimmed;
}

/** The keys a storage connection string is made of; any one of them marks the setting as a connection string. */
const CONNECTION_STRING_KEY =
  /(^|;)\s*(UseDevelopmentStorage|DefaultEndpointsProtocol|AccountName|AccountKey|TableEndpoint|SharedAccessSignature|EndpointSuffix)\s*=/i;

const STORAGE_FORMS =
  'a connection string (e.g. "UseDevelopmentStorage=true" for Azurite) or the account\'s table endpoint URL (e.g. "https://<account>.table.core.windows.net", used with the managed identity)';

/** QMS_STORAGE (or AzureWebJobsStorage when it is unset): one of the two forms, or a start-up error naming both. */
export function storageSetting(env: NodeJS.ProcessEnv): StorageSetting {
  const fromQms = nonEmpty(env.QMS_STORAGE);
  const raw = fromQms ?? nonEmpty(env.AzureWebJobsStorage) ?? DEV_STORAGE;
  const name =
    fromQms === undefined && raw !== DEV_STORAGE ? 'AzureWebJobsStorage (QMS_STORAGE is unset)' : 'QMS_STORAGE';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new ConfigError(`${name} is not a valid URL; set it to ${STORAGE_FORMS}.`);
    }
    // Bearer tokens only travel over TLS (the SDK refuses otherwise), and a URL with a query would be a SAS: a secret.
    if (url.protocol !== 'https:')
      throw new ConfigError(`${name} must be an https:// endpoint when it is a URL; set it to ${STORAGE_FORMS}.`);
    if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '')
      throw new ConfigError(
        `${name} must be the bare table endpoint, without a query (SAS), fragment or user; set it to ${STORAGE_FORMS}.`,
      );
    return { kind: 'token', endpoint: url.toString().replace(/\/+$/, '') };
  }
  if (CONNECTION_STRING_KEY.test(raw)) return { kind: 'connection-string', connectionString: raw };
  // The value itself is not echoed: it might be a key pasted into the wrong setting.
  throw new ConfigError(`${name} is neither a connection string nor an endpoint URL; set it to ${STORAGE_FORMS}.`);
}

/**
 * APPLICATIONINSIGHTS_CONNECTION_STRING turns telemetry on. APPLICATIONINSIGHTS_AUTHENTICATION_STRING, when set,
 * must be `Authorization=AAD` (optionally `;ClientId=<user-assigned identity>`), the form Azure documents for Entra
 * sign-in to Application Insights; the infra turns local (key) auth off, so that is how telemetry gets through.
 */
export function telemetrySetting(env: NodeJS.ProcessEnv): TelemetrySetting | undefined {
  const connectionString = nonEmpty(env.APPLICATIONINSIGHTS_CONNECTION_STRING);
  if (connectionString === undefined) return undefined;
  const auth = nonEmpty(env.APPLICATIONINSIGHTS_AUTHENTICATION_STRING);
  if (auth === undefined) return { connectionString, entra: undefined };
  const parts = new Map<string, string>();
  for (const part of auth.split(';')) {
    const at = part.indexOf('=');
    if (part.trim() === '') continue;
    if (at < 0) throw authStringError();
    parts.set(part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim());
  }
  if ((parts.get('authorization') ?? '').toUpperCase() !== 'AAD') throw authStringError();
  return { connectionString, entra: { clientId: nonEmpty(parts.get('clientid')) ?? nonEmpty(env.AZURE_CLIENT_ID) } };
}

function authStringError(): ConfigError {
  return new ConfigError(
    'APPLICATIONINSIGHTS_AUTHENTICATION_STRING must be "Authorization=AAD" or "Authorization=AAD;ClientId=<managed identity client id>", or be unset.',
  );
}

export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const mode = env.QMS_AUTH_MODE ?? 'entra';
  let auth: Settings['auth'];
  const azure = AZURE_HOST_SETTINGS.find((name) => (env[name] ?? '') !== '');
  if (mode === 'dev' && azure !== undefined) {
    throw new ConfigError(
      `QMS_AUTH_MODE=dev is refused on Azure (${azure} is set): dev tokens are signed by a key anyone running the project has. Set QMS_AUTH_MODE=entra with QMS_ENTRA_TENANT_ID and QMS_ENTRA_AUDIENCE.`,
    );
  }
  if (mode === 'dev') {
    auth = { mode: 'dev', keyFile: env.QMS_DEV_KEY_FILE ?? DEFAULT_DEV_KEY_FILE };
  } else if (mode === 'entra') {
    const tenantId = env.QMS_ENTRA_TENANT_ID ?? '';
    const audience = list(env.QMS_ENTRA_AUDIENCE);
    if (tenantId === '' || audience.length === 0) {
      throw new ConfigError(
        'Set QMS_ENTRA_TENANT_ID and QMS_ENTRA_AUDIENCE (or QMS_AUTH_MODE=dev for local development).',
      );
    }
    auth = { mode: 'entra', tenantId, audience, requiredScope: env.QMS_ENTRA_SCOPE ?? 'access_as_user' };
  } else {
    throw new ConfigError(`QMS_AUTH_MODE must be "entra" or "dev", not "${mode}".`);
  }
  const origins = list(env.QMS_CORS_ORIGINS);
  return {
    storage: storageSetting(env),
    tablePrefix: env.QMS_TABLE_PREFIX ?? '',
    corsOrigins: origins.length > 0 ? origins : [DEFAULT_CORS_ORIGIN],
    auth,
    uploadTtlMs: wholeSetting(env, 'QMS_UPLOAD_TTL_MINUTES', 60, 5, 10_080) * 60_000,
    azureClientId: nonEmpty(env.AZURE_CLIENT_ID),
    telemetry: telemetrySetting(env),
  };
}
