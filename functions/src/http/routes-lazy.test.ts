// Importing the app loads the route table, not what answers the routes: the pipeline and every handler module are
// imported on first call (lazy.ts), so Azure's host indexes the functions without loading storage or the contract.
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { describe, expect, it, vi } from 'vitest';
import type { Deps } from '../deps.js';
import { noTracer } from '../telemetry/port.js';

// vi.mock calls are hoisted above the imports, so what they use is hoisted with them.
const { loaded, record } = vi.hoisted(() => {
  const loaded: string[] = [];
  const record =
    (name: string) =>
    async <T>(importOriginal: () => Promise<T>): Promise<T> => {
      loaded.push(name);
      return importOriginal();
    };
  return { loaded, record };
});
vi.mock('./pipeline.js', record('pipeline'));
vi.mock('../handlers/assessment.js', record('assessment'));
vi.mock('../handlers/estimate.js', record('estimate'));
vi.mock('../handlers/health.js', record('health'));
vi.mock('../handlers/members.js', record('members'));
vi.mock('../handlers/orgs.js', record('orgs'));
vi.mock('../handlers/portfolio.js', record('portfolio'));
vi.mock('../handlers/profile.js', record('profile'));
vi.mock('../handlers/records.js', record('records'));
vi.mock('../handlers/sync.js', record('sync'));

describe('the route table loads handlers on first call', () => {
  it('registering every route imports no handler and not the pipeline; the first call imports its own only', async () => {
    const { ROUTES } = await import('./routes.js');
    const { registrations } = await import('./register.js');
    const deps = {
      tables: { ping: () => Promise.resolve(), auth: 'connection-string' },
      tracer: noTracer,
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
      options: { corsOrigins: [] },
    } as unknown as Deps;
    const regs = registrations(ROUTES, () => Promise.resolve(deps));
    expect(regs.map((r) => r.name)).toEqual(ROUTES.map((r) => r.name));
    expect(loaded).toEqual([]);

    const health = regs.find((r) => r.name === 'health');
    const request = {
      method: 'GET',
      headers: new Headers(),
      params: {},
      clone: () => request,
    } as unknown as HttpRequest;
    const answer = (await health?.handler(request, {} as InvocationContext)) as HttpResponseInit;
    expect(answer.status).toBe(200);
    expect(loaded.sort()).toEqual(['health', 'pipeline']);

    await health?.handler(request, {} as InvocationContext);
    expect(loaded).toHaveLength(2);
  });
});
