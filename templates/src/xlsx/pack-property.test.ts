import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SheetInput } from '../core/table.js';
import { parseWorkbook } from '../core/workbook.js';
import { packParseModules } from '../packs/modules.js';
import { checkPack } from '../packs/rules.js';
import type { ExtraColumn, PackInput } from '../packs/schema.js';
import { buildPackFiles } from './pack-build.js';
import { readWorkbook } from './read.js';

/** Templates with one valid row each, typed as a user would (by header), so a built file can be filled and parsed. */
const VALID_ROWS: Record<string, { header: string; row: Record<string, unknown> }> = {
  'capa-log': {
    header: 'CAPA ID',
    row: { 'CAPA ID': 'C-1', 'Date opened': '2026-01-10', Status: 'Open', 'Due date': '2026-12-31' },
  },
  'audit-programme': {
    header: 'Event ID',
    row: {
      'Event ID': 'IA-1',
      Type: 'Internal audit',
      'Scope / clauses': 'all',
      'Planned date': '2026-03-01',
      Status: 'Planned',
    },
  },
  'document-register': { header: 'Doc ID', row: { 'Doc ID': 'QM-01', Title: 'Quality manual', Status: 'Draft' } },
  'supplier-evaluation': {
    header: 'Supplier ID',
    row: { 'Supplier ID': 'S-1', Supplier: 'Bolt Ltd', Criticality: 'Minor', Status: 'Pending' },
  },
};

const word = fc.stringMatching(/^[A-Z][a-z]{2,9}$/);
const header = fc
  .tuple(fc.constantFrom('Client', 'Consultant', 'Pack', 'Local', 'Extra'), word)
  .map(([a, b]) => `${a} ${b}`);
const column = (i: number): fc.Arbitrary<ExtraColumn> =>
  fc
    .record({
      header,
      type: fc.constantFrom('text', 'number', 'date', 'list' as const),
      list: fc.uniqueArray(word, { minLength: 1, maxLength: 5, selector: (w) => w.toLowerCase() }),
      required: fc.boolean(),
    })
    .map(({ header: h, type, list, required }) => ({
      key: `x${i}`,
      header: h,
      type,
      required,
      ...(type === 'list' ? { list } : {}),
    }));
const columns = fc
  .integer({ min: 1, max: 4 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => column(i))));
const PRODUCT = [
  ['Quality', 'quality'],
  ['Delivery', 'delivery'],
  ['Responsiveness', 'responsiveness'],
  ['Cost', 'cost'],
] as const;
type Criteria = NonNullable<PackInput['supplierCriteria']>;
/**
 * The supplier criteria a pack may give: the product's four, each maybe renamed (by its key), then up to two of the
 * pack's own, in a shuffled order, with whole weights that total 100.
 */
const criteriaArb: fc.Arbitrary<Criteria> = fc
  .record({
    renames: fc.tuple(...PRODUCT.map(() => fc.option(word, { nil: undefined }))),
    added: fc.uniqueArray(word, { maxLength: 2, selector: (w) => w.toLowerCase() }),
    cuts: fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { minLength: 5, maxLength: 5 }),
  })
  .chain(({ renames, added, cuts }) => {
    const own = PRODUCT.map(([name, key], i) => {
      const rename = renames[i];
      return rename === undefined ? { criterion: name } : { criterion: `Scored ${rename}`, key };
    });
    const extra = added.map((w, i) => ({ criterion: `Rated ${w}`, key: `c${i}` }));
    const all = [...own, ...extra];
    // n − 1 cut points of 0..100 give n weights that total 100.
    const points = [0, ...cuts.slice(0, all.length - 1).sort((a, b) => a - b), 100];
    const weighted = all.map((c, i) => ({ ...c, weightPct: (points[i + 1] ?? 100) - (points[i] ?? 0) }));
    return fc.shuffledSubarray(weighted, { minLength: weighted.length, maxLength: weighted.length });
  });
const packArb: fc.Arbitrary<PackInput> = fc
  .tuple(fc.subarray(Object.keys(VALID_ROWS), { minLength: 1 }), fc.integer({ min: 1, max: 99 }))
  .chain(([templates, version]) =>
    fc
      .tuple(fc.tuple(...templates.map(() => columns)), fc.option(criteriaArb, { nil: undefined }))
      .map(([cols, criteria]) => ({
        id: 'prop-pack',
        version,
        title: 'Property pack',
        templates,
        columns: Object.fromEntries(templates.map((t, i) => [t, cols[i] ?? []])),
        ...(criteria && templates.includes('supplier-evaluation') ? { supplierCriteria: criteria } : {}),
      })),
  );

