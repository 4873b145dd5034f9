import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLAUSES } from '../src/catalogue/iso9001-2015.js';
import type { QmsRecord } from '../src/core/record.js';
import type { ColumnSpec, SheetSpec } from '../src/core/spec.js';
import type { SheetInput } from '../src/core/table.js';
import { parseWorkbook } from '../src/core/workbook.js';
import { TEMPLATE_MODULES, validateWorkbook } from '../src/registry.js';
import { silentDrops } from '@qms/workbook-fixtures/silent-drops';

// Property tests over the whole validator (docs/architecture.md, Templates and records: validation never throws on data).
const AS_OF = '2026-06-30';
const ALL_RECORD_TYPES = [
  'audit-event',
  'capa',
  'cb-quote',
  'gap',
  'kpi',
  'kpi-measurement',
  'management-review',
  'profile',
  'supplier',
  'supplier-criterion',
  'document',
  'training',
].sort();

const allHeaders = TEMPLATE_MODULES.flatMap((m) =>
  m.spec.sheets.flatMap((s) =>
    s.kind === 'table'
      ? s.columns.map((c) => c.header)
      : [s.fieldHeader, s.valueHeader, ...s.fields.map((f) => f.header)],
  ),
);
const allListValues = TEMPLATE_MODULES.flatMap((m) =>
  m.spec.sheets.flatMap((s) => (s.kind === 'table' ? s.columns : s.fields).flatMap((c) => c.list ?? [])),
);
const sheetNames = TEMPLATE_MODULES.flatMap((m) => m.spec.sheets.map((s) => s.name));

/** Anything a cell can hold, in either dialect, including what hurried users paste. */
const anyCell: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom('', null, undefined, '   '), weight: 4 },
  { arbitrary: fc.integer({ min: -1000, max: 3_000_000 }), weight: 2 },
  { arbitrary: fc.double({ noNaN: false }), weight: 1 },
  { arbitrary: fc.boolean(), weight: 1 },
  { arbitrary: fc.date({ min: new Date(-1e13), max: new Date(3e14) }), weight: 1 },
  { arbitrary: fc.constantFrom('#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#SPILL!'), weight: 1 },
  { arbitrary: fc.constantFrom(...allHeaders, ...allListValues), weight: 3 },
  { arbitrary: fc.string({ maxLength: 30 }), weight: 2 },
  {
    arbitrary: fc.constantFrom('03/04/2026', '31 Mar 2026', '2026-02-30', '2026-Q1', '2026-W09', '=1+1', '@x'),
    weight: 1,
  },
  { arbitrary: fc.nat({ max: 40_000 }).map((n) => 'x'.repeat(n)), weight: 1 },
  {
    arbitrary: fc.constantFrom(
      { formula: 'A1', result: 3 },
      { formula: 'B2' },
      { error: '#N/A' },
      { richText: [{ text: 'Open' }] },
      { text: 'link', hyperlink: 'x' },
    ),
    weight: 1,
  },
);

/** A value that usually fits the column, so rules (not just coercion) get exercised. */
function fittingCell(column: ColumnSpec): fc.Arbitrary<unknown> {
  const fit = ((): fc.Arbitrary<unknown> => {
    if (column.key === 'currency') return fc.constantFrom('EUR', 'gbp', 'USD');
    if (column.key === 'clause') return fc.constantFrom(...CLAUSES.map((c) => c.clause));
    if (/Id$/.test(column.key)) return fc.constantFrom('A1', 'A2', 'A3', 'B/1', 'C#2');
    if (column.key === 'period')
      return fc.constantFrom('2026-01', '2026-02', '2026-Q1', '2026-01-01', '2026', '2026-W05');
    if (column.key === 'scope') return fc.constantFrom('all', '4, 5.1-5.3, 9.2', '8.4', '7');
    if (column.key === 'clauses') return fc.constantFrom('7.5, 8.1', '4.3', '8.3.2-8.3.6', '9.2; 10.2', '11.1');
    // Wide training matrix cells hold marks (a date, ✓ done, R required and not done).
    if (/^competence\d$/.test(column.key)) return fc.constantFrom('2026-01-15', '✓', 'R', 'n/a', '', 45000);
    // Audit calendar month cells hold marks (P planned, C/x/✓ completed, a day after the mark).
    if (/^month\d{2}$/.test(column.key)) return fc.constantFrom('P', 'C', 'x', '✓', 'C 14', 'P 3', '', '');
    switch (column.type) {
      case 'list':
        return fc.constantFrom(...(column.list ?? ['']));
      case 'date':
        return fc.oneof(
          fc.integer({ min: 45000, max: 46500 }),
          fc.constantFrom('2026-01-15', '2026-05-31', '2027-02-01'),
        );
      case 'integer':
        return fc.integer({ min: column.min ?? 0, max: column.max ?? 50 });
      case 'number':
        return fc.integer({ min: column.min ?? 0, max: column.max ?? 100 });
      case 'yesno':
        return fc.constantFrom('Yes', 'No');
      default:
        return fc.string({ minLength: 1, maxLength: 12 });
    }
  })();
  return fc.oneof({ arbitrary: fit, weight: 8 }, { arbitrary: anyCell, weight: 1 });
}

