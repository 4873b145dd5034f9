import { describe, expect, it } from 'vitest';
import type { SheetInput } from '../core/table.js';
import { parseWorkbook, recognise } from '../core/workbook.js';
import { checkRecordData } from '../schemas.js';
import { supplierEvaluation } from './index.js';
import { supplierScore } from './rules.js';

const HEADER = [
  'Supplier ID',
  'Supplier',
  'Products / services',
  'Criticality',
  'Quality',
  'Delivery',
  'Responsiveness',
  'Cost',
  'Certification',
  'Certificate expiry',
  'Evaluation date',
  'Evaluated by',
  'Score',
  'Status',
  'Next evaluation',
  'Notes',
];
const AS_OF = '2026-06-30';
const SHEET = 'Supplier Evaluation';
const CRITERIA = 'Evaluation Criteria';

type Row = Record<string, unknown>;

const ok: Row = {
  'Supplier ID': 'S-1',
  Supplier: 'Acme Castings',
  Criticality: 'Critical',
  Quality: 4,
  Delivery: 4,
  Responsiveness: 3,
  Cost: 5,
  'Evaluation date': '2026-01-15',
  Status: 'Approved',
  'Next evaluation': '2027-01-15',
};
const tableRows = (rows: Row[], header = HEADER) => rows.map((r) => header.map((h) => r[h] ?? ''));
const block = (weights: [unknown, unknown][]) => [['Criterion', 'Weight (%)'], ...weights];
const DEFAULT_BLOCK: [unknown, unknown][] = [
  ['Quality', 40],
  ['Delivery', 30],
  ['Responsiveness', 15],
  ['Cost', 15],
];

/** Plain layout: a title row and a blank row above the header (row 3); data from row 4; no criteria anywhere. */
function plain(rows: Row[]): SheetInput {
  return { name: SHEET, values: [['Acme Ltd — Supplier Evaluation'], [], HEADER, ...tableRows(rows)] };
}

/** Criteria block above the table: block header row 1, criteria rows 2–5, blank row 6, table header row 7, data from row 8. */
function above(rows: Row[], weights: [unknown, unknown][] = DEFAULT_BLOCK): SheetInput {
  return { name: SHEET, values: [...block(weights), [], HEADER, ...tableRows(rows)] };
}

/** Criteria block beside the table: table A1:P…, block header at R1 (column 18), criteria R2:S5. */
function beside(rows: Row[], weights: [unknown, unknown][] = DEFAULT_BLOCK): SheetInput {
  const left = [HEADER, ...tableRows(rows)];
  const right = block(weights);
  const height = Math.max(left.length, right.length);
  return {
    name: SHEET,
    values: Array.from({ length: height }, (_, i) => [
      ...(left[i] ?? HEADER.map(() => '')),
      '',
      ...(right[i] ?? ['', '']),
    ]),
  };
}

function criteriaSheet(weights: [unknown, unknown][], withDescription = true): SheetInput {
  const header = withDescription ? ['Criterion', 'Weight (%)', 'Description'] : ['Criterion', 'Weight (%)'];
  return {
    name: CRITERIA,
    values: [header, ...weights.map(([c, w]) => (withDescription ? [c, w, `How ${String(c)} is judged`] : [c, w]))],
  };
}

function parse(...sheets: SheetInput[]) {
  return parseWorkbook({ sheets }, [supplierEvaluation], { asOf: AS_OF });
}

const codes = (r: ReturnType<typeof parse>) => r.issues.map((i) => i.code);
const suppliers = (r: ReturnType<typeof parse>) => r.records.filter((x) => x.type === 'supplier');
const criteria = (r: ReturnType<typeof parse>) =>
  r.records.filter((x) => x.type === 'supplier-criterion').map((x) => [x.id, x.data.weightPct]);

