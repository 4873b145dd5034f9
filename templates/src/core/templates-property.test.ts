import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { templateVersions } from '../registry.js';
import { DOCUMENT_PROPERTY_CHARS, parseTemplatesProperty } from './templates-property.js';

describe('qms.templates document property', () => {
  it('the product’s every template at its current version fits in the 255 characters Excel keeps', () => {
    const text = JSON.stringify(templateVersions());
    // When this fails, a new template or version has pushed the property past the cut: desktop Excel would keep
    // only the entries before it. Spread the property over more than one, or shorten its form, before shipping.
    expect(text.length).toBeLessThanOrEqual(DOCUMENT_PROPERTY_CHARS);
    expect(parseTemplatesProperty(text)).toEqual(templateVersions());
  });

  it('a value cut at 255 characters keeps every whole entry before the cut, and never a number cut short', () => {
    const long = {
      'qms-profile': 1,
      'gap-analysis': 12,
      ...Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`extra-template-${i}`, 10 + i])),
    };
    const cut = JSON.stringify(long).slice(0, DOCUMENT_PROPERTY_CHARS);
    const parsed = parseTemplatesProperty(cut) ?? {};
    expect(parsed['qms-profile']).toBe(1);
    expect(parsed['gap-analysis']).toBe(12);
    expect(Object.keys(parsed).length).toBeGreaterThan(5);
    expect(Object.keys(parsed).length).toBeLessThan(Object.keys(long).length);
    for (const [id, version] of Object.entries(parsed)) expect(long[id as keyof typeof long]).toBe(version);
  });

  it('any cut of any property gives back exactly the entries that ended before it', () => {
    const ids = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/);
    fc.assert(
      fc.property(fc.dictionary(ids, fc.integer({ min: 1, max: 99_999 }), { maxKeys: 30 }), fc.nat(), (map, at) => {
        const text = JSON.stringify(map);
        const cut = text.slice(0, at % (text.length + 1));
        const expected: Record<string, number> = {};
        // An entry is whole when the comma or brace after it made it into the cut.
        for (const [id, version] of Object.entries(map)) {
          const end = text.indexOf(`${JSON.stringify(id)}:${version}`) + `${JSON.stringify(id)}:${version}`.length;
          if (end < cut.length) expected[id] = version;
        }
        const parsed = parseTemplatesProperty(cut);
        if (Object.keys(expected).length === 0 && cut !== text) expect(parsed).toBeUndefined();
        else expect(parsed).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('what is not {id: version} is absent or dropped, never thrown', () => {
    expect(parseTemplatesProperty(undefined)).toBeUndefined();
    expect(parseTemplatesProperty('')).toBeUndefined();
    expect(parseTemplatesProperty('capa-log=1')).toBeUndefined();
    expect(parseTemplatesProperty('[1,2]')).toBeUndefined();
    expect(parseTemplatesProperty('{"capa-log":"1","kpi-tracker":2,"x":0,"y":1.5}')).toEqual({ 'kpi-tracker': 2 });
  });
});
