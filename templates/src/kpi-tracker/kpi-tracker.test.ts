import { describe, expect, it } from 'vitest';
import type { SheetInput } from '../core/table.js';
import { parseWorkbook, recognise } from '../core/workbook.js';
import { checkRecordData } from '../schemas.js';
import { kpiTracker } from './index.js';
import { fitPeriod, isoWeekOf, isoWeekStart, parsePeriodText } from './periods.js';
import type { Kpi, KpiMeasurement } from './schema.js';
import { kpiRag, kpiSummaries, leastSquaresSlope } from './summaries.js';

const DEF_HEADER = [
  'KPI ID',
  'KPI',
  'Quality objective',
  'Clause',
  'Unit',
  'Direction',
  'Target',
  'Amber threshold',
  'Frequency',
  'Owner',
];
const MEAS_HEADER = ['KPI ID', 'Period', 'Actual', 'Comment'];
const AS_OF = '2026-06-30';
const DEFS = 'KPI Definitions';
const MEAS = 'KPI Measurements';

type Row = Record<string, unknown>;

const otd: Row = {
  'KPI ID': 'OTD',
  KPI: 'On-time delivery',
  Direction: 'Higher is better',
  Target: 95,
  'Amber threshold': 90,
  Frequency: 'Monthly',
  Unit: '%',
};
const complaints: Row = {
  'KPI ID': 'CC',
  KPI: 'Customer complaints',
  Direction: 'Lower is better',
  Target: 2,
  'Amber threshold': 4,
  Frequency: 'Quarterly',
};
const scrap: Row = {
  'KPI ID': 'SCR',
  KPI: 'Scrap rate',
  Direction: 'Lower is better',
  Target: 1.5,
  Frequency: 'Weekly',
};
const audits: Row = {
  'KPI ID': 'AUD',
  KPI: 'Audits done',
  Direction: 'Higher is better',
  Target: 4,
  Frequency: 'Annually',
};

const grid = (header: string[], rows: Row[]) => [header, ...rows.map((r) => header.map((h) => r[h] ?? ''))];

/** Definitions start at row 3 (a title row and a blank row above), measurements at row 1: data rows are 4… and 2…. */
function sheets(defs: Row[] | undefined, meas: Row[] | undefined): SheetInput[] {
  const out: SheetInput[] = [];
  if (defs) out.push({ name: DEFS, values: [['Acme Ltd — KPI Tracker'], [], ...grid(DEF_HEADER, defs)] });
  if (meas) out.push({ name: MEAS, values: grid(MEAS_HEADER, meas) });
  return out;
}

function parse(defs: Row[] | undefined, meas?: Row[]) {
  return parseWorkbook({ sheets: sheets(defs, meas) }, [kpiTracker], { asOf: AS_OF });
}

const codes = (r: ReturnType<typeof parse>) => r.issues.map((i) => i.code);
const m = (id: string, period: unknown, actual: unknown, comment?: string): Row => ({
  'KPI ID': id,
  Period: period,
  Actual: actual,
  Comment: comment,
});

