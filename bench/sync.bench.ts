/**
 * Sync budgets (docs/architecture.md, "Budgets"), against a real Azurite started here (in memory, own port), every
 * sync run by the shared client's runSync over the real route table, as the pane and the CLI run it:
 *  - first sync of 10,000 records vs one upsert per record, side by side; goal ≥ 10×;
 *  - re-sync with nothing changed: storage calls (≤ 2), bytes on the wire (< 1 KB), entity writes (0), and its
 *    time as a share of the first sync (≤ 2 %);
 *  - ten records changed out of 10,000: storage calls of the sync's steps (≤ 10) and request bytes (about ten
 *    records' worth), printed apart from the history point the commit then takes;
 *  - importing the Functions app entry (≤ 300 ms), in fresh processes;
 *  - for reference, the first-sync ratio again with a delay added to every storage call: on loopback a call costs
 *    Azurite's work only, so one upsert per record is cheap here; wherever storage is across a network, each of the
 *    per-record calls pays the round trip and the batched sync pays it about 1/100 as often.
 *   npx tsc -b && node --import tsx bench/sync.bench.ts   (measures the built app in functions/dist, as Azure runs it)
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createDefaultHttpClient, type HttpClient } from '@azure/core-rest-pipeline';
import { runSync, type ApiClient } from '@qms/client';
import { contentHash, type QmsRecord } from '@qms/templates';
import { snapshotAfterCommit } from '../functions/dist/assessment/take-snapshot.js';
import { runBounded } from '../functions/dist/storage/batch.js';
import { toRecordEntity } from '../functions/dist/storage/record-entity.js';
import { startAzurite } from '@qms/api-harness/azurite';
import { createTestApp, syncClient, type TestApp } from '@qms/api-harness';
import { countStorageCalls, countWrites } from '@qms/api-harness/write-counter';

const RECORDS = 10_000;
const IMPORT_RUNS = 5;

const STATUSES = ['Open', 'In progress', 'Cancelled'];

function capaData(i: number, edited = false) {
  const id = `CAPA-${String(i + 1).padStart(5, '0')}`;
  return {
    capaId: id,
    dateOpened: '2026-01-05',
    source: 'Internal audit',
    severity: i % 3 === 0 ? 'Major' : 'Minor',
    description: `Nonconformity ${i + 1}: label does not match the order on batch ${i % 97}${edited ? ' (edited)' : ''}`,
    containment: 'Batch quarantined and relabelled',
    owner: `Owner ${i % 12}`,
    dueDate: '2026-03-05',
    status: STATUSES[i % STATUSES.length] ?? 'Open',
  };
}

function capaRecords(n: number, changed: (i: number) => boolean = () => false): QmsRecord[] {
  return Array.from({ length: n }, (_, i) => {
    const data = capaData(i, changed(i));
    return {
      type: 'capa',
      id: data.capaId,
      data,
      hash: contentHash(data),
      source: { sheet: 'CAPA Log', row: i + 6 },
      warnings: [],
    };
  });
}

/** Per step of the last sync: storage calls and bytes of request and answer bodies. */
interface Traffic {
  calls: Record<string, number>;
  sent: Record<string, number>;
  received: Record<string, number>;
}

function metered(app: TestApp, token: string, counter: { readonly calls: number }) {
  const inner = syncClient(app, token);
  const traffic: Traffic = { calls: {}, sent: {}, received: {} };
  const wrap =
    <K extends keyof typeof inner>(name: K) =>
    async (org: string, body: never) => {
      const before = counter.calls;
      const answer = await (inner[name] as (o: string, b: unknown) => Promise<unknown>)(org, body);
      traffic.calls[name] = (traffic.calls[name] ?? 0) + counter.calls - before;
      traffic.sent[name] = (traffic.sent[name] ?? 0) + JSON.stringify(body).length;
      traffic.received[name] = (traffic.received[name] ?? 0) + JSON.stringify(answer).length;
      return answer;
    };
  const client = {
    syncPlan: wrap('syncPlan'),
    syncRecords: wrap('syncRecords'),
    syncCommit: wrap('syncCommit'),
  } as unknown as Pick<ApiClient, 'syncPlan' | 'syncRecords' | 'syncCommit'>;
  return {
    traffic,
    reset() {
      for (const k of ['calls', 'sent', 'received'] as const) traffic[k] = {};
    },
    sync: (org: string, syncId: string, records: QmsRecord[]) =>
      runSync(client, org, { syncId, templates: { 'capa-log': 1 }, records, completeTypes: ['capa'] }),
  };
}

