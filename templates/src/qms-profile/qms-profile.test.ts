import { describe, expect, it } from 'vitest';
import type { FieldSheetSpec } from '../core/spec.js';
import { parseWorkbook } from '../core/workbook.js';
import { checkRecordData } from '../schemas.js';
import { qmsProfile, qmsProfileSpec } from './index.js';

const AS_OF = '2026-06-30';
const SHEET = 'QMS Profile';
const FIELDS = (qmsProfileSpec.sheets[0] as FieldSheetSpec).fields;

/** A complete, valid profile by field label, as a user fills it in. */
const full: Record<string, unknown> = {
  'Organization name': 'Acme Precision Ltd',
  'Certification scope': 'Design and machining of precision parts',
  'Sites in scope': 2,
  'Effective personnel': 48,
  'Risk category': 'Medium',
  Standard: 'ISO 9001:2015',
  'Project start': '2026-01-05',
  'Target certification date': '2026-12-15',
  'Certification body': 'Example Certification',
  Accredited: 'Yes',
  'CB day rate': 1100,
  Currency: 'GBP',
  'Travel per audit day': 150,
  'Consultant day rate': 650,
  'Consultant involvement': 'Light',
  'Internal hourly cost': 45,
  'Team capacity': 12,
  'Months of records before Stage 1': 3,
};

/** The sheet as the template lays it out: a title row, a blank row, the Field | Value header on row 3, fields from row 4 in spec order. */
function grid(values: Record<string, unknown>, extra: unknown[][] = []): unknown[][] {
  return [
    ['Acme Precision Ltd — QMS Profile'],
    [],
    ['Field', 'Value'],
    ...FIELDS.map((f) => [f.header, values[f.header] ?? '']),
    ...extra,
  ];
}

function parse(changes: Record<string, unknown> = {}, extra: unknown[][] = []) {
  return parseWorkbook({ sheets: [{ name: SHEET, values: grid({ ...full, ...changes }, extra) }] }, [qmsProfile], {
    asOf: AS_OF,
  });
}

/** The Value cell of a field in the layout above. */
function cellOf(header: string): string {
  const index = FIELDS.findIndex((f) => f.header === header);
  if (index < 0) throw new Error(`no field ${header}`);
  return `${SHEET}!B${index + 4}`;
}

/** Exactly one issue, with this code, severity and cell, and a message naming the cell. */
function expectOne(result: ReturnType<typeof parse>, code: string, severity: 'error' | 'warning', cell: string) {
  expect(result.issues.map((i) => [i.code, i.severity, i.cell])).toEqual([[code, severity, cell]]);
  expect(result.issues[0]?.message).toContain(cell);
  if (severity === 'error') expect(result.records).toEqual([]);
  else expect(result.records[0]?.warnings.map((w) => w.code)).toEqual([code]);
}