describe('supplier-evaluation table rules', () => {
  it('supplier.valid-row: a complete row becomes a supplier record; default criteria become criterion records', () => {
    const r = parse(plain([ok]));
    expect(r.issues).toEqual([]);
    expect(suppliers(r)).toMatchObject([{ id: 'S-1', source: { sheet: SHEET, row: 4 } }]);
    expect(suppliers(r)[0]?.data).toEqual({
      supplierId: 'S-1',
      name: 'Acme Castings',
      criticality: 'Critical',
      quality: 4,
      delivery: 4,
      responsiveness: 3,
      cost: 5,
      evaluationDate: '2026-01-15',
      score: 4,
      status: 'Approved',
      nextEvaluation: '2027-01-15',
    });
    expect(criteria(r)).toEqual([
      ['Quality', 40],
      ['Delivery', 30],
      ['Responsiveness', 15],
      ['Cost', 15],
    ]);
    for (const record of r.records) expect(checkRecordData(record.type, record.data).ok).toBe(true);
  });

  it('supplier.id-required: a blank Supplier ID is an error on its cell', () => {
    const r = parse(plain([{ ...ok, 'Supplier ID': '' }]));
    expect(r.issues).toMatchObject([{ severity: 'error', code: 'cell.required', cell: 'Supplier Evaluation!A4' }]);
    expect(r.issues[0]?.message).toContain('Supplier Evaluation!A4');
    expect(suppliers(r)).toEqual([]);
  });

  it('supplier.id-unique: a repeated Supplier ID is an error on the second row only', () => {
    const r = parse(plain([ok, { ...ok, 'Supplier ID': 's-1' }]));
    expect(r.issues).toMatchObject([{ severity: 'error', code: 'supplier.id-unique', cell: 'Supplier Evaluation!A5' }]);
    expect(r.issues[0]?.message).toContain('Supplier Evaluation!A5');
    expect(r.issues[0]?.message).toContain('row 4');
    expect(suppliers(r)).toHaveLength(1);
    expect(codes(parse(plain([ok, { ...ok, 'Supplier ID': 'S-2' }])))).toEqual([]);
  });

  it('supplier.criticality-list and supplier.status-list: values outside the lists are errors', () => {
    const r = parse(plain([{ ...ok, Criticality: 'Vital', Status: 'Maybe' }]));
    expect(r.issues.map((i) => [i.code, i.cell])).toEqual([
      ['cell.not-in-list', 'Supplier Evaluation!D4'],
      ['cell.not-in-list', 'Supplier Evaluation!N4'],
    ]);
    expect(r.issues[0]?.message).toContain('Supplier Evaluation!D4');
    const good = parse(plain([{ ...ok, Criticality: 'minor', Status: 'not approved' }]));
    expect(good.issues).toEqual([]);
    expect(suppliers(good)[0]?.data).toMatchObject({ criticality: 'Minor', status: 'Not approved' });
  });

  it('supplier.score-range: scores are whole numbers 1–5 (on the default scale)', () => {
    const r = parse(plain([{ ...ok, Quality: 6, Delivery: 0, Responsiveness: 3.5 }]));
    // Out-of-range marks are the scale's own error since marks are read on the declared scale (scale.ts).
    expect(r.issues.map((i) => [i.severity, i.code, i.cell])).toEqual([
      ['error', 'supplier.scale-out-of-range', 'Supplier Evaluation!E4'],
      ['error', 'supplier.scale-out-of-range', 'Supplier Evaluation!F4'],
      ['error', 'cell.not-an-integer', 'Supplier Evaluation!G4'],
    ]);
    expect(r.issues[0]?.message).toContain('Supplier Evaluation!E4');
    expect(suppliers(r)).toEqual([]);
    expect(codes(parse(plain([{ ...ok, Quality: 1, Delivery: 5, Responsiveness: '3' }])))).toEqual([]);
  });

  it('supplier.score-computed: the weighted mean is recomputed, the Score cell (even an error value) is ignored', () => {
    const r = parse(
      plain([
        { ...ok, Score: '#DIV/0!' },
        { ...ok, 'Supplier ID': 'S-2', Score: 1, Quality: 5, Delivery: 3, Responsiveness: 2, Cost: 1 },
      ]),
    );
    expect(r.issues).toEqual([]);
    // 5×40 + 3×30 + 2×15 + 1×15 = 335 → 3.35
    expect(suppliers(r).map((s) => s.data.score)).toEqual([4, 3.35]);
  });

  it('supplier.score-computed: no score until all four criteria are scored', () => {
    const r = parse(plain([{ ...ok, Cost: '' }]));
    expect(r.issues).toEqual([]);
    expect(suppliers(r)[0]?.data).not.toHaveProperty('score');
    expect(
      supplierScore(
        { quality: 3, delivery: 3, responsiveness: 3 },
        { Quality: 40, Delivery: 30, Responsiveness: 15, Cost: 15 },
      ),
    ).toBeUndefined();
  });

  it('supplier.approved-low-score: Approved below 3.0 is a warning on Status, and still a record', () => {
    const low = { ...ok, Quality: 2, Delivery: 2, Responsiveness: 3, Cost: 3 }; // 2.3
    const r = parse(plain([low]));
    expect(r.issues).toMatchObject([
      { severity: 'warning', code: 'supplier.approved-low-score', cell: 'Supplier Evaluation!N4' },
    ]);
    expect(r.issues[0]?.message).toContain('Supplier Evaluation!N4');
    expect(r.issues[0]?.message).toContain('2.3');
    expect(suppliers(r)[0]?.warnings).toHaveLength(1);
    expect(codes(parse(plain([{ ...low, Status: 'Conditional' }])))).toEqual([]);
    expect(codes(parse(plain([{ ...ok, Quality: 3, Delivery: 3, Responsiveness: 3, Cost: 3 }])))).toEqual([]);
  });

  it('supplier.next-evaluation-default: blank Next evaluation is Evaluation date + 12/24/36 months by criticality', () => {
    const r = parse(
      plain([
        { ...ok, 'Next evaluation': '' },
        { ...ok, 'Supplier ID': 'S-2', Criticality: 'Major', 'Next evaluation': '' },
        { ...ok, 'Supplier ID': 'S-3', Criticality: 'Minor', 'Next evaluation': '' },
        { ...ok, 'Supplier ID': 'S-4' },
        { ...ok, 'Supplier ID': 'S-5', 'Evaluation date': '', 'Next evaluation': '' },
      ]),
    );
    expect(r.issues).toEqual([]);
    expect(suppliers(r).map((s) => [s.data.nextEvaluation, s.data.nextEvaluationDefaulted])).toEqual([
      ['2027-01-15', true],
      ['2028-01-15', true],
      ['2029-01-15', true],
      ['2027-01-15', undefined],
      [undefined, undefined],
    ]);
  });

  it('supplier.next-after-evaluation: Next evaluation before Evaluation date is an error', () => {
    const r = parse(plain([{ ...ok, 'Next evaluation': '2026-01-14' }]));
    expect(r.issues).toMatchObject([
      { severity: 'error', code: 'supplier.next-after-evaluation', cell: 'Supplier Evaluation!O4' },
    ]);
    expect(r.issues[0]?.message).toContain('Supplier Evaluation!O4');
    expect(suppliers(r)).toEqual([]);
    expect(codes(parse(plain([{ ...ok, 'Next evaluation': '2026-07-01' }])))).toEqual([]);
  });

  it('supplier.reevaluation-overdue: a given or defaulted Next evaluation before the as-of date is a warning', () => {
    const given = parse(plain([{ ...ok, 'Next evaluation': '2026-06-29' }]));
    expect(given.issues).toMatchObject([
      { severity: 'warning', code: 'supplier.reevaluation-overdue', cell: 'Supplier Evaluation!O4' },
    ]);
    expect(given.issues[0]?.message).toContain('Supplier Evaluation!O4');
    expect(given.issues[0]?.message).toMatch(/re-evaluation overdue/i);
    const defaulted = parse(plain([{ ...ok, 'Evaluation date': '2025-03-01', 'Next evaluation': '' }]));
    expect(defaulted.issues).toMatchObject([{ code: 'supplier.reevaluation-overdue', cell: 'Supplier Evaluation!O4' }]);
    expect(suppliers(defaulted)[0]?.data).toMatchObject({
      nextEvaluation: '2026-03-01',
      nextEvaluationDefaulted: true,
    });
    expect(codes(parse(plain([{ ...ok, 'Next evaluation': AS_OF }])))).toEqual([]);
  });

  it('supplier.certificate-expired: an expiry before the as-of date is a warning on its cell', () => {
    const r = parse(plain([{ ...ok, Certification: 'ISO 9001', 'Certificate expiry': '2026-06-01' }]));
    expect(r.issues).toMatchObject([
      { severity: 'warning', code: 'supplier.certificate-expired', cell: 'Supplier Evaluation!J4' },
    ]);
    expect(r.issues[0]?.message).toContain('Supplier Evaluation!J4');
    expect(codes(parse(plain([{ ...ok, 'Certificate expiry': '2027-06-01' }])))).toEqual([]);
  });
});

