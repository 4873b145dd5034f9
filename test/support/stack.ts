/**
 * The real parts for end-to-end tests: an Azurite table server (own free port), the functions app with the
 * real route table behind the dev host (own free port), the qms CLI run in-process through its command
 * table, and a tiny HTTP proxy for injecting faults between the CLI and the API.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateWorkbook, type QmsRecord } from '@qms/templates';
import { readWorkbook } from '@qms/templates/xlsx';
import { main } from '../../cli/src/main.js';
import { memoryIo } from '../../cli/src/shared/memory-io.js';
import {
  createTestApp,
  loadOrCreateDevKeys,
  mintDevToken,
  startDevHost,
  type DevHost,
  type TestApp,
} from '@qms/api-harness';
import { freePort, startAzurite, type Azurite } from '@qms/api-harness/azurite';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEMO = join(ROOT, 'examples', 'demo-manufacturer.xlsx');
/** The demo workbook's own "today" (examples/README.md). */
export const DEMO_AS_OF = '2026-11-24';

export interface Stack {
  azurite: Azurite;
  app: TestApp;
  /** The dev host's API base, e.g. http://localhost:PORT/api (stays the same across restarts). */
  url: string;
  port: number;
  token(user: string): Promise<string>;
  /** Closes the dev host (cutting open connections) and starts it again on the same port after `downMs`. */
  restartHost(downMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startStack(options: { azuriteLocation?: string } = {}): Promise<Stack> {
  const azurite = await startAzurite(
    options.azuriteLocation === undefined ? {} : { location: options.azuriteLocation },
  );
  const app = await createTestApp(azurite.connectionString);
  await app.tables.ensure();
  let host: DevHost = await startDevHost(() => Promise.resolve(app.deps), { port: 0 });
  const port = Number(new URL(host.url).port);
  return {
    azurite,
    app,
    url: host.url,
    port,
    token: (user) => app.token(user),
    async restartHost(downMs = 300) {
      await host.close();
      await new Promise((r) => setTimeout(r, downMs));
      host = await startDevHost(() => Promise.resolve(app.deps), { port });
    },
    async close() {
      await host.close();
      await azurite.stop();
    },
  };
}

/** Runs `qms …` in-process (the same command table as the bin), capturing its output. */
export async function qms(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo(ROOT, new Date(`${DEMO_AS_OF}T12:00:00Z`));
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

/** What `api` answers: JSON bodies are inspected loosely in tests. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies are inspected loosely in tests
export type ApiAnswer = { status: number; body: any; text: string };

/** A JSON call to the API with a bearer token. */
export async function api(url: string, token: string, method = 'GET', body?: unknown): Promise<ApiAnswer> {
  const res = await fetch(url, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, body: parsed, text };
}

export async function createOrg(stack: Pick<Stack, 'url'>, token: string, id: string, name = id): Promise<void> {
  const res = await api(`${stack.url}/orgs`, token, 'POST', { id, name });
  if (res.status !== 201) throw new Error(`create org ${id}: ${res.status} ${res.text}`);
}

/** The workbook's valid records, validated as the CLI does. */
export async function workbookRecords(file: string, asOf = DEMO_AS_OF): Promise<QmsRecord[]> {
  const input = await readWorkbook(new Uint8Array(await readFile(file)));
  return validateWorkbook(input, { asOf }).records;
}

/** Every stored record of an org as `type → [id, hash][]`, through GET /records (every page, every type). */
export async function storedRecords(
  stack: Pick<Stack, 'url'>,
  token: string,
  org: string,
): Promise<Map<string, [string, string][]>> {
  const out = new Map<string, [string, string][]>();
  let continuation: string | null = null;
  do {
    const qs = new URLSearchParams({ pageSize: '1000', ...(continuation === null ? {} : { continuation }) });
    const res = await api(`${stack.url}/orgs/${org}/records?${qs.toString()}`, token);
    if (res.status !== 200) throw new Error(`records: ${res.status} ${res.text}`);
    const page = res.body as { records: { type: string; id: string; hash: string }[]; continuation: string | null };
    for (const r of page.records) out.set(r.type, [...(out.get(r.type) ?? []), [r.id, r.hash]]);
    continuation = page.continuation;
  } while (continuation !== null);
  return out;
}

/** The same shape for the workbook's records, for a deep comparison (sorted, duplicates kept). */
export function byType(records: readonly Pick<QmsRecord, 'type' | 'id' | 'hash'>[]): Map<string, [string, string][]> {
  const out = new Map<string, [string, string][]>();
  for (const r of records) out.set(r.type, [...(out.get(r.type) ?? []), [r.id, r.hash]]);
  return out;
}

export function sorted(map: Map<string, [string, string][]>): Record<string, [string, string][]> {
  const cmp = (a: [string, string], b: [string, string]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
  return Object.fromEntries(
    [...map.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([type, list]) => [type, [...list].sort(cmp)]),
  );
}

export interface ProxyHooks {
  /** Called (and awaited) as the n-th sync request (1-based) arrives, before it is forwarded. */
  beforeSync?(n: number): Promise<void> | void;
  /** Return true to swallow the upstream's answer to the n-th sync request (the client then times out). */
  swallowSync?(n: number): boolean;
}

export interface Proxy {
  url: string;
  syncRequests(): number;
  close(): Promise<void>;
}

function readAll(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * A pass-through HTTP proxy to `target` (a base like http://localhost:PORT). When the upstream cannot be
 * reached or cuts the connection, the proxy cuts the client's connection too, as a real network would.
 */
export async function startProxy(target: string, hooks: ProxyHooks = {}): Promise<Proxy> {
  let syncs = 0;
  const held: IncomingMessage[] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readAll(req);
      const isSync = req.method === 'POST' && /\/sync(\/records|\/commit)?$/.test(req.url ?? '');
      const n = isSync ? ++syncs : 0;
      if (isSync) await hooks.beforeSync?.(n);
      let upstream: Response;
      let text: string;
      try {
        const headers = new Headers();
        for (const [k, v] of Object.entries(req.headers))
          if (typeof v === 'string' && k !== 'host' && k !== 'content-length' && k !== 'connection') headers.set(k, v);
        upstream = await fetch(`${target}${req.url ?? '/'}`, {
          method: req.method ?? 'GET',
          headers,
          ...(body.length > 0 ? { body } : {}),
        });
        text = await upstream.text();
      } catch {
        res.socket?.destroy();
        return;
      }
      if (isSync && hooks.swallowSync?.(n) === true) {
        // The answer is lost on the way back: keep the connection open and say nothing.
        held.push(req);
        return;
      }
      // QMS_DEBUG_PROXY=1 shows every answer that passes (to see which part met which fault).
      if (process.env.QMS_DEBUG_PROXY)
        console.error(`proxy ${req.method} ${req.url} #${n} -> ${upstream.status} ${text.slice(0, 160)}`);
      res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
      res.end(text);
    })();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api`,
    syncRequests: () => syncs,
    close: () =>
      new Promise<void>((resolve) => {
        for (const req of held) req.socket.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface HostProcess {
  url: string;
  /** Kills the host process outright (SIGKILL: no clean-up, as a crashed or recycled instance). */
  kill(): Promise<void>;
  /** Starts it again on the same port and waits until it answers /health. */
  start(): Promise<void>;
  token(user: string): Promise<string>;
}

/** The dev host as its own process (functions/src/dev/main.ts, as `npm start` runs it) on a free port. */
export async function startHostProcess(connectionString: string, keyFile: string): Promise<HostProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/api`;
  let child: ChildProcess | undefined;
  const start = async () => {
    const c = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'functions/src/dev/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        QMS_AUTH_MODE: 'dev',
        QMS_DEV_KEY_FILE: keyFile,
        QMS_STORAGE: connectionString,
        QMS_PORT: String(port),
        QMS_HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child = c;
    let err = '';
    c.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
    });
    for (let i = 0; i < 300; i += 1) {
      const up = await fetch(`${url}/health`)
        .then((r) => r.ok)
        .catch(() => false);
      if (up) return;
      if (c.exitCode !== null) throw new Error(`dev host exited: ${err}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`dev host did not answer on ${url}: ${err}`);
  };
  await start();
  const keys = await loadOrCreateDevKeys(keyFile);
  return {
    url,
    start,
    token: (user) => mintDevToken(keys, { user, ttlSeconds: 3600 }),
    kill: async () => {
      const c = child;
      if (c === undefined || c.exitCode !== null) return;
      const exited = once(c, 'exit');
      c.kill('SIGKILL');
      await exited;
    },
  };
}
