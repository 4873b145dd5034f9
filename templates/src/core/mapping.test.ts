import { describe, expect, it } from 'vitest';
import { capaLog } from '../capa-log/index.js';
import { parseSheetMapping, serialiseSheetMapping, type SheetMapping } from './mapping.js';
import type { SheetInput } from './table.js';
import { parseWorkbook } from './workbook.js';

// A SharePoint list export of CAPAs: no header the template knows for Date opened or the CAPA ID, its own status words.
const EXPORT = [
  ['ID', 'Title', 'Created', 'Assigned To', 'Due Date', 'Progress', 'Kind'],
  [17, 'Calibration label missing', '2026-03-02', 'Ann', '2026-09-30', 'Done', 'Audit'],
  [18, 'Wrong part shipped', '2026-03-09', 'Ben', '2026-09-30', 'Working on it', 'Complaint'],
];
const MAPPING: SheetMapping = {
  template: 'capa-log',
  columns: { ID: 'capaId', Created: 'Date opened', Progress: 'status', Kind: 'source' },
  values: {
    status: { Done: 'Awaiting verification', 'Working on it': 'In progress' },
    source: { Audit: 'Internal audit', Complaint: 'Customer complaint' },
  },
};
const parse = (sheet: Partial<SheetInput>) =>
  parseWorkbook({ sheets: [{ name: 'Issues', values: EXPORT, ...sheet }] }, [capaLog], { asOf: '2026-06-30' });

describe('mapping: a sheet read the way its user said', () => {
  it('mapping.columns-and-values: a mapped export gives records, the mapped words taken without a note', () => {
    const r = parse({ mapping: MAPPING });
    expect(r.recognised).toMatchObject([
      { sheet: 'Issues', templateId: 'capa-log', specSheet: 'CAPA Log', by: 'mapping' },
    ]);
    expect(r.records.map((x) => [x.id, x.data.dateOpened, x.data.status, x.data.source, x.data.owner])).toEqual([
      ['17', '2026-03-02', 'Awaiting verification', 'Internal audit', 'Ann'],
      ['18', '2026-03-09', 'In progress', 'Customer complaint', 'Ben'],
    ]);
    expect(r.issues.filter((i) => i.severity !== 'warning')).toEqual([]);
  });

  it('mapping.header-row: the mapped header row is used even below a row that looks like a header', () => {
    const values = [['ID', 'Created', 'Progress'], [], ...EXPORT];
    const r = parseWorkbook(
      { sheets: [{ name: 'Issues', values, mapping: { ...MAPPING, headerRow: 3 } }] },
      [capaLog],
      { asOf: '2026-06-30' },
    );
    expect(r.records.map((x) => x.source.row)).toEqual([4, 5]);
  });

  it('mapping.header-missing: a mapped header no longer in the sheet is one error naming it', () => {
    const r = parse({
      mapping: { ...MAPPING, columns: { ...MAPPING.columns, Opened: 'dateOpened', Created: 'title' } },
    });
    const codes = r.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.cell]);
    expect(codes).toContainEqual(['mapping.header-missing', 'Issues!A1']);
    expect(codes).toContainEqual(['mapping.unknown-field', 'Issues!A1']);
  });

  it('without the mapping the export is not a template sheet at all', () => {
    expect(parse({}).recognised).toEqual([]);
  });

  it('mapping.unreadable: a broken stored mapping, or one naming a template this qms lacks, is an error, never ignored', () => {
    const broken = parse({ mappingProblem: 'its qms.mapping property is not valid JSON' });
    expect(broken.issues.map((i) => [i.code, i.message])).toEqual([
      [
        'mapping.unreadable',
        "Issues!A1: This sheet's mapping cannot be used: its qms.mapping property is not valid JSON; map the sheet again",
      ],
    ]);
    const unknown = parse({ mapping: { ...MAPPING, template: 'risk-register' } });
    expect(unknown.issues.map((i) => i.code)).toEqual(['mapping.unreadable']);
  });

  it('mapping.stored-form: serialised with sorted keys, read back to the same mapping; malformed JSON is a reason', () => {
    const text = serialiseSheetMapping(MAPPING);
    expect(text).toBe(
      serialiseSheetMapping({ ...MAPPING, columns: Object.fromEntries(Object.entries(MAPPING.columns).reverse()) }),
    );
    expect(parseSheetMapping(text)).toEqual({ ok: true, mapping: MAPPING });
    expect(parseSheetMapping('{"columns":{}}')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('template'),
    });
    expect(parseSheetMapping('{')).toEqual({ ok: false, reason: 'its qms.mapping property is not valid JSON' });
  });
});
