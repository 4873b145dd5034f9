import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Issue } from '../../src/core/issues.js';
import { validateWorkbook } from '../../src/registry.js';
import { silentDrops } from '@qms/workbook-fixtures/silent-drops';
import { readWorkbook } from '../../src/xlsx/index.js';

/**
 * The habit corpus (templates/habits/, issue 10): registers as organisations really keep them, one habit per
 * workbook, written by ExcelJS, LibreOffice and openpyxl, with what a careful reviewer expects of each in
 * expected.json (template per sheet, records per type, the cells that should carry errors). This reads every file
 * with the package's own reader and validator, prints one report, and holds the corpus to the issue's goals.
 */
const HABITS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'habits');

type Writer = 'exceljs' | 'libreoffice' | 'openpyxl';

interface ExpectedError {
  /** Bare A1 address on the sheet. */
  cell: string;
  /** Words the error's message must hold (the value it should suggest, the value it quotes). */
  says?: string;
}

interface ExpectedSheet {
  sheet: string;
  /** The template id the sheet should be recognised as, or "unrecognised". */
  template: string;
  /** Records expected from this sheet, per record type. */
  records?: Record<string, number>;
  /** The cells that should carry an error: true errors a reviewer wants, nothing else. */
  errors: ExpectedError[];
  /**
   * What the records should hold, as `type.field` → the field's value in each record of that type, in sheet order
   * (null where the record has none): the user's words read as what they mean, not merely some record per row.
   */
  values?: Record<string, (string | number | boolean | null)[]>;
}

interface HabitEntry {
  file: string;
  writer: Writer;
  madeBy: string;
  habit: string;
  note?: string;
  sheets: ExpectedSheet[];
}

const expected = JSON.parse(readFileSync(join(HABITS_DIR, 'expected.json'), 'utf8')) as {
  asOf: string;
  files: HabitEntry[];
};

interface SheetOutcome {
  file: string;
  sheet: string;
  expectedTemplate: string;
  gotTemplate: string;
  recordsExpected: number;
  /** Records got, counted up to the number expected per type (extra records are not credit). */
  recordsGot: number;
  falseErrors: Issue[];
  missedErrors: ExpectedError[];
  /** `type.field` expectations the records do not meet, each with what they hold instead. */
  wrongValues: string[];
}

interface FileOutcome {
  entry: HabitEntry;
  sheets: SheetOutcome[];
  /** Sheets the file holds that expected.json does not list. */
  unlisted: string[];
  drops: string[];
}

async function evaluate(entry: HabitEntry): Promise<FileOutcome> {
  const input = await readWorkbook(new Uint8Array(readFileSync(join(HABITS_DIR, entry.file))));
  const result = validateWorkbook(input, { asOf: expected.asOf });
  const sheets = entry.sheets.map((want): SheetOutcome => {
    const got = result.recognised.find((r) => r.sheet === want.sheet)?.templateId ?? 'unrecognised';
    const records = result.records.filter((r) => r.source.sheet === want.sheet);
    const byType = Object.entries(want.records ?? {});
    const errors = result.issues.filter((i) => i.sheet === want.sheet && i.severity === 'error');
    const wanted = new Set(want.errors.map((e) => e.cell));
    return {
      file: entry.file,
      sheet: want.sheet,
      expectedTemplate: want.template,
      gotTemplate: got,
      recordsExpected: byType.reduce((n, [, count]) => n + count, 0),
      recordsGot: byType.reduce(
        (n, [type, count]) => n + Math.min(count, records.filter((r) => r.type === type).length),
        0,
      ),
      falseErrors: errors.filter((i) => !wanted.has(i.address)),
      missedErrors: want.errors.filter(
        (e) => !errors.some((i) => i.address === e.cell && (e.says === undefined || i.message.includes(e.says))),
      ),
      wrongValues: Object.entries(want.values ?? {}).flatMap(([path, values]) => {
        const [type, field] = path.split('.') as [string, string];
        const held = records.filter((r) => r.type === type).map((r) => comparable(r.data[field]));
        return JSON.stringify(held) === JSON.stringify(values.map(comparable))
          ? []
          : [`${path} ${JSON.stringify(held)}, want ${JSON.stringify(values)}`];
      }),
    };
  });
  const listed = new Set(entry.sheets.map((s) => s.sheet));
  const unlisted = input.sheets.map((s) => s.name).filter((n) => !listed.has(n));
  return { entry, sheets, unlisted, drops: silentDrops(input.sheets, result).dropped };
}

