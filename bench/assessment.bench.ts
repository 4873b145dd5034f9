/**
 * Assessment budget (docs/architecture.md, Budgets): assess() over 10,000 records with 5,000 timeline runs in ≤ 250 ms,
 * here with 2,000 training rows and 500 register entries on top (12,500 records in all).
 * Also shown, measured in the same run: the Monte Carlo timeline's share (assess with 1 run) and estimate().
 *   npx tsc -b && node --import tsx bench/assessment.bench.ts   (measures the built code in functions/dist)
 */
import { performance } from 'node:perf_hooks';
import { assess, estimate } from '@qms/engine';
import { CLAUSES, makeRecord, type QmsRecord } from '@qms/templates';

const AS_OF = '2026-06-30';
const WARM_UP = 3;
const RUNS = 15;
const BUDGET_MS = 250;
const TOTAL = 10_000;
const TRAINING_ROWS = 2_000;
const REGISTER_ROWS = 500;

/** A large organisation's records: every clause with a gap row (most open), KPIs, suppliers, CAPAs, audits. */
function records(): QmsRecord[] {
  const src = { sheet: 'bench', row: 1 };
  const out: QmsRecord[] = [];
  const statuses = ['Compliant', 'Partially compliant', 'Non-compliant', 'Not assessed'] as const;
  const priorities = ['High', 'Medium', 'Low'] as const;
  CLAUSES.forEach((c, i) =>
    out.push(
      makeRecord(
        'gap',
        c.clause,
        {
          clause: c.clause,
          status: statuses[i % 4],
          evidence: i % 4 === 0 ? 'QP' : '',
          priority: priorities[i % 3],
          ...(i % 5 === 0 ? { effortDays: 4 } : {}),
        },
        src,
      ),
    ),
  );
  for (let k = 0; k < 40; k++)
    out.push(
      makeRecord(
        'kpi',
        `K${k}`,
        { kpiId: `K${k}`, name: `KPI ${k}`, direction: 'Higher is better', target: 95, frequency: 'Weekly' },
        src,
      ),
    );
  for (let i = 0; i < 3000; i++) {
    const day = new Date(Date.UTC(2025, 0, 6) + (i % 75) * 7 * 86_400_000).toISOString().slice(0, 10);
    out.push(
      makeRecord(
        'kpi-measurement',
        `K${i % 40}|${day}`,
        { kpiId: `K${i % 40}`, period: day, periodLabel: day, actual: 90 + (i % 10), rag: 'Green' },
        src,
      ),
    );
  }
  for (let i = 0; i < 800; i++) {
    out.push(
      makeRecord(
        'supplier',
        `S${i}`,
        {
          supplierId: `S${i}`,
          name: `Supplier ${i}`,
          criticality: (['Critical', 'Major', 'Minor'] as const)[i % 3],
          status: 'Approved',
          evaluationDate: i % 7 === 0 ? '2024-01-10' : '2026-02-01',
        },
        src,
      ),
    );
  }
  for (let i = 0; i < 300; i++) {
    out.push(
      makeRecord(
        'audit-event',
        `E${i}`,
        {
          eventId: `E${i}`,
          type: (['Internal audit', 'Management review'] as const)[i % 2],
          scope: i % 3 === 0 ? 'all' : '4-7',
          status: 'Completed',
          completedDate: new Date(Date.UTC(2025, 6, 1) + i * 86_400_000).toISOString().slice(0, 10),
          reportReference: `R${i}`,
        },
        src,
      ),
    );
  }
  out.push(
    makeRecord(
      'profile',
      'profile',
      {
        organizationName: 'Bench plc',
        certificationScope: 'All',
        sitesInScope: 12,
        effectivePersonnel: 4200,
        riskCategory: 'High',
        currency: 'EUR',
        monthsOfRecordsBeforeStage1: 3,
        targetCertificationDate: '2027-06-30',
        teamCapacityHoursPerWeek: 2000,
      },
      src,
    ),
  );
  for (let i = 0; out.length < TOTAL; i++) {
    const closed = i % 3 === 0;
    out.push(
      makeRecord(
        'capa',
        `C${i}`,
        {
          capaId: `C${i}`,
          dateOpened: '2026-01-10',
          severity: (['Major', 'Minor', 'Observation'] as const)[i % 3],
          source: 'Internal audit',
          status: closed ? 'Closed' : 'Open',
          dueDate: '2026-09-30',
          ...(closed ? { effectiveness: 'Effective', dateClosed: '2026-03-01' } : {}),
        },
        src,
      ),
    );
  }
  // On top of the 10,000: a Training Matrix of 2,000 rows (400 people × 5 competences, some lapsed or not done) and
  // a Document Register of 500 entries (a few past their review), which the training and document rules read.
  for (let i = 0; i < TRAINING_ROWS; i++) {
    const person = `P${Math.floor(i / 5)}`;
    const competence = `Course ${i % 5}`;
    out.push(
      makeRecord(
        'training',
        `${person}|${competence}`,
        {
          person,
          competence,
          requiredForRole: i % 4 !== 3,
          ...(i % 11 === 0 ? {} : { completedDate: '2025-09-01' }),
          ...(i % 3 === 0 ? { validUntil: i % 13 === 0 ? '2026-03-01' : '2027-09-01' } : {}),
        },
        src,
      ),
    );
  }
  for (let i = 0; i < REGISTER_ROWS; i++) {
    const clause = CLAUSES[i % CLAUSES.length]?.clause ?? '7.5.1';
    out.push(
      makeRecord(
        'document',
        `D${i}`,
        {
          docId: `D${i}`,
          title: `Document ${i}`,
          clauses: `${clause}, 7.5`,
          clauseList: [clause, '7.5.1', '7.5.2', '7.5.3'],
          status: i % 10 === 9 ? 'Draft' : 'Approved',
          approvedBy: 'QM',
          approvalDate: '2025-11-01',
          nextReview: i % 50 === 0 ? '2026-05-01' : '2026-11-01',
        },
        src,
      ),
    );
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function time(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

const data = records();
const full = () => assess(data, undefined, AS_OF);
const oneRun = () => assess(data, undefined, AS_OF, { runs: 1 });
const quote = () => estimate({ effectivePersonnel: 4200, sitesInScope: 12, riskCategory: 'High' }, undefined, AS_OF);

const sample = full();
if (sample.timeline.runs !== 5000 || sample.readiness.clauses.length !== CLAUSES.length)
  throw new Error('the benchmark is not measuring a full assessment');
for (let i = 0; i < WARM_UP; i++) {
  full();
  oneRun();
  quote();
}
const fullTimes: number[] = [];
const oneTimes: number[] = [];
const quoteTimes: number[] = [];
for (let i = 0; i < RUNS; i++) {
  fullTimes.push(time(full));
  oneTimes.push(time(oneRun));
  quoteTimes.push(time(quote));
}
const fullMs = median(fullTimes);
const oneMs = median(oneTimes);
const byType = data.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.type]: (acc[r.type] ?? 0) + 1 }), {});
console.log(
  `assessment.bench: ${data.length} records (${Object.entries(byType)
    .map(([t, n]) => `${t} ${n}`)
    .join(
      ', ',
    )}); ${sample.timeline.runs} timeline runs over ${sample.timeline.remainingEffort.inputs.openGaps as number} open gaps; median of ${RUNS} runs after ${WARM_UP} warm-ups`,
);
console.log(
  `assess (readiness, gates, blockers, 5,000-run timeline, days, cost)  ${fullMs.toFixed(1)} ms  (budget <= ${BUDGET_MS} ms: ${fullMs <= BUDGET_MS ? 'within budget' : 'OVER BUDGET'})`,
);
console.log(
  `assess with a 1-run timeline                                        ${oneMs.toFixed(1)} ms  (Monte Carlo share ≈ ${(fullMs - oneMs).toFixed(1)} ms)`,
);
console.log(`estimate (profile only, with timeline)                              ${median(quoteTimes).toFixed(1)} ms`);
console.log(
  `readiness ${sample.readiness.overall.value} %, verdict ${sample.verdict.value}, decision P50 ${sample.timeline.milestones.at(-1)?.p50.value ?? ''} / P80 ${sample.timeline.milestones.at(-1)?.p80.value ?? ''}`,
);
process.exitCode = fullMs <= BUDGET_MS ? 0 : 1;
