import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Assessment } from '@qms/engine';
import { addDays, validateWorkbook } from '@qms/templates';
import { readWorkbook } from '@qms/templates/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from './main.js';
import type { CheckReport } from './shared/check-report.js';
import { memoryIo } from './shared/memory-io.js';

// The generator lives outside the CLI package (examples/), so it is loaded by URL rather than compiled in.
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const GENERATOR = join(ROOT, 'examples', 'generate-demo.ts');
const COMMITTED = join(ROOT, 'examples', 'demo-manufacturer.xlsx');
const AS_OF = '2026-11-24';
const REGENERATE = 'node --conditions=source --import tsx examples/generate-demo.ts';

interface Generator {
  generateDemo(asOf?: string): Promise<Uint8Array>;
}

let dir: string;
let generator: Generator;

async function run(...argv: string[]) {
  const io = memoryIo(dir, new Date(Date.UTC(2026, 10, 24, 12)));
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qms-demo-'));
  generator = (await import(pathToFileURL(GENERATOR).href)) as Generator;
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('demo workbook (examples/)', () => {
  it('demo.deterministic: is deterministic: the same as-of date gives the same bytes, another date other bytes', async () => {
    const [a, b, later] = await Promise.all([
      generator.generateDemo(AS_OF),
      generator.generateDemo(AS_OF),
      generator.generateDemo('2027-02-15'),
    ]);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(a).equals(Buffer.from(later))).toBe(false);
  });

  it(`demo.fresh: the committed file is fresh (if not, run: ${REGENERATE})`, async () => {
    const committed = await readFile(COMMITTED);
    expect(Buffer.from(await generator.generateDemo()).equals(committed)).toBe(true);
  });

  it('demo.script: the script writes the same file with --as-of and --out', async () => {
    const out = join(dir, 'script.xlsx');
    await promisify(execFile)(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', GENERATOR, '--as-of', AS_OF, '--out', out],
      { cwd: ROOT, timeout: 60_000 },
    );
    expect((await readFile(out)).equals(await readFile(COMMITTED))).toBe(true);
  });

  it('demo.counts: holds 12 KPIs, 108 measurements, 25 suppliers, 60 CAPAs, every catalogue clause, five audit events, two management reviews, three CB quotes, 30 register entries and 40 people × 8 competences, all by marker', async () => {
    const input = await readWorkbook(new Uint8Array(await readFile(COMMITTED)));
    const result = validateWorkbook(input, { asOf: AS_OF });
    const count = (type: string) => result.records.filter((r) => r.type === type).length;
    expect([
      count('kpi'),
      count('kpi-measurement'),
      count('supplier'),
      count('capa'),
      count('audit-event'),
      count('profile'),
      count('management-review'),
      count('cb-quote'),
      count('document'),
      count('training'),
    ]).toEqual([12, 108, 25, 60, 5, 1, 2, 3, 30, 320]);
    const people = new Set(result.records.filter((r) => r.type === 'training').map((r) => r.data.person));
    const competences = new Set(result.records.filter((r) => r.type === 'training').map((r) => r.data.competence));
    expect([people.size, competences.size]).toEqual([40, 8]);
    expect(result.recognised.every((r) => r.by === 'marker')).toBe(true);
    expect(result.recognised.map((r) => r.sheet)).toEqual([
      'QMS Profile',
      'Gap Analysis',
      'KPI Definitions',
      'KPI Measurements',
      'Supplier Evaluation',
      'CAPA Log',
      'Audit Programme',
      'Management Review',
      'CB Comparison',
      'Document Register',
      'Training Matrix',
    ]);
    // Closed CAPAs carry full closure evidence (the rules make any gap an error, and there is none).
    const closed = result.records.filter((r) => r.type === 'capa' && r.data.status === 'Closed');
    expect(closed.length).toBeGreaterThan(30);
    for (const r of closed)
      expect(r.data).toMatchObject({
        effectiveness: 'Effective',
        rootCause: expect.any(String),
        verifiedBy: expect.any(String),
      });
  });

  it('demo.check-clean: qms check finds no errors, and the realistic warnings of a project in progress', async () => {
    const r = await run('check', COMMITTED, '--as-of', AS_OF, '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as CheckReport;
    expect(report.summary.errors).toBe(0);
    const codes = new Set(report.issues.map((i) => i.code));
    // Overdue gap actions and CAPAs, a lapsed supplier certificate, overdue re-evaluations, the first management
    // review, which left supplier performance off its agenda, two document reviews overdue, training gaps and
    // refreshers due.
    expect([...codes].sort()).toEqual([
      'capa.overdue',
      'doc.review-overdue',
      'gap.overdue',
      'review.input-not-covered',
      'supplier.certificate-expired',
      'supplier.reevaluation-overdue',
      'training.gap',
      'training.refresher-due',
    ]);
    const count = (code: string) => report.issues.filter((i) => i.code === code).length;
    expect(
      ['supplier.reevaluation-overdue', 'doc.review-overdue', 'training.gap', 'training.refresher-due'].map(count),
    ).toEqual([3, 2, 7, 3]);
    expect(report.issues.filter((i) => i.code === 'review.input-not-covered')).toMatchObject([
      { cell: 'Management Review!M6', message: expect.stringContaining('"External providers"') },
    ]);
  });

  it('demo.assess-facts: qms assess gives Ready for Stage 1, audit and review dated from records, Stage 1 estimated ahead, EUR cost lines', async () => {
    const r = await run('assess', COMMITTED, '--as-of', AS_OF, '--json');
    expect(r.code).toBe(0);
    const a = (JSON.parse(r.out) as { assessment: Assessment }).assessment;
    expect(a.organization).toBe('Kestrel Precision Components GmbH');
    expect(a.verdict.value).toBe('Ready for Stage 1');
    expect(a.gates.filter((g) => !g.passed).map((g) => g.id)).toEqual(['G3', 'G8']);
    // The register backs the mandatory documented information; its two overdue reviews cap the clauses they serve,
    // and 7.2 is capped at the share of required trainings that are done and current: 137 of the 320 rows are
    // required, 7 of those not done and 3 lapsed, so 127 / 137 = 0.93.
    expect(a.gates.find((g) => g.id === 'G4')?.reason).toContain('Document Register');
    const cap = Object.fromEntries(a.readiness.caps.map((c) => [c.id, c]));
    expect(cap['documents-stale']).toMatchObject({
      clauses: ['7.1.3', '7.1.4'],
      limit: { value: 0.6, rule: 'R-READY-CAP-DOCS-STALE', inputs: { overdueForReview: ['WI-03', 'WI-04'] } },
    });
    expect(cap.training?.limit).toEqual({
      value: 0.93,
      rule: 'R-READY-CAP-TRAINING',
      inputs: {
        trainingRecords: 320,
        requiredTrainings: 137,
        completedAndValid: 127,
        trainingGaps: 7,
        refresherDue: 3,
      },
    });
    expect(cap.documents?.limit.value).toBe(1);
    const milestone = Object.fromEntries(a.timeline.milestones.map((m) => [m.id, m]));
    expect([milestone['internal-audit']?.source, milestone['internal-audit']?.p50.value]).toEqual([
      'records',
      addDays(AS_OF, -49),
    ]);
    expect([milestone['management-review']?.source, milestone['management-review']?.p50.value]).toEqual([
      'records',
      addDays(AS_OF, -21),
    ]);
    expect(milestone['stage-1']?.source).toBe('estimate');
    expect(milestone['stage-1']!.p50.value > AS_OF).toBe(true);
    expect(milestone['stage-1']!.p50.value < addDays(AS_OF, 365)).toBe(true);
    // 40 people on 2 sites: IAF MD 5 table band 26–45 is 4 days before adjustments.
    expect(a.auditDays?.tableDays.value).toBe(4);
    expect(a.cost?.currency).toBe('EUR');
    expect(a.cost?.lines.map((l) => l.id)).toEqual([
      'cb-initial',
      'cb-surveillance-1',
      'cb-surveillance-2',
      'cb-recertification',
      'consultant',
      'internal',
    ]);
    for (const line of a.cost?.lines ?? []) expect(line.amount.value?.likely).toBeGreaterThan(0);
  });

  it('demo.review-and-bodies: G7 judged from the review sheet, G10, CB rates and Stage 1 lead time from the chosen body, one quote below MD 5', async () => {
    const r = await run('assess', COMMITTED, '--as-of', AS_OF, '--json');
    const a = (JSON.parse(r.out) as { assessment: Assessment }).assessment;
    // The latest review (MR-01) covered every 9.3.2 input; the earlier one's gap no longer counts.
    expect(a.gates.find((g) => g.id === 'G7')).toMatchObject({
      passed: true,
      rule: 'R-GATE-G7-INPUTS',
      inputs: { latestCompletedReview: 'MR-01', inputsCovered: 12 },
    });
    expect(a.readiness.caps.find((c) => c.id === 'review-inputs')?.limit.value).toBe(1);
    expect(a.gates.find((g) => g.id === 'G10')).toMatchObject({
      passed: true,
      rule: 'R-GATE-G10-CHOSEN',
      inputs: { chosen: 'Nordmark Cert GmbH (fictional)' },
    });
    // The chosen quote's 1,420 + 150 a day replace the profile's early 1,450 + 180.
    expect(a.cost?.rates.slice(0, 2)).toEqual([
      { name: 'cbDayRate', value: 1420, defaulted: false, from: 'chosen body' },
      { name: 'travelPerAuditDay', value: 150, defaulted: false, from: 'chosen body' },
    ]);
    expect(a.cost?.lines[0]?.amount.value?.likely).toBe(5.5 * (1420 + 150));
    const stage1 = a.timeline.milestones.find((m) => m.id === 'stage-1');
    expect(stage1?.p50).toMatchObject({
      rule: 'R-TIME-9',
      inputs: { weeksAfterLatestEarlierMilestone: 8, leadTimeFrom: 'Nordmark Cert GmbH (fictional)' },
    });
    // 40 people on 2 sites: MD 5 minimum (4 + 1.5) × 0.7 → 4 days; the estimate 5.5.
    const cb = a.certificationBodies;
    expect([cb?.md5Minimum?.value, cb?.md5Estimate?.value]).toEqual([4, 5.5]);
    expect(cb?.quotes.map((q) => [q.certificationBody, q.quotedAuditDays, q.belowMd5Minimum.value])).toEqual([
      ['Nordmark Cert GmbH (fictional)', 5.5, false],
      ['Baltic Quality Certification (fictional)', 5, false],
      ['QuickCert Europe (fictional)', 3, true],
    ]);
    expect(cb?.quotes[2]?.warnings[0]).toContain('quote below MD 5, ask what reductions it assumes');
    // The text report lists the quotes beside the MD 5 figures.
    const text = await run('assess', COMMITTED, '--as-of', AS_OF);
    expect(text.out).toContain('Certification bodies (MD 5 estimate 5.5 days, minimum 4):');
    expect(text.out).toContain(
      '  chosen Nordmark Cert GmbH (fictional): 5.5 days, day rate 1420 + travel 150 EUR, lead time 8 weeks\n',
    );
    expect(text.out).toMatch(
      / {9}QuickCert Europe \(fictional\): 3 days.* — quote below MD 5, ask what reductions it assumes/,
    );
    expect(text.out).toContain('— CB rates from the chosen body');
  });

  it('demo.relative-dates: regenerated for a later date it is still clean: every date moves with --as-of', async () => {
    const later = '2027-06-30';
    await writeFile(join(dir, 'later.xlsx'), await generator.generateDemo(later));
    const r = await run('check', 'later.xlsx', '--as-of', later, '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as CheckReport;
    expect(report.summary).toMatchObject({ errors: 0, warnings: 25 });
  });
});