describe('kpi-tracker definitions', () => {
  it('kpi.valid-definition: a complete KPI becomes one record keyed by its KPI ID', () => {
    const r = parse([otd]);
    expect(r.issues).toEqual([]);
    expect(r.records).toMatchObject([{ type: 'kpi', id: 'OTD', source: { sheet: DEFS, row: 4 } }]);
    expect(r.records[0]?.data).toEqual({
      kpiId: 'OTD',
      name: 'On-time delivery',
      unit: '%',
      direction: 'Higher is better',
      target: 95,
      amberThreshold: 90,
      frequency: 'Monthly',
    });
    expect(checkRecordData('kpi', r.records[0]?.data).ok).toBe(true);
  });

  it('kpi.id-required: a blank KPI ID is an error on its cell; a filled one passes', () => {
    const r = parse([{ ...otd, 'KPI ID': '' }]);
    expect(r.issues).toMatchObject([{ severity: 'error', code: 'cell.required', cell: 'KPI Definitions!A4' }]);
    expect(r.issues[0]?.message).toContain('KPI Definitions!A4');
    expect(r.records).toEqual([]);
    expect(parse([otd]).records).toHaveLength(1);
  });

  it('kpi.id-unique: a repeated KPI ID (any case) is an error on the second row only', () => {
    const r = parse([otd, { ...otd, 'KPI ID': 'otd' }]);
    expect(r.issues).toMatchObject([{ severity: 'error', code: 'kpi.id-unique', cell: 'KPI Definitions!A5' }]);
    expect(r.issues[0]?.message).toContain('KPI Definitions!A5');
    expect(r.issues[0]?.message).toContain('row 4');
    expect(r.records.map((x) => x.id)).toEqual(['OTD']);
    expect(codes(parse([otd, complaints]))).toEqual([]);
  });

  it('kpi.target-required: a blank Target is an error; Target must be numeric', () => {
    expect(parse([{ ...otd, Target: '' }]).issues).toMatchObject([
      { severity: 'error', code: 'cell.required', cell: 'KPI Definitions!G4' },
    ]);
    const text = parse([{ ...otd, Target: 'ninety-five' }]);
    expect(text.issues).toMatchObject([{ severity: 'error', code: 'cell.not-a-number', cell: 'KPI Definitions!G4' }]);
    expect(text.issues[0]?.message).toContain('KPI Definitions!G4');
    expect(parse([{ ...otd, Target: '95%' }]).records[0]?.data).toMatchObject({ target: 95 });
  });

  it('kpi.amber-numeric: a non-numeric Amber threshold is an error; blank is allowed', () => {
    expect(parse([{ ...otd, 'Amber threshold': 'n/a' }]).issues).toMatchObject([
      { severity: 'error', code: 'cell.not-a-number', cell: 'KPI Definitions!H4' },
    ]);
    const blank = parse([{ ...otd, 'Amber threshold': '' }]);
    expect(blank.issues).toEqual([]);
    expect(blank.records[0]?.data).not.toHaveProperty('amberThreshold');
  });

  it('kpi.amber-bad-side: the threshold must lie on the bad side of the target for the direction', () => {
    const higher = parse([{ ...otd, 'Amber threshold': 97 }]);
    expect(higher.issues).toMatchObject([
      { severity: 'error', code: 'kpi.amber-bad-side', cell: 'KPI Definitions!H4' },
    ]);
    expect(higher.issues[0]?.message).toContain('KPI Definitions!H4');
    expect(higher.issues[0]?.message).toContain('at or below 95');
    const lower = parse([{ ...complaints, 'Amber threshold': 1 }]);
    expect(lower.issues).toMatchObject([{ severity: 'error', code: 'kpi.amber-bad-side', cell: 'KPI Definitions!H4' }]);
    expect(lower.issues[0]?.message).toContain('at or above 2');
    // On the target itself and on the bad side are both fine.
    expect(codes(parse([{ ...otd, 'Amber threshold': 95 }, complaints]))).toEqual([]);
  });

  it('kpi.direction-list and kpi.frequency-list: values outside the lists are errors; case is forgiven', () => {
    const r = parse([{ ...otd, Direction: 'Up', Frequency: 'Daily' }]);
    expect(r.issues.map((i) => [i.code, i.cell])).toEqual([
      ['cell.not-in-list', 'KPI Definitions!F4'],
      ['cell.not-in-list', 'KPI Definitions!I4'],
    ]);
    const ok = parse([{ ...otd, Direction: 'higher is BETTER', Frequency: 'monthly' }]);
    expect(ok.issues).toEqual([]);
    expect(ok.records[0]?.data).toMatchObject({ direction: 'Higher is better', frequency: 'Monthly' });
  });

  it('kpi.clause-in-catalogue: an unknown clause is an error; a catalogue clause passes', () => {
    expect(parse([{ ...otd, Clause: '9.9' }]).issues).toMatchObject([
      { code: 'kpi.clause-in-catalogue', cell: 'KPI Definitions!D4' },
    ]);
    expect(parse([{ ...otd, Clause: 6.2 }]).records[0]?.data).toMatchObject({ clause: '6.2' });
  });
});

