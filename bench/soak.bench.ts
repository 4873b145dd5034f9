/**
 * Soak: many clients syncing large workbooks at once, on loopback only, against a real Azurite (in memory, own
 * port) and the real dev host (its own process, own port) that this script starts and stops.
 *
 *   npx tsc -b && node --import tsx bench/soak.bench.ts [--clients 20] [--orgs 5] [--records 2000] [--seconds 60]
 *
 * Each client is someone syncing their organisation's workbook over and over: every round it edits 5 % of the
 * rows (so there is real writing, not only unchanged re-syncs) and syncs it through the shared client's runSync
 * (`@qms/client`, as the add-in and the CLI do): plan, uploads in parts of 500, commit; on 409 head-moved (another
 * client of the organisation committed first) it plans again, and a 503 (the server's deliberate "storage busy,
 * retry") is retried. Any other 5xx, or a network error, is a failure.
 * The loop is bounded: no new sync starts after the deadline, and each client stops after MAX_ROUNDS.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createApiClient, runSync } from '@qms/client';
import { mulberry32 } from '@qms/engine';
import { contentHash, type QmsRecord } from '@qms/templates';
import { loadOrCreateDevKeys, mintDevToken } from '../functions/dist/auth/dev-issuer.js';
import { freePort, startAzurite } from '@qms/api-harness/azurite';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '20' },
    orgs: { type: 'string', default: '5' },
    records: { type: 'string', default: '2000' },
    seconds: { type: 'string', default: '60' },
  },
});
const CLIENTS = Number(values.clients);
const ORGS = Number(values.orgs);
const RECORDS = Number(values.records);
const SECONDS = Number(values.seconds);
const PART_RECORDS = 500;
const EDIT_SHARE = 0.05;
const MAX_ROUNDS = 10_000;

const STATUSES = ['Open', 'In progress', 'Cancelled'];

/** A deterministic PRNG per client, so runs edit the same rows. */
const prng = mulberry32;

