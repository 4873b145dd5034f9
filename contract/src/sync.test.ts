import { describe, expect, it } from 'vitest';
import { contentHash } from '@qms/templates';
import { EMPTY_DIGEST, snapshotDigest } from './digest.js';
import { MAX_NESTING, nestsAtMost, uploadRequestSchema } from './sync.js';

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
      records: [{ type: 'capa', id: 'C-1', hash: '0', data, warnings }],
    });
    expect(uploadRequestSchema.safeParse(body({ capaId: 'C-1' })).success).toBe(true);
    const tooDeep = uploadRequestSchema.safeParse(body(deep(10_000)));
    expect(tooDeep.success ? [] : tooDeep.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['records.0.data', 'data nests deeper than 16 levels'],
    ]);
    expect(uploadRequestSchema.safeParse(body({}, [deep(10_000)])).success).toBe(false);
    // A warning's text is bounded too (the count was, at 100 a record; the length was not).
    expect(uploadRequestSchema.safeParse(body({}, [{ message: 'Overdue: due 2026-03-09' }])).success).toBe(true);
    const long = uploadRequestSchema.safeParse(body({}, [{ message: 'x'.repeat(5000) }]));
    expect(long.success ? '' : long.error.issues[0]?.message).toBe('a warning is longer than 2000 characters as JSON');
  });
});

describe('sync.digest: the hash is part of record identity, so its values are pinned', () => {
  it('contentHash gives these fixed values (a change here orphans every stored version)', () => {
    expect(contentHash({ capaId: 'C-1', status: 'Open' })).toBe(contentHash({ status: 'Open', capaId: 'C-1' }));
    expect([contentHash({}), contentHash({ capaId: 'C-1', status: 'Open' }), contentHash('x')]).toEqual(GOLDEN_HASHES);
  });

  it('a snapshot digest is the hash of the id-sorted (id, hash) list and the count, whatever the order given', () => {
    const entries: [string, string][] = [
      ['C-2', 'bbb'],
      ['C-1', 'aaa'],
      ['C-10', 'ccc'],
    ];
    expect(snapshotDigest(entries)).toBe(snapshotDigest([...entries].reverse()));
    expect(snapshotDigest(entries)).toBe(
      `${contentHash([
        ['C-1', 'aaa'],
        ['C-10', 'ccc'],
        ['C-2', 'bbb'],
      ])}.3`,
    );
    expect(snapshotDigest(entries)).toBe(GOLDEN_DIGEST);
    expect(EMPTY_DIGEST).toBe(`${contentHash([])}.0`);
    expect(snapshotDigest([['C-1', 'aab']])).not.toBe(snapshotDigest([['C-1', 'aaa']]));
  });
});

/** Computed once and written down: if the hash function changes, these tests say so before any data does. */
const GOLDEN_HASHES = ['1850f21a633145', '01a2fd3089818e', '165832d227ac1a'];
const GOLDEN_DIGEST = '1abc362ca36ed6.3';
