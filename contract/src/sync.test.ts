import { describe, expect, it } from 'vitest';
import { MAX_NESTING, nestsAtMost, syncRequestSchema } from './sync.js';

const deep = (levels: number): unknown => {
  let v: unknown = 'x';
  for (let i = 0; i < levels; i++) v = i % 2 ? [v] : { a: v };
  return v;
};

describe('sync.nesting-bound: record data and warnings nest at most 16 deep, checked without recursion', () => {
  it('measures depth iteratively, even 100,000 levels deep', () => {
    expect(nestsAtMost({ capaId: 'C-1', status: 'Open' })).toBe(true);
    expect(nestsAtMost(deep(MAX_NESTING))).toBe(true);
    expect(nestsAtMost(deep(MAX_NESTING + 1))).toBe(false);
    expect(nestsAtMost(deep(100_000))).toBe(false);
  });

  it('refuses the envelope by path, naming the limit', () => {
    const body = (data: unknown, warnings: unknown[] = []) => ({
      syncId: 's',
      templates: { 'capa-log': 1 },
      snapshots: [{ type: 'capa', complete: true, records: [{ id: 'C-1', data, warnings }] }],
    });
    expect(syncRequestSchema.safeParse(body({ capaId: 'C-1' })).success).toBe(true);
    const tooDeep = syncRequestSchema.safeParse(body(deep(10_000)));
    expect(tooDeep.success ? [] : tooDeep.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['snapshots.0.records.0.data', 'data nests deeper than 16 levels'],
    ]);
    expect(syncRequestSchema.safeParse(body({}, [deep(10_000)])).success).toBe(false);
    // A warning's text is bounded too (the count was, at 100 a record; the length was not).
    expect(syncRequestSchema.safeParse(body({}, [{ message: 'Overdue: due 2026-03-09' }])).success).toBe(true);
    const long = syncRequestSchema.safeParse(body({}, [{ message: 'x'.repeat(5000) }]));
    expect(long.success ? '' : long.error.issues[0]?.message).toBe('a warning is longer than 2000 characters as JSON');
  });
});
