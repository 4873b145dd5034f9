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
} as const;

export type TableName = keyof typeof TABLE_NAMES;

export interface Tables {
  orgs: TableClient;
  members: TableClient;
  orgMembers: TableClient;
  records: TableClient;
  snapshots: TableClient;
  /** Creates missing tables (once per process while it succeeds). */
  ensure(): Promise<void>;
  /** Forgets that the tables were created (after one turned out missing). */
  reset(): void;
  /** A cheap call that fails when storage cannot be reached; used by /health. */
  ping(signal?: AbortSignal): Promise<void>;
}

/**
 * Retries: a few quick tries, so a storage blip is absorbed but an outage turns into a 503 within seconds
 * instead of hanging the request for the SDK's default ~minute.
 */
export const STORAGE_RETRY: TableServiceClientOptions['retryOptions'] = {
  maxRetries: 2,
  retryDelayInMs: 100,
  maxRetryDelayInMs: 1000,
};

export interface TablesOptions {
  connectionString: string;
  /** Prefix for table names, so tests can share one Azurite without seeing each other (letters and digits). */
  prefix?: string;
}

function isLocal(connectionString: string): boolean {
  return /UseDevelopmentStorage=true|127\.0\.0\.1|localhost/i.test(connectionString);
}

export function createTables(options: TablesOptions): Tables {
  const prefix = options.prefix ?? '';
  const clientOptions = {
    retryOptions: STORAGE_RETRY,
    // Azurite speaks plain HTTP; Azure does not, so this is only allowed for local endpoints.
    allowInsecureConnection: isLocal(options.connectionString),
  };
  const client = (name: string): TableClient =>
    TableClient.fromConnectionString(options.connectionString, `${prefix}${name}`, clientOptions);
  const service = TableServiceClient.fromConnectionString(options.connectionString, {
    ...clientOptions,
    retryOptions: { maxRetries: 0 },
  });
  const tables = {
    orgs: client(TABLE_NAMES.orgs),
    members: client(TABLE_NAMES.members),
    orgMembers: client(TABLE_NAMES.orgMembers),
    records: client(TABLE_NAMES.records),
    snapshots: client(TABLE_NAMES.snapshots),
  };
  let ensured: Promise<void> | undefined;
  return {
    ...tables,
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
      await service.getProperties({ abortSignal: signal });
    },
  };
}
