import { describe, expect, it } from 'vitest';
import { fromRecordEntity, toRecordEntity, type StoredRecord } from './record-entity.js';
import { EntityLimitError } from './limits.js';

const record = (data: Record<string, unknown>, id = 'CAPA/7?'): StoredRecord => ({
  type: 'capa',
  id,
  data,
  hash: 'h',
  source: { sheet: 'CAPA Log', row: 9 },
  warnings: [{ code: 'w' }],
  syncId: 's',
  updatedAt: '2026-03-02T09:00:00.000Z',
});

describe('record entity mapping', () => {
  it('round-trips a record, including long data split over properties', () => {
    const r = record({ capaId: 'CAPA/7?', description: 'é'.repeat(31_000), containment: 'c'.repeat(31_000) });
    const entity = toRecordEntity('acme', r);
    expect(entity.partitionKey).toBe('acme');
    expect(entity.rowKey).toBe('capa~CAPA%2f7%3f~h');
    expect(Number(entity.dataParts)).toBeGreaterThan(1);
    expect(fromRecordEntity(entity)).toEqual(r);
  });

  it('reads Int64 values (BigInt) back as numbers', () => {
    const entity = { ...toRecordEntity('acme', record({ a: 1 })), row: BigInt(9), dataParts: BigInt(1) };
    const back = fromRecordEntity(entity);
    expect(back.source.row).toBe(9);
    expect(() => JSON.stringify(back)).not.toThrow();
  });

  it('refuses a record bigger than an entity may be', () => {
    const data = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}`, 'x'.repeat(30_000)]));
    expect(() => toRecordEntity('acme', record(data))).toThrow(EntityLimitError);
  });
});