describe('qms-profile rules', () => {
  it('profile.valid: a complete profile is one record with id "profile", typed values and no issues', () => {
    const r = parse();
    expect(r.issues).toEqual([]);
    expect(r.records).toHaveLength(1);
    expect(r.records[0]).toMatchObject({ type: 'profile', id: 'profile', source: { sheet: SHEET, row: 4 } });
    expect(r.records[0]?.data).toEqual({
      organizationName: 'Acme Precision Ltd',
      certificationScope: 'Design and machining of precision parts',
      sitesInScope: 2,
      effectivePersonnel: 48,
      riskCategory: 'Medium',
      standard: 'ISO 9001:2015',
      projectStart: '2026-01-05',
      targetCertificationDate: '2026-12-15',
      certificationBody: 'Example Certification',
      accredited: true,
      cbDayRate: 1100,
      currency: 'GBP',
      travelPerAuditDay: 150,
      consultantDayRate: 650,
      consultantInvolvement: 'Light',
      internalHourlyCost: 45,
      teamCapacityHoursPerWeek: 12,
      monthsOfRecordsBeforeStage1: 3,
    });
    expect(checkRecordData('profile', r.records[0]?.data).ok).toBe(true);
  });

  it.each(['Organization name', 'Certification scope', 'Sites in scope', 'Effective personnel', 'Risk category'])(
    'profile.required: a blank %s is an error on its Value cell; filled it passes',
    (header) => {
      expectOne(parse({ [header]: '' }), 'cell.required', 'error', cellOf(header));
      expect(parse({ [header]: full[header] }).issues).toEqual([]);
    },
  );

  it('profile.required: a required field with no row at all is one error on the header row naming the field', () => {
    const values = grid(full).filter((row) => row[0] !== 'Risk category');
    const r = parseWorkbook({ sheets: [{ name: SHEET, values }] }, [qmsProfile], { asOf: AS_OF });
    expect(r.issues.map((i) => [i.code, i.severity, i.cell])).toEqual([
      ['sheet.missing-field', 'error', `${SHEET}!A3`],
    ]);
    expect(r.issues[0]?.message).toContain('"Risk category"');
    expect(r.records).toEqual([]);
  });

  it.each(['Sites in scope', 'Effective personnel'])(
    'profile.integer-at-least-one: %s must be a whole number ≥ 1',
    (header) => {
      expectOne(parse({ [header]: 0 }), 'cell.below-minimum', 'error', cellOf(header));
      expectOne(parse({ [header]: 2.5 }), 'cell.not-an-integer', 'error', cellOf(header));
      expectOne(parse({ [header]: 'many' }), 'cell.not-a-number', 'error', cellOf(header));
      expect(parse({ [header]: '60' }).records[0]?.data).toMatchObject({
        [header === 'Sites in scope' ? 'sitesInScope' : 'effectivePersonnel']: 60,
      });
    },
  );

  it('profile.risk-category-list: Risk category is High, Medium or Low (any case), stored canonically', () => {
    expectOne(parse({ 'Risk category': 'Extreme' }), 'cell.not-in-list', 'error', cellOf('Risk category'));
    const r = parse({ 'Risk category': 'high' });
    expect(r.issues).toEqual([]);
    expect(r.records[0]?.data.riskCategory).toBe('High');
  });

  it('profile.standard-default: Standard defaults to ISO 9001:2015 and refuses other standards', () => {
    expect(parse({ Standard: '' }).records[0]?.data.standard).toBe('ISO 9001:2015');
    expectOne(parse({ Standard: 'ISO 14001:2015' }), 'cell.not-in-list', 'error', cellOf('Standard'));
  });

  it.each(['Project start', 'Target certification date'])(
    'profile.dates: %s accepts serials and text dates, refuses ambiguous ones',
    (header) => {
      expectOne(parse({ [header]: '03/04/2026' }), 'cell.ambiguous-date', 'error', cellOf(header));
      expectOne(parse({ [header]: 'soon' }), 'cell.not-a-date', 'error', cellOf(header));
      const key = header === 'Project start' ? 'projectStart' : 'targetCertificationDate';
      expect(parse({ [header]: 46027 }).records[0]?.data[key]).toBe('2026-01-05');
      expect(parse({ [header]: '5 Jan 2026' }).records[0]?.data[key]).toBe('2026-01-05');
    },
  );

  it('profile.accredited-yes-no: Accredited is Yes or No', () => {
    expectOne(parse({ Accredited: 'Maybe' }), 'cell.not-yes-no', 'error', cellOf('Accredited'));
    expect(parse({ Accredited: 'no' }).records[0]?.data.accredited).toBe(false);
    expect(parse({ Accredited: true }).records[0]?.data.accredited).toBe(true);
  });

  it.each(['CB day rate', 'Travel per audit day', 'Consultant day rate', 'Internal hourly cost'])(
    'profile.non-negative: %s is a number ≥ 0',
    (header) => {
      expectOne(parse({ [header]: -1 }), 'cell.below-minimum', 'error', cellOf(header));
      expectOne(parse({ [header]: 'cheap' }), 'cell.not-a-number', 'error', cellOf(header));
      expect(parse({ [header]: 0 }).issues).toEqual([]);
      expect(parse({ [header]: '1,250.50' }).issues).toEqual([]);
    },
  );

  it('profile.consultant-involvement-list: Consultant involvement is None, Light or Full', () => {
    expectOne(
      parse({ 'Consultant involvement': 'Heavy' }),
      'cell.not-in-list',
      'error',
      cellOf('Consultant involvement'),
    );
    expect(parse({ 'Consultant involvement': 'full' }).records[0]?.data.consultantInvolvement).toBe('Full');
  });

  it('profile.team-capacity-positive: Team capacity must be greater than 0', () => {
    expectOne(parse({ 'Team capacity': 0 }), 'cell.not-above', 'error', cellOf('Team capacity'));
    expect(parse({ 'Team capacity': 0.5 }).records[0]?.data.teamCapacityHoursPerWeek).toBe(0.5);
  });

  it('profile.months-of-records: a whole number ≥ 0, default 3', () => {
    expect(parse({ 'Months of records before Stage 1': '' }).records[0]?.data.monthsOfRecordsBeforeStage1).toBe(3);
    expectOne(
      parse({ 'Months of records before Stage 1': 2.5 }),
      'cell.not-an-integer',
      'error',
      cellOf('Months of records before Stage 1'),
    );
    expectOne(
      parse({ 'Months of records before Stage 1': -1 }),
      'cell.below-minimum',
      'error',
      cellOf('Months of records before Stage 1'),
    );
  });

  it('profile.currency-code: lower case is accepted and stored upper case; blank defaults to EUR', () => {
    expect(parse({ Currency: ' usd ' }).records[0]?.data.currency).toBe('USD');
    expect(parse({ Currency: '' }).records[0]?.data.currency).toBe('EUR');
  });

  it.each(['Euro', '€', 'EU', 'ABC', 'XXX'])(
    'profile.currency-code: "%s" is an error on the Currency cell',
    (typed) => {
      const r = parse({ Currency: typed });
      expectOne(r, 'profile.currency-code', 'error', cellOf('Currency'));
      expect(r.issues[0]?.message).toContain('ISO 4217');
    },
  );

  it('profile.target-after-start: a target before Project start is an error on the target cell; the same day passes', () => {
    const r = parse({ 'Project start': '2026-03-01', 'Target certification date': '2026-02-01' });
    expectOne(r, 'profile.target-after-start', 'error', cellOf('Target certification date'));
    expect(r.issues[0]?.message).toContain('Project start 2026-03-01');
    expect(parse({ 'Project start': '2026-03-01', 'Target certification date': '2026-06-01' }).issues).toEqual([]);
  });

  it('profile.target-allows-records: a target inside the records period is a warning naming the earliest date', () => {
    const r = parse({ 'Project start': '2026-03-01', 'Target certification date': '2026-05-31' });
    expectOne(r, 'profile.target-allows-records', 'warning', cellOf('Target certification date'));
    expect(r.issues[0]?.message).toContain('2026-06-01');
    expect(
      parse({
        'Project start': '2026-03-01',
        'Target certification date': '2026-05-31',
        'Months of records before Stage 1': 2,
      }).issues,
    ).toEqual([]);
    expect(
      parse({
        'Project start': '2026-03-01',
        'Target certification date': '2026-03-01',
        'Months of records before Stage 1': 0,
      }).issues,
    ).toEqual([]);
  });

  it('profile.personnel-covers-sites: fewer persons than sites is a warning on Effective personnel', () => {
    expectOne(
      parse({ 'Sites in scope': 5, 'Effective personnel': 4 }),
      'profile.personnel-covers-sites',
      'warning',
      cellOf('Effective personnel'),
    );
    expect(parse({ 'Sites in scope': 5, 'Effective personnel': 5 }).issues).toEqual([]);
  });

  it('profile.unknown-field: a mistyped label with a value is a warning on its label cell; a label-only heading is not', () => {
    const row = FIELDS.length + 4;
    const r = parse({}, [['Certifcation body', 'Other CB']]);
    expectOne(r, 'profile.unknown-field', 'warning', `${SHEET}!A${row}`);
    expect(r.issues[0]?.message).toContain('"Certifcation body"');
    expect(parse({}, [['Notes'], ['Cost settings', '']]).issues).toEqual([]);
  });

  it('profile.duplicate-field: a field given twice is a warning on the row that is not read', () => {
    const row = FIELDS.length + 4;
    const r = parse({}, [['Organisation', 'Other name']]);
    expectOne(r, 'profile.duplicate-field', 'warning', `${SHEET}!A${row}`);
    expect(r.issues[0]?.message).toContain(`only row 4 is read`);
    expect(r.records[0]?.data.organizationName).toBe('Acme Precision Ltd');
  });

  it('labels are matched ignoring case and punctuation, and aliases are recognised', () => {
    const values = [
      ['FIELD', 'value'],
      ['organisation name', 'Beta GmbH'],
      ['Scope', 'Repair services'],
      ['Sites', 1],
      ['Headcount', 7],
      ['Risk', 'Low'],
    ];
    const r = parseWorkbook({ sheets: [{ name: 'Profile', values }] }, [qmsProfile], { asOf: AS_OF });
    expect(r.issues).toEqual([]);
    expect(r.records[0]?.data).toEqual({
      organizationName: 'Beta GmbH',
      certificationScope: 'Repair services',
      sitesInScope: 1,
      effectivePersonnel: 7,
      riskCategory: 'Low',
      standard: 'ISO 9001:2015',
      currency: 'EUR',
      monthsOfRecordsBeforeStage1: 3,
    });
  });

  it('round trip: record → toGrids → parseWorkbook gives the identical record', () => {
    for (const changes of [{}, { Currency: 'chf', Accredited: 'No', 'Project start': '', 'CB day rate': '' }]) {
      const first = parseWorkbook(
        { sheets: [{ name: SHEET, values: grid({ ...full, ...changes }).slice(2) }] },
        [qmsProfile],
        { asOf: AS_OF },
      );
      expect(first.records).toHaveLength(1);
      const grids = qmsProfile.toGrids(first.records);
      const again = parseWorkbook({ sheets: [{ name: SHEET, values: grids[SHEET] ?? [] }] }, [qmsProfile], {
        asOf: AS_OF,
      });
      expect(again.issues).toEqual(first.issues);
      expect(again.records).toEqual(first.records);
    }
  });
});