describe('supplier-evaluation criteria', () => {
  const custom: [unknown, unknown][] = [
    ['Quality', 50],
    ['Delivery', 20],
    ['Responsiveness', 15],
    ['Cost', 15],
  ];
  // 4×50 + 4×20 + 3×15 + 5×15 = 400 → 4.0; with all scores distinct the weights show: 5,1,2,3 → 250+20+30+45 = 3.45
  const distinct = { ...ok, Quality: 5, Delivery: 1, Responsiveness: 2, Cost: 3 };

  it('supplier.criteria-above: a block above the table sets the weights; the table is still found below it', () => {
    const r = parse(above([distinct], custom));
    expect(r.issues).toEqual([]);
    expect(suppliers(r)).toMatchObject([{ source: { row: 8 }, data: { score: 3.45 } }]);
    expect(criteria(r)).toEqual(custom);
    expect(r.records.find((x) => x.id === 'Delivery')?.source).toEqual({ sheet: SHEET, row: 3 });
  });

  it('supplier.criteria-beside: a block beside the table sets the weights', () => {
    const r = parse(beside([distinct, { ...distinct, 'Supplier ID': 'S-2' }], custom));
    expect(r.issues).toEqual([]);
    expect(suppliers(r).map((s) => s.data.score)).toEqual([3.45, 3.45]);
    expect(criteria(r)).toEqual(custom);
  });

  it('supplier.criteria-sheet: criteria on their own sheet, recognised by header or by marker', () => {
    const r = parse(plain([distinct]), criteriaSheet(custom));
    expect(r.issues).toEqual([]);
    expect(suppliers(r)[0]?.data.score).toBe(3.45);
    expect(r.records.find((x) => x.id === 'Quality')?.data).toEqual({
      criterion: 'Quality',
      weightPct: 50,
      description: 'How Quality is judged',
    });
    const marked = parse(plain([distinct]), {
      ...criteriaSheet(custom, false),
      marker: 'supplier-evaluation@1:Evaluation Criteria',
    });
    expect(marked.issues).toEqual([]);
    expect(suppliers(marked)[0]?.data.score).toBe(3.45);
  });

  it('supplier.criteria-default: with no block and no criteria sheet the default weights apply', () => {
    const r = parse(plain([distinct]));
    expect(r.issues).toEqual([]);
    // 5×40 + 1×30 + 2×15 + 3×15 = 305
    expect(suppliers(r)[0]?.data.score).toBe(3.05);
    expect(r.records.filter((x) => x.type === 'supplier-criterion')).toHaveLength(4);
  });

  it('supplier.criterion-known: a criterion outside Quality, Delivery, Responsiveness, Cost is an error on its cell', () => {
    const r = parse(
      above(
        [ok],
        [
          ['Quality', 40],
          ['Price', 30],
          ['Responsiveness', 15],
          ['Cost', 15],
        ],
      ),
    );
    expect(r.issues).toMatchObject([{ severity: 'error', code: 'cell.not-in-list', cell: 'Supplier Evaluation!A3' }]);
    expect(r.issues[0]?.message).toContain('Supplier Evaluation!A3');
    // Criteria in error: no criterion records and no scores, but the suppliers are still records.
    expect(criteria(r)).toEqual([]);
    expect(suppliers(r)[0]?.data).not.toHaveProperty('score');
    // Any spelling of a listed criterion is fine and stored canonically.
    const good = parse(
      above(
        [ok],
        [
          ['QUALITY', 40],
          ['delivery', 30],
          ['Responsiveness', 15],
          ['cost', 15],
        ],
      ),
    );
    expect(good.issues).toEqual([]);
    expect(criteria(good).map(([c]) => c)).toEqual(['Quality', 'Delivery', 'Responsiveness', 'Cost']);
  });

  it('supplier.criterion-unique: a criterion listed twice is an error on the second', () => {
    const r = parse(
      above(
        [ok],
        [
          ['Quality', 40],
          ['Delivery', 30],
          ['Quality', 15],
          ['Cost', 15],
        ],
      ),
    );
    expect(r.issues.map((i) => [i.code, i.cell])).toEqual([['supplier.criterion-unique', 'Supplier Evaluation!A4']]);
    expect(r.issues[0]?.message).toContain('Supplier Evaluation!A4');
    expect(codes(parse(above([ok], DEFAULT_BLOCK)))).toEqual([]);
  });

  it('supplier.criteria-complete: a missing criterion is an error on the block header', () => {
    const r = parse(
      above(
        [ok],
        [
          ['Quality', 55],
          ['Delivery', 30],
          ['Cost', 15],
        ],
      ),
    );
    expect(r.issues).toMatchObject([
      { severity: 'error', code: 'supplier.criteria-complete', cell: 'Supplier Evaluation!A1' },
    ]);
    expect(r.issues[0]?.message).toContain('Supplier Evaluation!A1');
    expect(r.issues[0]?.message).toContain('Responsiveness');
    expect(
      codes(
        parse(
          above(
            [ok],
            [
              ['Quality', 55],
              ['Delivery', 30],
              ['Cost', 15],
              ['Responsiveness', 0],
            ],
          ),
        ),
      ),
    ).toEqual([]);
  });

  it('supplier.weights-total-100: weights not adding up to 100 are an error on each weight cell', () => {
    const r = parse(
      above(
        [ok],
        [
          ['Quality', 40],
          ['Delivery', 30],
          ['Responsiveness', 15],
          ['Cost', 10],
        ],
      ),
    );
    expect(r.issues.map((i) => [i.severity, i.code, i.cell])).toEqual(
      ['B2', 'B3', 'B4', 'B5'].map((c) => ['error', 'supplier.weights-total-100', `Supplier Evaluation!${c}`]),
    );
    expect(r.issues[0]?.message).toContain('Supplier Evaluation!B2');
    expect(r.issues[0]?.message).toContain('95');
    expect(criteria(r)).toEqual([]);
    expect(suppliers(r)[0]?.data).not.toHaveProperty('score');
    // The same on a criteria sheet.
    const sheet = parse(
      plain([ok]),
      criteriaSheet([
        ['Quality', 40],
        ['Delivery', 40],
        ['Responsiveness', 15],
        ['Cost', 15],
      ]),
    );
    expect(sheet.issues.map((i) => i.cell)).toEqual(['B2', 'B3', 'B4', 'B5'].map((c) => `Evaluation Criteria!${c}`));
    // Fractional percentages that add up to 100 pass.
    expect(
      codes(
        parse(
          above(
            [ok],
            [
              ['Quality', 33.4],
              ['Delivery', 33.3],
              ['Responsiveness', 16.65],
              ['Cost', 16.65],
            ],
          ),
        ),
      ),
    ).toEqual([]);
  });

  it('supplier.weights-fraction: 0.4 / 0.3 / 0.15 / 0.15 (a %-formatted block) is scaled to percent; mixed scales are not', () => {
    const r = parse(
      above(
        [distinct],
        [
          ['Quality', 0.5],
          ['Delivery', 0.2],
          ['Responsiveness', 0.15],
          ['Cost', 0.15],
        ],
      ),
    );
    expect(r.issues).toEqual([]);
    expect(criteria(r)).toEqual(custom);
    expect(suppliers(r)[0]?.data.score).toBe(3.45);
    const mixed = parse(
      above(
        [ok],
        [
          ['Quality', 0.4],
          ['Delivery', 30],
          ['Responsiveness', 15],
          ['Cost', 15],
        ],
      ),
    );
    expect(codes(mixed)).toEqual(Array(4).fill('supplier.weights-total-100'));
  });

  it('supplier.criteria-total-row: a closing Total row ends the block and is not a criterion', () => {
    const withTotal = [...DEFAULT_BLOCK, ['Total', 100]] as [unknown, unknown][];
    expect(parse(above([ok], withTotal)).issues).toEqual([]);
    const sheet = parse(plain([ok]), criteriaSheet(withTotal));
    expect(sheet.issues).toEqual([]);
    expect(criteria(sheet)).toHaveLength(4);
  });

  it('supplier.criteria-empty: a criteria sheet with a header and no rows is an error, not the defaults', () => {
    const r = parse(plain([ok]), criteriaSheet([]));
    expect(r.issues).toMatchObject([
      { severity: 'error', code: 'supplier.criteria-empty', cell: 'Evaluation Criteria!A1' },
    ]);
    expect(r.issues[0]?.message).toContain('Evaluation Criteria!A1');
    expect(criteria(r)).toEqual([]);
    expect(codes(parse(plain([ok]), criteriaSheet(DEFAULT_BLOCK)))).toEqual([]);
  });

  it('supplier.criteria-twice: a block and a criteria sheet together: the block wins, the sheet gets a warning', () => {
    const r = parse(above([distinct], custom), criteriaSheet(DEFAULT_BLOCK));
    expect(r.issues).toMatchObject([
      { severity: 'warning', code: 'supplier.criteria-twice', cell: 'Evaluation Criteria!A1' },
    ]);
    expect(r.issues[0]?.message).toContain('Evaluation Criteria!A1');
    expect(criteria(r)).toEqual(custom);
    expect(suppliers(r)[0]?.data.score).toBe(3.45);
    expect(codes(parse(plain([distinct]), criteriaSheet(custom)))).toEqual([]);
  });
});

