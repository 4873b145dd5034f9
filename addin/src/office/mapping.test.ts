// @vitest-environment jsdom
// (DOMParser, for the stand-in's .xlsx decoder.)
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import {
  CAPA_STATUSES,
  MAPPING_PROPERTY,
  capaLog,
  draftMapping,
  mappingFromDraft,
  serialiseSheetMapping,
  validateWorkbook,
  wordsToMap,
  specSheetFor,
  type WorkbookResult,
} from '@qms/templates';
import { readWorkbook, withSheetProperty } from '@qms/templates/xlsx';
import { describe, expect, it } from 'vitest';
import { createExcelPort } from './excel-port.ts';
import { MemoryWorkbook } from '@qms/excel-standin';
import { decodeWorkbookXlsx } from '@qms/excel-standin/xlsx-decode';

const AS_OF = '2026-06-30';
const SHEET = 'Issues';

/** Header words real exports use for each CAPA field, and columns no template knows. */
const HEADERS = {
  capaId: ['ID', 'Item ID', 'Ref', 'Issue key'],
  description: ['Title', 'Summary'],
  dateOpened: ['Created', 'Reported', 'Logged'],
  owner: ['Assigned To', 'Action by'],
  status: ['Status', 'State'],
  dueDate: ['Due Date', 'Deadline'],
} as const;
const EXTRA = ['Modified', 'Created By', 'Attachments'];
const WORDS = ['Active', 'Resolved', 'Waiting', 'Open', 'In progress', 'Cancelled', 'On hold', ''];

type Field = keyof typeof HEADERS;
const FIELDS = Object.keys(HEADERS) as Field[];

const register = fc.record({
  titles: fc.integer({ min: 0, max: 3 }),
  headers: fc.record(
    Object.fromEntries(FIELDS.map((f) => [f, fc.constantFrom(...HEADERS[f])])) as {
      [K in Field]: fc.Arbitrary<string>;
    },
  ),
  extra: fc.subarray(EXTRA),
  order: fc.shuffledSubarray([0, 1, 2, 3, 4, 5, 6, 7, 8], { minLength: 9, maxLength: 9 }),
  rows: fc.array(
    fc.record({
      id: fc.oneof(fc.integer({ min: 1, max: 999 }), fc.stringMatching(/^NC-\d{1,3}$/)),
      description: fc.constantFrom('Label mismatch', 'Gauge overdue', 'Late delivery', ''),
      opened: fc.option(fc.integer({ min: 45_000, max: 46_500 }), { nil: '' }),
      owner: fc.constantFrom('Ana', 'Ben', 'Chloé', ''),
      status: fc.constantFrom(...WORDS),
      due: fc.option(fc.integer({ min: 45_000, max: 46_800 }), { nil: '' }),
    }),
    { minLength: 1, maxLength: 12 },
  ),
  // What the user answers for each word (a template status, or leave it), and optional columns they leave out.
  answers: fc.array(fc.constantFrom(...CAPA_STATUSES, ''), { minLength: WORDS.length, maxLength: WORDS.length }),
  dropped: fc.subarray(['owner', 'dueDate', 'description']),
});

type Register = typeof register extends fc.Arbitrary<infer T> ? T : never;

function grid(r: Register): (string | number)[][] {
  const header = [...FIELDS.map((f) => r.headers[f]), ...r.extra];
  const values = r.rows.map((row) => [
    row.id,
    row.description,
    row.opened,
    row.owner,
    row.status,
    row.due,
    ...r.extra.map(() => 'x'),
  ]);
  const order = r.order.filter((i) => i < header.length);
  const pick = (cells: (string | number)[]) => order.map((i) => cells[i] ?? '');
  return [...Array.from({ length: r.titles }, (_, i) => [`Export line ${i + 1}`]), pick(header), ...values.map(pick)];
}

async function xlsx(rows: (string | number)[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET);
  for (const row of rows) ws.addRow(row.map((v) => (v === '' ? null : v)));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const parse = (xml: string) => new DOMParser().parseFromString(xml, 'application/xml');

/** The parts of a result both paths must agree on: every record and every issue of the mapped sheet. */
const onSheet = (result: WorkbookResult) => ({
  recognised: result.recognised.filter((x) => x.sheet === SHEET),
  records: result.records.filter((x) => x.source.sheet === SHEET),
  issues: result.issues.filter((x) => x.sheet === SHEET),
});

describe('mapping saved by the pane', () => {
  it('is read identically by the CLI: one workbook, both paths, the same records and issues', async () => {
    let withRecords = 0;
    await fc.assert(
      fc.asyncProperty(register, async (r) => {
        const bytes = await xlsx(grid(r));

        // The pane: the workbook open in (the stand-in of) Excel, mapped in the Map columns view's terms, saved.
        const excel = new MemoryWorkbook();
        excel.load(await decodeWorkbookXlsx(base64(bytes), parse));
        const port = createExcelPort(excel.run);
        const { input } = await port.read();
        const sheet = input.sheets.find((s) => s.name === SHEET)!;
        const draft = draftMapping(sheet, capaLog);
        if (typeof draft === 'string') throw new Error(draft);
        const choices = Object.fromEntries(
          draft.fields.map((f) => [f.key, r.dropped.includes(f.key) ? undefined : f.column]),
        );
        const words: Record<string, Record<string, string>> = {};
        for (const w of wordsToMap(
          sheet,
          { ...draft, fields: draft.fields.map((f) => ({ ...f, column: choices[f.key] })) },
          specSheetFor(capaLog, draft.specSheet)!,
        ))
          (words[w.field] ??= {})[w.word] = r.answers[WORDS.indexOf(w.word)] ?? '';
        const mapping = mappingFromDraft(draft, choices, words);
        await port.saveMapping(SHEET, serialiseSheetMapping(mapping));
        const stored = excel.sheet(SHEET)?.props.get(MAPPING_PROPERTY);
        expect(stored).toBe(serialiseSheetMapping(mapping));
        const pane = validateWorkbook((await port.read()).input, { asOf: AS_OF });

        // The CLI: the same file carrying the property the pane stored, read by qms's own reader.
        const mapped = (await withSheetProperty(bytes, SHEET, MAPPING_PROPERTY, stored ?? '')).bytes;
        const cli = validateWorkbook(await readWorkbook(mapped), { asOf: AS_OF });
        expect(onSheet(cli)).toEqual(onSheet(pane));
        if (onSheet(pane).records.length > 0) withRecords++;
        expect(onSheet(pane).recognised).toEqual([expect.objectContaining({ by: 'mapping', templateId: 'capa-log' })]);

        // And back: the file as qms map leaves it, opened in the pane, reads the same again.
        const reopened = new MemoryWorkbook();
        reopened.load(await decodeWorkbookXlsx(base64(mapped), parse));
        const again = validateWorkbook((await createExcelPort(reopened.run).read()).input, { asOf: AS_OF });
        expect(onSheet(again)).toEqual(onSheet(pane));
      }),
      { numRuns: 25 },
    );
    // The property is about records: most generated registers must give some (not only issues).
    expect(withRecords).toBeGreaterThan(12);
  }, 120_000);
});