describe('kpi-tracker measurements', () => {
  const defs = [otd, complaints, scrap, audits];

  it('kpi.valid-measurement: id is KPI ID|period start, with label, actual, comment and RAG', () => {
    const r = parse(defs, [m('OTD', '2026-03', 96, 'good month')]);
    expect(r.issues).toEqual([]);
    const meas = r.records.filter((x) => x.type === 'kpi-measurement');
    expect(meas).toMatchObject([{ id: 'OTD|2026-03-01', source: { sheet: MEAS, row: 2 } }]);
    expect(meas[0]?.data).toEqual({
      kpiId: 'OTD',
      period: '2026-03-01',
      periodLabel: '2026-03',
      actual: 96,
      comment: 'good month',
      rag: 'Green',
    });
    expect(checkRecordData('kpi-measurement', meas[0]?.data).ok).toBe(true);
  });

  it('kpi.measurement-kpi-known: a KPI ID missing from Definitions is an error on its cell; the ID is matched ignoring case', () => {
    const r = parse(defs, [m('OTX', '2026-03', 96)]);
    expect(r.issues).toMatchObject([
      { severity: 'error', code: 'kpi.measurement-kpi-known', cell: 'KPI Measurements!A2' },
    ]);
    expect(r.issues[0]?.message).toContain('KPI Measurements!A2');
    expect(r.records.filter((x) => x.type === 'kpi-measurement')).toEqual([]);
    const ok = parse(defs, [m('otd', '2026-03', 96)]);
    expect(ok.issues).toEqual([]);
    expect(ok.records.find((x) => x.type === 'kpi-measurement')?.id).toBe('OTD|2026-03-01');
  });

  it('kpi.measurement-kpi-known: a measurement of a KPI whose definition row has errors says which row to fix', () => {
    const r = parse([{ ...otd, 'Amber threshold': 99 }], [m('OTD', '2026-03', 96)]);
    expect(r.issues.map((i) => [i.code, i.cell])).toEqual([
      ['kpi.amber-bad-side', 'KPI Definitions!H4'],
      ['kpi.measurement-kpi-known', 'KPI Measurements!A2'],
    ]);
    expect(r.issues[1]?.message).toContain('row 4');
  });

  it('kpi.definitions-missing: without a Definitions sheet, one error on the KPI ID header and no measurement records', () => {
    const r = parse(undefined, [m('OTD', '2026-03', 96), m('OTD', '2026-04', 97), m('CC', '2026-Q9', 1)]);
    expect(r.issues.map((i) => [i.severity, i.code, i.cell])).toEqual([
      ['error', 'kpi.definitions-missing', 'KPI Measurements!A1'],
      ['error', 'kpi.period-format', 'KPI Measurements!B4'],
    ]);
    expect(r.issues[0]?.message).toContain('KPI Measurements!A1');
    expect(r.issues[0]?.message).toContain('"KPI Definitions"');
    expect(r.records).toEqual([]);
    expect(codes(parse(defs, [m('OTD', '2026-03', 96)]))).toEqual([]);
  });

  it('kpi.period-format: text that names no period is an error on the Period cell', () => {
    for (const bad of ['March', '2026-13', '2026-Q5', '2026-W54', '2025-W53', 'soon', '03/04/2026']) {
      const r = parse(defs, [m('OTD', bad, 96)]);
      expect(r.issues, bad).toMatchObject([
        { severity: 'error', code: 'kpi.period-format', cell: 'KPI Measurements!B2' },
      ]);
      expect(r.issues[0]?.message).toContain('KPI Measurements!B2');
    }
    expect(parse(defs, [m('OTD', '03/04/2026', 96)]).issues[0]?.message).toContain('ambiguous');
    // A cell the reader already refused (an error value) is reported once, by the reader.
    expect(parse(defs, [m('OTD', '#N/A', 96)]).issues.map((i) => [i.code, i.cell])).toEqual([
      ['cell.error-value', 'KPI Measurements!B2'],
    ]);
    expect(parse(defs, [m('SCR', '2026-W53', 1)]).issues).toEqual([]);
  });

  it('kpi.period-frequency: a label of another frequency is an error naming the label to use', () => {
    const r = parse(defs, [m('CC', '2026-03', 1)]);
    expect(r.issues).toMatchObject([{ severity: 'error', code: 'kpi.period-frequency', cell: 'KPI Measurements!B2' }]);
    expect(r.issues[0]?.message).toContain('KPI Measurements!B2');
    expect(r.issues[0]?.message).toContain('2026-Q1');
    expect(codes(parse(defs, [m('OTD', '2026-Q1', 96)]))).toEqual(['kpi.period-frequency']);
    expect(codes(parse(defs, [m('AUD', '2026-03', 4)]))).toEqual(['kpi.period-frequency']);
    expect(codes(parse(defs, [m('SCR', '2026-03', 1)]))).toEqual(['kpi.period-frequency']);
  });

  it('kpi.period-frequency: a date must be the first day of a period of the KPI frequency', () => {
    // Quarterly: 1 Apr is fine (as text, as a serial, as a Date); 1 Mar and 31 Mar are not.
    const ok = parse(defs, [m('CC', '2026-04-01', 1), m('CC', 46023, 2), m('CC', new Date(Date.UTC(2026, 6, 1)), 3)]);
    expect(ok.issues).toEqual([]);
    expect(ok.records.filter((x) => x.type === 'kpi-measurement').map((x) => x.data.periodLabel)).toEqual([
      '2026-Q2',
      '2026-Q1',
      '2026-Q3',
    ]);
    const bad = parse(defs, [m('CC', '2026-03-01', 1), m('CC', '31 Mar 2026', 1)]);
    expect(bad.issues.map((i) => [i.code, i.cell])).toEqual([
      ['kpi.period-frequency', 'KPI Measurements!B2'],
      ['kpi.period-frequency', 'KPI Measurements!B3'],
    ]);
    expect(bad.issues[0]?.message).toContain('1 Jan, 1 Apr, 1 Jul or 1 Oct');
    // Weekly: a Monday (2026-02-23 starts ISO week 9); Monthly: the 1st; Annually: 1 Jan.
    expect(
      codes(parse(defs, [m('SCR', '2026-02-23', 1), m('OTD', '2026-05-01', 96), m('AUD', '2026-01-01', 4)])),
    ).toEqual([]);
    expect(
      codes(parse(defs, [m('SCR', '2026-02-24', 1), m('OTD', '2026-05-02', 96), m('AUD', '2026-07-01', 4)])),
    ).toEqual(['kpi.period-frequency', 'kpi.period-frequency', 'kpi.period-frequency']);
  });

  it('kpi.period-normalised: every accepted spelling gives the period start and the canonical label', () => {
    const cases: [Row, string, string][] = [
      [m('OTD', '2026-3', 96), '2026-03-01', '2026-03'],
      [m('OTD', 'Mar 2026', 96), '2026-03-01', '2026-03'],
      [m('OTD', 'September 2026', 96), '2026-09-01', '2026-09'],
      [m('CC', '2026-q2', 1), '2026-04-01', '2026-Q2'],
      [m('CC', 'Q4 2026', 1), '2026-10-01', '2026-Q4'],
      [m('SCR', '2026-W09', 1), '2026-02-23', '2026-W09'],
      [m('SCR', '2026w1', 1), '2025-12-29', '2026-W01'],
      [m('SCR', '2027-01-01', 1), '', ''],
      [m('AUD', 2026, 4), '2026-01-01', '2026'],
      [m('AUD', '2026', 4), '2026-01-01', '2026'],
    ];
    for (const [row, period, label] of cases) {
      const r = parse(defs, [row]);
      const meas = r.records.find((x) => x.type === 'kpi-measurement');
      if (period === '') {
        // 2027-01-01 is a Friday: not a week start.
        expect(codes(r)).toEqual(['kpi.period-frequency']);
        expect(r.issues[0]?.message).toContain('2026-W53');
        continue;
      }
      expect(r.issues, String(row.Period)).toEqual([]);
      expect(meas?.data).toMatchObject({ period, periodLabel: label });
    }
  });

  it('kpi.measurement-unique: the same KPI and period twice is an error, however the period is typed', () => {
    const r = parse(defs, [m('OTD', '2026-03', 96), m('otd', '2026-03-01', 97)]);
    expect(r.issues).toMatchObject([
      { severity: 'error', code: 'kpi.measurement-unique', cell: 'KPI Measurements!B3' },
    ]);
    expect(r.issues[0]?.message).toContain('KPI Measurements!B3');
    expect(r.issues[0]?.message).toContain('row 2');
    expect(r.records.filter((x) => x.type === 'kpi-measurement')).toHaveLength(1);
    expect(codes(parse(defs, [m('OTD', '2026-03', 96), m('OTD', '2026-04', 97), m('CC', '2026-Q1', 1)]))).toEqual([]);
  });

  it('kpi.actual-numeric: a blank or non-numeric Actual is an error on its cell', () => {
    expect(parse(defs, [m('OTD', '2026-03', 'high')]).issues).toMatchObject([
      { severity: 'error', code: 'cell.not-a-number', cell: 'KPI Measurements!C2' },
    ]);
    expect(parse(defs, [m('OTD', '2026-03', '')]).issues).toMatchObject([
      { severity: 'error', code: 'cell.required', cell: 'KPI Measurements!C2' },
    ]);
    expect(
      parse(defs, [m('OTD', '2026-03', '96.5')]).records.find((x) => x.type === 'kpi-measurement')?.data,
    ).toMatchObject({ actual: 96.5 });
  });

  it('kpi.rag: Green meets the target, Amber meets the threshold, Red otherwise, by direction', () => {
    const r = parse(defs, [
      m('OTD', '2026-01', 95),
      m('OTD', '2026-02', 92),
      m('OTD', '2026-03', 90),
      m('OTD', '2026-04', 89.9),
      m('CC', '2026-Q1', 2),
      m('CC', '2026-Q2', 4),
      m('CC', '2026-Q3', 5),
      m('SCR', '2026-W01', 1.5),
      m('SCR', '2026-W02', 1.6),
    ]);
    expect(r.issues).toEqual([]);
    expect(r.records.filter((x) => x.type === 'kpi-measurement').map((x) => `${x.id}=${x.data.rag as string}`)).toEqual(
      [
        'OTD|2026-01-01=Green',
        'OTD|2026-02-01=Amber',
        'OTD|2026-03-01=Amber',
        'OTD|2026-04-01=Red',
        'CC|2026-01-01=Green',
        'CC|2026-04-01=Amber',
        'CC|2026-07-01=Red',
        // No threshold: no Amber.
        'SCR|2025-12-29=Green',
        'SCR|2026-01-05=Red',
      ],
    );
  });
});