/** A mark for the i-th criterion, 1 to 5. */
const markOf = (i: number) => (i % 5) + 1;
/** The key a criterion's mark is kept under: its own, or the product criterion's it names. */
const keyOf = (c: Criteria[number]) => c.key ?? PRODUCT.find(([name]) => name === c.criterion)?.[1] ?? c.criterion;
const isAdded = (c: Criteria[number]) => !PRODUCT.some(([, key]) => key === keyOf(c));

/** A value each type accepts, and what the record should hold for it. */
function sample(c: ExtraColumn): { typed: unknown; stored: string | number } {
  if (c.type === 'number') return { typed: 42.5, stored: 42.5 };
  if (c.type === 'date') return { typed: '31 Mar 2026', stored: '2026-03-31' };
  if (c.type === 'list') return { typed: (c.list?.[0] ?? '').toUpperCase(), stored: c.list?.[0] ?? '' };
  return { typed: 'some text', stored: 'some text' };
}

function fill(
  sheet: SheetInput,
  headerText: string,
  row: Record<string, unknown>,
): { sheet: SheetInput; headers: unknown[] } {
  const values = sheet.values.map((r) => [...r]);
  const at = values.findIndex((r) => r.includes(headerText));
  const headers = values[at] ?? [];
  values[at + 1] = headers.map((h) => (typeof h === 'string' && h in row ? row[h] : null));
  return { sheet: { ...sheet, values }, headers };
}

describe("packs.property: any pack that passes its schema builds files whose parse gives back the pack's columns", () => {
  it("each extra column is in the built header row, after the template's own, and its typed value comes back in extra; each supplier criterion has its score column and is weighed", async () => {
    let checkedFiles = 0;
    let checkedCriteria = 0;
    await fc.assert(
      fc.asyncProperty(packArb, async (input) => {
        const checked = checkPack(input);
        fc.pre(checked.ok);
        if (!checked.ok) return;
        const pack = checked.pack;
        const files = await buildPackFiles(pack);
        for (const id of pack.templates) {
          const extras = pack.columns[id] ?? [];
          const bytes = files.find((f) => f.file.file === `${id}.xlsx`)?.bytes;
          expect(bytes, id).toBeDefined();
          const workbook = await readWorkbook(bytes ?? new Uint8Array());
          expect(workbook.pack).toEqual({ id: pack.id, version: pack.version });
          const valid = VALID_ROWS[id];
          if (!valid) continue;
          const criteria = id === 'supplier-evaluation' ? (pack.supplierCriteria ?? []) : [];
          const row = {
            ...valid.row,
            ...Object.fromEntries(extras.map((c) => [c.header, sample(c).typed])),
            ...Object.fromEntries(criteria.map((c, i) => [c.criterion, markOf(i)])),
          };
          const { sheet, headers } = fill(workbook.sheets[0] as SheetInput, valid.header, row);
          const texts = headers.filter((h): h is string => typeof h === 'string');
          expect(texts.slice(-extras.length)).toEqual(extras.map((c) => c.header));
          // The criteria's score columns, under the pack's names and in its order, after Criticality.
          if (criteria.length > 0)
            expect(texts.slice(4, 4 + criteria.length)).toEqual(criteria.map((c) => c.criterion));
          const result = parseWorkbook({ ...workbook, sheets: [sheet] }, packParseModules(pack), {
            asOf: '2026-06-30',
          });
          // The one filled row gives the one record of the sheet's own type (criteria records come from the block).
          const record = result.records.find((r) => r.type !== 'supplier-criterion');
          expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
          expect(record?.data.extra).toEqual(
            extras.length + criteria.filter(isAdded).length === 0
              ? undefined
              : {
                  ...Object.fromEntries(criteria.flatMap((c, i) => (isAdded(c) ? [[keyOf(c), markOf(i)]] : []))),
                  ...Object.fromEntries(extras.map((c) => [c.key, sample(c).stored])),
                },
          );
          if (criteria.length > 0) {
            // A product criterion's mark is its field, renamed or not; the score weighs every criterion.
            for (const [i, c] of criteria.entries())
              if (!isAdded(c)) expect(record?.data[keyOf(c)], c.criterion).toBe(markOf(i));
            const total = criteria.reduce((sum, c, i) => sum + markOf(i) * c.weightPct, 0);
            expect(record?.data.score).toBe(Math.round(total) / 100);
            const names = result.records.filter((r) => r.type === 'supplier-criterion').map((r) => r.data.criterion);
            expect(names).toEqual(criteria.map((c) => c.criterion));
            checkedCriteria += 1;
          }
          checkedFiles += 1;
        }
      }),
      { numRuns: 25 },
    );
    // The precondition must not have skipped the runs: at least one file per run was built, filled and parsed.
    expect(checkedFiles).toBeGreaterThanOrEqual(25);
    // And packs with their own supplier criteria were among them (about two runs in five have them).
    expect(checkedCriteria).toBeGreaterThan(0);
  }, 120_000);
});
