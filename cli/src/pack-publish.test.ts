import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pack } from './commands/pack.js';
import { createPackAssignCommand, createPackPublishCommand } from './commands/pack-publish.js';
import type { RemoteDeps } from './commands/sync.js';
import { EXAMPLE_PACKS_DIR } from '@qms/workbook-fixtures/filled';
import { memoryIo } from './shared/memory-io.js';

const PACK = join(EXAMPLE_PACKS_DIR, 'acme-consulting.v1.json');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qms-pack-publish-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A server answering every call with `status` and `body`; the calls made are recorded with their bodies. */
function deps(status: number, body: unknown) {
  const calls: { method: string; url: string; auth: string | null; body: unknown }[] = [];
  const d: RemoteDeps = {
    env: {},
    random: () => 0,
    sleep: () => Promise.resolve(),
    fetch: (input, init) => {
      calls.push({
        method: init?.method ?? 'GET',
        url: input instanceof Request ? input.url : input.toString(),
        auth: new Headers(init?.headers).get('authorization'),
        body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      });
      return Promise.resolve(new Response(JSON.stringify(body), { status }));
    },
  };
  return { d, calls };
}

async function run(command: (args: string[], io: ReturnType<typeof memoryIo>) => Promise<number>, ...argv: string[]) {
  const io = memoryIo(dir, new Date(Date.UTC(2026, 10, 24)));
  const code = await command(argv, io);
  return { code, out: io.out(), err: io.err() };
}

const API = ['--api', 'http://h/api', '--token', 'T'];

describe('qms pack publish', () => {
  it('checks the pack here, then PUTs it under its id with the token, and says how to assign it', async () => {
    const { d, calls } = deps(201, { id: 'acme-consulting', version: 1, owner: 'carol', versions: [1] });
    const r = await run(createPackPublishCommand(d), PACK, ...API);
    expect(r.code, r.err).toBe(0);
    expect(calls.map((c) => [c.method, c.url, c.auth])).toEqual([
      ['PUT', 'http://h/api/packs/acme-consulting', 'Bearer T'],
    ]);
    expect(calls[0]?.body).toMatchObject({ id: 'acme-consulting', version: 1, title: 'Acme Consulting QMS pack' });
    expect(r.out).toContain('Published pack acme-consulting v1 (owner carol; versions 1).');
    expect(r.out).toContain('qms pack assign --org ORG --pack acme-consulting --version 1');
  });

  it('an invalid pack is refused by its JSON paths before anything is sent (exit 2)', async () => {
    const file = join(dir, 'bad.json');
    await writeFile(file, JSON.stringify({ id: 'acme', version: 0, title: 'A', templates: ['capa-log'] }));
    const { d, calls } = deps(201, {});
    const r = await run(createPackPublishCommand(d), 'bad.json', ...API);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^qms pack publish: bad\.json: version: /);
    expect(calls).toEqual([]);
  });

  it("a refusal is exit 1 with the server's words and every issue it lists", async () => {
    const { d } = deps(409, {
      status: 409,
      title: 'Conflict',
      code: 'pack-version-exists',
      detail: 'Version 1 of pack "acme-consulting" is already published with other content. Bump "version" (to 2)',
      issues: [{ path: 'version', message: 'bump it' }],
    });
    const r = await run(createPackPublishCommand(d), PACK, ...API);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^qms pack publish: Version 1 of pack "acme-consulting" is already published/);
    expect(r.err).toContain('\n  version: bump it\n');
  });

  it('needs a file, one only, and an API (exit 2, nothing sent)', async () => {
    const { d, calls } = deps(201, {});
    expect((await run(createPackPublishCommand(d), ...API)).code).toBe(2);
    expect((await run(createPackPublishCommand(d), PACK, PACK, ...API)).code).toBe(2);
    const noApi = await run(createPackPublishCommand(d), PACK, '--token', 'T');
    expect(noApi.code).toBe(2);
    expect(noApi.err).toContain('--api URL');
    expect(calls).toEqual([]);
  });
});

describe('qms pack assign', () => {
  const content = { id: 'acme-consulting', version: 1 };
  it('PUTs {pack, version} to the organisation and says which version it uses and which is the latest', async () => {
    const { d, calls } = deps(200, { pack: { id: 'acme-consulting', version: 1, latest: 2, content } });
    const r = await run(
      createPackAssignCommand(d),
      '--org',
      'org-a',
      '--pack',
      'acme-consulting',
      '--version',
      '1',
      ...API,
    );
    expect(r.code, r.err).toBe(0);
    expect(calls).toEqual([
      {
        method: 'PUT',
        url: 'http://h/api/orgs/org-a/pack',
        auth: 'Bearer T',
        body: { pack: 'acme-consulting', version: 1 },
      },
    ]);
    expect(r.out).toBe('org-a uses pack acme-consulting v1; v2 is the latest.\n');
  });

  it('--none goes back to the product templates', async () => {
    const { d, calls } = deps(200, { pack: null });
    const r = await run(createPackAssignCommand(d), '--org', 'org-a', '--none', ...API);
    expect(r.code, r.err).toBe(0);
    expect(calls[0]?.body).toEqual({ pack: null });
    expect(r.out).toBe("org-a uses the product's templates (no pack).\n");
  });

  it('refuses missing or bad flags before calling anything (exit 2), and a refusal is exit 1', async () => {
    const { d, calls } = deps(200, { pack: null });
    const cmd = createPackAssignCommand(d);
    expect((await run(cmd, '--pack', 'acme-consulting', '--version', '1', ...API)).err).toContain('--org ID');
    expect((await run(cmd, '--org', 'org-a', '--pack', 'acme-consulting', ...API)).err).toContain('--version N');
    expect((await run(cmd, '--org', 'org-a', '--pack', 'Acme!', '--version', '1', ...API)).code).toBe(2);
    expect((await run(cmd, '--org', 'org-a', '--pack', 'p', '--version', '0', ...API)).code).toBe(2);
    expect((await run(cmd, '--org', 'org-a', '--none', '--pack', 'p', ...API)).code).toBe(2);
    expect(calls).toEqual([]);
    const refused = deps(404, {
      status: 404,
      title: 'Not found',
      code: 'pack-not-found',
      detail: 'There is no pack "p" you can read',
    });
    const r = await run(createPackAssignCommand(refused.d), '--org', 'org-a', '--pack', 'p', '--version', '1', ...API);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^qms pack assign: There is no pack "p" you can read/);
  });
});

describe('qms pack', () => {
  it('dispatches publish and assign, and its help names all three subcommands', async () => {
    const help = await run(pack, '--help');
    expect(help.code).toBe(0);
    for (const sub of ['qms pack build', 'qms pack publish', 'qms pack assign']) expect(help.out).toContain(sub);
    expect((await run(pack, 'publish', '--help')).out).toMatch(/^Usage: qms pack publish/);
    expect((await run(pack, 'assign', '--help')).out).toMatch(/^Usage: qms pack assign/);
  });
});
