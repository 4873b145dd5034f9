import { describe, expect, it } from 'vitest';
import { MAX_STRING_PROPERTY_CHARS } from './limits.js';
import {
  assignmentRowKey,
  fromOrgPackEntity,
  fromVersionEntity,
  planPublish,
  toOrgPackEntity,
  toVersionEntity,
  versionRowKey,
  type PublishRequest,
} from './packs-store.js';

const request: PublishRequest = {
  pack: 'acme-consulting',
  version: 2,
  caller: 'carol',
  hash: 'h2',
  json: '{"id":"acme-consulting"}',
  at: '2026-03-02T09:00:00.000Z',
};
const owner = { owner: 'carol', latest: 1, createdAt: '2026-03-01T00:00:00.000Z', etag: 'W/"1"' };

describe('planPublish', () => {
  it('a new pack id: creates the owner row and the version row in one transaction', () => {
    const plan = planPublish({ owner: undefined, existing: undefined }, request);
    expect(plan.kind).toBe('write');
    if (plan.kind !== 'write') return;
    expect(plan.actions.map((a) => [a[0], a[1].rowKey])).toEqual([
      ['create', '!owner'],
      ['create', 'v~0000002'],
    ]);
    expect(plan.actions[0]?.[1]).toMatchObject({ owner: 'carol', latest: 2, createdAt: request.at });
  });

  it('a newer version: replaces the owner row on the ETag it was read with, keeping when it was created', () => {
    const plan = planPublish({ owner, existing: undefined }, request);
    if (plan.kind !== 'write') throw new Error(plan.kind);
    expect(plan.actions[0]).toEqual([
      'update',
      { partitionKey: 'acme-consulting', rowKey: '!owner', owner: 'carol', latest: 2, createdAt: owner.createdAt },
      'Replace',
      { etag: owner.etag },
    ]);
  });

  it('refuses another publisher, replays equal content, and refuses changed or older versions', () => {
    expect(planPublish({ owner, existing: undefined }, { ...request, caller: 'dave' }).kind).toBe('not-yours');
    expect(planPublish({ owner, existing: { hash: 'h2' } }, request).kind).toBe('replay');
    expect(planPublish({ owner, existing: { hash: 'other' } }, request).kind).toBe('exists');
    expect(planPublish({ owner: { ...owner, latest: 3 }, existing: undefined }, request)).toEqual({
      kind: 'not-newer',
      latest: 3,
    });
  });
});

describe('pack entities', () => {
  it('a version longer than one string property is split and joined back exactly', () => {
    const json = JSON.stringify({ text: 'é'.repeat(MAX_STRING_PROPERTY_CHARS * 2 + 5) });
    const entity = toVersionEntity('p', { version: 12, hash: 'h', json, publishedBy: 'c', publishedAt: 'now' });
    expect((entity as Record<string, unknown>).contentParts).toBe(3);
    expect(entity.rowKey).toBe(versionRowKey(12));
    expect(fromVersionEntity(entity)).toMatchObject({ version: 12, hash: 'h', json });
  });

  it('version row keys sort in numeric order; org ids are escaped in assignment keys', () => {
    const keys = [1, 2, 10, 999_999, 1_000_000].map(versionRowKey);
    expect([...keys].sort()).toEqual(keys);
    expect(assignmentRowKey('org-a')).toBe('a~org-a');
  });

  it("an org's pack row: none is kept as an empty pack, read back as unassigned", () => {
    const none = toOrgPackEntity('org-a', undefined, 'alice', 'now');
    expect(fromOrgPackEntity({ ...none, etag: 'e' })).toEqual({ assigned: undefined, etag: 'e' });
    const some = toOrgPackEntity('org-a', { pack: 'p', version: 3 }, 'carol', 'now');
    expect(fromOrgPackEntity({ ...some, version: 3n })).toEqual({ assigned: { pack: 'p', version: 3 }, etag: '' });
  });
});
