import { describe, expect, it } from 'vitest';
import { continuesOrg } from './records-store.js';

const token = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');

describe('records.continuation-bound: a continuation token must continue the caller organisation’s own query', () => {
  it('accepts the tokens storage gives out for the organisation, and refuses any other', () => {
    expect(continuesOrg(token({ nextPartitionKey: 'acme', nextRowKey: 'capa~C-1~0a' }), 'acme')).toBe(true);
    expect(continuesOrg(token({ nextPartitionKey: 'other', nextRowKey: 'capa' }), 'acme')).toBe(false);
    expect(continuesOrg(token({ nextRowKey: 'capa' }), 'acme')).toBe(false);
    expect(continuesOrg('not base64 json', 'acme')).toBe(false);
    expect(continuesOrg(token('acme'), 'acme')).toBe(false);
  });
});
