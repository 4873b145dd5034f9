import { describe, expect, it } from 'vitest';
import { orgIdFrom } from '../handlers/orgs.js';
import { ORG_ID_PATTERN } from '../storage/keys.js';
import { corsHeaders, preflightHeaders } from './cors.js';
import { ApiError, json, problemResponse } from './problem.js';
import { registrations } from './register.js';
import { compileRoute, matchRoute } from './route-match.js';
import { ROUTES } from './routes.js';

describe('route table', () => {
  it('gives every route a unique function name and adds OPTIONS once per path', () => {
    const regs = registrations(ROUTES, () => Promise.reject(new Error('not called')));
    expect(new Set(regs.map((r) => r.name)).size).toBe(regs.length);
    const profile = regs.filter((r) => r.route === 'orgs/{org}/profile');
    expect(profile.flatMap((r) => r.methods).filter((m) => m === 'OPTIONS')).toHaveLength(1);
    const seen = new Set<string>();
    for (const r of regs) {
      for (const m of r.methods) {
        expect(seen.has(`${m} ${r.route}`)).toBe(false);
        seen.add(`${m} ${r.route}`);
      }
    }
  });

  it('matches paths to templates and decodes parameters', () => {
    const routes = [
      compileRoute('orgs/{org}/members/{user}', 'm'),
      compileRoute('orgs/{org}/assessment/history', 'h'),
      compileRoute('orgs/{org}/assessment', 'a'),
    ];
    expect(matchRoute(routes, 'orgs/acme/members/a%40b.com')).toEqual({
      value: 'm',
      params: { org: 'acme', user: 'a@b.com' },
    });
    expect(matchRoute(routes, 'orgs/acme/assessment/history')?.value).toBe('h');
    expect(matchRoute(routes, 'orgs/acme/assessment')?.value).toBe('a');
    expect(matchRoute(routes, 'orgs/acme/members/%E0%A4%A')).toBeUndefined();
    expect(matchRoute(routes, 'orgs/acme/other')).toBeUndefined();
  });
});

describe('problem responses', () => {
  it('are RFC 9457 problem+json with a code', () => {
    const res = problemResponse(
      new ApiError(422, 'records-rejected', 'What is wrong and how to fix it.', { field: 'a' }, { 'retry-after': '3' }),
    );
    expect(res.status).toBe(422);
    expect(res.headers).toMatchObject({ 'content-type': 'application/problem+json', 'retry-after': '3' });
    expect(JSON.parse(res.body as string)).toEqual({
      type: 'https://qms-readiness.example/problems/records-rejected',
      title: 'Unprocessable content',
      status: 422,
      detail: 'What is wrong and how to fix it.',
      code: 'records-rejected',
      field: 'a',
    });
  });

  it('never put a BigInt into JSON', () => {
    expect(JSON.parse(json(200, { n: BigInt(42) }).body as string)).toEqual({ n: 42 });
  });
});

describe('CORS', () => {
  it('allows configured origins only', () => {
    expect(corsHeaders('https://localhost:3000', ['https://localhost:3000'])['access-control-allow-origin']).toBe(
      'https://localhost:3000',
    );
    expect(corsHeaders('https://evil.example', ['https://localhost:3000'])).toEqual({});
    expect(corsHeaders(null, ['https://localhost:3000'])).toEqual({});
    expect(
      preflightHeaders('https://localhost:3000', ['https://localhost:3000'], ['GET', 'PUT'])[
        'access-control-allow-methods'
      ],
    ).toBe('GET, PUT, OPTIONS');
  });
});

describe('organisation ids', () => {
  it('are made from the name and always valid', () => {
    expect(orgIdFrom('Acme Widgets Ltd.', 'k3x9')).toBe('acme-widgets-ltd-k3x9');
    expect(orgIdFrom('Société Générale', 'a1')).toBe('societe-generale-a1');
    expect(orgIdFrom('!!!', 'z')).toBe('org-z');
    expect(ORG_ID_PATTERN.test(orgIdFrom('x'.repeat(200), 'abcdef'))).toBe(true);
  });
});