describe('supplier-evaluation recognition and round trip', () => {
  const minimalHeader = [
    'Supplier ID',
    'Supplier',
    'Criticality',
    'Quality',
    'Delivery',
    'Responsiveness',
    'Cost',
    'Status',
  ];

  it('recognition picks the supplier table, not the criteria spec, for a supplier sheet with a criteria block', () => {
    const minimalAbove: SheetInput = {
      name: 'Suppliers',
      values: [...block(DEFAULT_BLOCK), [], minimalHeader, ...tableRows([ok], minimalHeader)],
    };
    expect(recognise(minimalAbove, [supplierEvaluation])).toMatchObject({ specSheet: SHEET, by: 'header' });
    expect(recognise({ ...beside([ok]), name: 'Vendors' }, [supplierEvaluation])).toMatchObject({
      specSheet: SHEET,
      by: 'header',
    });
    expect(recognise({ ...criteriaSheet(DEFAULT_BLOCK), name: 'Weights' }, [supplierEvaluation])).toMatchObject({
      specSheet: CRITERIA,
      by: 'header',
    });
    const r = parse(minimalAbove);
    expect(r.issues).toEqual([]);
    expect(suppliers(r)[0]?.data.score).toBe(4);
  });

  it('supplier.block-with-description: a three-column block on the supplier sheet still reads the supplier table', () => {
    const values = [
      ['Criterion', 'Description', 'Weight (%)'],
      ...DEFAULT_BLOCK.map(([c, w]) => [c, 'x', w]),
      [],
      minimalHeader,
      ...tableRows([ok], minimalHeader),
    ];
    const r = parse({ name: 'Suppliers', values });
    expect(r.issues).toEqual([]);
    expect(suppliers(r)).toMatchObject([{ id: 'S-1', source: { sheet: 'Suppliers', row: 8 }, data: { score: 4 } }]);
    expect(r.records.find((x) => x.id === 'Cost')?.data).toEqual({
      criterion: 'Cost',
      weightPct: 15,
      description: 'x',
    });
  });

  it('supplier.round-trip: records → grids → parse gives identical records (block, fractions, defaulted dates)', () => {
    const first = parse(
      above(
        [
          { ...ok, 'Next evaluation': '' },
          {
            ...ok,
            'Supplier ID': 'S-2',
            Quality: 1,
            Status: 'Approved',
            'Certificate expiry': '2025-01-01',
            Score: '#N/A',
          },
          { ...ok, 'Supplier ID': 'S-3', Cost: '', Notes: 'new supplier' },
        ],
        [
          ['Quality', 0.5],
          ['Delivery', 0.2],
          ['Responsiveness', 0.15],
          ['Cost', 0.15],
        ],
      ),
    );
    expect(codes(first)).toEqual(['supplier.approved-low-score', 'supplier.certificate-expired']);
    const grids = supplierEvaluation.toGrids(first.records);
    expect(Object.keys(grids)).toEqual([SHEET, CRITERIA]);
    const again = parseWorkbook(
      { sheets: Object.entries(grids).map(([name, values]) => ({ name, values })) },
      [supplierEvaluation],
      { asOf: AS_OF },
    );
    const comparable = (rs: typeof first.records) =>
      rs.map((r) => ({ type: r.type, id: r.id, data: r.data, hash: r.hash }));
    expect(comparable(again.records)).toEqual(comparable(first.records));
    expect(codes(again)).toEqual(codes(first));
  });

  it('supplier.round-trip: criteria in error survive the trip as "no criteria records, no scores"', () => {
    const first = parse(
      above(
        [ok],
        [
          ['Quality', 40],
          ['Delivery', 40],
          ['Responsiveness', 15],
          ['Cost', 15],
        ],
      ),
    );
    const again = parseWorkbook(
      { sheets: Object.entries(supplierEvaluation.toGrids(first.records)).map(([name, values]) => ({ name, values })) },
      [supplierEvaluation],
      { asOf: AS_OF },
    );
    expect(again.records.map((r) => [r.type, r.id, r.hash])).toEqual(first.records.map((r) => [r.type, r.id, r.hash]));
    expect(codes(again)).toEqual(['supplier.criteria-empty']);
  });
});

