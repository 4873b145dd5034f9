import { describe, expect, it } from 'vitest';
import { capaLog } from '../capa-log/index.js';
import { TEMPLATE_MODULES } from '../registry.js';
import { parseWorkbook, recognise } from './workbook.js';

const AS_OF = '2026-06-30';

describe('header row detection and column mapping', () => {
  it('finds the header under title rows, ignoring case, spaces, aliases and extra columns', () => {
    const values = [
      ['Acme Ltd'],
      ['CAPA register 2026', '', 'printed monthly'],
      [],
      ['capa id', 'Extra notes', 'DATE  OPENED', 'status', 'Raised by'],
      ['C-1', 'ignore me', '2026-02-01', 'open', 'Ann'],
    ];
    const r = parseWorkbook({ sheets: [{ name: 'My CAPAs', values }] }, [capaLog], { asOf: AS_OF });
    expect(r.recognised).toEqual([
      { sheet: 'My CAPAs', templateId: 'capa-log', version: 1, specSheet: 'CAPA Log', by: 'header' },
    ]);
    expect(r.issues).toEqual([]);
    expect(r.records[0]).toMatchObject({
      id: 'C-1',
      source: { sheet: 'My CAPAs', row: 5 },
      data: { status: 'Open', dateOpened: '2026-02-01' },
    });
  });

  it('uses aliases such as "NC ID" and "Date raised"', () => {
    const values = [
      ['NC ID', 'Date raised', 'Status'],
      ['N-7', '1 Feb 2026', 'Closed'],
    ];
    const r = parseWorkbook({ sheets: [{ name: 'Sheet1', values }] }, [capaLog], { asOf: AS_OF });
    expect(r.recognised).toHaveLength(1);
    expect(r.issues.map((i) => i.code)).toContain('capa.closed-needs-effective');
  });

  it('skips fully blank rows without issues and keeps real row numbers', () => {
    const values = [
      ['CAPA ID', 'Date opened', 'Status'],
      ['', '', ''],
      [null, undefined, '  '],
      ['C-2', '2026-01-05', 'Open'],
    ];
    const r = parseWorkbook({ sheets: [{ name: 'CAPA Log', values }] }, [capaLog], { asOf: AS_OF });
    expect(r.issues).toEqual([]);
    expect(r.records.map((x) => x.source.row)).toEqual([4]);
  });

  it('addresses cells relative to where the used range starts', () => {
    const values = [
      ['CAPA ID', 'Date opened', 'Status'],
      ['C-3', '2026-13-01', 'Open'],
    ];
    const r = parseWorkbook({ sheets: [{ name: 'CAPA Log', values, origin: { row: 5, column: 3 } }] }, [capaLog], {
      asOf: AS_OF,
    });
    expect(r.issues).toMatchObject([{ code: 'cell.not-a-date', cell: 'CAPA Log!D6', address: 'D6' }]);
  });

  it('leaves sheets that match no template alone and lists them', () => {
    const r = parseWorkbook({ sheets: [{ name: 'Notes', values: [['Owner'], ['Ann']] }] }, TEMPLATE_MODULES, {
      asOf: AS_OF,
    });
    expect(r.unrecognised).toEqual(['Notes']);
    expect(r.records).toEqual([]);
  });

  it('prefers the marker over the headers', () => {
    const sheet = { name: 'Renamed', values: [['Event ID', 'Type', 'Status']], marker: 'capa-log@1:CAPA Log' };
    expect(recognise(sheet, TEMPLATE_MODULES)).toMatchObject({ templateId: 'capa-log', by: 'marker' });
  });

  it('reads only the first of two sheets of one template and says so', () => {
    const values = [
      ['CAPA ID', 'Date opened', 'Status'],
      ['C-1', '2026-01-05', 'Open'],
    ];
    const r = parseWorkbook(
      {
        sheets: [
          { name: 'CAPA 2025', values },
          { name: 'CAPA 2026', values },
        ],
      },
      [capaLog],
      { asOf: AS_OF },
    );
    expect(r.records).toHaveLength(1);
    expect(r.issues).toMatchObject([
      { severity: 'warning', code: 'sheet.duplicate-template-sheet', sheet: 'CAPA 2026' },
    ]);
  });
});

