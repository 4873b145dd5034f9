import { describe, expect, it } from 'vitest';
import { capaLog } from '../capa-log/index.js';
import { parseWorkbook } from './workbook.js';
import { headerMatchKey } from './headers.js';

describe('tolerant header matching', () => {
  it('ignores units in brackets, plural and a question mark', () => {
    expect(headerMatchKey('Effort (days)')).toBe(headerMatchKey('Effort'));
    expect(headerMatchKey('Observations')).toBe(headerMatchKey('Observation'));
    expect(headerMatchKey('Effective?')).toBe(headerMatchKey('effective'));
  });

  it('reads a SharePoint-style CAPA export and asks whether "Created" is Date opened', () => {
    const result = parseWorkbook(
      {
        sheets: [
          {
            name: 'CAPA Log',
            values: [
              ['ID', 'Title', 'Created', 'Assigned To', 'Status'],
              ['1', 'Wrong label', '2026-01-05', 'Ana', 'Open'],
            ],
          },
        ],
      },
      [capaLog],
      { asOf: '2026-06-30' },
    );
    const missing = result.issues.find((i) => i.code === 'sheet.missing-column');
    expect(missing?.message).toContain('No column for Date opened: is "Created" (column C) it?');
    expect(missing?.message).not.toContain('"Title"');
  });
});