describe('kpi-tracker periods', () => {
  it('ISO weeks: week 1 holds 4 January; 2026 has 53 weeks and 2025 has 52', () => {
    expect(isoWeekStart(2026, 1)).toBe('2025-12-29');
    expect(isoWeekStart(2020, 53)).toBe('2020-12-28');
    expect(isoWeekStart(2026, 53)).toBe('2026-12-28');
    expect(isoWeekStart(2025, 53)).toBeUndefined();
    expect(isoWeekOf('2027-01-03')).toEqual({ year: 2026, week: 53 });
    expect(isoWeekOf('2024-12-30')).toEqual({ year: 2025, week: 1 });
  });

  it('fitPeriod puts a Monday that opens week 1 of next year into that year', () => {
    const parsed = parsePeriodText('2024-12-30');
    expect(parsed.ok && fitPeriod(parsed.value, 'Weekly', 'K')).toEqual({
      ok: true,
      period: '2024-12-30',
      periodLabel: '2025-W01',
    });
  });
});

describe('kpiSummaries', () => {
  const k = (over: Partial<Kpi> = {}): Kpi => ({
    kpiId: 'K',
    name: 'K',
    direction: 'Higher is better',
    target: 100,
    amberThreshold: 90,
    frequency: 'Monthly',
    ...over,
  });
  const series = (id: string, actuals: number[], startMonth = 1): KpiMeasurement[] =>
    actuals.map((actual, i) => {
      const month = String(startMonth + i).padStart(2, '0');
      return { kpiId: id, period: `2026-${month}-01`, periodLabel: `2026-${month}`, actual, rag: 'Green' };
    });

  it('kpi.summary-latest: latest RAG comes from the latest period, whatever the input order', () => {
    const [s] = kpiSummaries([k()], [...series('K', [80, 95, 101])].reverse());
    expect(s).toMatchObject({
      kpiId: 'K',
      latestRag: 'Green',
      latestPeriod: '2026-03-01',
      latestPeriodLabel: '2026-03',
    });
    expect(kpiSummaries([k()], series('K', [101, 80]))[0]?.latestRag).toBe('Red');
    expect(kpiSummaries([k()], series('K', [101, 92]))[0]?.latestRag).toBe('Amber');
  });

  it('kpi.summary-periods: count, first and last period start; nothing measured gives count 0 and no trend', () => {
    expect(kpiSummaries([k()], series('K', [1, 2, 3], 4))[0]?.periods).toEqual({
      count: 3,
      first: '2026-04-01',
      last: '2026-06-01',
    });
    const [empty] = kpiSummaries([k({ kpiId: 'E' })], series('K', [1, 2]));
    expect(empty?.periods.count).toBe(0);
    expect(empty?.latestRag).toBeUndefined();
    expect(empty?.trend).toBeUndefined();
  });

  it('kpi.summary-trend: rising is improving when higher is better and worsening when lower is better', () => {
    const rising = series('K', [90, 92, 94, 96]);
    expect(kpiSummaries([k()], rising)[0]?.trend).toBe('improving');
    expect(kpiSummaries([k({ direction: 'Lower is better', amberThreshold: 110 })], rising)[0]?.trend).toBe(
      'worsening',
    );
    const falling = series('K', [96, 94, 92, 90]);
    expect(kpiSummaries([k()], falling)[0]?.trend).toBe('worsening');
    expect(kpiSummaries([k({ direction: 'Lower is better', amberThreshold: 110 })], falling)[0]?.trend).toBe(
      'improving',
    );
    expect(kpiSummaries([k()], series('K', [90]))[0]?.trend).toBeUndefined();
  });

  it('kpi.summary-trend: flat within 1% of the scale per period, and only the last six periods count', () => {
    // Slope 0.9 per month against a scale of 100: flat. 1.1 per month: improving.
    expect(kpiSummaries([k()], series('K', [95, 95.9, 96.8]))[0]).toMatchObject({ trend: 'flat' });
    expect(kpiSummaries([k()], series('K', [95, 96.1, 97.2]))[0]).toMatchObject({ trend: 'improving' });
    // Six steady months after a steep early fall: the early months are outside the window.
    const s = kpiSummaries([k()], series('K', [200, 150, 100, 100, 100, 100, 100, 100]))[0];
    expect(s?.trend).toBe('flat');
    expect(s?.slopePerPeriod).toBe(0);
    // A target of 0 with values near 0 is judged against the values themselves.
    expect(
      kpiSummaries([k({ target: 0, direction: 'Lower is better', amberThreshold: 1 })], series('K', [0.5, 0.4, 0.3]))[0]
        ?.trend,
    ).toBe('improving');
  });

  it('kpi.summary-trend: gaps count as periods (x is the period number, not the row number)', () => {
    const withGap: KpiMeasurement[] = [
      { kpiId: 'K', period: '2026-01-01', periodLabel: '2026-01', actual: 90, rag: 'Amber' },
      { kpiId: 'K', period: '2026-02-01', periodLabel: '2026-02', actual: 91, rag: 'Amber' },
      { kpiId: 'K', period: '2026-12-01', periodLabel: '2026-12', actual: 92, rag: 'Amber' },
    ];
    const slope = kpiSummaries([k()], withGap)[0]?.slopePerPeriod ?? NaN;
    expect(slope).toBeGreaterThan(0);
    expect(slope).toBeLessThan(0.5);
    expect(
      leastSquaresSlope([
        [0, 90],
        [1, 91],
        [2, 92],
      ]),
    ).toBeCloseTo(1);
  });

  it('kpiRag agrees with the parser', () => {
    expect(kpiRag({ direction: 'Lower is better', target: 2, amberThreshold: 4 }, 3)).toBe('Amber');
    expect(kpiRag({ direction: 'Lower is better', target: 2 }, 3)).toBe('Red');
  });
});