describe('recognition of small hand-made sheets', () => {
  it('accepts a sheet named like the template sheet that holds every required column', () => {
    const sheet = {
      name: 'Evaluation Criteria',
      values: [
        ['Criterion', 'Weight (%)'],
        ['Quality', 50],
        ['Delivery', 20],
        ['Responsiveness', 15],
        ['Cost', 15],
      ],
    };
    expect(recognise(sheet, TEMPLATE_MODULES)).toMatchObject({
      templateId: 'supplier-evaluation',
      specSheet: 'Evaluation Criteria',
      by: 'header',
    });
  });

  it('does not accept the same two columns on a sheet with another name', () => {
    const sheet = {
      name: 'Weights',
      values: [
        ['Criterion', 'Weight (%)'],
        ['Quality', 50],
      ],
    };
    expect(recognise(sheet, TEMPLATE_MODULES)).toBeUndefined();
  });
});

describe('sheets.no-silent-drop: a sheet no template reads is said once, with how to map it', () => {
  const notRecognised = (sheets: { name: string; values: unknown[][] }[]) =>
    parseWorkbook({ sheets }, TEMPLATE_MODULES, { asOf: AS_OF }).issues.filter(
      (i) => i.code === 'sheet.not-recognised',
    );

  it('gives a non-blank unrecognised sheet one info issue at its first cell, naming the sheet in the qms map line', () => {
    const issues = notRecognised([
      {
        name: 'Contacts',
        values: [
          ['Name', 'Phone'],
          ['Ana', '555-0100'],
          ['Ben', '555-0101'],
        ],
      },
    ]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'info', cell: 'Contacts!A1' });
    expect(issues[0]?.message).toContain('qms map FILE --sheet "Contacts" --as TEMPLATE');
    expect(issues[0]?.message).toContain('"Map columns" in the task pane');
  });

  it('still says a sheet whose name only starts like the summary', () => {
    const issues = notRecognised([
      { name: 'QMS Readiness notes', values: [['Board asked for', 'dates']] },
      { name: 'QMS Readiness (draft)', values: [['Board asked for', 'dates']] },
    ]);
    expect(issues.map((i) => i.cell)).toEqual(['QMS Readiness notes!A1', 'QMS Readiness (draft)!A1']);
  });

  it("says nothing of a blank sheet, of the product's own sheets, or of a recognised one", () => {
    expect(
      notRecognised([
        { name: 'Sheet1', values: [[], ['', null]] },
        { name: 'QMS Readiness', values: [['Readiness', 79.5]] },
        { name: 'QMS Readiness (2)', values: [['Readiness', 80.1]] },
        { name: 'qms readiness (3)', values: [['Readiness', 80.2]] },
        { name: 'Lists', values: [['Open', 'Closed']] },
        {
          name: 'CAPA Log',
          values: [
            ['CAPA ID', 'Date opened', 'Status'],
            ['C-1', '2026-02-01', 'Open'],
          ],
        },
      ]),
    ).toEqual([]);
  });
});

describe('sheets.no-silent-drop: an optional column under a reworded header is said, at that header', () => {
  const capa = (headers: string[]) =>
    parseWorkbook(
      { sheets: [{ name: 'CAPA Log', values: [headers, ['C-1', '2026-02-01', 'Open', 'Gauge worn', 'n/a']] }] },
      TEMPLATE_MODULES,
      { asOf: AS_OF },
    ).issues.filter((i) => i.code === 'sheet.unread-column');

  it('warns once at the reworded header, naming the column it may be', () => {
    const issues = capa(['CAPA ID', 'Date opened', 'Status', 'Causes found', 'Remarks']);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'warning', cell: 'CAPA Log!D1' });
    expect(issues[0]?.message).toContain('if it is Root cause, rename the header to "Root cause"');
  });

  it('says nothing when the optional columns are simply absent or under their own headers', () => {
    expect(capa(['CAPA ID', 'Date opened', 'Status', 'Root cause', 'Remarks'])).toEqual([]);
  });
});