/** Numbers to two decimals (scores converted between scales), absent fields as null. */
function comparable(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return typeof value === 'number' ? Math.round(value * 100) / 100 : value;
}

const pct = (n: number, d: number) => (d === 0 ? '100.0 %' : `${((100 * n) / d).toFixed(1)} %`);

function report(outcomes: readonly FileOutcome[]): string {
  const rows = outcomes.flatMap((o) =>
    o.sheets.map((s) => [
      s.file,
      s.sheet,
      s.gotTemplate === s.expectedTemplate ? `ok ${s.gotTemplate}` : `NO ${s.gotTemplate} (want ${s.expectedTemplate})`,
      `${s.recordsGot}/${s.recordsExpected}`,
      s.falseErrors.map((i) => i.address).join(' ') || '-',
      s.missedErrors.map((e) => e.cell).join(' ') || '-',
      s.wrongValues.length.toString(),
      o.drops.filter((d) => d.startsWith(`${s.sheet}:`) || d.startsWith(`${s.sheet}!`)).length.toString(),
    ]),
  );
  const head = [
    'file',
    'sheet',
    'recognised',
    'records',
    'false errors',
    'missed errors',
    'wrong values',
    'silent drops',
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ');
  const all = outcomes.flatMap((o) => o.sheets);
  const recognised = all.filter((s) => s.gotTemplate === s.expectedTemplate).length;
  const got = all.reduce((n, s) => n + s.recordsGot, 0);
  const want = all.reduce((n, s) => n + s.recordsExpected, 0);
  const falseErrors = all.flatMap((s) => s.falseErrors);
  const missed = all.reduce((n, s) => n + s.missedErrors.length, 0);
  const expectedErrors = outcomes.reduce((n, o) => n + o.entry.sheets.reduce((m, s) => m + s.errors.length, 0), 0);
  const drops = outcomes.flatMap((o) => o.drops);
  const wrong = all.flatMap((s) => s.wrongValues.map((w) => `${s.file} ${s.sheet}: ${w}`));
  const checked = outcomes.reduce(
    (n, o) => n + o.entry.sheets.reduce((m, s) => m + Object.keys(s.values ?? {}).length, 0),
    0,
  );
  return [
    `Habit corpus: ${outcomes.length} workbooks, ${all.length} sheets, writers ${[...new Set(outcomes.map((o) => o.entry.writer))].join(', ')}`,
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    `recognition rate      ${recognised}/${all.length} sheets (${pct(recognised, all.length)})`,
    `records got/expected  ${got}/${want} (${pct(got, want)})`,
    `false errors          ${falseErrors.length}${falseErrors.length ? `: ${falseErrors.map((i) => i.message).join(' || ')}` : ''}`,
    `missed errors         ${missed} of ${expectedErrors} expected error cells`,
    `wrong values          ${wrong.length} of ${checked} field expectations${wrong.length ? `: ${wrong.join(' || ')}` : ''}`,
    `silent drops          ${drops.length}${drops.length ? `: ${drops.join(', ')}` : ''}`,
  ].join('\n');
}

/** The program that wrote a package, by the fingerprints each leaves in docProps (app.xml, core.xml). */
async function writerOf(bytes: Uint8Array): Promise<Writer | 'unknown'> {
  const zip = await JSZip.loadAsync(bytes);
  const app = (await zip.file('docProps/app.xml')?.async('string')) ?? '';
  const core = (await zip.file('docProps/core.xml')?.async('string')) ?? '';
  const application = /<Application>([^<]*)<\/Application>/.exec(app)?.[1] ?? '';
  if (application.startsWith('LibreOffice')) return 'libreoffice';
  // openpyxl: Application "Microsoft Excel" with its own AppVersion 3.0, no vector parts, creator "openpyxl".
  if (/<AppVersion>3\.0<\/AppVersion>/.test(app) && !app.includes('HeadingPairs') && />openpyxl</.test(core))
    return 'openpyxl';
  // ExcelJS: Application "Microsoft Excel", empty Company and Manager elements, its fixed AppVersion 16.0300, and the
  // creator our generator sets (Excel itself writes <Company/> and its own build's version).
  if (
    application === 'Microsoft Excel' &&
    app.includes('<Company></Company><Manager></Manager>') &&
    app.includes('<AppVersion>16.0300</AppVersion>') &&
    />habits</.test(core)
  )
    return 'exceljs';
  return 'unknown';
}

describe('habits: registers as organisations keep them (templates/habits/)', () => {
  it('habits.manifest: expected.json lists every workbook in the folder, 30 or more, from three writers, each made by a script beside it', () => {
    const names = readdirSync(HABITS_DIR);
    const onDisk = names.filter((f) => /\.xlsx$/.test(f));
    expect(expected.files.map((e) => e.file).sort()).toEqual(onDisk.sort());
    expect(expected.files.length).toBeGreaterThanOrEqual(30);
    expect(new Set(expected.files.map((e) => e.writer))).toEqual(new Set(['exceljs', 'libreoffice', 'openpyxl']));
    for (const e of expected.files) {
      expect(names).toContain(e.madeBy);
      expect(e.file.startsWith(`${e.writer}-`), e.file).toBe(true);
      expect(e.sheets.length, e.file).toBeGreaterThan(0);
    }
  });

  it.each(expected.files.map((e) => [e.file, e.writer] as const))(
    'habits.writer: %s was written by %s (docProps)',
    async (file, writer) => {
      expect(await writerOf(new Uint8Array(readFileSync(join(HABITS_DIR, file))))).toBe(writer);
    },
  );

  describe('the recognition report', () => {
    let outcomes: FileOutcome[] = [];
    beforeAll(async () => {
      outcomes = await Promise.all(expected.files.map(evaluate));
      console.log(report(outcomes));
    });

    it('expected.json names every sheet of every workbook', () => {
      expect(outcomes.flatMap((o) => o.unlisted.map((s) => `${o.entry.file}: ${s}`))).toEqual([]);
    });

    it('habits.records: at least 95 % of the records a reviewer expects are read', () => {
      const all = outcomes.flatMap((o) => o.sheets);
      const got = all.reduce((n, s) => n + s.recordsGot, 0);
      const want = all.reduce((n, s) => n + s.recordsExpected, 0);
      expect(want).toBeGreaterThan(100);
      expect(got / want).toBeGreaterThanOrEqual(0.95);
    });

    it('habits.false-errors: at most one error in the whole corpus on a cell a reviewer would not flag', () => {
      const falseErrors = outcomes.flatMap((o) => o.sheets.flatMap((s) => s.falseErrors.map((i) => i.message)));
      expect(falseErrors.length, falseErrors.join('\n')).toBeLessThanOrEqual(1);
    });

    it('rows.no-silent-drop / sheets.no-silent-drop: no row and no sheet of the corpus vanishes without a word', () => {
      expect(outcomes.flatMap((o) => o.drops.map((d) => `${o.entry.file}: ${d}`))).toEqual([]);
    });

    it('habits.recognition: every sheet is recognised as the template a reviewer expects (or not at all, when it is no register)', () => {
      const wrong = outcomes.flatMap((o) =>
        o.sheets
          .filter((s) => s.gotTemplate !== s.expectedTemplate)
          .map((s) => `${s.file} ${s.sheet}: ${s.gotTemplate}, want ${s.expectedTemplate}`),
      );
      expect(wrong).toEqual([]);
    });

    it("habits.values: the records hold what the cells mean (the user's words read as their values, scales converted)", () => {
      expect(
        outcomes.flatMap((o) => o.sheets.flatMap((s) => s.wrongValues.map((w) => `${s.file} ${s.sheet}: ${w}`))),
      ).toEqual([]);
    });

    it('habits.expected-errors: every error a reviewer expects is given, on its cell, saying what it should', () => {
      const missed = outcomes.flatMap((o) =>
        o.sheets.flatMap((s) =>
          s.missedErrors.map((e) => `${s.file} ${s.sheet}!${e.cell}${e.says ? ` (${e.says})` : ''}`),
        ),
      );
      expect(missed).toEqual([]);
    });
  });
});