function capa(i: number, revision: number): QmsRecord {
  const id = `CAPA-${String(i + 1).padStart(5, '0')}`;
  const data = {
    capaId: id,
    dateOpened: '2026-01-05',
    source: 'Internal audit',
    severity: i % 3 === 0 ? 'Major' : 'Minor',
    description: `Nonconformity ${i + 1}, revision ${revision}: label does not match the order on batch ${i % 97}`,
    containment: 'Batch quarantined and relabelled',
    owner: `Owner ${i % 12}`,
    dueDate: '2026-03-05',
    status: STATUSES[i % STATUSES.length] ?? 'Open',
  };
  return { type: 'capa', id, data, hash: contentHash(data), source: { sheet: 'CAPA Log', row: i + 6 }, warnings: [] };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function latencyLine(label: string, samples: number[]): string {
  const s = [...samples].sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(0);
  return `${label}: n=${s.length} p50=${f(percentile(s, 50))} p90=${f(percentile(s, 90))} p99=${f(percentile(s, 99))} max=${f(s[s.length - 1] ?? NaN)} ms`;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

const dir = await mkdtemp(join(tmpdir(), 'qms-soak-'));
const keyFile = join(dir, 'dev-key.json');
const azurite = await startAzurite();
const apiPort = await freePort();
const api = `http://127.0.0.1:${apiPort}/api`;

// The dev host in its own process, from the build (the code Azure runs; `npm start` runs the same sources through
// tsx), with the dev issuer of this run's key and this Azurite.
const host = spawn(process.execPath, ['functions/dist/dev/main.js'], {
  cwd: join(import.meta.dirname, '..'),
  env: {
    ...process.env,
    QMS_AUTH_MODE: 'dev',
    QMS_DEV_KEY_FILE: keyFile,
    QMS_STORAGE: azurite.connectionString,
    QMS_PORT: String(apiPort),
    QMS_HOST: '127.0.0.1',
  },
  stdio: ['ignore', 'ignore', 'pipe'],
});
let hostErr = '';
host.stderr.on('data', (d: Buffer) => {
  hostErr += d.toString();
});

async function stopAll() {
  if (host.exitCode === null) {
    const exited = new Promise((r) => host.once('exit', r));
    host.kill('SIGTERM');
    await Promise.race([exited, sleep(5000)]);
    if (host.exitCode === null) host.kill('SIGKILL');
  }
  await azurite.stop();
  await rm(dir, { recursive: true, force: true });
}

try {
  for (let i = 0; ; i += 1) {
    const ok = await fetch(`${api}/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    if (i > 200 || host.exitCode !== null) throw new Error(`dev host did not come up: ${hostErr}`);
    await sleep(100);
  }
  const keys = await loadOrCreateDevKeys(keyFile);
  const tokens = await Promise.all(
    Array.from({ length: CLIENTS }, (_, c) => mintDevToken(keys, { user: `soak-user-${c}`, ttlSeconds: 3600 })),
  );

  // Each org is created by its first client, who then invites the org's other clients as editors (they accept).
  const orgOf = (c: number) => `soak-${c % ORGS}`;
  for (let o = 0; o < ORGS; o += 1) {
    const owner = createApiClient({ baseUrl: api, getToken: () => Promise.resolve(tokens[o]) });
    await owner.createOrg(`soak-${o}`, `Soak ${o}`);
    for (let c = o + ORGS; c < CLIENTS; c += ORGS) {
      const res = await fetch(`${api}/orgs/soak-${o}/members/soak-user-${c}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${tokens[o] ?? ''}`, 'content-type': 'application/json' },
        body: JSON.stringify({ role: 'editor' }),
      });
      if (res.status !== 200) throw new Error(`grant editor: ${res.status} ${await res.text()}`);
      // A grant to a non-member is an invitation: the client accepts it before it can sync.
      const accepted = await fetch(`${api}/orgs/soak-${o}/invitation`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens[c] ?? ''}` },
      });
      if (accepted.status !== 200) throw new Error(`accept: ${accepted.status} ${await accepted.text()}`);
    }
  }

  const statuses = new Map<string, number>();
  const count = (key: string) => statuses.set(key, (statuses.get(key) ?? 0) + 1);
  const requestMs: number[] = [];
  const syncMs: number[] = [];
  let syncs = 0;
  let recordsSent = 0;
  let written = 0;
  let failures = 0;
  let replans = 0;
  /** Per org, the snapshot of the commit with the highest head version: what the org must hold at the end. */
  const lastCommitted = new Map<string, { version: number; snapshot: Map<string, string> }>();
  const failureSamples: string[] = [];

  const started = performance.now();
  const deadline = started + SECONDS * 1000;

  async function client(c: number) {
    const token = tokens[c];
    const org = orgOf(c);
    const random = prng(1000 + c);
    const revisions = new Array<number>(RECORDS).fill(0);
    const api1 = createApiClient({
      baseUrl: api,
      getToken: () => Promise.resolve(token),
      // Every answer is counted by status (and problem code), and timed.
      fetch: async (input, init) => {
        const t0 = performance.now();
        try {
          const res = await fetch(input, { ...init, signal: AbortSignal.timeout(120_000) });
          requestMs.push(performance.now() - t0);
          let code = '';
          if (!res.ok) code = ((await res.clone().json()) as { code?: string }).code ?? '';
          count(`${res.status}${code ? ` ${code}` : ''}`);
          return res;
        } catch (error) {
          count('network');
          throw error;
        }
      },
    });
    for (let round = 0; round < MAX_ROUNDS && performance.now() < deadline; round += 1) {
      for (let k = 0; k < RECORDS * EDIT_SHARE; k += 1) {
        const i = Math.floor(random() * RECORDS);
        revisions[i] = (revisions[i] ?? 0) + 1 + c * 1_000_000;
      }
      const records = revisions.map((rev, i) => capa(i, rev));
      const syncStart = performance.now();
      try {
        const outcome = await runSync(
          api1,
          org,
          { syncId: `soak-${c}-${round}`, templates: { 'capa-log': 1 }, records, completeTypes: ['capa'] },
          {
            partLimits: { records: PART_RECORDS, bytes: 3_500_000 },
            maxRounds: 50,
            // 503 is the server's deliberate "storage busy, retry"; a network error is a failure.
            retry: {
              retries: 5,
              sleep,
              random,
              shouldRetry: (error) => error.status === 503,
            },
          },
        );
        syncs += 1;
        replans += outcome.replans;
        recordsSent += outcome.uploaded;
        written += outcome.created + outcome.updated + outcome.deleted;
        syncMs.push(performance.now() - syncStart);
        const best = lastCommitted.get(org);
        if (best === undefined || outcome.version > best.version)
          lastCommitted.set(org, { version: outcome.version, snapshot: new Map(records.map((r) => [r.id, r.hash])) });
      } catch (error) {
        failures += 1;
        if (failureSamples.length < 5) failureSamples.push(error instanceof Error ? error.message : String(error));
      }
    }
  }

  await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
  const elapsed = (performance.now() - started) / 1000;

  // Integrity after the storm: every org holds exactly the workbook of one of its clients' last completed syncs —
  // ids and hashes — never a mix of two (the server refuses to finish a sync that another one overtook).
  let integrity = true;
  const integrityNotes: string[] = [];
  for (let o = 0; o < ORGS; o += 1) {
    const stored = new Map<string, string>();
    let continuation: string | null = null;
    do {
      const qs = new URLSearchParams({ type: 'capa', ...(continuation === null ? {} : { continuation }) });
      const res = await fetch(`${api}/orgs/soak-${o}/records?${qs.toString()}`, {
        headers: { authorization: `Bearer ${tokens[o] ?? ''}` },
      });
      const page = (await res.json()) as { records: { id: string; hash: string }[]; continuation: string | null };
      for (const r of page.records) stored.set(r.id, r.hash);
      continuation = page.continuation;
    } while (continuation !== null);
    if (stored.size !== RECORDS) {
      integrity = false;
      integrityNotes.push(`soak-${o} holds ${stored.size} records, not ${RECORDS}`);
    }
    const last = lastCommitted.get(`soak-${o}`);
    const equal = last !== undefined && [...last.snapshot].every(([id, hash]) => stored.get(id) === hash);
    if (!equal) {
      integrity = false;
      integrityNotes.push(`soak-${o} is not the snapshot of its last commit (version ${last?.version ?? 'none'})`);
    }
  }

  const fivexx = [...statuses.entries()]
    .filter(([k]) => /^5\d\d/.test(k) && !k.startsWith('503'))
    .reduce((n, [, v]) => n + v, 0);
  const network = statuses.get('network') ?? 0;
  console.log(
    `soak: ${CLIENTS} clients on ${ORGS} orgs (${CLIENTS / ORGS} per org), ${RECORDS} records a workbook, ${EDIT_SHARE * 100} % edited a round, parts of ${PART_RECORDS}, ${SECONDS} s (ran ${elapsed.toFixed(1)} s, loopback)`,
  );
  console.log(
    `throughput: ${syncs} syncs completed = ${(syncs / elapsed).toFixed(2)} syncs/s; ${recordsSent} records sent = ${(recordsSent / elapsed).toFixed(0)} records/s; ${written} entities written`,
  );
  console.log(latencyLine('request latency (one step)', requestMs));
  console.log(latencyLine('sync latency (plan, uploads, commit, replans)', syncMs));
  console.log(
    `status counts: ${[...statuses.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ')}`,
  );
  console.log(
    `409 head-moved means another client of the org committed first: the sync planned again against the new head (${replans} times), waiting on no one; 503 is the server's deliberate retry-later`,
  );
  console.log(
    `integrity: ${ORGS} orgs × ${RECORDS} records, each exactly the snapshot of its last commit: ${integrity ? 'yes' : 'NO'}${integrityNotes.length ? ` (${integrityNotes.join('; ')})` : ''}`,
  );
  const pass = fivexx === 0 && network === 0 && failures === 0 && integrity;
  console.log(
    `5xx other than 503: ${fivexx}; network errors: ${network}; failed syncs: ${failures} → ${pass ? 'PASS' : 'FAIL'}`,
  );
  for (const sample of failureSamples) console.log(`  failure: ${sample}`);
  process.exitCode = pass ? 0 : 1;
} finally {
  await stopAll();
}
