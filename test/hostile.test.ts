/**
 * The hostile requests of the attack on the running stack, replayed against the dev host over real HTTP: every one
 * is refused with a 4xx problem+json (never a 5xx), and what is stored stays byte for byte as it was. Stored state
 * is every entity of every table in the stack's Azurite (without ETag and timestamp), read before and after each
 * case; a case that may legitimately store something (an invitation) states exactly what it adds. The suite prints
 * its totals (requests, 5xx, state changes, cross-org effects) and requires each to be 0.
 */
import { request as httpRequest } from 'node:http';
import { TableServiceClient, TableClient } from '@azure/data-tables';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, runSync } from '@qms/client';
import { EMPTY_DIGEST, type Portfolio } from '@qms/contract';
import { DEV_AUDIENCE, DEV_ISSUER, DEV_SCOPE } from '../functions/src/auth/dev-issuer.js';
import { ConfigError, readSettings } from '../functions/src/config.js';
import { capa, syncBody, toSyncInput } from '@qms/api-harness';
import { startStack, type Stack } from './support/stack.js';

let stack: Stack;
const tokens: Record<string, string> = {};
const totals = { requests: 0, fiveXX: 0, stateChanges: 0, crossOrg: 0 };
/** Ids whose rows belong to the bystander organisation (its org id and its owner's user id). */
const BYSTANDER = ['org-bystander', 'bystander-owner'];

interface Answer {
  status: number;
  contentType: string;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies are inspected loosely in tests
  body: any;
}

/** One raw HTTP request (node:http, so the Host header, the bytes and the size are exactly as given). */
function send(
  method: string,
  path: string,
  options: { token?: string; body?: string | Buffer; headers?: Record<string, string> } = {},
): Promise<Answer> {
  totals.requests += 1;
  const url = new URL(`${stack.url}${path}`);
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    headers['content-length'] = String(Buffer.byteLength(options.body));
  }
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown;
          try {
            body = text === '' ? undefined : JSON.parse(text);
          } catch {
            body = undefined;
          }
          const status = res.statusCode ?? 0;
          if (status >= 500) totals.fiveXX += 1;
          resolve({ status, contentType: String(res.headers['content-type'] ?? ''), text, body });
        });
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.end(options.body);
    else req.end();
  });
}

const json = (value: unknown) => JSON.stringify(value);

/** Every entity of every table, keyed by table, as sorted JSON lines without ETag and timestamp. */
async function storedState(): Promise<Map<string, string[]>> {
  const conn = stack.azurite.connectionString;
  const service = TableServiceClient.fromConnectionString(conn, { allowInsecureConnection: true });
  const out = new Map<string, string[]>();
  for await (const table of service.listTables()) {
    const name = table.name ?? '';
    const client = TableClient.fromConnectionString(conn, name, { allowInsecureConnection: true });
    const rows: string[] = [];
    for await (const entity of client.listEntities()) {
      const { etag: _etag, timestamp: _timestamp, ...rest } = entity as Record<string, unknown>;
      const ordered = Object.fromEntries(Object.entries(rest).sort(([a], [b]) => (a < b ? -1 : 1)));
      rows.push(JSON.stringify(ordered, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)));
    }
    out.set(name, rows.sort());
  }
  return out;
}

/** Rows added and removed between two states, each as `table: row`. */
function diff(before: Map<string, string[]>, after: Map<string, string[]>): { added: string[]; removed: string[] } {
  const lines = (m: Map<string, string[]>) => new Set([...m].flatMap(([t, rows]) => rows.map((r) => `${t}: ${r}`)));
  const b = lines(before);
  const a = lines(after);
  return { added: [...a].filter((l) => !b.has(l)), removed: [...b].filter((l) => !a.has(l)) };
}

/**
 * Runs one hostile case: its requests must all be refused with a 4xx problem+json (or, for `allow`, answered with
 * one of the statuses given), and stored state must not change except for the rows `intended` accepts.
 */
