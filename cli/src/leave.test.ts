import { describe, expect, it } from 'vitest';
import { createLeaveCommand } from './commands/leave.js';
import type { RemoteDeps } from './commands/sync.js';
import { main, usage } from './main.js';
import { memoryIo } from './shared/memory-io.js';

/** A server answering every call with `status` and `body`; the calls made are recorded. */
function deps(status: number, body?: unknown) {
  const calls: { url: string; auth: string | null; method: string }[] = [];
  const d: RemoteDeps = {
    env: {},
    random: () => 0,
    sleep: () => Promise.resolve(),
    fetch: (input, init) => {
      calls.push({
        url: input instanceof Request ? input.url : input.toString(),
        auth: new Headers(init?.headers).get('authorization'),
        method: init?.method ?? 'GET',
      });
      return Promise.resolve(
        new Response(body === undefined ? null : JSON.stringify(body), {
          status,
          headers: { 'content-type': 'application/json' },
        }),
      );
    },
  };
  return { d, calls };
}

async function leave(d: RemoteDeps, ...argv: string[]) {
  const io = memoryIo('/tmp', new Date(Date.UTC(2026, 10, 24)));
  const code = await createLeaveCommand(d)(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('qms leave', () => {
  it('deletes the caller from the organisation as members/me (no user id needed) and says so', async () => {
    const { d, calls } = deps(204);
    const r = await leave(d, '--org', 'acme', '--api', 'http://h/api', '--token', 'T');
    expect(r.code, r.err).toBe(0);
    expect(calls).toEqual([{ url: 'http://h/api/orgs/acme/members/me', auth: 'Bearer T', method: 'DELETE' }]);
    expect(r.out).toBe('You left acme; it no longer appears in your portfolio.\n');
  });

  it("the only owner is refused: exit 1 with the server's words on handing ownership over", async () => {
    const { d } = deps(409, {
      title: 'Conflict',
      status: 409,
      code: 'last-owner',
      detail: "You are this organisation's only owner, so you cannot leave it yet: hand ownership over first",
    });
    const r = await leave(d, '--org', 'acme', '--api', 'http://h/api', '--token', 'T');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^qms leave: You are this organisation's only owner, .*hand ownership over first/);
    expect(r.out).toBe('');
  });

  it('refuses a missing or bad org id, or no API, before calling anything (exit 2)', async () => {
    const { d, calls } = deps(204);
    const missing = await leave(d, '--api', 'http://h/api', '--token', 'T');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--org ID');
    expect((await leave(d, '--org', 'Not An Id', '--api', 'http://h/api', '--token', 'T')).code).toBe(2);
    expect((await leave(d, '--org', 'acme', '--token', 'T')).code).toBe(2);
    expect((await leave(d, 'acme', '--org', 'acme', '--api', 'http://h/api', '--token', 'T')).code).toBe(2);
    expect(calls).toEqual([]);
  });

  it('is in the command table and its help, and needs a token', async () => {
    expect(usage()).toContain('qms leave --org ID --api URL');
    const help = memoryIo('/tmp', new Date());
    expect(await main(['leave', '--help'], help)).toBe(0);
    expect(help.out()).toContain('make another member an owner first');
    const io = memoryIo('/tmp', new Date());
    expect(await main(['leave', '--org', 'acme', '--api', 'http://h/api'], io)).toBe(2);
    expect(io.err()).toContain('pass --token T or set QMS_TOKEN');
  });
});
