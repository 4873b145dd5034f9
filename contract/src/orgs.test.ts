import { describe, expect, it } from 'vitest';
import { createOrgBodySchema } from './orgs.js';

describe('orgs.name-plain-text: an organisation name is plain text', () => {
  it('refuses control, text-direction and ill-formed characters, and names longer than 200', () => {
    const ok = (name: string) => createOrgBodySchema.safeParse({ name }).success;
    expect(ok('Acme Präzision GmbH')).toBe(true);
    expect(ok('شركة الجودة')).toBe(true);
    expect(ok('Acme\u202Edtl')).toBe(false);
    expect(ok('Acme\u2066x\u2069')).toBe(false);
    expect(ok('Acme\u0007')).toBe(false);
    expect(ok('Acme\ud800')).toBe(false);
    expect(ok('x'.repeat(201))).toBe(false);
    const refused = createOrgBodySchema.safeParse({ name: 'A\u202Eb' });
    expect(refused.success ? '' : refused.error.issues[0]?.message).toMatch(/text-direction controls/);
  });
});