async function hostile(
  requests: () => Promise<Answer[]>,
  options: { allow?: number[]; code?: string; intended?: (added: string[], removed: string[]) => void } = {},
): Promise<Answer[]> {
  const before = await storedState();
  const answers = await requests();
  const after = await storedState();
  for (const answer of answers) {
    expect(answer.status, answer.text).toBeLessThan(500);
    if (options.allow?.includes(answer.status)) continue;
    expect(answer.status, answer.text).toBeGreaterThanOrEqual(400);
    expect(answer.contentType).toContain('application/problem+json');
    if (options.code !== undefined) expect(answer.body?.code, answer.text).toBe(options.code);
  }
  const { added, removed } = diff(before, after);
  const touched = [...added, ...removed];
  if (options.intended !== undefined) options.intended(added, removed);
  else {
    if (touched.some((l) => BYSTANDER.some((id) => l.includes(id)))) totals.crossOrg += 1;
    if (touched.length > 0) totals.stateChanges += 1;
    expect(touched, 'stored state changed').toEqual([]);
  }
  return answers;
}

function uploadBody(records: unknown[], syncId = 'hostile-1') {
  return json({ syncId, templates: { 'capa-log': 1 }, records });
}

const okRecord = () => ({ type: 'capa', ...capa('H-1') });

beforeAll(async () => {
  stack = await startStack();
  for (const user of ['h-owner', 'h-editor', 'h-viewer', 'mallory', 'bystander-owner'])
    tokens[user] = await stack.token(user);
  const create = (user: string, id: string, name: string) =>
    send('POST', '/orgs', { token: tokens[user], body: json({ id, name }) });
  expect((await create('h-owner', 'org-h', 'Hostile Target')).status).toBe(201);
  expect((await create('bystander-owner', 'org-bystander', 'Bystander')).status).toBe(201);
  expect((await create('mallory', 'org-mallory', 'Mallory')).status).toBe(201);
  for (const [user, role] of [
    ['h-editor', 'editor'],
    ['h-viewer', 'viewer'],
  ] as const) {
    expect(
      (await send('PUT', `/orgs/org-h/members/${user}`, { token: tokens['h-owner'], body: json({ role }) })).status,
    ).toBe(200);
    expect((await send('POST', '/orgs/org-h/invitation', { token: tokens[user] })).status).toBe(200);
  }
  for (const [user, org, id] of [
    ['h-owner', 'org-h', 'H-0'],
    ['bystander-owner', 'org-bystander', 'B-0'],
  ] as const) {
    const client = createApiClient({ baseUrl: stack.url, getToken: () => Promise.resolve(tokens[user]) });
    expect((await runSync(client, org, toSyncInput(syncBody(`seed-${org}`, [capa(id)])))).created).toBe(1);
  }
  // The set-up is not part of the attack.
  totals.requests = 0;
}, 60_000);

afterAll(async () => {
  console.log(
    `hostile requests: ${totals.requests} requests, ${totals.fiveXX} 5xx, ${totals.stateChanges} state changes, ${totals.crossOrg} cross-org effects`,
  );
  await stack?.close();
});

