import { describe, expect, it } from 'vitest';
import { createApiClient } from './client.js';
import { ApiError } from './errors.js';

/** A server that answers each `METHOD path` from a table and records what was sent. */
function server(answers: Record<string, { status: number; body: unknown }>) {
  const seen: { key: string; body: unknown; auth: string | null }[] = [];
  const client = createApiClient({
    baseUrl: 'http://h/api',
    getToken: () => Promise.resolve('T'),
    fetch: (url, init) => {
      const key = `${init?.method ?? 'GET'} ${(url instanceof Request ? url.url : url.toString()).replace('http://h/api', '')}`;
      seen.push({
        key,
        body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
        auth: new Headers(init?.headers).get('authorization'),
      });
      const answer = answers[key] ?? { status: 404, body: { status: 404, title: 'Not found', code: 'no-route' } };
      return Promise.resolve(new Response(JSON.stringify(answer.body), { status: answer.status }));
    },
  });
  return { client, seen };
}

const pack = { id: 'acme-consulting', version: 2, title: 'Acme', templates: ['capa-log'] };
const content = { ...pack, guidance: {}, sheetTitles: {}, columns: {}, vocabularies: {} };

describe('the pack calls of the API client', () => {
  it('publishes under the pack id, reads a version, assigns and reads the org pack', async () => {
    const { client, seen } = server({
      'PUT /packs/acme-consulting': {
        status: 201,
        body: { id: pack.id, version: 2, owner: 'carol', versions: [1, 2] },
      },
      'GET /packs/acme-consulting?version=1': {
        status: 200,
        body: { id: pack.id, version: 1, owner: 'carol', versions: [1, 2], latest: 2, content },
      },
      'GET /packs/acme-consulting': {
        status: 200,
        body: { id: pack.id, version: 2, owner: 'carol', versions: [1, 2], latest: 2, content },
      },
      'PUT /orgs/org-a/pack': { status: 200, body: { pack: { id: pack.id, version: 1, latest: 2, content } } },
      'GET /orgs/org-b/pack': { status: 200, body: { pack: null } },
    });
    expect((await client.putPack(pack)).versions).toEqual([1, 2]);
    expect((await client.getPack(pack.id, 1)).version).toBe(1);
    expect((await client.getPack(pack.id)).latest).toBe(2);
    expect((await client.assignPack('org-a', { pack: pack.id, version: 1 })).pack?.latest).toBe(2);
    expect(await client.orgPack('org-b')).toEqual({ pack: null });
    expect(seen.map((s) => s.key)).toEqual([
      'PUT /packs/acme-consulting',
      'GET /packs/acme-consulting?version=1',
      'GET /packs/acme-consulting',
      'PUT /orgs/org-a/pack',
      'GET /orgs/org-b/pack',
    ]);
    expect(seen[0]?.body).toEqual(pack);
    expect(seen[3]?.body).toEqual({ pack: pack.id, version: 1 });
    expect(seen.every((s) => s.auth === 'Bearer T')).toBe(true);
  });

  it("a refused publish is an ApiError carrying the problem's code and issues", async () => {
    const problem = {
      status: 422,
      title: 'Unprocessable content',
      code: 'pack-invalid',
      detail: 'Pack "acme-consulting" is not valid: version must be at least 1',
      issues: [{ path: 'version', message: 'must be at least 1' }],
    };
    const { client } = server({ 'PUT /packs/acme-consulting': { status: 422, body: problem } });
    const error = await client.putPack({ ...pack, version: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).problem?.code).toBe('pack-invalid');
    expect((error as ApiError).problem?.issues).toEqual(problem.issues);
  });
});