describe('supplier-evaluation scales (the criteria block declares 1–5, 1–10 or percent)', () => {
  const marks = (r: ReturnType<typeof parse>) =>
    suppliers(r).map((s) => [s.data.quality, s.data.delivery, s.data.responsiveness, s.data.cost, s.data.score]);
  const withScale = (value: unknown, label = 'Scale'): [unknown, unknown][] => [...DEFAULT_BLOCK, [label, value]];
  // On 1–10: 10 → 5, 7 → 3.67, 1 → 1, 5 → 2.78; 5×40 + 3.67×30 + 1×15 + 2.78×15 = 366.8 → 3.67.
  const tenths = { ...ok, Quality: 10, Delivery: 7, Responsiveness: 1, Cost: 5 };
  const TENTHS = [5, 3.67, 1, 2.78, 3.67];

  it('supplier.scale-declared: "Scale | 1-10" in the block converts each mark to 1–5 and says so once, at the first score header', () => {
    // Block rows 1–5, Scale row 6, blank row 7, table header row 8, data from row 9.
    const r = parse(above([tenths], withScale('1-10')));
    expect(r.issues.map((i) => [i.severity, i.code, i.cell])).toEqual([
      ['info', 'supplier.scale-declared', 'Supplier Evaluation!E8'],
    ]);
    expect(r.issues[0]?.message).toBe(
      "Supplier Evaluation!E8: Quality, Delivery, Responsiveness, Cost marks are on the 1–10 scale declared at Supplier Evaluation!B6; each is converted to the template's 1–5 as 1 + (mark − 1) × 4 / 9 (1 → 1, 10 → 5, e.g. 7 → 3.67); records and Score hold the converted marks",
    );
    expect(marks(r)).toEqual([TENTHS]);
    // The Scale row is a declaration, not a criterion.
    expect(criteria(r)).toEqual(DEFAULT_BLOCK);
    for (const record of r.records) expect(checkRecordData(record.type, record.data).ok).toBe(true);
  });

  it('supplier.scale-declared: spellings, the one-cell form, below the Total row and on the criteria sheet', () => {
    for (const value of ['1-10', '1 to 10', '1–10', 'out of 10', 10, '1-10 points', '/10']) {
      expect(marks(parse(above([tenths], withScale(value)))), String(value)).toEqual([TENTHS]);
    }
    expect(marks(parse(above([tenths], withScale('', 'Scale: 1-10'))))).toEqual([TENTHS]);
    expect(marks(parse(above([tenths], withScale('1-10', 'Rating scale'))))).toEqual([TENTHS]);
    const belowTotal = parse(above([tenths], [...DEFAULT_BLOCK, ['Total', 100], ['Scale', '1-10']]));
    expect(belowTotal.issues.map((i) => i.message)).toEqual([
      expect.stringContaining('declared at Supplier Evaluation!B7'),
    ]);
    expect(marks(belowTotal)).toEqual([TENTHS]);
    const sheet = parse(plain([tenths]), criteriaSheet(withScale('1-10')));
    expect(sheet.issues.map((i) => [i.code, i.cell])).toEqual([['supplier.scale-declared', 'Supplier Evaluation!E3']]);
    expect(sheet.issues[0]?.message).toContain('declared at Evaluation Criteria!B6');
    expect(marks(sheet)).toEqual([TENTHS]);
    expect(criteria(sheet)).toEqual(DEFAULT_BLOCK);
    // Declaring the default changes nothing and says nothing.
    const five = parse(above([ok], withScale('1-5')));
    expect(five.issues).toEqual([]);
    expect(marks(five)).toEqual([[4, 4, 3, 5, 4]]);
  });

  it('supplier.scale-declared: percent: 0 % → 1, 100 % → 5 linearly; 80, 0.8 and "80%" all mean 80 %', () => {
    const rows = [
      { ...ok, Quality: 80, Delivery: 0.8, Responsiveness: '80%', Cost: 100 },
      // 0 → 1; 50 → 3; "0.5%" (a % sign: the number is the percentage) → 1.02; 1 (no % sign: a fraction) → 100 % → 5.
      { ...ok, 'Supplier ID': 'S-2', Quality: 0, Delivery: 50, Responsiveness: '0.5%', Cost: 1, Status: 'Conditional' },
    ];
    const r = parse(above(rows, withScale('Percent')));
    expect(r.issues.map((i) => [i.severity, i.code, i.cell])).toEqual([
      ['info', 'supplier.scale-declared', 'Supplier Evaluation!E8'],
    ]);
    expect(r.issues[0]?.message).toContain('on the Percent scale declared at Supplier Evaluation!B6');
    expect(r.issues[0]?.message).toContain('1 + percentage × 4 / 100 (0 % → 1, 100 % → 5');
    expect(r.issues[0]?.message).toContain('80, 0.8 and "80%" all mean 80 %');
    // 4.2×85 + 5×15 = 432 → 4.32; 1×40 + 3×30 + 1.02×15 + 5×15 = 220.3 → 2.2
    expect(marks(r)).toEqual([
      [4.2, 4.2, 4.2, 5, 4.32],
      [1, 3, 1.02, 5, 2.2],
    ]);
    for (const value of ['%', 'percentage', '0-100 %', 'out of 100', 100]) {
      expect(marks(parse(above([rows[0] ?? ok], withScale(value)))), String(value)).toEqual([[4.2, 4.2, 4.2, 5, 4.32]]);
    }
  });

  it('supplier.scale-out-of-range: a mark off the declared scale is an error naming the cell, the scale and the fix', () => {
    const r = parse(above([{ ...ok, Quality: 11, Delivery: 0, Responsiveness: 7.5, Cost: '80%' }], withScale('1-10')));
    expect(r.issues.map((i) => [i.severity, i.code, i.cell])).toEqual([
      ['info', 'supplier.scale-declared', 'Supplier Evaluation!E8'],
      ['error', 'supplier.scale-out-of-range', 'Supplier Evaluation!E9'],
      ['error', 'supplier.scale-out-of-range', 'Supplier Evaluation!F9'],
      ['error', 'cell.not-an-integer', 'Supplier Evaluation!G9'],
      ['error', 'supplier.scale-out-of-range', 'Supplier Evaluation!H9'],
    ]);
    expect(r.issues[1]?.message).toBe(
      'Supplier Evaluation!E9: Quality is 11, which is not on the 1–10 scale declared at Supplier Evaluation!B6 (whole numbers 1 to 10); correct the mark, or change the Scale at Supplier Evaluation!B6 if the marks are on another scale',
    );
    expect(r.issues[3]?.message).toContain(
      'whole number on the 1–10 scale declared at Supplier Evaluation!B6, not 7.5',
    );
    expect(r.issues[4]?.message).toContain('Cost is "80%", a percentage');
    expect(r.issues[4]?.message).toContain('head the column "Cost %"');
    expect(suppliers(r)).toEqual([]);
    const pct = parse(above([{ ...ok, Quality: 120, Delivery: -5 }], withScale('%')));
    expect(pct.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.cell])).toEqual([
      ['supplier.scale-out-of-range', 'Supplier Evaluation!E9'],
      ['supplier.scale-out-of-range', 'Supplier Evaluation!F9'],
    ]);
    expect(pct.issues[1]?.message).toContain(
      'Supplier Evaluation!E9: Quality is 120, which is not a percentage from 0 to 100 (Percent is declared at Supplier Evaluation!B6)',
    );
    const declaredFive = parse(above([{ ...ok, Quality: 7 }], withScale('1-5')));
    expect(declaredFive.issues[0]?.message).toContain('not on the 1–5 scale declared at Supplier Evaluation!B6');
  });

  it('supplier.scale-never-guessed: with no declaration 1–5 applies, whatever the marks look like', () => {
    // All marks ≤ 5 are taken on 1–5 as typed; a 7 is an error, not a hint that the sheet is on 1–10.
    const low = { ...ok, Quality: 3, Delivery: 4, Responsiveness: 5, Cost: 2 };
    const r = parse(
      plain([low, { ...ok, 'Supplier ID': 'S-2', Quality: 7 }, { ...ok, 'Supplier ID': 'S-3', Cost: 50 }]),
    );
    expect(r.issues.map((i) => [i.severity, i.code, i.cell])).toEqual([
      ['error', 'supplier.scale-out-of-range', 'Supplier Evaluation!E5'],
      ['error', 'supplier.scale-out-of-range', 'Supplier Evaluation!H6'],
    ]);
    expect(r.issues[0]?.message).toBe(
      "Supplier Evaluation!E5: Quality is 7, which is not on the default 1–5 scale (whole numbers 1 to 5); correct the mark, or declare 'Scale: 1-10' in the criteria block if you score out of 10",
    );
    expect(r.issues[1]?.message).toContain(
      `declare 'Scale: Percent' in the criteria block (or head the column "Cost %")`,
    );
    // 3×40 + 4×30 + 5×15 + 2×15 = 345
    expect(marks(r)).toEqual([[3, 4, 5, 2, 3.45]]);
    // Declared 1–10, the same low marks are low: 5 of 10 is 2.78, never 5 (1.89×40 + 2.33×30 + 2.78×15 + 1.44×15 = 208.8).
    expect(marks(parse(above([low], withScale('1-10'))))).toEqual([[1.89, 2.33, 2.78, 1.44, 2.09]]);
    const half = { ...ok, Quality: 5, Delivery: 5, Responsiveness: 5, Cost: 5, Status: 'Conditional' };
    expect(marks(parse(above([half], withScale('1-10'))))).toEqual([[2.78, 2.78, 2.78, 2.78, 2.78]]);
    // A supplier at 50 % is 3 of 5, not 5.0.
    const fifty = { ...ok, Quality: 50, Delivery: 50, Responsiveness: 50, Cost: 50 };
    expect(marks(parse(above([fifty], withScale('Percent'))))).toEqual([[3, 3, 3, 3, 3]]);
  });

  it('supplier.percent-columns: "Quality %" and "Cost (%)" are read as percentages of their criterion, not ignored', () => {
    const header = HEADER.map((h) => (h === 'Quality' ? 'Quality %' : h === 'Cost' ? 'Cost (%)' : h));
    const row = { ...ok, 'Quality %': 80, Delivery: 3, Responsiveness: 4, 'Cost (%)': 0.5 };
    const sheet = (rows: Row[], above: unknown[][] = [['Acme Ltd'], []]): SheetInput => ({
      name: SHEET,
      values: [...above, header, ...tableRows(rows, header)],
    });
    const r = parse(sheet([row]));
    expect(r.issues.map((i) => [i.severity, i.code, i.cell])).toEqual([
      ['info', 'supplier.percent-columns', 'Supplier Evaluation!E3'],
    ]);
    expect(r.issues[0]?.message).toContain(
      'Supplier Evaluation!E3: "Quality %" (E3), "Cost (%)" (H3) are read as percentages because their headers say %; each mark is converted',
    );
    // 4.2×40 + 3×30 + 4×15 + 3×15 = 363
    expect(marks(r)).toEqual([[4.2, 3, 4, 3, 3.63]]);
    expect(parse(sheet([{ ...row, 'Quality %': 120 }])).issues[1]).toMatchObject({
      code: 'supplier.scale-out-of-range',
      cell: 'Supplier Evaluation!E4',
      message: expect.stringContaining('not a percentage from 0 to 100 (the column header says %)'),
    });
    // Beside a declared 1–10, a % header still means percent; each conversion is named once.
    const tens = { ...row, Delivery: 7, Responsiveness: 10 };
    const mixed = parse(sheet([tens], [...block(withScale('1-10')), []]));
    expect(mixed.issues.map((i) => [i.code, i.cell])).toEqual([
      ['supplier.scale-declared', 'Supplier Evaluation!F8'],
      ['supplier.percent-columns', 'Supplier Evaluation!E8'],
    ]);
    expect(mixed.issues[0]?.message).toContain('Delivery, Responsiveness marks are on the 1–10 scale');
    // 4.2×40 + 3.67×30 + 5×15 + 3×15 = 398.1
    expect(marks(mixed)).toEqual([[4.2, 3.67, 5, 3, 3.98]]);
  });

  it('supplier.scale-unknown: an unreadable Scale is an error on its cell; rows with marks are not read, never guessed', () => {
    const noMarks = { ...ok, 'Supplier ID': 'S-2', Quality: '', Delivery: '', Responsiveness: '', Cost: '' };
    const r = parse(above([ok, noMarks], withScale('0-10')));
    expect(r.issues).toMatchObject([
      { severity: 'error', code: 'supplier.scale-unknown', cell: 'Supplier Evaluation!B6' },
    ]);
    expect(r.issues[0]?.message).toBe(
      'Supplier Evaluation!B6: Scale is "0-10", which is not a scale the template reads; write 1-5 (the default), 1-10 or Percent; until then supplier rows with marks are not read',
    );
    expect(suppliers(r).map((s) => s.id)).toEqual(['S-2']);
    // The weights are fine, so the criteria still stand.
    expect(criteria(r)).toEqual(DEFAULT_BLOCK);
    // Excel turns a typed 1-10 into a date: the message says so.
    const date = parse(above([ok], withScale(new Date(Date.UTC(2026, 9, 1)))));
    expect(date.issues[0]?.message).toContain('Excel turned what was typed into a date');
    expect(parse(above([ok], withScale(''))).issues[0]?.message).toContain('Scale is blank');
  });

  it('supplier.scale-twice: two Scale rows that disagree are an error on the second', () => {
    const r = parse(above([ok], [...withScale('1-10'), ['Scale', 'Percent']]));
    expect(r.issues).toMatchObject([
      { severity: 'error', code: 'supplier.scale-twice', cell: 'Supplier Evaluation!B7' },
    ]);
    expect(r.issues[0]?.message).toContain('first at Supplier Evaluation!B6');
    expect(suppliers(r)).toEqual([]);
    const same = parse(above([tenths], [...withScale('1-10'), ['Scale', 'out of 10']]));
    expect(codes(same)).toEqual(['supplier.scale-declared']);
  });

  it('supplier.round-trip: converted marks are written back as percentages under "Scale: Percent" and read back the same', () => {
    const other = {
      ...ok,
      'Supplier ID': 'S-2',
      Quality: 1,
      Delivery: 10,
      Responsiveness: 2,
      Cost: 3,
      Status: 'Conditional',
    };
    const first = parse(above([tenths, other], withScale('1-10')));
    expect(codes(first)).toEqual(['supplier.scale-declared']);
    const grids = supplierEvaluation.toGrids(first.records);
    expect(grids[CRITERIA]?.at(-1)).toEqual(['Scale', 'Percent']);
    expect(grids[SHEET]?.[1]?.slice(4, 8)).toEqual(['100%', '66.75%', '0%', '44.5%']);
    const again = parseWorkbook(
      { sheets: Object.entries(grids).map(([name, values]) => ({ name, values })) },
      [supplierEvaluation],
      { asOf: AS_OF },
    );
    expect(again.records.map((r) => [r.type, r.id, r.data, r.hash])).toEqual(
      first.records.map((r) => [r.type, r.id, r.data, r.hash]),
    );
    expect(codes(again)).toEqual(['supplier.scale-declared']);
  });
});

