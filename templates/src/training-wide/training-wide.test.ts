import { describe, expect, it } from 'vitest';
import type { SheetInput } from '../core/table.js';
import { parseWorkbook, recognise } from '../core/workbook.js';
import { TEMPLATE_MODULES, validateWorkbook } from '../registry.js';
import { checkRecordData } from '../schemas.js';
import { trainingRecords } from '../training-records/index.js';
import { trainingWide } from './index.js';

const AS_OF = '2026-06-30';
const SHEET = 'Training Matrix (wide)';

function sheet(rows: unknown[][], name = SHEET): SheetInput {
  return {
    name,
    values: [
      ['Kestrel — training 2026'],
      [],
      ['Person', 'Role', 'Department', 'Forklift licence', 'First aid'],
      ...rows,
    ],
  };
}
const parse = (input: SheetInput, asOf = AS_OF) => parseWorkbook({ sheets: [input] }, [trainingWide], { asOf });
const codes = (r: ReturnType<typeof parse>) => r.issues.map((i) => i.code);
const cells = (r: ReturnType<typeof parse>) => r.issues.map((i) => [i.code, i.cell]);

describe('training-wide rules', () => {
  it('training-wide.competences-as-columns: each marked cell is the training record a tall row would give', () => {
    const r = parse(sheet([['J. Novak', 'Operator', 'Production', '2026-02-10', '✓']]));
    expect(r.issues).toEqual([]);
    expect(r.records.map((x) => [x.id, x.data])).toEqual([
      [
        'J. Novak|Forklift licence',
        {
          person: 'J. Novak',
          role: 'Operator',
          department: 'Production',
          competence: 'Forklift licence',
          requiredForRole: true,
          completedDate: '2026-02-10',
        },
      ],
      [
        'J. Novak|First aid',
        {
          person: 'J. Novak',
          role: 'Operator',
          department: 'Production',
          competence: 'First aid',
          requiredForRole: true,
          completed: true,
        },
      ],
    ]);
    for (const record of r.records) expect(checkRecordData(record.type, record.data).ok).toBe(true);
    // The same training kept tall gives the same id and the same dates.
    const tall = parseWorkbook(
      {
        sheets: [
          {
            name: 'Training Matrix',
            values: [
              ['Person', 'Role', 'Department', 'Competence / course', 'Required for role', 'Completed date'],
              ['J. Novak', 'Operator', 'Production', 'Forklift licence', 'Yes', '2026-02-10'],
            ],
          },
        ],
      },
      [trainingRecords],
      { asOf: AS_OF },
    );
    expect(tall.records[0]?.id).toBe(r.records[0]?.id);
    expect(tall.records[0]?.data).toEqual(r.records[0]?.data);
  });

  it('training-wide.blank-not-required: blank, n/a and a dash are competences the role does not need (no record)', () => {
    const r = parse(
      sheet([
        ['J. Novak', '', '', '', 'n/a'],
        ['A. Yilmaz', '', '', '-', 'R'],
      ]),
    );
    expect(r.records.map((x) => x.id)).toEqual(['A. Yilmaz|First aid']);
  });

  it('training-wide.gap: R is a required training not done, a warning on its cell', () => {
    const r = parse(sheet([['J. Novak', '', '', 'R', '2026-01-05']]));
    expect(r.issues).toMatchObject([{ severity: 'warning', code: 'training-wide.gap', cell: `${SHEET}!D4` }]);
    expect(r.records[0]).toMatchObject({ data: { requiredForRole: true }, warnings: [{ code: 'training-wide.gap' }] });
    expect(r.records[0]?.data.completedDate).toBeUndefined();
  });

  it('training-wide.completed-not-future: a date after the as-of date is an error on its cell', () => {
    const r = parse(sheet([['J. Novak', '', '', '2026-07-01', '2026-06-30']]));
    expect(cells(r)).toEqual([['training-wide.completed-not-future', `${SHEET}!D4`]]);
    expect(r.records.map((x) => x.id)).toEqual(['J. Novak|First aid']);
  });

  it('training-wide.cell-unreadable: text that is no date, ✓ or R is an error saying what to type', () => {
    const r = parse(sheet([['J. Novak', '', '', 'soon', '03/04/2026']]));
    expect(cells(r)).toEqual([
      ['training-wide.cell-unreadable', `${SHEET}!D4`],
      ['training-wide.cell-unreadable', `${SHEET}!E4`],
    ]);
    expect(r.issues[0]?.message).toContain('"soon"');
    expect(r.issues[0]?.message).toContain('✓');
    expect(r.issues[1]?.message).toContain('ambiguous');
    expect(r.records).toEqual([]);
  });

  it('training-wide.person-unique: a second row for the same person is an error, its marks not read', () => {
    const r = parse(
      sheet([
        ['J. Novak', '', '', '2026-01-05', ''],
        ['j. novak', '', '', '', '2026-01-06'],
      ]),
    );
    expect(cells(r)).toEqual([['training-wide.person-unique', `${SHEET}!A5`]]);
    expect(r.records.map((x) => x.id)).toEqual(['J. Novak|Forklift licence']);
  });

  it('training-wide.competence-unique: a second column with the same heading is an error on the heading', () => {
    const input: SheetInput = {
      name: SHEET,
      values: [
        ['Person', 'Forklift licence', 'forklift licence'],
        ['J. Novak', '2026-01-05', '2026-01-06'],
      ],
    };
    const r = parse(input);
    expect(cells(r)).toEqual([['training-wide.competence-unique', `${SHEET}!C1`]]);
    expect(r.records.map((x) => x.data.completedDate)).toEqual(['2026-01-05']);
  });

  it('training-wide.row-without-person and training-wide.heading-missing: marks that belong to nobody are errors', () => {
    const input: SheetInput = {
      name: SHEET,
      values: [
        ['Person', 'Forklift licence', 'First aid', ''],
        ['J. Novak', '2026-01-05', '', '✓'],
        ['', '2026-01-06', '', ''],
      ],
    };
    expect(cells(parse(input))).toEqual([
      ['training-wide.heading-missing', `${SHEET}!D2`],
      ['training-wide.row-without-person', `${SHEET}!B3`],
    ]);
  });

  it('training-wide.recognised: a hand-made matrix without a marker is read as the wide layout, a tall one as the tall', () => {
    const wide: SheetInput = {
      name: 'Skills',
      values: [
        ['Name', 'Dept', 'Forklift', 'First aid', 'ISO awareness'],
        ['J. Novak', 'Production', '2026-01-05', '✓', 'R'],
        ['A. Yilmaz', 'Engineering', '', '2025-11-01', '✓'],
      ],
    };
    expect(recognise(wide, TEMPLATE_MODULES)).toMatchObject({ templateId: 'training-wide' });
    const result = validateWorkbook({ sheets: [wide] }, { asOf: AS_OF });
    expect(result.records.filter((r) => r.type === 'training')).toHaveLength(5);
    const tall: SheetInput = {
      name: 'Training',
      values: [
        ['Person', 'Role', 'Department', 'Competence / course', 'Completed date'],
        ['J. Novak', 'Operator', 'Production', 'Forklift', '2026-01-05'],
      ],
    };
    expect(recognise(tall, TEMPLATE_MODULES)).toMatchObject({ templateId: 'training-records' });
    // A list of people with text columns is no training matrix.
    const contacts: SheetInput = {
      name: 'Contacts',
      values: [
        ['Name', 'Phone', 'Address'],
        ['J. Novak', '+49 30 1234', 'Hauptstr. 1'],
      ],
    };
    expect(recognise(contacts, TEMPLATE_MODULES)?.templateId).not.toBe('training-wide');
  });

  it('training-wide.round-trip: records written back into the wide layout parse to the same records', () => {
    const first = parse(
      sheet([
        ['J. Novak', 'Operator', 'Production', '2026-02-10', '✓'],
        ['A. Yilmaz', '', '', 'R', ''],
      ]),
    );
    const grids = trainingWide.toGrids(first.records);
    const again = parse({ name: SHEET, values: grids[SHEET] ?? [] });
    expect(again.records.map((r) => [r.id, r.hash])).toEqual(first.records.map((r) => [r.id, r.hash]));
    expect(codes(again)).toEqual(codes(first));
  });
});
