import { describe, expect, it } from 'vitest';
import {
  assertWithinLimits,
  entityBytes,
  EntityLimitError,
  joinText,
  MAX_STRING_PROPERTY_CHARS,
  splitText,
  splitTextCompact,
} from './limits.js';
import { planTransactions, runBounded } from './batch.js';
import type { TransactionAction } from '@azure/data-tables';

describe('entity limits', () => {
  it('splits long text over properties within the string limit and joins it back', () => {
    const text = 'ab🚀'.repeat(30_000);
    const props = splitText('data', text);
    const pieces = Object.entries(props).filter(([k]) => k !== 'dataParts');
    expect(pieces.length).toBeGreaterThan(2);
    for (const [, v] of pieces) expect(String(v).length).toBeLessThanOrEqual(MAX_STRING_PROPERTY_CHARS);
    expect(joinText('data', props)).toBe(text);
    expect(joinText('data', { ...props, dataParts: BigInt(props.dataParts as number) })).toBe(text);
  });

  it('never cuts a surrogate pair', () => {
    const text = 'x'.repeat(MAX_STRING_PROPERTY_CHARS - 1) + '🚀' + 'y';
    const props = splitText('d', text, MAX_STRING_PROPERTY_CHARS);
    expect(String(props.d0).length).toBe(MAX_STRING_PROPERTY_CHARS - 1);
    expect(joinText('d', props)).toBe(text);
  });

  it('stores an empty string as one empty part', () => {
    expect(joinText('d', splitText('d', ''))).toBe('');
  });

  it('leaves out the part count of one-part text, and still joins it', () => {
    const one = splitTextCompact('d', '{"a":1}');
    expect(one).toEqual({ d0: '{"a":1}' });
    expect(joinText('d', one)).toBe('{"a":1}');
    const many = splitTextCompact('d', 'x'.repeat(70_000));
    expect(many.dParts).toBe(3);
    expect(joinText('d', many)).toHaveLength(70_000);
    expect(joinText('d', {})).toBe('');
  });

  it('refuses too long strings, too many properties and too big entities', () => {
    const base = { partitionKey: 'p', rowKey: 'r' };
    expect(() => assertWithinLimits({ ...base, s: 'x'.repeat(MAX_STRING_PROPERTY_CHARS + 1) })).toThrow(
      EntityLimitError,
    );
    const many = Object.fromEntries(Array.from({ length: 253 }, (_, i) => [`p${i}`, 1]));
    expect(() => assertWithinLimits({ ...base, ...many })).toThrow(/properties/);
    expect(() => assertWithinLimits({ ...base, ...many, p252: undefined, p251: undefined })).not.toThrow();
    const big = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`d${i}`, 'x'.repeat(30_000)]));
    expect(entityBytes({ ...base, ...big })).toBeGreaterThan(1024 * 1024);
    expect(() => assertWithinLimits({ ...base, ...big })).toThrow(/bytes/);
  });
});

describe('transactions', () => {
  const action = (pk: string, i: number, size = 10): TransactionAction => [
    'upsert',
    { partitionKey: pk, rowKey: `r${i}`, d: 'x'.repeat(size) },
  ];

  it('groups by partition, at most 100 operations each', () => {
    const actions = [
      ...Array.from({ length: 250 }, (_, i) => action('a', i)),
      ...Array.from({ length: 30 }, (_, i) => action('b', i)),
    ];
    const batches = planTransactions(actions);
    expect(batches.map((b) => b.length)).toEqual([100, 100, 50, 30]);
    for (const b of batches) expect(new Set(b.map((a) => a[1].partitionKey)).size).toBe(1);
    expect(batches.flat()).toHaveLength(280);
  });

  it('keeps each transaction under the 4 MiB payload limit', () => {
    const actions = Array.from({ length: 90 }, (_, i) => action('a', i, 30_000));
    const batches = planTransactions(actions);
    expect(batches.length).toBeGreaterThan(1);
    for (const b of batches) expect(b.reduce((n, a) => n + entityBytes(a[1]), 0)).toBeLessThan(4 * 1024 * 1024);
  });

  it('runs tasks with bounded concurrency and rethrows the first failure', async () => {
    let running = 0;
    let peak = 0;
    const task = (i: number) => async () => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((r) => setImmediate(r));
      running -= 1;
      return i;
    };
    expect(
      await runBounded(
        Array.from({ length: 20 }, (_, i) => task(i)),
        3,
      ),
    ).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(peak).toBe(3);
    await expect(runBounded([task(1), () => Promise.reject(new Error('boom')), task(2)], 2)).rejects.toThrow('boom');
  });
});
