import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAzurite, type Azurite } from '@qms/api-harness/azurite';
import { capa, createTestApp, syncBody, syncWorkbook, type TestApp } from '@qms/api-harness';
import type { Metrics, SyncOutcomeKind } from '../../src/telemetry/port.js';

/** A metrics port that keeps what it is told, injected through Deps as telemetry/otel.ts would be. */
function recordingMetrics() {
  const seen = { outcomes: [] as SyncOutcomeKind[], written: [] as number[], durations: [] as number[] };
  const metrics: Metrics = {
    syncOutcome: (outcome) => seen.outcomes.push(outcome),
    recordsWritten: (count) => seen.written.push(count),
    assessmentDuration: (ms) => seen.durations.push(ms),
  };
  const reset = () => {
    seen.outcomes.length = 0;
    seen.written.length = 0;
    seen.durations.length = 0;
  };
  return { metrics, seen, reset };
}

describe('telemetry metrics from the handlers (harness over Azurite)', () => {
  let azurite: Azurite;
  let app: TestApp;
  let owner: string;
  const recorder = recordingMetrics();

  beforeAll(async () => {
    azurite = await startAzurite();
    app = await createTestApp(azurite.connectionString, { metrics: recorder.metrics });
    owner = await app.token('owner');
    await app.createOrg(owner, 'acme');
  }, 30_000);

  afterAll(async () => {
    await azurite.stop();
  });

  it('a sync records its outcome and the records written; an unchanged re-sync writes none', async () => {
    recorder.reset();
    const body = syncBody('first', [capa('C-1'), capa('C-2'), capa('C-3')]);
    expect((await syncWorkbook(app, owner, 'acme', body)).status).toBe(200);
    expect(recorder.seen.outcomes).toEqual(['committed']);
    expect(recorder.seen.written).toEqual([3]);

    recorder.reset();
    expect((await syncWorkbook(app, owner, 'acme', syncBody('again', body.snapshots[0]!.records))).status).toBe(200);
    expect(recorder.seen.outcomes).toEqual(['unchanged']);
    // Nothing the head lacks, so nothing was uploaded.
    expect(recorder.seen.written).toEqual([]);
  });

  it('an upload with an invalid record records a rejected sync and writes nothing', async () => {
    recorder.reset();
    const res = await syncWorkbook(app, owner, 'acme', syncBody('bad', [capa('C-9'), capa('')]));
    expect(res.status).toBe(422);
    expect(recorder.seen.outcomes).toEqual(['rejected']);
    expect(recorder.seen.written).toEqual([]);
  });

  it('an assessment records its duration', async () => {
    recorder.reset();
    const res = await app.call('GET', '/api/orgs/acme/assessment', { token: owner });
    expect(res.status).toBe(200);
    expect(recorder.seen.durations).toHaveLength(1);
    expect(recorder.seen.durations[0]).toBeGreaterThanOrEqual(0);
  });
});
