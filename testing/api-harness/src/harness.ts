import type { HttpResponseInit } from '@azure/functions';
import {
  healthSchema,
  memberSchema,
  orgPackSchema,
  orgSchema,
  packInfoSchema,
  packVersionSchema,
  portfolioSchema,
  PROBLEM_CODES,
  problemSchema,
  commitResultSchema,
  syncPlanSchema,
  uploadResultSchema,
} from '@qms/contract';
import { ApiError, runSync, type ApiClient, type RunSyncOptions, type SyncOutcome } from '@qms/client';
import { contentHash, type QmsRecord, type RecordType } from '@qms/templates';
import type { ZodType } from 'zod';
import {
  createTables,
  createVerifier,
  DEV_AUDIENCE,
  DEV_ISSUER,
  DEV_SCOPE,
  fixedClock,
  generateDevKeys,
  invoke,
  mintDevToken,
  routeTable,
  silentLog,
  type Deps,
  type DevKeys,
  type DevTokenOptions,
  noMetrics,
  noTracer,
  type ExtraClientOptions,
  type Metrics,
  type StorageAccess,
  type Tables,
} from '@qms/functions/dev';

// Real-host tests (the pane's, test/support/stack.ts) serve the same app over HTTP with the dev host and its tokens.
export { loadOrCreateDevKeys, mintDevToken, startDevHost, type DevHost } from '@qms/functions/dev';

export const TEST_NOW = new Date('2026-03-02T09:00:00.000Z');

export interface TestApp {
  deps: Deps;
  tables: Tables;
  keys: DevKeys;
  clock: ReturnType<typeof fixedClock>;
  token(user: string, extra?: Partial<DevTokenOptions>): Promise<string>;
  call(method: string, path: string, options?: CallOptions): Promise<TestResponse>;
  /** POST /orgs as the token's user (who becomes owner); throws unless the answer is 201. */
  createOrg(token: string, id: string, name?: string): Promise<void>;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  rawBody?: string | Uint8Array;
  headers?: Record<string, string>;
}

export interface TestResponse {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON bodies are inspected loosely in tests
  text: string;
}

let counter = 0;

/** A unique table-name prefix per app, so test files sharing one Azurite never see each other's data. */
export function uniquePrefix(): string {
  counter += 1;
  return `t${process.pid}x${counter}x${Math.random().toString(36).slice(2, 7)}`;
}

