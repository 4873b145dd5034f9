import type { QmsRecord } from '@qms/templates';
import { describe, expect, it } from 'vitest';
import { createApiClient } from './client.js';
import { ApiError } from './errors.js';
import { planSync } from './sync-plan.js';

function record(type: QmsRecord['type'], id: string, text = ''): QmsRecord {
  return { type, id, data: { id, text }, source: { sheet: 'S', row: 2 }, hash: `h-${id}`, warnings: [] };
}

describe('createApiClient', () => {
  it('sends the bearer token and JSON body to the org route', async () => {
    const seen: { url: string; init: RequestInit | undefined }[] = [];
    const fakeFetch = (url: string | URL | Request, init?: RequestInit) => {
      seen.push({ url: url instanceof Request ? url.url : url.toString(), init });
      return Promise.resolve(
        new Response(JSON.stringify({ created: 1, updated: 0, unchanged: 0, deleted: 0, rejected: [] }), {
          status: 200,
        }),
      );
    };
    const client = createApiClient({
      baseUrl: 'http://localhost:7071/api/',
      getToken: () => Promise.resolve('tok'),
      fetch: fakeFetch,
    });
    const result = await client.sync('acme/eu', { syncId: 's', templates: {}, snapshots: [], part: 1, parts: 1 });
    expect(result.created).toBe(1);
    expect(seen[0]?.url).toBe('http://localhost:7071/api/orgs/acme%2Feu/sync');
    expect(seen[0]?.init?.method).toBe('POST');
    expect((seen[0]?.init?.headers as Record<string, string>).Authorization).toBe('Bearer tok');
  });

  it('turns a problem document into an ApiError with the server detail and advice', async () => {
    const problem = {
      type: 'about:blank',
      title: 'Forbidden',
      status: 403,
      detail: 'You are a viewer of acme',
      code: 'forbidden',
    };
    const client = createApiClient({
      baseUrl: 'http://x/api',
      fetch: () =>
        Promise.resolve(
          new Response(JSON.stringify(problem), {
            status: 403,
            headers: { 'Content-Type': 'application/problem+json' },
          }),
        ),
    });
    const error = await client.assessment('acme', '2026-03-31').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(403);
    expect((error as ApiError).retryable).toBe(false);
    expect((error as ApiError).message).toMatch(/You are a viewer of acme\. .*role/);
  });

  it('reports a network failure as retryable status 0', async () => {
    const client = createApiClient({
      baseUrl: 'http://x/api',
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
    });
    const error = (await client.health().catch((e: unknown) => e)) as ApiError;
    expect([error.status, error.retryable]).toEqual([0, true]);
    expect(error.message).toMatch(/could not be reached/);
  });
});

describe('planSync', () => {
  it('splits by record count and keeps empty complete types so deletions reach the server', () => {
    const records = Array.from({ length: 7 }, (_, i) => record('capa', `C-${i}`));
    const parts = planSync(
      { syncId: 's', templates: { 'capa-log': 1 }, records, completeTypes: ['capa', 'audit-event'] },
      { records: 3, bytes: 1e9 },
    );
    expect(parts.map((p) => [p.part, p.parts])).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    expect(parts.flatMap((p) => p.snapshots.flatMap((s) => s.records.map((r) => r.id)))).toEqual(
      records.map((r) => r.id),
    );
    expect(parts.every((p) => p.snapshots.every((s) => s.complete))).toBe(true);
    expect(parts.at(-1)?.snapshots.find((s) => s.type === 'audit-event')).toEqual({
      type: 'audit-event',
      complete: true,
      records: [],
    });
    expect(parts[0]?.snapshots[0]?.records[0]).toEqual({
      type: 'capa',
      id: 'C-0',
      data: { id: 'C-0', text: '' },
      hash: 'h-C-0',
      source: { sheet: 'S', row: 2 },
    });
  });

  it('splits by size, and types outside completeTypes are sent as partial', () => {
    const records = Array.from({ length: 4 }, (_, i) => record('gap', `G-${i}`, 'x'.repeat(1000)));
    const parts = planSync({ syncId: 's', templates: {}, records, completeTypes: [] }, { records: 100, bytes: 2500 });
    expect(parts).toHaveLength(2);
    expect(parts.every((p) => JSON.stringify(p.snapshots).length < 2600)).toBe(true);
    expect(parts[0]?.snapshots[0]?.complete).toBe(false);
  });
});