describe('supplier-evaluation: registers in other words (habit corpus)', () => {
  it('supplier.aliases: Spanish headers and words (Código proveedor, Criticidad: Crítico, Calidad … Coste, Estado) are read', () => {
    const values = [
      [
        'Código proveedor',
        'Proveedor',
        'Criticidad',
        'Calidad',
        'Entrega',
        'Capacidad de respuesta',
        'Coste',
        'Fecha de evaluación',
        'Estado',
      ],
      ['P-001', 'Aceros del Norte', 'Crítico', 5, 4, 4, 3, '2026-01-20', 'Aprobado'],
      ['P-003', 'Transportes Ruiz', 'Menor', 4, 5, 4, 4, '2026-03-02', 'Aprobado'],
    ];
    const r = parseWorkbook({ sheets: [{ name: 'Proveedores', values }] }, [supplierEvaluation], { asOf: AS_OF });
    expect(r.recognised.map((x) => x.templateId)).toEqual(['supplier-evaluation']);
    const suppliers = r.records.filter((x) => x.type === 'supplier');
    expect(suppliers.map((x) => [x.id, x.data.criticality, x.data.quality, x.data.cost, x.data.status])).toEqual([
      ['P-001', 'Critical', 5, 3, 'Approved'],
      ['P-003', 'Minor', 4, 4, 'Approved'],
    ]);
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
    // The criticality words are default readings, said once each with their count.
    expect(r.issues.filter((i) => i.code === 'cell.default-reading').map((i) => i.cell)).toContain('Proveedores!C2');
  });
});
