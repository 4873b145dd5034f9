import azureFunctions from '@azure/functions';
import { describe, expect, it, vi } from 'vitest';
import { ROUTES } from './http/routes.js';

describe('Azure entry (app.ts)', () => {
  it('registers every route of the one route table with app.http, anonymous at the host (auth is ours)', async () => {
    const http = vi.spyOn(azureFunctions.app, 'http').mockImplementation(() => undefined);
    await import('./app.js');
    const calls = http.mock.calls.map(([name, options]) => ({
      name,
      route: options.route,
      methods: options.methods,
      authLevel: options.authLevel,
    }));
    expect(calls.map((c) => c.name)).toEqual(ROUTES.map((r) => r.name));
    for (const route of ROUTES) {
      const call = calls.find((c) => c.name === route.name);
      expect(call?.route).toBe(route.route);
      expect(call?.authLevel).toBe('anonymous');
      for (const m of route.methods) expect(call?.methods).toContain(m);
    }
    http.mockRestore();
  });
});
