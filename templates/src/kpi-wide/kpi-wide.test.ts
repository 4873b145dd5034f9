import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { QmsRecord } from '../core/record.js';
import type { TableSheetSpec } from '../core/spec.js';
import type { TemplateModule } from '../core/template.js';
import type { SheetInput } from '../core/table.js';
import { parseWorkbook, recognise } from '../core/workbook.js';
import { gapAnalysis } from '../gap-analysis/index.js';
import { kpiTracker, KPI_DEFINITIONS_SHEET, kpiTrackerSpec } from '../kpi-tracker/index.js';
import { checkRecordData } from '../schemas.js';
import { buildTemplateWorkbook } from '../xlsx/build.js';
import { readWorkbook } from '../xlsx/read.js';
import { kpiWide, kpiWideSheetScore, KPI_WIDE_SHEET, parsePeriodHeader, yearOfCell } from './index.js';

const AS_OF = '2026-06-30';
const SHEET = 'KPIs';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** KPI columns A–H; Jan … Dec are I … T. */
const DEF = ['KPI ID', 'KPI', 'Unit', 'Direction', 'Target', 'Amber threshold', 'Frequency', 'Owner'];
const WIDE = [...DEF, ...MONTHS];

type Row = Record<string, unknown>;

const otd: Row = {
  'KPI ID': 'OTD',
  KPI: 'On-time delivery',
  Unit: '%',
  Direction: 'Higher is better',
  Target: 95,
  'Amber threshold': 90,
  Frequency: 'Monthly',
};
const complaints: Row = {
  'KPI ID': 'CC',
  KPI: 'Customer complaints',
  Direction: 'Lower is better',
  Target: 2,
  'Amber threshold': 4,
  Frequency: 'Quarterly',
};

/** A title row and a blank row, then the header in row 3: data rows are 4, 5, … */
function sheet(header: readonly unknown[], rows: readonly Row[], above: unknown[][] = [['KPIs 2026'], []]): SheetInput {
  return { name: SHEET, values: [...above, [...header], ...rows.map((r) => header.map((h) => r[String(h)] ?? ''))] };
}

function parse(input: SheetInput | SheetInput[], modules: readonly TemplateModule[] = [kpiWide]) {
  return parseWorkbook({ sheets: Array.isArray(input) ? input : [input] }, modules, { asOf: AS_OF });
}

const codes = (r: ReturnType<typeof parse>) => r.issues.map((i) => i.code);
const measurements = (r: ReturnType<typeof parse>) => r.records.filter((x) => x.type === 'kpi-measurement');
const labels = (r: ReturnType<typeof parse>) => measurements(r).map((x) => x.data.periodLabel);
const comparable = (rs: readonly QmsRecord[]) =>
  rs
    .map((r) => ({ type: r.type, id: r.id, data: r.data, hash: r.hash }))
    .sort((a, b) => `${a.type}|${a.id}`.localeCompare(`${b.type}|${b.id}`));

