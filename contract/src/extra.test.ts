import { checkRecordData, contentHash, RECORD_TYPES, recordSchemas } from '@qms/templates';
import { describe, expect, it } from 'vitest';
import { MAX_EXTRA_COLUMNS } from './extra.js';
import { snapshotDigest } from './digest.js';
import { uploadRequestSchema } from './sync.js';

const capa = { capaId: 'C-1', dateOpened: '2026-01-10', status: 'Open' };

describe("sync.extra: records carry a pack's extra columns, kept by the schemas and covered by the hash", () => {
  it('a record without extra hashes exactly as before packs (pinned), and its digest with it', () => {
    expect(contentHash(capa)).toBe(GOLDEN_CAPA_HASH);
    // An absent extra and an undefined one are the same data.
    expect(contentHash({ ...capa, extra: undefined })).toBe(GOLDEN_CAPA_HASH);
    expect(snapshotDigest([['C-1', contentHash(capa)]])).toBe(GOLDEN_CAPA_DIGEST);
  });

  it('extra is part of the hash: a changed extra value is a changed record', () => {
    const low = contentHash({ ...capa, extra: { riskRating: 'Low' } });
    const high = contentHash({ ...capa, extra: { riskRating: 'High' } });
    expect(low).not.toBe(GOLDEN_CAPA_HASH);
    expect(low).not.toBe(high);
    expect(contentHash({ ...capa, extra: { riskRating: null } })).not.toBe(GOLDEN_CAPA_HASH);
  });

  it('the record schemas keep extra (the server stores their output), for every record type', () => {
    const checked = checkRecordData('capa', { ...capa, extra: { riskRating: 'High', cost: 12.5, site: null } });
    expect(checked.ok && checked.data.extra).toEqual({ riskRating: 'High', cost: 12.5, site: null });
    const profile = checkRecordData('profile', {
      organizationName: 'Acme',
      certificationScope: 'Design',
      sitesInScope: 1,
      effectivePersonnel: 10,
      riskCategory: 'Low',
      extra: { region: 'North' },
    });
    expect(profile.ok ? profile.data.extra : profile.problems).toEqual({ region: 'North' });
    // Every type's schema has the field (the two above show it is kept, not stripped as an unknown key).
    expect(RECORD_TYPES.filter((type) => !('extra' in recordSchemas[type].shape))).toEqual([]);
  });

  it('extra is bounded: flat values only, known key shape, at most 50 columns, each refused by path', () => {
    const problems = (extra: unknown) => {
      const r = checkRecordData('capa', { ...capa, extra });
      return r.ok ? [] : r.problems.map((p) => p.path);
    };
    expect(problems({ nested: { a: 1 } })).toEqual(['extra.nested']);
    expect(problems({ 'Risk rating': 'High' })).toEqual(['extra.Risk rating']);
    expect(problems({ flag: true })).toEqual(['extra.flag']);
    const many = Object.fromEntries(Array.from({ length: MAX_EXTRA_COLUMNS + 1 }, (_, i) => [`c${i}`, i]));
    expect(problems(many)).toEqual(['extra']);
    expect(problems({ text: 'x'.repeat(32_001) })).toEqual(['extra.text']);
  });

  it('an upload carries extra in the record data', () => {
    const body = {
      syncId: 's',
      templates: { 'capa-log': 1 },
      records: [{ type: 'capa', id: 'C-1', hash: '0', data: { ...capa, extra: { riskRating: 'High' } } }],
    };
    const parsed = uploadRequestSchema.safeParse(body);
    expect(parsed.success && parsed.data.records[0]?.data).toEqual(body.records[0]?.data);
  });
});

/** Computed once, before `extra` existed, and written down: records without extra must keep these. */
const GOLDEN_CAPA_HASH = '16df7314c9fe7c';
const GOLDEN_CAPA_DIGEST = '133d48c36ccb8c.1';
