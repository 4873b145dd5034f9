import { fileURLToPath } from 'node:url';

/** Everything the backend reads from the environment (Function app settings or local.settings.json). */
export interface Settings {
  storageConnection: string;
  tablePrefix: string;
  corsOrigins: string[];
  auth:
    { mode: 'entra'; tenantId: string; audience: string[]; requiredScope: string } | { mode: 'dev'; keyFile: string };
  /** How long an uploaded record version no commit names is kept before garbage collection (QMS_UPLOAD_TTL_MINUTES). */
  uploadTtlMs: number;
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
    storageConnection: env.QMS_STORAGE ?? env.AzureWebJobsStorage ?? DEV_STORAGE,
    tablePrefix: env.QMS_TABLE_PREFIX ?? '',
    corsOrigins: origins.length > 0 ? origins : [DEFAULT_CORS_ORIGIN],
    auth,
    uploadTtlMs: wholeSetting(env, 'QMS_UPLOAD_TTL_MINUTES', 60, 5, 10_080) * 60_000,
  };
}