describe('kpi-wide: KPIs as rows, periods as columns', () => {
  it('kpi-wide.months-as-columns: one kpi record per row and one kpi-measurement per filled month, exactly as the KPI Tracker gives them', () => {
    const r = parse(
      sheet(WIDE, [
        { ...otd, Jan: 96, Feb: 91, Apr: 89 },
        { ...complaints, Mar: 3, Jun: 1 },
      ]),
    );
    // The quarterly KPI's monthly values do not fit: that is kpi-wide.period-frequency, tested below.
    expect(codes(r)).toEqual(['kpi-wide.period-frequency', 'kpi-wide.period-frequency']);
    expect(r.recognised).toMatchObject([{ sheet: SHEET, templateId: 'kpi-wide', specSheet: KPI_WIDE_SHEET }]);
    expect(r.records.map((x) => [x.type, x.id, x.source.row])).toEqual([
      ['kpi', 'OTD', 4],
      ['kpi', 'CC', 5],
      ['kpi-measurement', 'OTD|2026-01-01', 4],
      ['kpi-measurement', 'OTD|2026-02-01', 4],
      ['kpi-measurement', 'OTD|2026-04-01', 4],
    ]);
    expect(measurements(r)[1]?.data).toEqual({
      kpiId: 'OTD',
      period: '2026-02-01',
      periodLabel: '2026-02',
      actual: 91,
      rag: 'Amber',
    });
    for (const record of r.records) expect(checkRecordData(record.type, record.data).ok).toBe(true);

    // The same KPI and actuals in the long layout give identical records (ids, data and hashes).
    const long = parseWorkbook(
      {
        sheets: [
          {
            name: KPI_DEFINITIONS_SHEET,
            values: [DEF, DEF.map((h) => otd[h] ?? '')],
          },
          {
            name: 'KPI Measurements',
            values: [
              ['KPI ID', 'Period', 'Actual'],
              ['OTD', 'Jan 2026', 96],
              ['OTD', '2026-02', 91],
              ['OTD', '2026-04-01', 89],
            ],
          },
        ],
      },
      [kpiTracker],
      { asOf: AS_OF },
    );
    expect(long.issues).toEqual([]);
    expect(comparable(r.records.filter((x) => x.data.kpiId === 'OTD'))).toEqual(comparable(long.records));
  });

  it('kpi-wide.blank-not-measured: blank period cells are periods without a measurement, with no issue', () => {
    const r = parse(sheet(WIDE, [{ ...otd, Mar: 97 }]));
    expect(r.issues).toEqual([]);
    expect(labels(r)).toEqual(['2026-03']);
    expect(parse(sheet(WIDE, [otd])).records.map((x) => x.type)).toEqual(['kpi']);
  });

  it('kpi-wide.months-as-columns: addresses follow the sheet origin (a table that does not start at A1)', () => {
    const r = parse({ ...sheet(WIDE, [{ ...otd, Feb: 'n/a' }]), origin: { row: 5, column: 3 } });
    // Header in sheet row 7, first data row 8; Feb is the 10th column from C: L.
    expect(r.issues).toMatchObject([{ code: 'kpi-wide.not-a-number', cell: `${SHEET}!L8` }]);
  });
});

describe('kpi-wide: the year of year-less headings', () => {
  it('kpi-wide.year-from-title: a year in a title cell above the header dates Jan … Dec, with no issue', () => {
    const r = parse(sheet(WIDE, [{ ...otd, Jan: 96, Dec: 97 }], [['Acme Ltd'], ['Quality KPIs 2025']]));
    expect(r.issues).toEqual([]);
    expect(labels(r)).toEqual(['2025-01', '2025-12']);
  });

  it('kpi-wide.year-from-title: group headings over the months give each block its year', () => {
    const header = [...DEF, ...MONTHS, ...MONTHS];
    const groups = [...DEF.map(() => ''), '2025', ...MONTHS.slice(1).map(() => ''), 2026];
    const values = [['KPIs'], groups, header, [...DEF.map((h) => otd[h] ?? ''), 90, ...Array(11).fill(''), 96]];
    const r = parse({ name: SHEET, values });
    expect(r.issues).toEqual([]);
    expect(labels(r)).toEqual(['2025-01', '2026-01']);
  });

  it('kpi-wide.year-from-as-of: without a year on the sheet, the as-of year, said once on the first month heading', () => {
    const r = parse(sheet(WIDE, [{ ...otd, Jan: 96, Feb: 97 }], []));
    expect(labels(r)).toEqual(['2026-01', '2026-02']);
    expect(r.issues).toMatchObject([{ severity: 'info', code: 'kpi-wide.year-from-as-of', cell: `${SHEET}!I1` }]);
    expect(r.issues[0]?.message).toBe(
      `${SHEET}!I1: months read as 2026 (no year on the sheet; put the year in the title, e.g. 'KPIs 2026')`,
    );
  });

  it('kpi-wide.year-from-as-of: an empty sheet (the template as built) says nothing about years', () => {
    expect(parse(sheet(WIDE, [otd], [])).issues).toEqual([]);
  });

  it('kpi-wide.year-rollover: months running past December (a fiscal year) continue into the next year, with an info', () => {
    const fiscal = [...MONTHS.slice(3), ...MONTHS.slice(0, 3)];
    const r = parse(sheet([...DEF, ...fiscal], [{ ...otd, Apr: 90, Dec: 91, Jan: 92, Mar: 93 }], [['FY 2026/27']]));
    expect(labels(r)).toEqual(['2026-04', '2026-12', '2027-01', '2027-03']);
    // Jan is the 10th period column: I + 9 = R, in header row 2.
    expect(r.issues).toMatchObject([{ severity: 'info', code: 'kpi-wide.year-rollover', cell: `${SHEET}!R2` }]);
    expect(r.issues[0]?.message).toContain('"Jan" follows "Dec" (column Q)');
    expect(r.issues[0]?.message).toContain('read as 2027');
  });
});

