import { describe, expect, it } from 'vitest';
import { capaLog } from '../capa-log/index.js';
import { parseWorkbook } from './workbook.js';

const parse = (values: unknown[][]) =>
  parseWorkbook({ sheets: [{ name: 'CAPA Log', values }] }, [capaLog], { asOf: '2026-06-30' });
const data = [
  ['C-1', '2026-03-01', '', 'Internal audit', 'Minor', 'Label missing', 'Ann', '2026-09-30', 'Open'],
  ['C-2', '2026-03-02', '', 'Supplier', 'Minor', 'Late delivery', 'Ben', '2026-09-30', 'Open'],
];

describe('headers.two-row: a header drawn over two rows', () => {
  it('reads cells merged over both rows and group headings above the column names', () => {
    // "CAPA ID", "Source"… merged over rows 2–3 (the lower cell blank, as Excel keeps a merge); "Date" a group
    // heading over "opened" and "closed".
    const r = parse([
      ['Acme — corrective actions'],
      ['CAPA ID', 'Date', '', 'Source', 'Severity', 'Description', 'Owner', 'Due date', 'Status'],
      ['', 'opened', 'closed', '', '', '', '', '', ''],
      ...data,
    ]);
    expect(r.recognised).toMatchObject([{ sheet: 'CAPA Log', templateId: 'capa-log', by: 'header' }]);
    expect(r.records.map((x) => [x.id, x.data.dateOpened, x.source.row])).toEqual([
      ['C-1', '2026-03-01', 4],
      ['C-2', '2026-03-02', 5],
    ]);
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('a one-row header stays one row, even under a title row that names a column', () => {
    const r = parse([
      ['Status report'],
      ['CAPA ID', 'Date opened', 'Date closed', 'Source', 'Severity', 'Description', 'Owner', 'Due date', 'Status'],
      ...data,
    ]);
    expect(r.records.map((x) => x.source.row)).toEqual([3, 4]);
  });
});
