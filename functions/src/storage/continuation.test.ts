import { describe, expect, it } from 'vitest';
import { unwrapContinuation, wrapContinuation } from './records-store.js';

describe('records.continuation-bound: a continuation token is taken back only for the organisation it was given for', () => {
  it('round-trips storage’s token for its organisation and refuses it for any other, or anything not ours', () => {
    const storage = 'eyJuZXh0UGFydGl0aW9uS2V5IjoiWVdOdFpRPT0ifQ==';
    const token = wrapContinuation('acme', storage);
    expect(unwrapContinuation('acme', token)).toBe(storage);
    expect(unwrapContinuation('other', token)).toBeUndefined();
    expect(unwrapContinuation('acme', storage)).toBeUndefined();
    expect(unwrapContinuation('acme', 'garbage')).toBeUndefined();
  });
});
