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

  it('demo.counts: holds 12 KPIs, 108 measurements, 25 suppliers, 60 CAPAs, every catalogue clause, five audit events, 30 register entries and 40 people × 8 competences, all by marker', async () => {
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
      count('document'),
      count('training'),
    ]).toEqual([12, 108, 25, 60, 5, 1, 30, 320]);
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
    // Overdue gap actions and CAPAs, a lapsed supplier certificate, overdue re-evaluations, two document reviews
    // overdue, training gaps and refreshers due.
    expect([...codes].sort()).toEqual([
      'capa.overdue',
      'doc.review-overdue',
      'gap.overdue',
      'supplier.certificate-expired',
      'supplier.reevaluation-overdue',
      'training.gap',
      'training.refresher-due',
    ]);
    const count = (code: string) => report.issues.filter((i) => i.code === code).length;
    expect(
      ['supplier.reevaluation-overdue', 'doc.review-overdue', 'training.gap', 'training.refresher-due'].map(count),
    ).toEqual([3, 2, 7, 3]);
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

  it('demo.relative-dates: regenerated for a later date it is still clean: every date moves with --as-of', async () => {
    const later = '2027-06-30';
    await writeFile(join(dir, 'later.xlsx'), await generator.generateDemo(later));
    const r = await run('check', 'later.xlsx', '--as-of', later, '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as CheckReport;
    expect(report.summary).toMatchObject({ errors: 0, warnings: 24 });
  });
});
