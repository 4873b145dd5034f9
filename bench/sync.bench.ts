/**
 * Sync budgets (docs/architecture.md, Budgets), against a real Azurite started here (in memory, own port):
 *  - first sync of 10,000 records through the API (batched transactions) vs one upsert per record, side by side;
 *    goal ≥ 10×;
 *  - re-sync with nothing changed: entity writes (must be 0) and its time as a share of the first sync (≤ 10 %);
 *  - importing the Functions app entry (≤ 300 ms), in fresh processes.
 *   npx tsc -b && node --import tsx bench/sync.bench.ts   (measures the built app in functions/dist, as Azure runs it)
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { contentHash } from '@qms/templates';
import { runBounded } from '../functions/dist/storage/batch.js';
import { toRecordEntity } from '../functions/dist/storage/record-entity.js';
import { startAzurite } from '../functions/dist/test-support/azurite.js';
import { createTestApp, type TestApp } from '../functions/dist/test-support/harness.js';
import { countWrites } from '../functions/dist/test-support/write-counter.js';

const RECORDS = 10_000;
const PART_SIZE = 5_000;
const IMPORT_RUNS = 5;

const STATUSES = ['Open', 'In progress', 'Cancelled'];

function capaRecords(n: number) {
  return Array.from({ length: n }, (_, i) => {
    const id = `CAPA-${String(i + 1).padStart(5, '0')}`;
    const data = {
      capaId: id,
      dateOpened: '2026-01-05',
      source: 'Internal audit',
      severity: i % 3 === 0 ? 'Major' : 'Minor',
      description: `Nonconformity ${i + 1}: label does not match the order on batch ${i % 97}`,
      containment: 'Batch quarantined and relabelled',
      owner: `Owner ${i % 12}`,
      dueDate: '2026-03-05',
      status: STATUSES[i % STATUSES.length] ?? 'Open',
    };
    return { id, data, hash: contentHash(data), source: { sheet: 'CAPA Log', row: i + 6 } };
  });
}

async function syncAll(
  app: TestApp,
  org: string,
  token: string,
  syncId: string,
  records: ReturnType<typeof capaRecords>,
) {
  const parts = Math.ceil(records.length / PART_SIZE);
  const totals = { created: 0, updated: 0, unchanged: 0, deleted: 0 };
  for (let p = 0; p < parts; p += 1) {
    const body = {
      syncId,
      part: p + 1,
      parts,
      templates: { 'capa-log': 1 },
      snapshots: [{ type: 'capa', complete: true, records: records.slice(p * PART_SIZE, (p + 1) * PART_SIZE) }],
    };
    const res = await app.call('POST', `/api/orgs/${org}/sync`, { token, body });
    if (res.status !== 200) throw new Error(`sync part ${p + 1}: ${res.status} ${res.text.slice(0, 300)}`);
    for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += Number(res.body[k]);
  }
  return totals;
}

function importTimes(entry: string, loader: string[]): number[] {
  const script = `const t=performance.now();await import(${JSON.stringify(entry)});process.stdout.write(String(performance.now()-t));`;
  const out: number[] = [];
  for (let i = 0; i < IMPORT_RUNS; i += 1) {
    const r = spawnSync(process.execPath, [...loader, '--input-type=module', '-e', script], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    out.push(Number(r.stdout.trim().split('\n').pop()));
  }
  return out.sort((a, b) => a - b);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const ms = (x: number) => `${x.toFixed(0)} ms`;

const ROUNDS = 5;
const azurite = await startAzurite();
try {
  const app = await createTestApp(azurite.connectionString);
  const token = await app.token('bench-owner');
  const writes = countWrites(app.tables.records);
  const bookkeeping = countWrites(app.tables.syncs);
  // The baseline writes into its own tables, so neither run reads or writes through the other's entities.
  const baseline = await createTestApp(azurite.connectionString);
  await baseline.tables.ensure();
  const records = capaRecords(RECORDS);
  const at = new Date().toISOString();

  // Warm up connections and code paths on a small org that is not measured.
  await app.call('POST', '/api/orgs', { token, body: { name: 'warm', id: 'warm' } });
  await syncAll(app, 'warm', token, 'warm', capaRecords(3000));
  await syncAll(app, 'warm', token, 'warm-2', capaRecords(3000));

  const rows: {
    first: number;
    single: number;
    again: number;
    firstWrites: number;
    firstRequests: number;
    againWrites: number;
    againBookkeeping: number;
    created: number;
    unchanged: number;
  }[] = [];
  // Rounds alternate the two ways of writing, each into a fresh partition, so machine noise hits both alike.
  for (let round = 1; round <= ROUNDS; round += 1) {
    const org = `batched-${round}`;
    const created = await app.call('POST', '/api/orgs', { token, body: { name: org, id: org } });
    if (created.status !== 201) throw new Error(created.text);

    // 1. First sync through the API: validation, diff, batched transactions (2 parts of 5,000).
    writes.reset();
    let t = performance.now();
    const first = await syncAll(app, org, token, `first-${round}`, records);
    const firstMs = performance.now() - t;
    const firstWrites = writes.writes;
    const firstRequests = writes.requests;

    // 2. The naive way, same entities: one upsert per record, awaited in turn.
    const entities = records.map((r) =>
      toRecordEntity(`single-${round}`, {
        type: 'capa',
        id: r.id,
        data: r.data,
        hash: r.hash,
        source: r.source,
        warnings: [],
        syncId: 'single',
        updatedAt: at,
      }),
    );
    t = performance.now();
    for (const e of entities) await baseline.tables.records.upsertEntity(e, 'Replace');
    const singleMs = performance.now() - t;

    // 3. Re-sync of the same workbook, nothing changed.
    writes.reset();
    bookkeeping.reset();
    t = performance.now();
    const again = await syncAll(app, org, token, `again-${round}`, records);
    const againMs = performance.now() - t;
    rows.push({
      first: firstMs,
      single: singleMs,
      again: againMs,
      firstWrites,
      firstRequests,
      againWrites: writes.writes,
      againBookkeeping: bookkeeping.writes,
      created: first.created,
      unchanged: again.unchanged,
    });
    console.log(
      `round ${round}: first sync ${ms(firstMs)}, one upsert per record ${ms(singleMs)} (${(singleMs / firstMs).toFixed(1)}x), re-sync ${ms(againMs)} (${((againMs / firstMs) * 100).toFixed(1)} %)`,
    );
  }

  // For reference: one upsert per record with 8 in flight, once.
  const parallelEntities = records.map((r) =>
    toRecordEntity('parallel', {
      type: 'capa',
      id: r.id,
      data: r.data,
      hash: r.hash,
      source: r.source,
      warnings: [],
      syncId: 'parallel',
      updatedAt: at,
    }),
  );
  const t = performance.now();
  await runBounded(
    parallelEntities.map((e) => () => baseline.tables.records.upsertEntity(e, 'Replace')),
    8,
  );
  const parallelMs = performance.now() - t;

  const first = median(rows.map((r) => r.first));
  const single = median(rows.map((r) => r.single));
  const again = median(rows.map((r) => r.again));
  const ratio = median(rows.map((r) => r.single / r.first));
  const share = median(rows.map((r) => r.again / r.first));
  const maxAgainWrites = Math.max(...rows.map((r) => r.againWrites));
  console.log(
    `records                              ${RECORDS} CAPA rows, ${PART_SIZE} per request, median of ${ROUNDS} rounds`,
  );
  console.log(
    `first sync via API (batched)         ${ms(first)}  created=${rows[0]?.created}  entity writes=${rows[0]?.firstWrites} in ${rows[0]?.firstRequests} transactions`,
  );
  console.log(`one upsert per record (sequential)   ${ms(single)}`);
  console.log(`one upsert per record (8 in flight)  ${ms(parallelMs)}  (reference, 1 run)`);
  console.log(
    `ratio sequential / batched           ${ratio.toFixed(1)}x   (goal >= 10x) ${ratio >= 10 ? 'OK' : 'MISSED'}`,
  );
  console.log(`ratio 8-in-flight / batched          ${(parallelMs / first).toFixed(1)}x   (reference)`);
  console.log(
    `re-sync, nothing changed             ${ms(again)}  unchanged=${rows[0]?.unchanged}  entity writes=${maxAgainWrites} (must be 0) ${maxAgainWrites === 0 ? 'OK' : 'MISSED'}`,
  );
  console.log(
    `  bookkeeping rows written by it      ${rows[0]?.againBookkeeping} in the syncs table (lease taken and released per request, part header and listing per part)`,
  );
  console.log(
    `re-sync / first sync                 ${(share * 100).toFixed(1)} %   (budget <= 10 %) ${share <= 0.1 ? 'OK' : 'MISSED'}`,
  );
} finally {
  await azurite.stop();
}

// 4. Importing the app entry in a fresh process: compiled (what Azure loads) and from sources via tsx.
const dist = new URL('../functions/dist/app.js', import.meta.url);
if (existsSync(dist)) {
  const times = importTimes(dist.href, []);
  console.log(
    `import functions/dist/app.js         median ${ms(median(times))} of ${IMPORT_RUNS} fresh processes (budget <= 300 ms) ${median(times) <= 300 ? 'OK' : 'MISSED'}  [${times.map((x) => x.toFixed(0)).join(', ')}]`,
  );
} else {
  console.log('import functions/dist/app.js         not built (run npx tsc -b first)');
}
const src = importTimes(new URL('../functions/src/app.ts', import.meta.url).href, [
  '--conditions=source',
  '--import',
  'tsx',
]);
console.log(
  `import functions/src/app.ts via tsx  median ${ms(median(src))} (includes on-the-fly TypeScript transpiling)`,
);