function specSheetGrid(spec: SheetSpec): fc.Arbitrary<unknown[][]> {
  if (spec.kind === 'fields') {
    return fc
      .tuple(...spec.fields.map((f) => fittingCell(f)))
      .map((values) => [
        ['Title row'],
        [spec.fieldHeader, spec.valueHeader],
        ...spec.fields.map((f, i) => [f.header, values[i]]),
      ]);
  }
  const row = fc.tuple(...spec.columns.map((c) => fittingCell(c)));
  return fc
    .array(fc.oneof({ arbitrary: row, weight: 6 }, { arbitrary: fc.constant(spec.columns.map(() => '')), weight: 1 }), {
      maxLength: 12,
    })
    .map((rows) => [['Brand'], [], spec.columns.map((c) => c.header), ...rows]);
}

/** The plainest value that fits the column: row `n` of a hand-filled template. */
function plainCell(column: ColumnSpec, n: number): unknown {
  if (column.key === 'currency') return 'EUR';
  if (column.key === 'clause') return CLAUSES[n]?.clause ?? '4.1';
  if (/Id$/.test(column.key)) return `A${n + 1}`;
  if (column.key === 'period') return '2026-01';
  if (column.key === 'frequency') return 'Monthly';
  if (column.key === 'scope') return 'all';
  if (column.key === 'clauses') return '7.5, 8.1';
  if (/^competence\d$/.test(column.key)) return n % 2 === 0 ? '2026-01-15' : '✓';
  if (/^month\d{2}$/.test(column.key)) return n % 2 === 0 ? 'P' : '';
  // One row per listed criterion, weights totalling 100.
  if (column.key === 'criterion') return column.list?.[n] ?? `Criterion ${n + 1}`;
  if (column.key === 'weightPct') return 25;
  // One chosen certification body, none of them our consultant (either would be an error on a plain sheet).
  if (column.key === 'chosen') return n === 0 ? 'Yes' : '';
  if (column.key === 'consultancyToUs') return 'No';
  switch (column.type) {
    case 'list':
      return column.list?.[0] ?? '';
    case 'date':
      return '2026-01-15';
    case 'integer':
    case 'number':
      return Math.max(column.min ?? 1, 1);
    case 'yesno':
      return 'Yes';
    default:
      return `Text ${n + 1}`;
  }
}

/**
 * Every template filled by hand with four plain rows: run first by every property, so the round trip is checked for
 * every record type on every run rather than only when the random workbooks happen to produce one.
 */
const plainWorkbook: SheetInput[] = TEMPLATE_MODULES.flatMap((m) =>
  m.spec.sheets.map((spec) => ({
    name: spec.name,
    values:
      spec.kind === 'fields'
        ? [[spec.fieldHeader, spec.valueHeader], ...spec.fields.map((f) => [f.header, plainCell(f, 0)])]
        : [spec.columns.map((c) => c.header), ...[0, 1, 2, 3].map((n) => spec.columns.map((c) => plainCell(c, n)))],
  })),
);

const randomGrid = fc.array(fc.array(anyCell, { maxLength: 14 }), { maxLength: 24 });
const origin = fc.record({ row: fc.integer({ min: 1, max: 6 }), column: fc.integer({ min: 1, max: 6 }) });

const templateSheet: fc.Arbitrary<SheetInput> = fc
  .constantFrom(...TEMPLATE_MODULES.flatMap((m) => m.spec.sheets))
  .chain((spec) => fc.record({ name: fc.constant(spec.name), values: specSheetGrid(spec), origin }));
const junkSheet: fc.Arbitrary<SheetInput> = fc.record({
  name: fc.oneof(fc.constantFrom(...sheetNames), fc.string({ minLength: 1, maxLength: 31 })),
  values: randomGrid,
  origin,
});
/** Every sheet of one template, so cross-sheet rules (KPI measurements → definitions) produce records too. */
const wholeTemplate: fc.Arbitrary<SheetInput[]> = fc
  .constantFrom(...TEMPLATE_MODULES)
  .chain((m) =>
    fc.tuple(
      ...m.spec.sheets.map((spec) => fc.record({ name: fc.constant(spec.name), values: specSheetGrid(spec), origin })),
    ),
  );
