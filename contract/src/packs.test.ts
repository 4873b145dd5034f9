import { describe, expect, it } from 'vitest';
import { assignPackBodySchema, orgPackSchema, PACK_ID_PATTERN, packInfoSchema, putPackBodySchema } from './packs.js';
import { PROBLEM_CODES } from './problem.js';

describe('the pack routes in the contract', () => {
  it('an assignment is a pack id and a version, or pack null; nothing else', () => {
    const ok = (body: unknown) => assignPackBodySchema.safeParse(body).success;
    expect(ok({ pack: 'acme-consulting', version: 2 })).toBe(true);
    expect(ok({ pack: null })).toBe(true);
    expect(ok({ pack: 'acme-consulting' })).toBe(false);
    expect(ok({ pack: 'Acme Consulting', version: 1 })).toBe(false);
    expect(ok({ pack: 'acme', version: 0 })).toBe(false);
    expect(ok({ pack: 'acme', version: 1.5 })).toBe(false);
    expect(ok({ pack: null, version: 1 })).toBe(false);
  });

  it("the body of PUT /packs is the templates' pack schema, and pack ids are its slugs", () => {
    expect(putPackBodySchema.safeParse({ id: 'p', version: 1, title: 'P', templates: ['capa-log'] }).success).toBe(
      true,
    );
    expect(putPackBodySchema.safeParse({ id: 'p', version: 1, title: 'P', templates: [] }).success).toBe(false);
    expect(PACK_ID_PATTERN.test('acme-consulting')).toBe(true);
    expect(PACK_ID_PATTERN.test('-acme')).toBe(false);
    expect(PACK_ID_PATTERN.test('a'.repeat(65))).toBe(false);
  });

  it('answers: a pack info lists versions; an org without a pack says pack null; content must be an object', () => {
    expect(packInfoSchema.parse({ id: 'p', version: 1, owner: 'c', versions: [1] }).versions).toEqual([1]);
    expect(orgPackSchema.parse({ pack: null })).toEqual({ pack: null });
    expect(orgPackSchema.safeParse({ pack: { id: 'p', version: 1, latest: 1, content: 'x' } }).success).toBe(false);
  });

  it('lists the problem codes the pack routes answer with', () => {
    for (const code of [
      'bad-pack-id',
      'bad-pack-version',
      'pack-not-yours',
      'pack-assign-forbidden',
      'pack-not-found',
      'pack-version-not-found',
      'pack-version-exists',
      'pack-version-not-newer',
      'pack-busy',
      'pack-invalid',
    ])
      expect(PROBLEM_CODES).toContain(code);
  });
});
