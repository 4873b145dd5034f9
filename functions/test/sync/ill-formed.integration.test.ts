// text.well-formed at the API, against Azurite: a lone UTF-16 surrogate in a record id, a field, a warning or the
// syncId is refused with a 4xx naming it, nothing is stored, and other organisations carry on at once. (Before,
// such an id was stored with a 500 and left the emulator's transactions stuck for every organisation.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAzurite, type Azurite } from '@qms/api-harness/azurite';
import { capa, createTestApp, storedHashes, syncBody, syncWorkbook, type TestApp } from '@qms/api-harness';

let azurite: Azurite;
let app: TestApp;
let owner: string;

beforeAll(async () => {
  azurite = await startAzurite();
  app = await createTestApp(azurite.connectionString);
  owner = await app.token('owner-1');
  await app.createOrg(owner, 'victim');
  await app.createOrg(owner, 'bystander');
  await syncWorkbook(app, owner, 'victim', syncBody('v0', [capa('KEEP-1')]));
}, 30_000);

afterAll(async () => {
  await azurite.stop();
});

describe('text.well-formed: ill-formed UTF-16 is refused at the API, by name, with nothing stored', () => {
  const cases: [string, () => ReturnType<typeof syncBody>, number, string][] = [
    ['a record id', () => syncBody('s1', [capa('KEEP-1'), { ...capa('X'), id: 'X\ud800' }]), 422, 'record.bad-id'],
    [
      'a text field',
      () => syncBody('s2', [capa('KEEP-1'), capa('C-2', 'Open', { description: 'a \udc00 b' })]),
      422,
      'record.ill-formed-text',
    ],
    [
      'a warning',
      () => syncBody('s3', [capa('KEEP-1'), Object.assign(capa('C-3'), { warnings: ['w\ud800'] })]),
      422,
      'record.ill-formed-text',
    ],
    ['the syncId', () => syncBody('s4\ud800', [capa('KEEP-1')]), 400, 'invalid-request'],
  ];

  for (const [what, body, status, code] of cases) {
    it(`${what}: ${status} naming it, the store unchanged, and another organisation syncs at once`, async () => {
      const before = await storedHashes(app, 'victim', owner);
      const res = await syncWorkbook(app, owner, 'victim', body());
      expect(res.status).toBe(status);
      if (status === 422) {
        const issues = (res.body.rejected as { issues: { code: string; message: string }[] }[]).flatMap(
          (r) => r.issues,
        );
        expect(issues.map((i) => i.code)).toContain(code);
        expect(issues.every((i) => !/[\ud800-\udfff]/.test(i.message))).toBe(true);
      } else {
        expect((res.body as { code?: string }).code).toBe(code);
      }
      expect(await storedHashes(app, 'victim', owner)).toEqual(before);
      const other = await syncWorkbook(app, owner, 'bystander', syncBody(`b-${code}-${status}`, [capa('B-1')]));
      expect(other.status).toBe(200);
      const health = await app.call('GET', '/api/health');
      expect(health.status).toBe(200);
    });
  }

  it('a syncId of 128 × U+FFFF (which once failed after escaping into a storage key, 500) is only a label now: the sync completes', async () => {
    const res = await syncWorkbook(app, owner, 'victim', syncBody('\uffff'.repeat(128), [capa('KEEP-1'), capa('K-2')]));
    expect(res.status).toBe(200);
    expect(Object.keys(await storedHashes(app, 'victim', owner)).sort()).toEqual(['K-2', 'KEEP-1']);
  });

  it('10,000-deep data (which once overflowed the stack, 500) is a 400 naming the path, and nothing is stored', async () => {
    const before = await storedHashes(app, 'victim', owner);
    // Written as text: JSON.stringify itself cannot nest this deep.
    const data = `${'{"nested":'.repeat(10_000)}{}${'}'.repeat(10_000)}`;
    const rawBody = `{"syncId":"deep","templates":{"capa-log":1},"records":[{"type":"capa","id":"C-9","hash":"0","data":${data}}]}`;
    const res = await app.call('POST', '/api/orgs/victim/sync/records', {
      token: owner,
      rawBody,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid-request');
    expect(res.text).toContain('nests deeper than 16 levels');
    expect(await storedHashes(app, 'victim', owner)).toEqual(before);
  });
});