const workbook = fc
  .tuple(wholeTemplate, fc.array(fc.oneof(templateSheet, junkSheet), { maxLength: 4 }))
  .map(([whole, more]) => [...whole, ...more])
  .map((sheets) =>
    sheets.map((s, i) => ({
      ...s,
      name: `${s.name}${sheets.findIndex((o) => o.name === s.name) === i ? '' : ` (${i})`}`,
    })),
  );

function address(a1: string): { row: number; column: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(a1);
  if (!m) throw new Error(`not an A1 address: ${a1}`);
  const column = [...(m[1] as string)].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { row: Number(m[2]), column };
}

const comparable = (records: readonly QmsRecord[]) =>
  records
    .map((r) => ({ type: r.type, id: r.id, data: r.data, hash: r.hash }))
    .sort((a, b) => `${a.type}|${a.id}`.localeCompare(`${b.type}|${b.id}`));

describe('validator properties', () => {
  it('starts from a plain workbook that gives every record type and no errors', () => {
    const result = validateWorkbook({ sheets: plainWorkbook }, { asOf: AS_OF });
    expect(result.issues.filter((i) => i.severity === 'error').map((i) => i.message)).toEqual([]);
    const types = new Set(result.templates.flatMap((t) => t.records.map((r) => r.type)));
    expect([...types].sort()).toEqual(ALL_RECORD_TYPES);
  });

  it('validates any grid without throwing, and no template rule crashes', () => {
    fc.assert(
      fc.property(workbook, (sheets) => {
        const result = validateWorkbook({ sheets }, { asOf: AS_OF });
        expect(result.issues.filter((i) => i.code === 'internal.rules-failed')).toEqual([]);
      }),
      { numRuns: 150, examples: [[plainWorkbook]] },
    );
  });

  it("puts every issue's cell inside its sheet's grid (the header row included) and names it in the message", () => {
    fc.assert(
      fc.property(workbook, (sheets) => {
        const result = validateWorkbook({ sheets }, { asOf: AS_OF });
        for (const issue of result.issues) {
          const sheet = sheets.find((s) => s.name === issue.sheet);
          expect(sheet, `issue on unknown sheet ${issue.sheet}`).toBeDefined();
          if (!sheet) continue;
          const o = sheet.origin ?? { row: 1, column: 1 };
          const height = Math.max(sheet.values.length, 1);
          const width = Math.max(1, ...sheet.values.map((r) => r.length));
          const at = address(issue.address);
          expect(at.row).toBeGreaterThanOrEqual(o.row);
          expect(at.row).toBeLessThan(o.row + height);
          expect(at.column).toBeGreaterThanOrEqual(o.column);
          expect(at.column).toBeLessThan(o.column + width);
          expect(issue.message).toContain(issue.cell);
        }
      }),
      { numRuns: 150, examples: [[plainWorkbook]] },
    );
  });

  it('gives identical records after writing them back into grids through the spec and parsing again', () => {
    const typesSeen = new Set<string>();
    fc.assert(
      fc.property(workbook, (sheets) => {
        const first = validateWorkbook({ sheets }, { asOf: AS_OF });
        for (const template of first.templates) {
          const module = TEMPLATE_MODULES.find((m) => m.spec.id === template.templateId);
          if (!module || template.records.length === 0) continue;
          template.records.forEach((r) => typesSeen.add(r.type));
          const grids = module.toGrids(template.records);
          const again = parseWorkbook(
            { sheets: Object.entries(grids).map(([name, values]) => ({ name, values })) },
            [module],
            { asOf: AS_OF },
          );
          expect(comparable(again.records)).toEqual(comparable(template.records));
        }
      }),
      { numRuns: 150, examples: [[plainWorkbook]] },
    );
    // The property must not hold vacuously: every record type has to have made the trip (the plain workbook that
    // runs first guarantees it; this checks that it still does when the specs change).
    expect([...typesSeen].sort()).toEqual(ALL_RECORD_TYPES);
  });

  it('rows.no-silent-drop: every non-blank row under a recognised header ends as a record or an issue', () => {
    let rowsChecked = 0;
    fc.assert(
      fc.property(workbook, (sheets) => {
        const checked = silentDrops(sheets, validateWorkbook({ sheets }, { asOf: AS_OF }));
        rowsChecked += checked.rowsChecked;
        expect(checked.dropped, 'neither a record nor an issue').toEqual([]);
      }),
      { numRuns: 300 },
    );
    expect(rowsChecked).toBeGreaterThan(100);
  });
});
