import type { WorkbookInput } from '@qms/templates';
import { describe, expect, it } from 'vitest';
import { describeRejected, placeOf } from './rejected.ts';

// A CAPA Log with title rows and its header on row 3, starting in column A.
const input: WorkbookInput = {
  sheets: [
    {
      name: 'CAPA Log',
      marker: 'capa-log@1:CAPA Log',
      values: [
        ['Brand'],
        ['CAPA Log'],
        ['CAPA ID', 'Date opened', 'Source', 'Severity', 'Status'],
        ['C-1', '2026-01-10', 'Internal audit', 'Minor', 'Open'],
      ],
    },
  ],
};

describe('rejected records from a 422 records-rejected', () => {
  it("names the field's cell when the server gives sheet, row and field (id = the sheet's key column)", () => {
    expect(placeOf({ message: 'x', sheet: 'CAPA Log', row: 4, field: 'dateOpened' }, input)).toEqual({
      sheet: 'CAPA Log',
      address: 'B4',
      label: 'CAPA Log!B4',
    });
    expect(placeOf({ message: 'x', sheet: 'CAPA Log', row: 4, field: 'id' }, input)).toEqual({
      sheet: 'CAPA Log',
      address: 'A4',
      label: 'CAPA Log!A4',
    });
  });

  it('falls back to the row when the column cannot be found, and to no place without sheet and row', () => {
    expect(placeOf({ message: 'x', sheet: 'CAPA Log', row: 9, field: 'nothing-like-it' }, input)).toEqual({
      sheet: 'CAPA Log',
      address: 'A9',
      label: 'CAPA Log row 9',
    });
    expect(placeOf({ message: 'x', sheet: 'CAPA Log', row: 9 })).toEqual({
      sheet: 'CAPA Log',
      address: 'A9',
      label: 'CAPA Log row 9',
    });
    expect(placeOf({ message: 'x' })).toBeUndefined();
    // The wire is not trusted: a row that is not a positive whole number is no row.
    expect(placeOf({ message: 'x', sheet: 'CAPA Log', row: '4' } as never)).toBeUndefined();
    expect(placeOf({ message: 'x', sheet: 'CAPA Log', row: -1 })).toBeUndefined();
  });

  it('lists each record with its type, id and every issue', () => {
    const entries = describeRejected(
      [
        {
          type: 'capa',
          id: 'C-1',
          issues: [
            {
              severity: 'error',
              code: 'record.bad-id',
              message: 'too long',
              sheet: 'CAPA Log',
              row: 4,
              field: 'id',
            } as never,
            { message: 'second' },
          ],
        },
        { id: 'X', issues: 'not a list' as never },
      ],
      input,
    );
    expect(entries).toEqual([
      {
        key: 'capa~C-1~0',
        title: 'capa C-1',
        issues: [
          { message: 'too long', place: { sheet: 'CAPA Log', address: 'A4', label: 'CAPA Log!A4' } },
          { message: 'second' },
        ],
      },
      { key: '~X~1', title: 'X', issues: [] },
    ]);
  });
});
