/**
 * Soak: many clients syncing large workbooks at once, on loopback only, against a real Azurite (in memory, own
 * port) and the real dev host (its own process, own port) that this script starts and stops.
 *
 *   npx tsc -b && node --import tsx bench/soak.bench.ts [--clients 20] [--orgs 5] [--records 2000] [--seconds 60] [--lock-wait-ms N]
 *
 * Each client is someone syncing their organisation's workbook over and over: every round it edits 5 % of the
 * rows (so there is real writing, not only unchanged re-syncs) and syncs it in parts of 500 through the shared
 * client (`@qms/client`: planSync + createApiClient), retrying a part on 409 sync-in-progress (several clients
 * share an organisation, whose syncs the server serialises with a lease: contention, not failure) and on 503
 * (the server's deliberate "storage busy, retry"), and sending the whole sync again under a new id on 409
 * sync-superseded (another client's sync finished first), as the add-in and the CLI do. Any other 5xx, or a
 * network error, is a failure.
 * The loop is bounded: no new sync starts after the deadline, and each client stops after MAX_ROUNDS.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { ApiError, createApiClient, planSync } from '@qms/client';
import { mulberry32 } from '@qms/engine';
import { contentHash, type QmsRecord } from '@qms/templates';
import { loadOrCreateDevKeys, mintDevToken } from '../functions/dist/auth/dev-issuer.js';
import { freePort, startAzurite } from '../functions/dist/test-support/azurite.js';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '20' },
    orgs: { type: 'string', default: '5' },
    records: { type: 'string', default: '2000' },
    seconds: { type: 'string', default: '60' },
    // The server's wait for an org's sync lease before 409 (QMS_SYNC_LOCK_WAIT_MS); unset: its default (20 s).
    'lock-wait-ms': { type: 'string' },
  },
});
const CLIENTS = Number(values.clients);
const ORGS = Number(values.orgs);
const RECORDS = Number(values.records);
const SECONDS = Number(values.seconds);
const PART_RECORDS = 500;
const EDIT_SHARE = 0.05;
const MAX_ROUNDS = 10_000;
const MAX_ATTEMPTS = 30;
const MAX_RESTARTS = 3;

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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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
    ...(values['lock-wait-ms'] === undefined ? {} : { QMS_SYNC_LOCK_WAIT_MS: values['lock-wait-ms'] }),
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

  // Each org is created by its first client, who then makes the org's other clients editors.
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
  let restarts = 0;
  const lastSynced = new Map<number, Map<string, string>>();
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
      fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(120_000) }),
    });
    for (let round = 0; round < MAX_ROUNDS && performance.now() < deadline; round += 1) {
      for (let k = 0; k < RECORDS * EDIT_SHARE; k += 1) {
        const i = Math.floor(random() * RECORDS);
        revisions[i] = (revisions[i] ?? 0) + 1 + c * 1_000_000;
      }
      const records = revisions.map((rev, i) => capa(i, rev));
      const syncStart = performance.now();
      let complete = false;
      // A sync refused as superseded (another client of the org finished first) is sent again under a new id, as
      // the add-in and the CLI do; each restart is counted.
      for (let restart = 0; restart <= MAX_RESTARTS && !complete; restart += 1) {
        if (restart > 0) restarts += 1;
        const parts = planSync(
          {
            syncId: `soak-${c}-${round}${restart ? `-r${restart}` : ''}`,
            templates: { 'capa-log': 1 },
            records,
            completeTypes: ['capa'],
          },
          { records: PART_RECORDS, bytes: 3_500_000 },
        );
        complete = true;
        let superseded = false;
        for (const part of parts) {
          let done = false;
          for (let attempt = 1; attempt <= MAX_ATTEMPTS && !done; attempt += 1) {
            const t0 = performance.now();
            try {
              const r = await api1.sync(org, part);
              requestMs.push(performance.now() - t0);
              count('200');
              written += r.created + r.updated;
              done = true;
            } catch (error) {
              requestMs.push(performance.now() - t0);
              const status = error instanceof ApiError ? error.status : -1;
              const code = error instanceof ApiError ? (error.problem?.code ?? '') : '';
              count(`${status === 0 ? 'network' : status}${code ? ` ${code}` : ''}`);
              if (status === 409 && code === 'sync-in-progress') {
                await sleep(200 + random() * 800);
              } else if (status === 409 && code === 'sync-superseded' && restart < MAX_RESTARTS) {
                superseded = true;
                break;
              } else if (status === 503) {
                await sleep(500 * attempt);
              } else {
                failures += 1;
                if (failureSamples.length < 5)
                  failureSamples.push(error instanceof Error ? error.message : String(error));
                break;
              }
            }
          }
          if (!done) {
            complete = false;
            break;
          }
          recordsSent += part.snapshots.reduce((n, s) => n + s.records.length, 0);
        }
        if (!complete && !superseded) break;
      }
      if (complete) {
        syncs += 1;
        syncMs.push(performance.now() - syncStart);
        lastSynced.set(c, new Map(records.map((r) => [r.id, r.hash])));
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
    const candidates = Array.from({ length: CLIENTS }, (_, c) => c)
      .filter((c) => orgOf(c) === `soak-${o}`)
      .flatMap((c) => lastSynced.get(c) ?? []);
    const matches = candidates.some((last) => [...last].every(([id, hash]) => stored.get(id) === hash));
    if (candidates.length > 0 && !matches) {
      integrity = false;
      integrityNotes.push(`soak-${o} equals none of its clients' last completed syncs`);
    }
  }

  const fivexx = [...statuses.entries()]
    .filter(([k]) => /^5\d\d/.test(k) && !k.startsWith('503'))
    .reduce((n, [, v]) => n + v, 0);
  const network = statuses.get('network') ?? 0;
  console.log(
    `soak: ${CLIENTS} clients on ${ORGS} orgs (${CLIENTS / ORGS} per org), ${RECORDS} records a workbook, ${EDIT_SHARE * 100} % edited a round, parts of ${PART_RECORDS}, lock wait ${values['lock-wait-ms'] ?? 'default'} ms, ${SECONDS} s (ran ${elapsed.toFixed(1)} s, loopback)`,
  );
  console.log(
    `throughput: ${syncs} syncs completed = ${(syncs / elapsed).toFixed(2)} syncs/s; ${recordsSent} records sent = ${(recordsSent / elapsed).toFixed(0)} records/s; ${written} entities written`,
  );
  console.log(latencyLine('request latency (one part)', requestMs));
  console.log(latencyLine('sync latency (all parts, with waits)', syncMs));
  console.log(
    `status counts: ${[...statuses.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ')}`,
  );
  console.log(
    `409 sync-in-progress is expected contention (clients share an org); 409 sync-superseded means another client finished first, and the sync was sent again (${restarts} restarts); 503 is the server's deliberate retry-later`,
  );
  console.log(
    `integrity: ${ORGS} orgs × ${RECORDS} records, each equal to one client's last completed sync: ${integrity ? 'yes' : 'NO'}${integrityNotes.length ? ` (${integrityNotes.join('; ')})` : ''}`,
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
