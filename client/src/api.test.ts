import type { QmsRecord } from '@qms/templates';
import { describe, expect, it } from 'vitest';
import { createApiClient } from './client.js';
import { ApiError } from './errors.js';
import { EMPTY_DIGEST, snapshotDigest } from '@qms/contract';
import { runSync } from './run-sync.js';
import { deltaAgainst, localSnapshot, uploadParts } from './sync-plan.js';

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
    const result = await client.syncCommit('acme/eu', { syncId: 's', base: 0, templates: {}, changes: [] });
    expect(result.created).toBe(1);
    expect(seen[0]?.url).toBe('http://localhost:7071/api/orgs/acme%2Feu/sync/commit');
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

  it('calls the invitation, leave and history routes, and reads invitations apart from the organisations', async () => {
    const seen: string[] = [];
    const answers: Record<string, { status: number; body?: unknown }> = {
      'POST /orgs/acme/invitation': {
        status: 200,
        body: { org: 'acme', user: 'me', role: 'viewer', status: 'member' },
      },
      'DELETE /orgs/acme/invitation': { status: 204 },
      'DELETE /orgs/acme/members/me': { status: 204 },
      'GET /orgs/acme/assessment/history': { status: 200, body: { points: [] } },
      'GET /portfolio': { status: 200, body: { orgs: [], invitations: [{ org: 'acme', invitation: true }] } },
    };
    const client = createApiClient({
      baseUrl: 'http://h/api',
      fetch: (url, init) => {
        const href = url instanceof Request ? url.url : url.toString();
        const key = `${init?.method ?? 'GET'} ${href.replace('http://h/api', '')}`;
        seen.push(key);
        const answer = answers[key] ?? { status: 404, body: { status: 404, title: 'Not found' } };
        const body = answer.body === undefined ? null : JSON.stringify(answer.body);
        return Promise.resolve(new Response(body, { status: answer.status }));
      },
    });
    expect(await client.acceptInvitation('acme')).toMatchObject({ role: 'viewer', status: 'member' });
    await client.declineInvitation('acme');
    await client.leaveOrg('acme');
    expect(await client.history('acme')).toEqual({ points: [] });
    expect((await client.portfolioWithInvitations()).invitations).toHaveLength(1);
    expect(await client.portfolio()).toEqual([]);
    expect(seen).toEqual([...Object.keys(answers), 'GET /portfolio']);
  });

  it("leaves an organisation without the caller's id, and a last-owner refusal carries the server's words", async () => {
    const seen: string[] = [];
    const client = createApiClient({
      baseUrl: 'http://h/api',
      fetch: (url, init) => {
        seen.push(`${init?.method ?? 'GET'} ${url instanceof Request ? url.url : url.toString()}`);
        const body = {
          status: 409,
          title: 'Conflict',
          code: 'last-owner',
          detail: "You are this organisation's only owner, so you cannot leave it yet: hand ownership over first.",
        };
        return Promise.resolve(new Response(JSON.stringify(body), { status: 409 }));
      },
    });
    const error = (await client.leaveOrg('acme').catch((e: unknown) => e)) as ApiError;
    expect(seen).toEqual(['DELETE http://h/api/orgs/acme/members/me']);
    expect(error).toBeInstanceOf(ApiError);
    expect([error.status, error.problem?.code, error.retryable]).toEqual([409, 'last-owner', false]);
    expect(error.message).toMatch(/^You are this organisation's only owner, .*hand ownership over first\./);
  });

  it('reads a portfolio without invitations (an older server) as having none', async () => {
    const client = createApiClient({
      baseUrl: 'http://h/api',
      fetch: () => Promise.resolve(new Response(JSON.stringify({ orgs: [] }), { status: 200 })),
    });
    expect(await client.portfolioWithInvitations()).toEqual({ orgs: [], invitations: [] });
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

describe('sync planning (pure)', () => {
  const input = (records: QmsRecord[], completeTypes: string[]) => ({
    syncId: 's',
    templates: { 'capa-log': 1 },
    records,
    completeTypes,
  });

  it('describes the workbook by digests: complete types (empty ones too) by digest, others as partial', () => {
    const records = [record('capa', 'C-1'), record('capa', 'C-2'), record('gap', 'G-1')];
    const local = localSnapshot(input(records, ['capa', 'audit-event']));
    expect(local.request).toEqual({
      syncId: 's',
      digests: {
        capa: snapshotDigest([
          ['C-1', 'h-C-1'],
          ['C-2', 'h-C-2'],
        ]),
        'audit-event': EMPTY_DIGEST,
      },
      partial: ['gap'],
    });
    expect(JSON.stringify(local.request).length).toBeLessThan(300);
  });

  it('refuses two records of one type and id before sending anything, naming both rows', () => {
    const twice = { ...record('capa', 'C-1'), source: { sheet: 'S', row: 9 } };
    const local = localSnapshot(input([record('capa', 'C-1'), twice], ['capa']));
    expect(local.duplicates).toMatchObject([
      { type: 'capa', id: 'C-1', issues: [{ code: 'record.duplicate-id', sheet: 'S', row: 9 }] },
    ]);
    expect(local.duplicates[0]?.issues[0]?.message).toContain('S row 2 and row 9');
  });

  it('works out the delta: put what differs, remove what is gone (complete types only), upload only the puts', () => {
    const records = [record('capa', 'C-1'), record('capa', 'C-2', 'changed'), record('gap', 'G-1')];
    const local = localSnapshot(input(records, ['capa']));
    const delta = deltaAgainst(local, {
      capa: [
        ['C-1', 'h-C-1'],
        ['C-2', 'old'],
        ['C-3', 'h-C-3'],
      ],
      gap: [['G-0', 'x']],
    });
    expect(delta.changes).toEqual([
      {
        type: 'capa',
        complete: true,
        put: [['C-2', 'h-C-2']],
        remove: ['C-3'],
        digest: local.request.digests.capa,
      },
      { type: 'gap', complete: false, put: [['G-1', 'h-G-1']], remove: [] },
    ]);
    expect(delta.toUpload.map((r) => r.id)).toEqual(['C-2', 'G-1']);
  });

  it('splits uploads by record count and by size', () => {
    const records = Array.from({ length: 7 }, (_, i) => record('capa', `C-${i}`));
    expect(uploadParts(records, { records: 3, bytes: 1e9 }).map((p) => p.length)).toEqual([3, 3, 1]);
    const big = Array.from({ length: 4 }, (_, i) => record('gap', `G-${i}`, 'x'.repeat(1000)));
    const parts = uploadParts(big, { records: 100, bytes: 2500 });
    expect(parts).toHaveLength(2);
    expect(parts.every((p) => JSON.stringify(p).length < 2600)).toBe(true);
    expect(parts[0]?.[0]).toEqual({
      type: 'gap',
      id: 'G-0',
      data: { id: 'G-0', text: 'x'.repeat(1000) },
      hash: 'h-G-0',
      source: { sheet: 'S', row: 2 },
    });
  });
});

describe('runSync', () => {
  it('plans again after 409 head-moved and uploads only what the new head lacks, never twice', async () => {
    const calls: string[] = [];
    let heads = 0;
    const problem = (code: string) =>
      new ApiError(409, { type: 'about:blank', title: 'Conflict', status: 409, detail: code, code }, code);
    const client = {
      syncPlan: () => {
        calls.push('plan');
        heads += 1;
        const stored = heads === 1 ? [] : [['C-2', 'h-C-2'] as [string, string]];
        return Promise.resolve({ status: 'changed' as const, version: heads, stored: { capa: stored } });
      },
      syncRecords: (_org: string, body: { records: { id: unknown }[] }) => {
        calls.push(`upload ${body.records.map((r) => String(r.id)).join(',')}`);
        return Promise.resolve({ stored: body.records.length });
      },
      syncCommit: (_org: string, body: { base: number }) => {
        calls.push(`commit ${body.base}`);
        if (body.base === 1) return Promise.reject(problem('head-moved'));
        return Promise.resolve({ version: 3, created: 1, updated: 0, unchanged: 1, deleted: 0, replayed: false });
      },
    };
    const out = await runSync(client, 'acme', {
      syncId: 's',
      templates: { 'capa-log': 1 },
      records: [record('capa', 'C-1'), record('capa', 'C-2')],
      completeTypes: ['capa'],
    });
    expect(calls).toEqual(['plan', 'upload C-1,C-2', 'commit 1', 'plan', 'commit 2']);
    expect(out).toMatchObject({ version: 3, created: 1, unchanged: 1, replans: 1, uploaded: 2, alreadyCurrent: false });
  });

  it('retries a retryable step with back-off when asked, and gives up after the allowed retries', async () => {
    const waits: number[] = [];
    let failures = 2;
    const client = {
      syncPlan: () =>
        failures-- > 0
          ? Promise.reject(new ApiError(0, undefined, 'Failed to fetch'))
          : Promise.resolve({ status: 'unchanged' as const, version: 4 }),
      syncRecords: () => Promise.reject(new Error('not called')),
      syncCommit: () => Promise.reject(new Error('not called')),
    };
    const retry = { retries: 2, sleep: (ms: number) => (waits.push(ms), Promise.resolve()), random: () => 0 };
    const out = await runSync(
      client,
      'acme',
      { syncId: 's', templates: {}, records: [], completeTypes: [] },
      { retry },
    );
    expect(out).toMatchObject({ alreadyCurrent: true, version: 4, retries: 2 });
    expect(waits).toEqual([500, 1000]);
    failures = 5;
    await expect(
      runSync(client, 'acme', { syncId: 's', templates: {}, records: [], completeTypes: [] }, { retry }),
    ).rejects.toMatchObject({ status: 0 });
  });
});
