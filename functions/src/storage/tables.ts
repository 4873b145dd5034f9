import type { TokenCredential } from '@azure/core-auth';
import { TableClient, TableServiceClient, type TableServiceClientOptions } from '@azure/data-tables';

/**
 * The tables of docs/api.md (Storage layout). Membership is kept twice: `orgmembers` (PK org, RK user) is the one access checks and
 * owner changes read, because one org's members share a partition and so can change in one transaction;
 * `members` (PK user, RK org) is the per-user copy that lists a user's organisations.
 */
export const TABLE_NAMES = {
  orgs: 'orgs',
  members: 'members',
  orgMembers: 'orgmembers',
  records: 'records',
  snapshots: 'snapshots',
  packs: 'packs',
} as const;

export type TableName = keyof typeof TABLE_NAMES;

export interface Tables {
  orgs: TableClient;
  members: TableClient;
  orgMembers: TableClient;
  records: TableClient;
  snapshots: TableClient;
  /** Consultants' template packs (PK pack id): owner row, one row per version, one per assigned organisation. */
  packs: TableClient;
  /** Creates missing tables (once per process while it succeeds). */
  ensure(): Promise<void>;
  /** Forgets that the tables were created (after one turned out missing). */
  reset(): void;
  /** A cheap call that fails when storage cannot be reached; used by /health. */
  ping(signal?: AbortSignal): Promise<void>;
  /** How the clients sign in (reported by /health; never the secret itself). */
  readonly auth: StorageAuth;
}

export type StorageAuth = 'connection-string' | 'token';

/**
 * Retries: a few quick tries, so a storage blip is absorbed but an outage turns into a 503 within seconds
 * instead of hanging the request for the SDK's default ~minute.
 */
export const STORAGE_RETRY: TableServiceClientOptions['retryOptions'] = {
  maxRetries: 2,
  retryDelayInMs: 100,
  maxRetryDelayInMs: 1000,
};

/** How to reach the account: a connection string, or an endpoint URL plus a credential that hands out tokens. */
export type StorageAccess = { connectionString: string } | { endpoint: string; credential: TokenCredential };

/**
 * Client options beyond the defaults, for tests only: a CA for Azurite's self-signed certificate, and an HTTP
 * client that records what is sent. Production passes none.
 */
export type ExtraClientOptions = Pick<TableServiceClientOptions, 'tlsOptions' | 'httpClient'>;

export type TablesOptions = StorageAccess & {
  /** Prefix for table names, so tests can share one Azurite without seeing each other (letters and digits). */
  prefix?: string;
  clientOptions?: ExtraClientOptions;
};

function isLocal(connectionString: string): boolean {
  return /UseDevelopmentStorage=true|127\.0\.0\.1|localhost/i.test(connectionString);
}

export function createTables(options: TablesOptions): Tables {
  const prefix = options.prefix ?? '';
  const token = 'credential' in options;
  const clientOptions: TableServiceClientOptions = {
    ...options.clientOptions,
    retryOptions: STORAGE_RETRY,
    // Azurite speaks plain HTTP; Azure does not, so this is only allowed for local endpoints. A token is only ever
    // sent over https (the SDK's bearer policy refuses anything else), so the endpoint form never needs it.
    allowInsecureConnection: !token && isLocal(options.connectionString),
  };
  const pingOptions = { ...clientOptions, retryOptions: { maxRetries: 0 } };
  const client = (name: string): TableClient =>
    token
      ? new TableClient(options.endpoint, `${prefix}${name}`, options.credential, clientOptions)
      : TableClient.fromConnectionString(options.connectionString, `${prefix}${name}`, clientOptions);
  const service = token
    ? new TableServiceClient(options.endpoint, options.credential, pingOptions)
    : TableServiceClient.fromConnectionString(options.connectionString, pingOptions);
  const tables = {
    orgs: client(TABLE_NAMES.orgs),
    members: client(TABLE_NAMES.members),
    orgMembers: client(TABLE_NAMES.orgMembers),
    records: client(TABLE_NAMES.records),
    snapshots: client(TABLE_NAMES.snapshots),
    packs: client(TABLE_NAMES.packs),
  };
  let ensured: Promise<void> | undefined;
  return {
    ...tables,
    auth: token ? 'token' : 'connection-string',
    ensure() {
      ensured ??= Promise.all(Object.values(tables).map((t) => t.createTable())).then(
        () => undefined,
        (error: unknown) => {
          ensured = undefined;
          throw error;
        },
      );
      return ensured;
    },
    reset() {
      ensured = undefined;
    },
    async ping(signal) {
      if (token) {
        // With a token, ping with a data action the identity's role "Storage Table Data Contributor" grants for
        // sure (query tables), rather than service properties, which are account settings. One name, first page.
        await service.listTables({ abortSignal: signal }).byPage({ maxPageSize: 1 }).next();
        return;
      }
      await service.getProperties({ abortSignal: signal });
    },
  };
}
