import { describe, expect, it, vi } from 'vitest';
import { loadOnFirstCall } from './lazy.js';

describe('loadOnFirstCall', () => {
  it('imports on the first call only; concurrent and later calls reuse what it loaded', async () => {
    const load = vi.fn(() => Promise.resolve((a: number, b: number) => a + b));
    const add = loadOnFirstCall(load);
    expect(load).not.toHaveBeenCalled();
    expect(await Promise.all([add(1, 2), add(3, 4)])).toEqual([3, 7]);
    expect(await add(5, 6)).toBe(11);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('keeps no failed import: the call that met it fails, the next one imports again', async () => {
    const load = vi
      .fn<() => Promise<() => string>>()
      .mockRejectedValueOnce(new Error('module not found'))
      .mockResolvedValue(() => 'ok');
    const call = loadOnFirstCall(load);
    await expect(call()).rejects.toThrow('module not found');
    expect(await call()).toBe('ok');
    expect(load).toHaveBeenCalledTimes(2);
  });
});