describe('kpi-tracker recognition and round trip', () => {
  it('recognises both sheets by their headers, each as its own spec', () => {
    const [defs, meas] = sheets([otd], [m('OTD', '2026-03', 96)]) as [SheetInput, SheetInput];
    expect(recognise({ ...defs, name: 'KPIs' }, [kpiTracker])).toMatchObject({ specSheet: DEFS, by: 'header' });
    expect(recognise({ ...meas, name: 'Results' }, [kpiTracker])).toMatchObject({ specSheet: MEAS, by: 'header' });
  });

  it('kpi.round-trip: records → grids → parse gives identical records', () => {
    const first = parse(
      [otd, complaints, scrap, audits],
      [
        m('OTD', '2026-03-01', 96, 'ok'),
        m('CC', 'Q2 2026', 3),
        m('SCR', '2026-02-23', 2),
        m('AUD', 2025, 4),
        m('OTD', 46113, 91),
      ],
    );
    expect(first.issues).toEqual([]);
    expect(first.records).toHaveLength(9);
    const grids = kpiTracker.toGrids(first.records);
    expect(grids[MEAS]?.[1]).toEqual(['OTD', '2026-03', 96, 'ok']);
    const again = parseWorkbook(
      { sheets: Object.entries(grids).map(([name, values]) => ({ name, values })) },
      [kpiTracker],
      { asOf: AS_OF },
    );
    const comparable = (rs: typeof first.records) =>
      rs.map((r) => ({ type: r.type, id: r.id, data: r.data, hash: r.hash }));
    expect(again.issues).toEqual([]);
    expect(comparable(again.records)).toEqual(comparable(first.records));
  });
});
