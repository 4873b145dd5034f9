import { describe, expect, it } from 'vitest';
import { parsePackProperty } from './markers.ts';

describe('the qms.pack document property', () => {
  it('reads {id, version}', () => {
    expect(parsePackProperty('{"id":"acme-consulting","version":2}')).toEqual({ id: 'acme-consulting', version: 2 });
  });

  it.each([
    ['not JSON', '{id: acme'],
    ['blank', ' '],
    ['no version', '{"id":"acme-consulting"}'],
    ['a version that is not a whole number from 1', '{"id":"acme-consulting","version":0.5}'],
    ['an empty id', '{"id":"","version":1}'],
    ['not a string', 12],
  ])('counts %s as absent, so the sheets are still checked', (_, value) => {
    expect(parsePackProperty(value)).toBeUndefined();
  });
});