/** The entity the one-upsert-per-record baseline writes for a record: the same row a sync stores. */
function baselineEntity(partition: string, r: QmsRecord, syncId: string, at: string) {
  return toRecordEntity(partition, {
    type: 'capa',
    id: r.id,
    data: r.data,
    hash: r.hash,
    source: r.source,
    warnings: [],
    syncId,
    updatedAt: at,
  });
}

const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

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
  const calls = countStorageCalls([app.tables.records, app.tables.orgMembers, app.tables.orgs, app.tables.snapshots]);
  const client = metered(app, token, calls);
  // The baseline writes into its own tables, so neither run reads or writes through the other's entities.
  const baseline = await createTestApp(azurite.connectionString);
  await baseline.tables.ensure();
  const records = capaRecords(RECORDS);
  const ten = capaRecords(RECORDS, (i) => i % 1000 === 7);
  const at = new Date().toISOString();

  // Warm up connections and code paths on a small org that is not measured.
  await app.call('POST', '/api/orgs', { token, body: { name: 'warm', id: 'warm' } });
  await client.sync('warm', 'warm', capaRecords(3000));
  await client.sync(
    'warm',
    'warm-2',
    capaRecords(3000, (i) => i % 3 === 0),
  );

  const rows: {
    first: number;
    single: number;
    again: number;
    tenMs: number;
    firstWrites: number;
    firstRequests: number;
    againWrites: number;
    againCalls: number;
    againBytes: number;
    tenCalls: Record<string, number>;
    tenSent: number;
    historyCalls: number;
    created: number;
    unchanged: boolean;
  }[] = [];
  // Rounds alternate the two ways of writing, each into a fresh partition, so machine noise hits both alike.
  for (let round = 1; round <= ROUNDS; round += 1) {
    const org = `batched-${round}`;
    const created = await app.call('POST', '/api/orgs', { token, body: { name: org, id: org } });
    if (created.status !== 201) throw new Error(created.text);

    // 1. First sync: plan, 2 upload parts of 5,000 (validation, batched transactions), commit.
    writes.reset();
    let t = performance.now();
    const first = await client.sync(org, `first-${round}`, records);
    const firstMs = performance.now() - t;
    const firstWrites = writes.writes;
    const firstRequests = writes.requests;

    // 2. The naive way, same entities: one upsert per record, awaited in turn.
    const entities = records.map((r) => baselineEntity(`single-${round}`, r, 'single', at));
    t = performance.now();
    for (const e of entities) await baseline.tables.records.upsertEntity(e, 'Replace');
    const singleMs = performance.now() - t;

    // 3. Re-sync of the same workbook, nothing changed: the digests only.
    writes.reset();
    client.reset();
    t = performance.now();
    const again = await client.sync(org, `again-${round}`, records);
    const againMs = performance.now() - t;
    const againCalls = sum(client.traffic.calls);
    const againBytes = sum(client.traffic.sent) + sum(client.traffic.received);
    const againWrites = writes.writes;

    // 4. Ten records changed.
    client.reset();
    t = performance.now();
    const changed = await client.sync(org, `ten-${round}`, ten);
    const tenMs = performance.now() - t;
    if (changed.updated !== 10) throw new Error(`ten changed: ${JSON.stringify(changed)}`);
    const tenCalls = { ...client.traffic.calls };
    const tenSent = sum(client.traffic.sent);
    // The history point the commit took, measured apart: the same work once more, on the same state.
    calls.reset();
    await snapshotAfterCommit(app.deps, org);
    const historyCalls = calls.calls;

    rows.push({
      first: firstMs,
      single: singleMs,
      again: againMs,
      tenMs,
      firstWrites,
      firstRequests,
      againWrites,
      againCalls,
      againBytes,
      tenCalls,
      tenSent,
      historyCalls,
      created: first.created,
      unchanged: again.alreadyCurrent,
    });
    console.log(
      `round ${round}: first sync ${ms(firstMs)}, one upsert per record ${ms(singleMs)} (${(singleMs / firstMs).toFixed(1)}x), re-sync ${ms(againMs)} (${((againMs / firstMs) * 100).toFixed(2)} %), ten changed ${ms(tenMs)}`,
    );
  }

  // For reference: one upsert per record with 8 in flight, once.
  const parallelEntities = records.map((r) => baselineEntity('parallel', r, 'parallel', at));
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
  const maxAgainCalls = Math.max(...rows.map((r) => r.againCalls));
  const maxAgainBytes = Math.max(...rows.map((r) => r.againBytes));
  const tenStepCalls = Math.max(
    ...rows.map((r) => (r.tenCalls.syncPlan ?? 0) + (r.tenCalls.syncRecords ?? 0) + (r.tenCalls.syncCommit ?? 0)),
  );
  const history = Math.max(...rows.map((r) => r.historyCalls));
  const tenRow = rows[0];
  const ok = (pass: boolean) => (pass ? 'OK' : 'MISSED');
  console.log(`records                              ${RECORDS} CAPA rows, median of ${ROUNDS} rounds`);
  console.log(
    `first sync via API (batched)         ${ms(first)}  created=${rows[0]?.created}  entity writes=${rows[0]?.firstWrites} in ${rows[0]?.firstRequests} transactions`,
  );
  console.log(`one upsert per record (sequential)   ${ms(single)}`);
  console.log(`one upsert per record (8 in flight)  ${ms(parallelMs)}  (reference, 1 run)`);
  console.log(`ratio sequential / batched           ${ratio.toFixed(1)}x   (goal >= 10x) ${ok(ratio >= 10)}`);
  console.log(`ratio 8-in-flight / batched          ${(parallelMs / first).toFixed(1)}x   (reference)`);
  console.log(
    `re-sync, nothing changed             ${ms(again)}  already current=${String(rows[0]?.unchanged)}  entity writes=${maxAgainWrites} (must be 0) ${ok(maxAgainWrites === 0)}`,
  );
  console.log(
    `  storage calls                      ${maxAgainCalls} (budget <= 2: the member row, the head) ${ok(maxAgainCalls <= 2)}`,
  );
  console.log(`  bytes on the wire (bodies)         ${maxAgainBytes} (budget < 1024) ${ok(maxAgainBytes < 1024)}`);
  console.log(
    `re-sync / first sync                 ${(share * 100).toFixed(2)} %   (budget <= 2 %) ${ok(share <= 0.02)}`,
  );
  const steps = tenStepCalls - history;
  console.log(
    `ten changed of ${RECORDS}: sync steps   ${steps} storage calls (budget <= 10) ${ok(steps <= 10)}  [plan ${tenRow?.tenCalls.syncPlan}, upload ${tenRow?.tenCalls.syncRecords}, commit ${(tenRow?.tenCalls.syncCommit ?? 0) - history} + history point]`,
  );
  console.log(
    `  then the history point             ${history} storage calls (reads every record to assess them; taken after every commit that changes records, not counted above)`,
  );
  console.log(
    `  request bodies                     ${tenRow?.tenSent} bytes (plan + 10 records + commit of 10 entries; a full upload of 10,000 is ~${Math.round(JSON.stringify(records.map((r) => ({ ...r }))).length / 1000)} KB)`,
  );

  // Reference: the same comparison with a delay added to every storage call, on fewer records (each sequential
  // upsert waits for the delay). Not a budget: it shows how the ratio moves once calls cost a network round trip.
  const LATENCY_RECORDS = 2000;
  for (const delayMs of [1, 5]) {
    const delayed = (inner: HttpClient): HttpClient => ({
      sendRequest: async (request) => {
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        return inner.sendRequest(request);
      },
    });
    const storage = {
      connectionString: azurite.connectionString,
      clientOptions: { httpClient: delayed(createDefaultHttpClient()) },
    };
    const far = await createTestApp(storage);
    const farBaseline = await createTestApp(storage);
    await farBaseline.tables.ensure();
    const farToken = await far.token('bench-owner');
    const org = `far-${delayMs}`;
    await far.call('POST', '/api/orgs', { token: farToken, body: { name: org, id: org } });
    const farClient = metered(far, farToken, { calls: 0 });
    const some = capaRecords(LATENCY_RECORDS);
    let t0 = performance.now();
    await farClient.sync(org, `far-${delayMs}`, some);
    const batchedMs = performance.now() - t0;
    t0 = performance.now();
    for (const r of some)
      await farBaseline.tables.records.upsertEntity(
        baselineEntity(`far-single-${delayMs}`, r, 'single', at),
        'Replace',
      );
    const singleMs = performance.now() - t0;
    console.log(
      `with ${delayMs} ms added per storage call  ${LATENCY_RECORDS} records: first sync ${ms(batchedMs)}, one upsert per record ${ms(singleMs)}, ratio ${(singleMs / batchedMs).toFixed(1)}x  (reference, 1 run)`,
    );
  }
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
