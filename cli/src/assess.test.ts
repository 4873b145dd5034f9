import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Assessment } from '@qms/engine';
import { readWorkbook } from '@qms/templates/xlsx';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from './main.js';
import { CSV_ALL_SHEETS, csvFields, sofficeConvert } from './shared/libreoffice.js';
import { memoryIo } from './shared/memory-io.js';
import { writeSampleWorkbook } from '@qms/workbook-fixtures/sample-workbook';

const NOW = new Date(Date.UTC(2026, 5, 30, 9, 0, 0));
const AS_OF = '2026-06-30';
let dir: string;

async function run(...argv: string[]) {
  const io = memoryIo(dir, NOW);
  const code = await main(['assess', ...argv], io);
  return { code, out: io.out(), err: io.err() };
}

interface AssessJson {
  asOf: string;
  validation: { errors: number; warnings: number; issues: { cell: string; severity: string }[] };
  assessment: Assessment;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qms-assess-'));
  // User text that looks like formulas, in fields the summary sheet shows.
  await writeSampleWorkbook(join(dir, 'client.xlsx'), { organizationName: '=1+1', certificationBody: '@SUM(A1)' });
  await writeSampleWorkbook(join(dir, 'with-error.xlsx'), { withError: true });
  await writeSampleWorkbook(join(dir, 'certified.xlsx'), { certified: true });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('qms assess', () => {
  it('R-TIME-7: a workbook with a completed internal audit, management review and Stage 1 gets those dates from records', async () => {
    const r = await run('client.xlsx', '--as-of', AS_OF, '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as AssessJson;
    expect(json.validation.errors).toBe(0);
    const a = json.assessment;
    expect(a.organization).toBe('=1+1');
    // Two partial clauses keep every group over 80 %, every gate passes and Stage 1 is done.
    expect(a.verdict.value).toBe('Ready for Stage 2');
    const source = Object.fromEntries(a.timeline.milestones.map((m) => [m.id, [m.source, m.p50.value]]));
    expect(source['internal-audit']).toEqual(['records', '2026-05-20']);
    expect(source['management-review']).toEqual(['records', '2026-06-10']);
    expect(source['stage-1']).toEqual(['records', '2026-06-20']);
    expect(source['stage-2']?.[0]).toBe('estimate');
    expect(a.auditDays?.sampledSites.initial.value).toBe(2);
  });

  it('R-CYCLE-1: a certified workbook reports surveillance and recertification due dates', async () => {
    const r = await run('certified.xlsx', '--as-of', AS_OF, '--json');
    const a = (JSON.parse(r.out) as AssessJson).assessment;
    expect(a.verdict.value).toBe('Certified');
    expect(a.cycle?.due.map((d) => [d.audit, d.due.value, d.overdue])).toEqual([
      ['Surveillance 1', '2027-06-25', false],
      ['Surveillance 2', '2028-06-25', false],
      ['Recertification', '2029-06-25', false],
    ]);
    const text = await run('certified.xlsx', '--as-of', AS_OF);
    expect(text.out).toContain('Surveillance 1   due 2027-06-25');
  });

  it('R-CLI-1: exit 1 when the workbook has validation errors, and still reports the assessment', async () => {
    const r = await run('with-error.xlsx', '--as-of', AS_OF, '--json');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out) as AssessJson;
    expect(json.validation.errors).toBeGreaterThan(0);
    expect(json.validation.issues.some((i) => i.cell.startsWith('CAPA Log!'))).toBe(true);
    expect(json.assessment.readiness.overall.value).toBeGreaterThan(0);
    const text = await run('with-error.xlsx', '--as-of', AS_OF);
    expect(text.code).toBe(1);
    expect(text.out).toMatch(/Validation: [1-9]\d* error/);
    expect(text.out).toContain('Readiness:');
  });

  it.each([
    [[], 'name the .xlsx file'],
    [['missing.xlsx'], 'missing.xlsx: no such file'],
    [['client.xlsx', '--as-of', '30/06/2026'], '--as-of "30/06/2026"'],
    [['client.xlsx', '--summary', 'out.csv'], '--summary must name the new .xlsx file to write'],
    [['macros.xlsm', '--summary', 'out.xlsx'], 'macros.xlsm holds macros, which only an .xlsm keeps'],
    [['client.xlsx', '--summary', 'client.xlsx'], '--summary must name a new file'],
    [['client.xlsx', '--sumary', 'x.xlsx'], "'--sumary'"],
  ])('R-CLI-1: exit 2 with a message naming the flag or file for %j', async (argv, message) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });

  describe('R-CLI-2: --summary, read back by LibreOffice', () => {
    let json: AssessJson;
    let csv: string[][];

    beforeAll(async () => {
      const r = await run('client.xlsx', '--as-of', AS_OF, '--json', '--summary', 'summary.xlsx');
      expect(r.code).toBe(0);
      json = JSON.parse(r.out) as AssessJson;
      await sofficeConvert({
        profileDir: join(dir, 'lo-profile'),
        target: CSV_ALL_SHEETS,
        outDir: join(dir, 'csv'),
        files: [join(dir, 'summary.xlsx')],
      });
      const text = await readFile(join(dir, 'csv', 'summary-QMS Readiness.csv'), 'utf8');
      csv = text.split(/\r?\n/).map(csvFields);
    }, 180_000);

    /** The label's cell and the cells to its right (the dashboard has two panels, so a label may stand in H). */
    const row = (label: string) => {
      for (const r of csv) {
        const i = r.indexOf(label);
        if (i >= 0) return r.slice(i);
      }
      return [];
    };

    it('R-SUM-1: the sheet reads back the same numbers as --json', () => {
      const a = json.assessment;
      expect(Number(row('Overall readiness (%)')[1])).toBe(a.readiness.overall.value);
      expect(row('Verdict')[1]).toBe(a.verdict.value);
      expect(row('As of')[1]).toBe(AS_OF);
      expect(row('Generated')[1]).toBe(NOW.toISOString());
      for (const g of a.readiness.groups) {
        expect(Number(csv.find((r) => r[0]?.startsWith(`${g.group} `))?.[1])).toBe(g.score.value);
      }
      for (const m of a.timeline.milestones) expect(row(m.name).slice(1, 3)).toEqual([m.p50.value, m.p80.value]);
      expect(Number(row('Slack vs target (weeks)')[1])).toBe(a.timeline.target?.slackWeeksP50.value);
      expect(Number(row('Initial audit (Stage 1 + Stage 2)')[1])).toBe(a.auditDays?.initial.value);
      expect(Number(row('Surveillance (each year)')[1])).toBe(a.auditDays?.surveillance.value);
      const total = a.cost?.threeYearTotal.value;
      // Money in whole units (the sheet's currency format shows no decimals, so the values carry none).
      expect(row('3-year total').slice(1, 4).map(Number)).toEqual(
        [total?.low, total?.likely, total?.high].map((v) => Math.round(v ?? NaN)),
      );
      for (const line of a.cost?.lines ?? [])
        expect(Number(row(line.label)[2])).toBe(Math.round(line.amount.value?.likely ?? NaN));
      for (const g of a.gates) expect(row(`${g.id} ${g.name}`)[1]).toBe(g.passed ? 'Pass' : 'Fail');
    });

    it('R-SUM-1: user text such as =1+1 and @SUM(A1) stays text, never a formula', async () => {
      expect(row('Organization')[1]).toBe('=1+1');
      expect(row('G10 Certification body')[3]).toContain('@SUM(A1)');
      const workbook = new ExcelJS.Workbook();
      const bytes = await readFile(join(dir, 'summary.xlsx'));
      await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
      const sheet = workbook.getWorksheet('QMS Readiness');
      expect(sheet).toBeDefined();
      let cells = 0;
      sheet?.eachRow((r) =>
        r.eachCell((cell) => {
          cells += 1;
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        }),
      );
      expect(cells).toBeGreaterThan(50);
      // The copy keeps the original sheets; the source file is untouched.
      expect(workbook.worksheets.map((s) => s.name)).toContain('Gap Analysis');
      const source = new ExcelJS.Workbook();
      const original = await readFile(join(dir, 'client.xlsx'));
      await source.xlsx.load(original.buffer.slice(original.byteOffset, original.byteOffset + original.byteLength));
      expect(source.getWorksheet('QMS Readiness')).toBeUndefined();
    });

    it('R-SUM-1: the copy assesses the same as the original (the summary sheet is no template)', async () => {
      const again = await run('summary.xlsx', '--as-of', AS_OF, '--json');
      expect(again.code).toBe(0);
      const a = (JSON.parse(again.out) as AssessJson).assessment;
      expect(a.readiness.overall.value).toBe(json.assessment.readiness.overall.value);
      expect(a.timeline.milestones).toEqual(json.assessment.timeline.milestones);
    });
  });

  describe('R-SUM-3: a workbook that already has a summary sheet', () => {
    it('is refused unless --replace-summary, naming what would be lost', async () => {
      expect((await run('client.xlsx', '--as-of', AS_OF, '--summary', 'first.xlsx')).code).toBe(0);
      const again = await run('first.xlsx', '--as-of', AS_OF, '--summary', 'second.xlsx');
      expect(again.code).toBe(2);
      expect(again.err).toContain('first.xlsx already has a "QMS Readiness" sheet; add --replace-summary');
      expect(again.err).toContain('what stands below its "Notes" row is kept');
      await expect(readFile(join(dir, 'second.xlsx'))).rejects.toThrow(/ENOENT/);
      const lone = await run('client.xlsx', '--replace-summary');
      expect(lone.code).toBe(2);
      expect(lone.err).toContain('--replace-summary goes with --summary');
    });

    it('with --replace-summary is replaced, keeping what a manager wrote below its Notes row', async () => {
      expect((await run('client.xlsx', '--as-of', AS_OF, '--summary', 'noted.xlsx')).code).toBe(0);
      // A manager types two notes under the Notes row (ExcelJS stands in for Excel here; the file is a test's own).
      const wb = new ExcelJS.Workbook();
      const bytes = await readFile(join(dir, 'noted.xlsx'));
      await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
      const sheet = wb.getWorksheet('QMS Readiness');
      let marker = 0;
      sheet?.eachRow((r, n) => {
        if (r.getCell(1).value === 'Notes') marker = n;
      });
      expect(marker).toBeGreaterThan(20);
      sheet!.getCell(marker + 1, 1).value = 'Board wants the CAPA plan by March';
      sheet!.getCell(marker + 3, 2).value = 'Ask Nordmark for a Stage 1 date';
      await wb.xlsx.writeFile(join(dir, 'noted-edited.xlsx'));

      const r = await run('noted-edited.xlsx', '--as-of', AS_OF, '--summary', 'renewed.xlsx', '--replace-summary');
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const copy = await readWorkbook(new Uint8Array(await readFile(join(dir, 'renewed.xlsx'))));
      const summaries = copy.sheets.filter((s) => s.name === 'QMS Readiness');
      expect(summaries).toHaveLength(1);
      const values = summaries[0]?.values ?? [];
      const at = values.findIndex((row) => row[0] === 'Notes');
      expect(at).toBeGreaterThan(20);
      expect(values[at + 1]?.[0]).toBe('Board wants the CAPA plan by March');
      expect(values[at + 3]?.[1]).toBe('Ask Nordmark for a Stage 1 date');
    });
  });

  it('R-SUM-1: the summary copy of a workbook with template markers keeps them', async () => {
    const demo = join(import.meta.dirname, '..', '..', 'examples', 'demo-manufacturer.xlsx');
    const out = join(dir, 'demo-summary.xlsx');
    const r = await run(demo, '--as-of', '2026-11-24', '--summary', out);
    expect(r.code).toBe(0);
    const copy = await readWorkbook(new Uint8Array(await readFile(out)));
    const original = await readWorkbook(new Uint8Array(await readFile(demo)));
    expect(copy.templates).toEqual(original.templates);
    const markers = (input: typeof copy) =>
      Object.fromEntries(input.sheets.filter((x) => x.marker).map((x) => [x.name, x.marker]));
    expect(markers(copy)).toEqual(markers(original));
    expect(Object.keys(markers(copy)).length).toBeGreaterThanOrEqual(7);
  });
});