describe('hostile requests are refused and change nothing', () => {
  it('ill-formed UTF-16 in a record id, a syncId or an id to commit: 4xx, and another organisation syncs at once', async () => {
    const editor = tokens['h-editor'];
    await hostile(async () => [
      await send('POST', '/orgs/org-h/sync/records', {
        token: editor,
        body: uploadBody([{ ...okRecord(), id: 'X\ud800' }]),
      }),
      await send('POST', '/orgs/org-h/sync/records', { token: editor, body: uploadBody([okRecord()], 'S\udfff') }),
      await send('POST', '/orgs/org-h/sync', {
        token: editor,
        body: json({ syncId: '\ud800', digests: { capa: EMPTY_DIGEST } }),
      }),
      await send('POST', '/orgs/org-h/sync/commit', {
        token: editor,
        body: json({
          syncId: 'c1',
          base: 1,
          templates: { 'capa-log': 1 },
          changes: [{ type: 'capa', complete: false, put: [['X\ud800', 'h']], remove: [] }],
        }),
      }),
    ]);
    // The surrogate took nothing down: the bystander's sync goes through straight away.
    const bystander = createApiClient({
      baseUrl: stack.url,
      getToken: () => Promise.resolve(tokens['bystander-owner']),
    });
    const outcome = await runSync(
      bystander,
      'org-bystander',
      toSyncInput(syncBody('after-surrogate', [capa('B-0'), capa('B-1')])),
    );
    if (outcome.created !== 1) totals.crossOrg += 1;
    expect(outcome.created).toBe(1);
  });

  it('ill-formed UTF-16 in fields, paths and names', async () => {
    await hostile(async () => [
      await send('POST', '/orgs/org-h/sync/records', {
        token: tokens['h-editor'],
        body: uploadBody([{ ...okRecord(), data: { ...capa('H-1').data, status: 'Open\ud800' } }]),
      }),
      await send('PUT', '/orgs/org-h/profile', {
        token: tokens['h-owner'],
        body: json({ organizationName: 'Acme\udc00' }),
      }),
      await send('POST', '/orgs', { token: tokens.mallory, body: json({ name: 'Lone \ud800 surrogate' }) }),
      await send('PUT', '/orgs/org-h/members/%ED%A0%80', { token: tokens['h-owner'], body: json({ role: 'viewer' }) }),
      await send('GET', '/orgs/org-%ED%A0%80/records', { token: tokens['h-owner'] }),
    ]);
  });

  it('a syncId of 128 × U+FFFF (which once failed after key escaping) answers without 5xx and stores nothing', async () => {
    // In the snapshot protocol a syncId only labels a sync (no key is made of it), so the plan answers 200.
    await hostile(
      async () => [
        await send('POST', '/orgs/org-h/sync', {
          token: tokens['h-editor'],
          body: json({ syncId: '\uffff'.repeat(128), digests: { capa: EMPTY_DIGEST } }),
        }),
      ],
      { allow: [200] },
    );
  });

  it('10,000-deep nesting in data or warnings', async () => {
    const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    const record = json(okRecord()).slice(0, -1);
    const raw = (extra: string) => `{"syncId":"deep","templates":{"capa-log":1},"records":[${record},${extra}}]}`;
    await hostile(
      async () => [
        await send('POST', '/orgs/org-h/sync/records', {
          token: tokens['h-editor'],
          body: `{"syncId":"deep","templates":{"capa-log":1},"records":[{"type":"capa","id":"H-1","hash":"h","source":{"sheet":"S","row":2},"data":${deep}}]}`,
        }),
        await send('POST', '/orgs/org-h/sync/records', {
          token: tokens['h-editor'],
          body: raw(`"warnings":[${deep}]`),
        }),
      ],
      { code: 'invalid-request' },
    );
  });

  it('a huge warning', async () => {
    const warning = { code: 'x', message: 'w'.repeat(200_000) };
    await hostile(
      async () => [
        await send('POST', '/orgs/org-h/sync/records', {
          token: tokens['h-editor'],
          body: uploadBody([{ ...okRecord(), warnings: [warning] }]),
        }),
      ],
      { code: 'invalid-request' },
    );
  });

  it('a token without exp', async () => {
    const { keys } = stack.app;
    const now = Math.floor(Date.now() / 1000);
    const noExp = await new SignJWT({ oid: 'h-owner', name: 'h-owner', scp: DEV_SCOPE })
      .setProtectedHeader({ alg: 'ES256', kid: keys.kid })
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setSubject('h-owner')
      .setIssuedAt(now)
      .sign(keys.privateKey);
    await hostile(
      async () => [
        await send('GET', '/orgs/org-h/profile', { token: noExp }),
        await send('PUT', '/orgs/org-h/members/mallory', { token: noExp, body: json({ role: 'owner' }) }),
      ],
      { code: 'token-claims' },
    );
  });

  it('a bad Host header on the dev host', async () => {
    await hostile(
      async () => [
        await send('GET', '/orgs/org-h/records', { token: tokens['h-owner'], headers: { host: 'bad host!' } }),
        await send('PUT', '/orgs/org-h/members/mallory', {
          token: tokens['h-owner'],
          headers: { host: '[::1' },
          body: json({ role: 'viewer' }),
        }),
      ],
      { code: 'bad-host' },
    );
  });

  it('POST /orgs with a taken id says no more than for a reserved one', async () => {
    const [taken, reserved] = await hostile(
      async () => [
        await send('POST', '/orgs', { token: tokens.mallory, body: json({ id: 'org-bystander', name: 'Mine' }) }),
        await send('POST', '/orgs', { token: tokens.mallory, body: json({ id: 'admin', name: 'Mine' }) }),
      ],
      { code: 'org-id-unavailable' },
    );
    expect(taken?.text.replace('org-bystander', 'ID')).toBe(reserved?.text.replace('admin', 'ID'));
  });

  it("a viewer's reads with odd asOf values: malformed ones are refused, real dates store nothing", async () => {
    const viewer = tokens['h-viewer'];
    await hostile(
      async () =>
        Promise.all(
          ['2020-13-45', 'yesterday', '0000-00-00', '2026-02-30', '9'.repeat(400), '2020-01-01T00:00:00Z'].map((asOf) =>
            send('GET', `/orgs/org-h/assessment?asOf=${encodeURIComponent(asOf)}`, { token: viewer }),
          ),
        ),
      { code: 'bad-as-of' },
    );
    await hostile(
      async () =>
        Promise.all(
          ['2020-01-01', '1970-01-01', '2099-12-31'].map((asOf) =>
            send('GET', `/orgs/org-h/assessment?asOf=${asOf}`, { token: viewer }),
          ),
        ),
      { allow: [200] },
    );
  });

  it('an unsolicited membership is only an invitation, which the victim declines without a trace', async () => {
    const before = await storedState();
    await hostile(
      async () => [
        await send('PUT', '/orgs/org-mallory/members/bystander-owner', {
          token: tokens.mallory,
          body: json({ role: 'owner' }),
        }),
      ],
      {
        allow: [200],
        intended: (added, removed) => {
          expect(removed).toEqual([]);
          // Two rows, the invitation in both copies, and nothing that grants a role.
          expect(added).toHaveLength(2);
          for (const row of added) expect(row).toMatch(/"offered":"owner".*"role":"invited"/);
        },
      },
    );
    const victim = tokens['bystander-owner'];
    const portfolio = (await send('GET', '/portfolio', { token: victim })).body as Portfolio;
    expect(portfolio.orgs.map((o) => o.id)).toEqual(['org-bystander']);
    expect(portfolio.invitations.map((o) => [o.id, o.role, o.invitedBy])).toEqual([
      ['org-mallory', 'owner', 'mallory'],
    ]);
    // No access to the inviting organisation either, and no way in to the victim's own.
    await hostile(async () => [
      await send('GET', '/orgs/org-mallory/records', { token: victim }),
      await send('PUT', '/orgs/org-bystander/members/mallory', {
        token: tokens.mallory,
        body: json({ role: 'owner' }),
      }),
      await send('POST', '/orgs/org-bystander/invitation', { token: tokens.mallory }),
    ]);
    expect((await send('DELETE', '/orgs/org-mallory/invitation', { token: victim })).status).toBe(204);
    expect(diff(before, await storedState())).toEqual({ added: [], removed: [] });
  });

  it('control and text-direction characters in organisation names (U+009B, U+202E)', async () => {
    await hostile(
      async () => [
        await send('POST', '/orgs', { token: tokens.mallory, body: json({ name: 'Evil\u009b2J Ltd' }) }),
        await send('POST', '/orgs', { token: tokens.mallory, body: json({ name: 'Acme\u202eetl' }) }),
        await send('POST', '/orgs', { token: tokens.mallory, body: json({ name: 'x'.repeat(201) }) }),
      ],
      { code: 'invalid-request' },
    );
  });

  it('oversize bodies', async () => {
    const big = uploadBody(Array.from({ length: 6000 }, (_, i) => ({ type: 'capa', ...capa(`BIG-${i}`) })));
    await hostile(async () => [
      await send('PUT', '/orgs/org-h/profile', {
        token: tokens['h-owner'],
        body: json({ organizationName: 'x'.repeat(5 * 1024 * 1024) }),
      }),
      await send('POST', '/orgs/org-h/sync/records', { token: tokens['h-editor'], body: big }),
      await send('PUT', '/orgs/org-h/members/h-viewer', {
        token: tokens['h-owner'],
        body: json({ role: 'viewer', pad: 'p'.repeat(64 * 1024) }),
      }),
    ]);
  });

  it('crafted continuation tokens', async () => {
    const crafted = ['garbage', '%00', 'A'.repeat(5000), Buffer.from('{"a":').toString('base64url')];
    await hostile(
      async () =>
        Promise.all(
          crafted.map((c) =>
            send('GET', `/orgs/org-h/records?continuation=${encodeURIComponent(c)}`, { token: tokens['h-viewer'] }),
          ),
        ),
      { code: 'bad-continuation' },
    );
    // A token crafted for another organisation's partition, bare or in the API's own wrapping, is refused: the API
    // takes a token back only for the organisation it gave it out for.
    const bare = Buffer.from(json({ nextPartitionKey: 'org-bystander', nextRowKey: 'capa' })).toString('base64');
    const wrapped = Buffer.from(json({ org: 'org-bystander', t: bare })).toString('base64url');
    const pages = await hostile(
      async () =>
        Promise.all(
          [bare, wrapped].map((c) =>
            send('GET', `/orgs/org-h/records?continuation=${encodeURIComponent(c)}`, { token: tokens['h-viewer'] }),
          ),
        ),
      { code: 'bad-continuation' },
    );
    for (const page of pages) if (page.text.includes('B-0')) totals.crossOrg += 1;
  });

  it('cross-org probes by a member of another organisation', async () => {
    const probe = tokens['h-editor'];
    const routes: [string, string, unknown?][] = [
      ['GET', '/orgs/org-bystander/profile'],
      ['PUT', '/orgs/org-bystander/profile', { organizationName: 'Taken over' }],
      ['GET', '/orgs/org-bystander/records'],
      ['GET', '/orgs/org-bystander/assessment'],
      ['GET', '/orgs/org-bystander/assessment/history'],
      ['POST', '/orgs/org-bystander/sync', { syncId: 'x', digests: { capa: EMPTY_DIGEST } }],
      ['POST', '/orgs/org-bystander/sync/records', JSON.parse(uploadBody([okRecord()]))],
      ['POST', '/orgs/org-bystander/sync/commit', { syncId: 'x', base: 1, templates: {}, changes: [] }],
      ['PUT', '/orgs/org-bystander/members/h-editor', { role: 'owner' }],
      ['DELETE', '/orgs/org-bystander/members/bystander-owner'],
      ['POST', '/orgs/org-bystander/invitation'],
      ['DELETE', '/orgs/org-bystander/invitation'],
    ];
    await hostile(async () => {
      const answers: Answer[] = [];
      for (const [method, path, body] of routes)
        answers.push(
          await send(method, path, body === undefined ? { token: probe } : { token: probe, body: json(body) }),
        );
      return answers;
    });
  });
});

describe('settings that are not requests', () => {
  it('a bad numeric setting stops start-up with a message that names it', () => {
    for (const raw of ['abc', '0.001', '-1', 'Infinity', '1e9']) {
      expect(() => readSettings({ QMS_AUTH_MODE: 'dev', QMS_UPLOAD_TTL_MINUTES: raw })).toThrow(ConfigError);
      expect(() => readSettings({ QMS_AUTH_MODE: 'dev', QMS_UPLOAD_TTL_MINUTES: raw })).toThrow(
        /QMS_UPLOAD_TTL_MINUTES/,
      );
    }
  });
});

describe('totals', () => {
  it('the suite sent requests, and got no 5xx, no state change and no cross-org effect', () => {
    expect(totals.requests).toBeGreaterThan(50);
    expect(totals).toMatchObject({ fiveXX: 0, stateChanges: 0, crossOrg: 0 });
  });
});