export async function toTestResponse(response: HttpResponseInit): Promise<TestResponse> {
  const headers = new Headers(response.headers);
  const text =
    typeof response.body === 'string'
      ? response.body
      : response.body == null
        ? ''
        : await new Response(response.body as ConstructorParameters<typeof Response>[0]).text();
  let body: unknown = undefined;
  if (text !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  return { status: response.status ?? 200, headers, body, text };
}

/**
 * Builds the app against storage (a connection string, or an endpoint with a credential): test keys for the dev issuer, a fixed clock, the real
 * route table. `call` builds an `HttpRequest` and invokes the registered handler directly, as Azure would.
 */
export async function createTestApp(
  storage: string | (StorageAccess & { clientOptions?: ExtraClientOptions }),
  options: { uploadTtlMs?: number; metrics?: Metrics } = {},
): Promise<TestApp> {
  const keys = await generateDevKeys();
  const clock = fixedClock(TEST_NOW);
  const access = typeof storage === 'string' ? { connectionString: storage } : storage;
  const tables = createTables({ ...access, prefix: uniquePrefix() });
  const deps: Deps = {
    tables,
    clock,
    verifier: createVerifier({
      key: keys.publicKey,
      issuer: DEV_ISSUER,
      audience: DEV_AUDIENCE,
      requiredScope: DEV_SCOPE,
      clock,
    }),
    log: silentLog,
    metrics: options.metrics ?? noMetrics,
    tracer: noTracer,
    options: { corsOrigins: ['https://localhost:3000'], uploadTtlMs: options.uploadTtlMs ?? 60 * 60_000 },
  };
  const table = routeTable(() => Promise.resolve(deps));
  const app: TestApp = {
    deps,
    tables,
    keys,
    clock,
    token: (user, extra = {}) => mintDevToken(keys, { user, now: clock.now(), ...extra }),
    async createOrg(token, id, name = `Org ${id}`) {
      const res = await app.call('POST', '/api/orgs', { token, body: { name, id } });
      if (res.status !== 201) throw new Error(`creating org "${id}" answered ${res.status}: ${res.text}`);
    },
    async call(method, path, callOptions = {}) {
      const url = new URL(path, 'http://localhost:7071');
      const headers: Record<string, string> = { ...callOptions.headers };
      if (callOptions.token !== undefined) headers.authorization = `Bearer ${callOptions.token}`;
      let body: Uint8Array | undefined;
      if (callOptions.rawBody !== undefined) {
        body =
          typeof callOptions.rawBody === 'string' ? new TextEncoder().encode(callOptions.rawBody) : callOptions.rawBody;
      } else if (callOptions.body !== undefined) {
        body = new TextEncoder().encode(JSON.stringify(callOptions.body));
        headers['content-type'] ??= 'application/json';
      }
      // The same invoker as the dev host: the route table as Azure registers it, matched as the Functions host does.
      const { response, route } = await invoke(table, { method, url, headers, body });
      if (route === undefined && response.status === 404) throw new Error(`no route for ${method} ${path}`);
      const answer = await toTestResponse(response);
      conformsToContract(route ?? 'no-route', answer);
      return answer;
    },
  };
  return app;
}

/**
 * Every answer any integration test gets is held to the wire contract the clients are typed by: a problem is a
 * full problem+json with a listed code, and the answers with a schema parse with it. Drift fails the test that
 * met it, whichever that is.
 */
const RESPONSE_SCHEMAS: Record<string, ZodType> = {
  health: healthSchema,
  sync: syncPlanSchema,
  'sync-records': uploadResultSchema,
  'sync-commit': commitResultSchema,
  portfolio: portfolioSchema,
  'orgs-create': orgSchema,
  'member-put': memberSchema,
  'pack-put': packInfoSchema,
  'pack-get': packVersionSchema,
  'org-pack-get': orgPackSchema,
  'org-pack-put': orgPackSchema,
};

function conformsToContract(handler: string, res: TestResponse): void {
  if ((res.headers.get('content-type') ?? '').includes('application/problem+json')) {
    const { code } = problemSchema.parse(res.body);
    if (!(PROBLEM_CODES as readonly string[]).includes(code))
      throw new Error(`${handler} answered with the problem code "${code}", which @qms/contract does not list`);
    return;
  }
  const schema = res.status < 300 ? RESPONSE_SCHEMAS[handler] : undefined;
  if (schema) schema.parse(res.body);
}

/** A record as the add-in would send it (hash computed the same way). */
export function rec(type: RecordType, id: string, data: Record<string, unknown>) {
  return { id, data, hash: contentHash(data), source: { sheet: 'CAPA Log', row: 2 } };
}

export function capa(id: string, status = 'Open', extra: Record<string, unknown> = {}) {
  return rec('capa', id, { capaId: id, dateOpened: '2026-01-05', status, ...extra });
}

/** A workbook's sync, by type: the records, whether the type is complete, the templates they come from. */
export function syncBody(
  syncId: string,
  records: ReturnType<typeof rec>[],
  options: { complete?: boolean; type?: RecordType } = {},
) {
  return {
    syncId,
    templates: { 'capa-log': 1 } as Record<string, number>,
    snapshots: [{ type: options.type ?? 'capa', complete: options.complete ?? true, records }],
  };
}

/** The shared client's three sync steps over `app.call`: a failed step throws the ApiError the client would. */
export function syncClient(app: TestApp, token: string): Pick<ApiClient, 'syncPlan' | 'syncRecords' | 'syncCommit'> {
  const step =
    <T>(path: string) =>
    async (org: string, body: unknown): Promise<T> => {
      const res = await app.call('POST', `/api/orgs/${encodeURIComponent(org)}/${path}`, { token, body });
      if (res.status !== 200)
        throw new ApiError(res.status, res.body as ApiError['problem'], `${path}: ${res.status} ${res.text}`);
      return res.body as T;
    };
  return { syncPlan: step('sync'), syncRecords: step('sync/records'), syncCommit: step('sync/commit') };
}

/** A workbook's records as the validator gives them, from a `syncBody`. */
export function toSyncInput(body: ReturnType<typeof syncBody>) {
  const records: QmsRecord[] = body.snapshots.flatMap((s) =>
    s.records.map(
      (r) =>
        ({
          type: s.type,
          id: r.id,
          data: r.data,
          hash: r.hash,
          source: r.source,
          warnings: (r as { warnings?: unknown[] }).warnings ?? [],
        }) as QmsRecord,
    ),
  );
  return {
    syncId: body.syncId,
    templates: body.templates,
    records,
    completeTypes: body.snapshots.filter((s) => s.complete).map((s) => s.type),
  };
}

/**
 * A whole sync as the pane and the CLI run it (runSync from @qms/client: plan, upload, commit), answered like
 * one call: 200 with the outcome, or the status and problem of the step that failed.
 */
export async function syncWorkbook(
  app: TestApp,
  token: string,
  org: string,
  body: ReturnType<typeof syncBody>,
  options: RunSyncOptions = {},
): Promise<{ status: number; body: SyncOutcome & Record<string, unknown> }> {
  try {
    const outcome = await runSync(syncClient(app, token), org, toSyncInput(body), options);
    return { status: 200, body: outcome as SyncOutcome & Record<string, unknown> };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return { status: error.status, body: (error.problem ?? {}) as SyncOutcome & Record<string, unknown> };
  }
}

/** Every stored record of an org as `id → hash`, read through the API (follows continuation tokens). */
export async function storedHashes(
  app: TestApp,
  org: string,
  token: string,
  type = 'capa',
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  let continuation: string | null = null;
  do {
    const qs = new URLSearchParams({ type, ...(continuation === null ? {} : { continuation }) });
    const res = await app.call('GET', `/api/orgs/${org}/records?${qs.toString()}`, { token });
    if (res.status !== 200) throw new Error(`records: ${res.status} ${res.text}`);
    const page = res.body as { records: { id: string; hash: string }[]; continuation: string | null };
    for (const r of page.records) out[r.id] = r.hash;
    continuation = page.continuation;
  } while (continuation !== null);
  return out;
}