describe('kpi-wide: period headings', () => {
  it('kpi-wide.quarters: Q1 … Q4 (year from the title) and Q1 2026, 2026 Q1, Q1-26 head quarters', () => {
    const header = [...DEF, 'Q1', 'Q2', 'Q3', 'Q4'];
    const r = parse(sheet(header, [{ ...complaints, Q1: 3, Q2: 1, Q4: 5 }]));
    expect(r.issues).toEqual([]);
    expect(measurements(r).map((x) => [x.id, x.data.periodLabel, x.data.rag])).toEqual([
      ['CC|2026-01-01', '2026-Q1', 'Amber'],
      ['CC|2026-04-01', '2026-Q2', 'Green'],
      ['CC|2026-10-01', '2026-Q4', 'Red'],
    ]);
    const spelled = parse(
      sheet(
        [...DEF, 'Q1 2026', '2026 Q2', 'Q3-26', 'Qtr 4 2026'],
        [{ ...complaints, 'Q1 2026': 1, '2026 Q2': 2, 'Q3-26': 3, 'Qtr 4 2026': 4 }],
        [],
      ),
    );
    expect(spelled.issues).toEqual([]);
    expect(labels(spelled)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
  });

  it.each([
    ['Januar', '2026-01'],
    ['Jänner', '2026-01'],
    ['janv.', '2026-01'],
    ['ene', '2026-01'],
    ['févr.', '2026-02'],
    ['März', '2026-03'],
    ['avril', '2026-04'],
    ['Mai', '2026-05'],
    ['juil.', '2026-07'],
    ['août', '2026-08'],
    ['Sept.', '2026-09'],
    ['Okt', '2026-10'],
    ['noviembre', '2026-11'],
    ['Dezember', '2026-12'],
    ['Jan 2025', '2025-01'],
    ['Jan-25', '2025-01'],
    ['January 2025', '2025-01'],
    ['2025 Jan', '2025-01'],
    ['Jan (2025)', '2025-01'],
    ['Jan (actual)', '2026-01'],
    ['2025-01', '2025-01'],
    ['2025/01', '2025-01'],
    ['01/2025', '2025-01'],
    ['1.2025', '2025-01'],
    ['2025-01-01', '2025-01'],
    ['31 Jan 2025', '2025-01'],
    [45658, '2025-01'],
    [new Date(Date.UTC(2025, 0, 1)), '2025-01'],
    [new Date(Date.UTC(2025, 0, 31)), '2025-01'],
  ])('kpi-wide.period-spellings: a month headed %j is %s', (heading, label) => {
    const values = [['KPIs 2026'], [...DEF, heading], [...DEF.map((h) => otd[h] ?? ''), 96]];
    const r = parse({ name: SHEET, values });
    expect(r.issues.filter((i) => i.severity !== 'info')).toEqual([]);
    expect(labels(r)).toEqual([label]);
  });

  it('kpi-wide.period-spellings: years and ISO weeks head annual and weekly columns', () => {
    const annual = { ...otd, 'KPI ID': 'AUD', Frequency: 'Annually', 2024: 3, 2025: 4 };
    const weekly = { ...otd, 'KPI ID': 'SCR', Frequency: 'Weekly', '2026-W09': 2 };
    const r = parse(sheet([...DEF, 2024, 2025, '2026-W09'], [annual, weekly], []));
    expect(r.issues).toEqual([]);
    expect(measurements(r).map((x) => x.id)).toEqual(['AUD|2024-01-01', 'AUD|2025-01-01', 'SCR|2026-02-23']);
  });

  it('kpi-wide.period-header: a heading that looks like a period but names none is an error when values sit under it, else a warning', () => {
    const r = parse(sheet([...DEF, 'Jan', '2026-13', 'Feb'], [{ ...otd, Jan: 90, '2026-13': 91 }]));
    expect(r.issues).toMatchObject([{ severity: 'error', code: 'kpi-wide.period-header', cell: `${SHEET}!J3` }]);
    expect(r.issues[0]?.message).toContain('"2026-13" names no real month');
    expect(r.issues[0]?.message).toContain('head the column with a month (Jan 2026 or 2026-01)');
    expect(r.issues[0]?.message).toContain('until then its value is not read');
    expect(labels(r)).toEqual(['2026-01']);
    const empty = parse(sheet([...DEF, 'Jan', '2026-13'], [{ ...otd, Jan: 90 }]));
    expect(empty.issues).toMatchObject([{ severity: 'warning', code: 'kpi-wide.period-header' }]);
    // A date that starts no period of any frequency (not the 1st, not a Monday, not a month end).
    const mid = parse(sheet([...DEF, 'Jan', new Date(Date.UTC(2026, 0, 15))], [otd]));
    expect(mid.issues[0]?.message).toContain('2026-01-15 starts no week, month, quarter or year');
    expect(mid.issues[0]?.message).toContain('(2026-01-01) or a label such as Jan 2026');
  });

  it('kpi-wide.not-a-period: a column such as YTD is left out, with an info when it holds values', () => {
    const r = parse(sheet([...DEF, 'Jan', 'Feb', 'YTD', 'Comment'], [{ ...otd, Jan: 96, Feb: 94, YTD: 95 }]));
    expect(r.issues).toMatchObject([{ severity: 'info', code: 'kpi-wide.not-a-period', cell: `${SHEET}!K3` }]);
    expect(r.issues[0]?.message).toContain('Column K ("YTD") is not a period heading, so its value is left out');
    expect(labels(r)).toEqual(['2026-01', '2026-02']);
  });

  it('parsePeriodHeader: what is not a period is "other", never a guess', () => {
    for (const h of ['YTD', 'Total', 'Trend', 'Marc', 'Ma', 7, 12, true, '', 'Comment (Jan)']) {
      expect(parsePeriodHeader(h, false).kind, String(h)).toBe('other');
    }
    // Shaped like a period, naming none: said on the heading (kpi-wide.period-header), not ignored.
    expect(parsePeriodHeader('Q5', false).kind).toBe('invalid');
    expect(parsePeriodHeader('Sep', false)).toEqual({ kind: 'year-less', unit: 'month', number: 9 });
    expect(parsePeriodHeader('Quartal 2', false)).toEqual({ kind: 'year-less', unit: 'quarter', number: 2 });
    expect(parsePeriodHeader('03/04/2026', false)).toMatchObject({
      kind: 'invalid',
      message: expect.stringContaining('day/month or month/day'),
    });
  });

  it('yearOfCell: a title or group heading names its year; prose writing several years names none', () => {
    expect(['KPIs 2026', 'FY 2025/26', 2026, 'Quality objectives – 2026'].map(yearOfCell)).toEqual([
      2026, 2025, 2026, 2026,
    ]);
    expect(['2025 vs 2026', 'Jan 2026 or 2026-01', 'KPIs', 45000, 'Rev 12'].map(yearOfCell)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('kpi-wide: values and frequency', () => {
  it('kpi-wide.not-a-number: a period cell that is not a number is an error naming the cell, KPI and period', () => {
    const r = parse(sheet(WIDE, [{ ...otd, Jan: 96, Feb: 'n/a', Mar: '#DIV/0!', Apr: '95%' }]));
    expect(r.issues).toMatchObject([
      { severity: 'error', code: 'kpi-wide.not-a-number', cell: `${SHEET}!J4` },
      { severity: 'error', code: 'kpi-wide.not-a-number', cell: `${SHEET}!K4` },
    ]);
    expect(r.issues[0]?.message).toBe(
      `${SHEET}!J4: The Feb value of KPI "OTD" must be a number, not "n/a"; type the measured value (e.g. 96.5), or clear the cell if the period was not measured`,
    );
    expect(r.issues[1]?.message).toContain('holds the error value #DIV/0!; fix the formula');
    // The KPI and its other months are still read; "95%" is 95, as in an Actual cell.
    expect(r.records.map((x) => x.id)).toEqual(['OTD', 'OTD|2026-01-01', 'OTD|2026-04-01']);
    expect(measurements(r)[1]?.data.actual).toBe(95);
  });

  it('kpi-wide.period-frequency: a monthly column for a quarterly KPI is an error on the cell, as in the KPI Tracker', () => {
    const r = parse(sheet(WIDE, [{ ...complaints, Mar: 3 }]));
    expect(r.issues).toMatchObject([{ severity: 'error', code: 'kpi-wide.period-frequency', cell: `${SHEET}!K4` }]);
    expect(r.issues[0]?.message).toBe(
      `${SHEET}!K4: KPI "CC" is measured quarterly, but column K ("Mar") is a month; put the value in a quarter column (2026-Q1), or set the KPI's Frequency to Monthly if that is how it is measured`,
    );
    expect(r.records.map((x) => x.id)).toEqual(['CC']);
    // A date heading must start a period of the KPI's frequency, as a Period date must.
    const values = [
      ['KPIs 2026'],
      [...DEF, new Date(Date.UTC(2026, 1, 1))],
      [...DEF.map((h) => complaints[h] ?? ''), 2],
    ];
    const byDate = parse({ name: SHEET, values });
    expect(byDate.issues[0]?.message).toContain('column I is headed 2026-02-01, which does not start a quarter');
    expect(byDate.issues[0]?.message).toContain('head the column with 2026-01-01 or 2026-Q1');
  });

  it('kpi-wide.measurement-unique: two columns for one period (Jan and 2026-01) are an error on the second', () => {
    const r = parse(sheet([...DEF, 'Jan', '2026-01'], [{ ...otd, Jan: 96, '2026-01': 97 }]));
    expect(r.issues).toMatchObject([{ severity: 'error', code: 'kpi-wide.measurement-unique', cell: `${SHEET}!J4` }]);
    expect(r.issues[0]?.message).toContain('same period (2026-01) as column I ("Jan")');
    expect(measurements(r).map((x) => x.data.actual)).toEqual([96]);
  });

  it('kpi-wide.frequency-from-columns: without a Frequency column, all-month columns make every KPI monthly, with an info', () => {
    const header = WIDE.filter((h) => h !== 'Frequency');
    const r = parse(sheet(header, [{ ...otd, Jan: 96 }]));
    expect(r.issues).toMatchObject([
      { severity: 'info', code: 'kpi-wide.frequency-from-columns', cell: `${SHEET}!H3` },
    ]);
    expect(r.issues[0]?.message).toContain('every KPI is read as measured monthly');
    expect(r.records[0]?.data).toMatchObject({ frequency: 'Monthly' });
    expect(checkRecordData('kpi', r.records[0]?.data).ok).toBe(true);
    const quarterly = parse(sheet([...header.slice(0, 7), 'Q1', 'Q2'], [{ ...complaints, Q1: 1 }]));
    expect(quarterly.records.map((x) => [x.id, x.data.frequency ?? x.data.periodLabel])).toEqual([
      ['CC', 'Quarterly'],
      ['CC|2026-01-01', '2026-Q1'],
    ]);
  });

  it('kpi-wide.frequency-missing: without a Frequency column, months and quarters side by side are one error and no records', () => {
    const header = [...DEF.filter((h) => h !== 'Frequency'), ...MONTHS.slice(0, 3), 'Q1'];
    const r = parse(sheet(header, [{ ...otd, Jan: 96 }]));
    expect(r.issues).toMatchObject([{ severity: 'error', code: 'kpi-wide.frequency-missing', cell: `${SHEET}!H3` }]);
    expect(r.issues[0]?.message).toContain('add a Frequency column (Weekly, Monthly, Quarterly or Annually)');
    expect(r.records).toEqual([]);
  });

  it('kpi-wide.definition-rules: the KPI columns are checked by the KPI Tracker rules, with their codes', () => {
    const r = parse(
      sheet(WIDE, [
        { ...otd, Jan: 96 },
        { ...otd, 'KPI ID': 'otd', Jan: 97 },
        { ...complaints, 'Amber threshold': 1, Q1: 2 },
      ]),
    );
    expect(r.issues).toMatchObject([
      { severity: 'error', code: 'kpi.id-unique', cell: `${SHEET}!A5` },
      { severity: 'error', code: 'kpi.amber-bad-side', cell: `${SHEET}!F6` },
    ]);
    expect(r.records.map((x) => x.id)).toEqual(['OTD', 'OTD|2026-01-01']);
    const noDirection = parse(
      sheet(
        WIDE.filter((h) => h !== 'Direction'),
        [{ ...otd, Jan: 96 }],
      ),
    );
    expect(noDirection.issues).toMatchObject([
      { severity: 'error', code: 'sheet.missing-column', cell: `${SHEET}!A3` },
    ]);
    expect(noDirection.issues[0]?.message).toContain('Required column "Direction" is missing');
    // The month headings are no candidates for the missing column.
    expect(noDirection.issues[0]?.message).not.toContain('"Jan"');
    expect(noDirection.records).toEqual([]);
  });

  it('kpi-wide.kpi-columns-missing: a sheet marked as this template with periods but no KPI columns is one error', () => {
    const r = parse({
      name: SHEET,
      marker: 'kpi-wide@1:KPI Tracker (wide)',
      values: [['KPIs 2026'], MONTHS, [90, 91]],
    });
    expect(r.issues).toMatchObject([{ severity: 'error', code: 'kpi-wide.kpi-columns-missing', cell: `${SHEET}!A2` }]);
    expect(r.records).toEqual([]);
  });

  it('kpi-wide.no-period-columns: a KPI sheet without periods still gives its KPIs, with a warning', () => {
    const r = parse({ ...sheet(DEF, [otd]), name: KPI_WIDE_SHEET });
    expect(r.issues).toMatchObject([{ severity: 'warning', code: 'kpi-wide.no-period-columns' }]);
    expect(r.records.map((x) => x.id)).toEqual(['OTD']);
  });
});

describe('kpi-wide.no-silent-drop', () => {
  it('kpi-wide.no-silent-drop: every non-blank row under the header ends as a record or an issue', () => {
    const input = sheet(
      [...WIDE, 'YTD'],
      [
        { ...otd, Jan: 96 },
        // values under the months, but no KPI
        { Jan: 90, Feb: 91 },
        // a definition error: no record, and its values are still checked
        { ...otd, 'KPI ID': 'DEF', Target: '', Jan: 'x', Feb: 92 },
        { YTD: 93 },
        {},
        // a summary under the table, after a blank row
        { 'KPI ID': 'Average', Jan: 93 },
      ],
    );
    const r = parse(input);
    expect(r.issues.map((i) => [i.code, i.cell])).toEqual([
      ['kpi-wide.not-a-period', `${SHEET}!U3`],
      ['sheet.summary-block', `${SHEET}!A9`],
      ['cell.required', `${SHEET}!E6`],
      ['kpi-wide.not-a-number', `${SHEET}!I6`],
      ['kpi-wide.row-without-kpi', `${SHEET}!I5`],
    ]);
    expect(r.issues.at(-1)?.message).toBe(
      `${SHEET}!I5: Row 5 has 2 values under the period columns but no KPI (its KPI columns are blank); fill in the KPI ID, KPI, Direction and Target, or clear the values`,
    );
    for (let i = 3; i < input.values.length; i++) {
      const row = i + 1;
      if ((input.values[i] ?? []).every((v) => v === '')) continue;
      const accounted =
        r.records.some((x) => x.source.row === row) ||
        r.issues.some((x) => Number(x.address.replace(/^[A-Z]+/, '')) === row) ||
        // the YTD column's info (on the header) covers the row holding only a YTD value
        (row === 7 && codes(r).includes('kpi-wide.not-a-period')) ||
        // the summary block info covers its rows
        (row === 9 && codes(r).includes('sheet.summary-block'));
      expect(accounted, `row ${row}`).toBe(true);
    }
  });
});

describe('kpi-wide recognition', () => {
  const gapLike = sheet(['KPI ID', 'KPI', 'Clause', 'Owner', 'Target', 'Direction', ...MONTHS], []);

  it('kpi-wide.recognised: a wide sheet with Clause, Owner and Target is kpi-wide, not a Gap Analysis', () => {
    const r = parse({ ...gapLike, name: 'Sheet1' }, [gapAnalysis, kpiWide]);
    expect(r.recognised).toMatchObject([{ sheet: 'Sheet1', templateId: 'kpi-wide' }]);
    expect(codes(r)).not.toContain('gap.clause-in-catalogue');
    // Without the KPI ID and Direction columns too (it is then told to add them).
    const bare = sheet(['KPI', 'Clause', 'Owner', 'Target', ...MONTHS], []);
    expect(recognise(bare, [gapAnalysis, kpiWide])?.templateId).toBe('kpi-wide');
    // A real Gap Analysis stays one, and long KPI Definitions stay the KPI Tracker's.
    const gapSpec = gapAnalysis.spec.sheets[0] as TableSheetSpec;
    const gap = { name: 'Gap', values: [gapSpec.columns.map((c) => c.header)] };
    expect(recognise(gap, [gapAnalysis, kpiWide])?.templateId).toBe('gap-analysis');
    const longDefinitions = sheet(DEF, []);
    expect(recognise(longDefinitions, [kpiTracker, kpiWide])?.templateId).toBe('kpi-tracker');
  });

  it('kpi-wide.recognised: with the KPI Tracker in the list, a wide sheet headed with months is still kpi-wide', () => {
    const input = sheet(WIDE, []);
    expect(recognise(input, [gapAnalysis, kpiTracker, kpiWide])?.templateId).toBe('kpi-wide');
  });

  it('kpiWideSheetScore: above 3 (above any header score) with KPI columns and two periods, else 0', () => {
    expect(kpiWideSheetScore(sheet(WIDE, []))).toBeGreaterThan(3);
    expect(kpiWideSheetScore(sheet([...DEF, 'Q1', 'Q2'], []))).toBeGreaterThan(3);
    expect(kpiWideSheetScore(sheet(['KPI', 'Clause', 'Owner', 'Target', '2026-01', '2026-02'], []))).toBeGreaterThan(3);
    expect(kpiWideSheetScore(sheet([...DEF, 'Jan'], []))).toBe(0);
    expect(kpiWideSheetScore(sheet(DEF, []))).toBe(0);
    expect(kpiWideSheetScore(sheet(['Clause', 'Title', 'Status', 'Jan', 'Feb'], []))).toBe(0);
  });

  // These need core/workbook.ts to consult a module's sheetScore (see the report): the header score alone counts
  // only the spec's columns, so 2026-01 or Q1 headings do not count, and the KPI Definitions spec (the same KPI
  // columns, fewer columns in all) wins. `it.fails` keeps them visible; make them `it` once recognise() uses it.
  it('kpi-wide.recognised: quarter headings beat the KPI Definitions spec', () => {
    const input = sheet([...DEF, 'Q1', 'Q2', 'Q3', 'Q4'], []);
    expect(recognise(input, [gapAnalysis, kpiTracker, kpiWide])?.templateId).toBe('kpi-wide');
  });

  it('kpi-wide.recognised: 2026-01 headings beat the Gap Analysis', () => {
    const input = sheet(['KPI ID', 'KPI', 'Clause', 'Owner', 'Target', '2026-01', '2026-02', '2026-03'], []);
    expect(recognise(input, [gapAnalysis, kpiWide])?.templateId).toBe('kpi-wide');
  });
});

describe('kpi-wide spec and round trip', () => {
  it('kpi-wide.spec: the KPI Tracker definition columns, then Jan … Dec, and a how-to description', () => {
    const sheetSpec = kpiWide.spec.sheets[0];
    expect(kpiWide.spec).toMatchObject({ id: 'kpi-wide', version: 1 });
    expect(sheetSpec).toMatchObject({ kind: 'table', name: KPI_WIDE_SHEET });
    const definitions = kpiTrackerSpec.sheets[0];
    const headers = sheetSpec?.kind === 'table' ? sheetSpec.columns.map((c) => c.header) : [];
    const trackerHeaders = definitions?.kind === 'table' ? definitions.columns.map((c) => c.header) : [];
    expect(headers).toEqual([...trackerHeaders, ...MONTHS]);
    expect(kpiWide.spec.description).toContain('one column per period');
    expect(kpiWide.spec.description).toContain('KPIs 2026');
  });

  it('kpi-wide.spec: the builder makes a template sheet with those headers', async () => {
    const bytes = await buildTemplateWorkbook([kpiWide]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const built = book.getWorksheet(KPI_WIDE_SHEET);
    const headerRow = (built?.getRow(5).values as unknown[] | undefined)?.slice(1);
    expect(headerRow).toEqual(
      kpiWide.spec.sheets[0]?.kind === 'table' ? kpiWide.spec.sheets[0].columns.map((c) => c.header) : [],
    );
    expect(built?.getCell('A3').text).toContain('one column per period');
  });

  it('kpi-wide.spec: the built template parses with no issue, and filled in gives its records', async () => {
    const input = await readWorkbook(await buildTemplateWorkbook([kpiWide]));
    const empty = parseWorkbook(input, [kpiWide], { asOf: AS_OF });
    expect(empty.recognised).toMatchObject([{ sheet: KPI_WIDE_SHEET, templateId: 'kpi-wide', by: 'marker' }]);
    expect(empty.issues).toEqual([]);
    const built = input.sheets.find((s) => s.name === KPI_WIDE_SHEET);
    const header = built?.values[4] ?? [];
    const filled = [...header].map((h) => (h === 'Jan' ? 96 : (otd[String(h)] ?? '')));
    const values = [...(built?.values ?? []).slice(0, 5), filled];
    const r = parseWorkbook({ ...input, sheets: [{ ...built, name: KPI_WIDE_SHEET, values }] }, [kpiWide], {
      asOf: AS_OF,
    });
    // The title names no year (the how-to's examples do not count), so the as-of year dates the month, said on
    // the Jan heading.
    expect(r.issues.map((i) => [i.code, i.cell])).toEqual([['kpi-wide.year-from-as-of', `${KPI_WIDE_SHEET}!K5`]]);
    expect(r.records.map((x) => x.id)).toEqual(['OTD', 'OTD|2026-01-01']);
  });

  it('kpi-wide.round-trip: records → grid → parse gives identical records', () => {
    const annual = { ...otd, 'KPI ID': 'AUD', KPI: 'Audits', Unit: '', Frequency: 'Annually', 2025: 4 };
    const first = parse(
      sheet([...WIDE, 'Q1', 'Q2', 2025], [{ ...otd, Jan: 96, Mar: 91 }, { ...complaints, Q1: 3, Q2: 1 }, annual]),
    );
    expect(first.issues).toEqual([]);
    expect(first.records).toHaveLength(8);
    const grids = kpiWide.toGrids(first.records);
    const grid = grids[KPI_WIDE_SHEET] ?? [];
    // After the KPI Tracker's ten definition columns, one column per measured period, in period order.
    expect(grid[0]?.slice(10)).toEqual(['2025', '2026-01', '2026-Q1', '2026-03', '2026-Q2']);
    const again = parse({ name: KPI_WIDE_SHEET, values: grid });
    expect(again.issues).toEqual([]);
    expect(comparable(again.records)).toEqual(comparable(first.records));
  });
});
