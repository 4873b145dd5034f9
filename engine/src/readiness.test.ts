import { describe, expect, it } from 'vitest';
import { CLAUSES, type GapRow, type QmsRecord } from '@qms/templates';
import { assess } from './assess.js';
import {
  MANDATORY_CLAUSES_TEXT,
  allGaps,
  capa,
  documentEntry,
  event,
  gap,
  kpi,
  measurement,
  profile,
  readyRecords,
  supplier,
  training,
} from './test-records.js';

const AS_OF = '2026-06-30';
const FAST = { runs: 50 };
const run = (records: QmsRecord[]) => assess(records, profile(), AS_OF, FAST);
const credit = (records: QmsRecord[], clause: string) =>
  run(records).readiness.clauses.find((c) => c.clause === clause)?.credit.value;
/** The ready workbook with some records replaced or added. */
const readyWith = (change: (r: QmsRecord) => boolean, ...extra: QmsRecord[]) => [
  ...readyRecords().filter((r) => !change(r)),
  ...extra,
];
const withGap = (clause: string, data: Partial<GapRow>) =>
  readyWith((r) => r.type === 'gap' && r.id === clause, gap({ clause, ...data }));

describe('readiness', () => {
  it('R-READY-1: credit 1.0 / 0.6 / 0.5 / 0 / 0 by status and evidence', () => {
    expect(credit(withGap('4.1', { status: 'Compliant', evidence: 'Context review' }), '4.1')).toBe(1);
    expect(credit(withGap('4.1', { status: 'Compliant', evidence: '' }), '4.1')).toBe(0.6);
    expect(credit(withGap('4.1', { status: 'Partially compliant' }), '4.1')).toBe(0.5);
    expect(credit(withGap('4.1', { status: 'Non-compliant' }), '4.1')).toBe(0);
    expect(credit(withGap('4.1', { status: 'Not assessed' }), '4.1')).toBe(0);
  });

  it('R-READY-2: a missing clause counts as Not assessed, with a note', () => {
    const a = run(readyWith((r) => r.type === 'gap' && r.id === '7.4'));
    expect(a.readiness.clauses.find((c) => c.clause === '7.4')).toMatchObject({
      status: 'Not assessed',
      credit: { value: 0 },
    });
    expect(a.notes.join(' ')).toContain('1 catalogue clause');
  });

  it('R-READY-2: Not applicable is excluded only on 7.1.5.x / 8.x with a justification', () => {
    const valid = run(withGap('8.3.1', { status: 'Not applicable', gap: 'We do no design' }));
    expect(valid.readiness.clauses.find((c) => c.clause === '8.3.1')).toMatchObject({
      applicable: false,
      credit: { value: null },
    });
    expect(valid.readiness.groups.find((g) => g.group === 8)?.applicableClauses).toBe(21);
    const unjustified = run(withGap('8.3.1', { status: 'Not applicable', gap: '' }));
    expect(unjustified.readiness.clauses.find((c) => c.clause === '8.3.1')).toMatchObject({
      status: 'Not assessed',
      credit: { value: 0 },
    });
    const systemClause = run(withGap('4.1', { status: 'Not applicable', gap: 'No context' }));
    expect(systemClause.readiness.clauses.find((c) => c.clause === '4.1')?.status).toBe('Not assessed');
    expect(systemClause.notes.join(' ')).toContain('4.1');
  });

  it('R-READY-2: a duplicate clause and a clause outside the catalogue are ignored with a note', () => {
    const a = run([...readyRecords(), gap({ clause: '4.1', status: 'Non-compliant' }), gap({ clause: '11.1' })]);
    expect(a.readiness.clauses.find((c) => c.clause === '4.1')?.credit.value).toBe(1);
    expect(a.notes.some((n) => n.includes('11.1'))).toBe(true);
    expect(a.notes.some((n) => n.includes('Second gap record for clause 4.1'))).toBe(true);
  });

  it('R-READY-CAP-KPI: 6.2 and 9.1.1 at most 0.5 without a KPI with 3 measurements in 6 months', () => {
    expect(credit(readyRecords(), '6.2')).toBe(1);
    const twoOnly = readyWith((r) => r.type === 'kpi-measurement' && r.id > 'K1|2026-03');
    expect(credit(twoOnly, '6.2')).toBe(0.5);
    expect(credit(twoOnly, '9.1.1')).toBe(0.5);
    expect(run(twoOnly).readiness.clauses.find((c) => c.clause === '6.2')).toMatchObject({
      cappedBy: 'kpi',
      credit: { rule: 'R-READY-CAP-KPI' },
    });
    // Measurements older than 6 months do not count.
    const old = readyWith(
      (r) => r.type === 'kpi-measurement',
      ...['2025-10-01', '2025-11-01', '2025-12-01'].map((p) => measurement(p)),
    );
    expect(credit(old, '6.2')).toBe(0.5);
    // A partially compliant clause keeps its own lower credit under a cap.
    expect(
      credit(
        [
          ...twoOnly.filter((r) => !(r.type === 'gap' && r.id === '6.2')),
          gap({ clause: '6.2', status: 'Non-compliant' }),
        ],
        '6.2',
      ),
    ).toBe(0);
  });

  it('R-READY-CAP-SUPPLIERS: 8.4.x at most the share of Critical/Major suppliers currently evaluated', () => {
    const four = [
      supplier({ supplierId: 'S1', evaluationDate: '2026-01-15' }),
      supplier({ supplierId: 'S2', criticality: 'Major', evaluationDate: '2025-01-15' }), // next +24 months: current
      supplier({ supplierId: 'S3', evaluationDate: '2025-01-15' }), // Critical, next +12 months: lapsed
      supplier({ supplierId: 'S4', criticality: 'Major' }), // never evaluated
      supplier({ supplierId: 'S5', criticality: 'Minor' }), // not counted
    ];
    const records = readyWith((r) => r.type === 'supplier', ...four);
    expect(credit(records, '8.4.1')).toBe(0.5);
    expect(credit(records, '8.4.3')).toBe(0.5);
    expect(
      credit(
        readyWith(
          (r) => r.type === 'supplier',
          supplier({ supplierId: 'S1', evaluationDate: '2026-01-15', nextEvaluation: '2026-06-01' }),
        ),
        '8.4.2',
      ),
    ).toBe(0);
    expect(
      credit(
        readyWith((r) => r.type === 'supplier', supplier({ supplierId: 'M', criticality: 'Minor' })),
        '8.4.1',
      ),
    ).toBe(1);
  });

  it('R-READY-CAP-AUDIT: 9.2 at most 0.5 unless completed internal audits of 12 months cover 4–10', () => {
    expect(credit(readyRecords(), '9.2')).toBe(1);
    const partial = readyWith(
      (r) => r.id === 'IA-1',
      event({ eventId: 'IA-1', type: 'Internal audit', scope: '4-7', completedDate: '2026-05-20' }),
    );
    expect(credit(partial, '9.2')).toBe(0.5);
    const union = [
      ...partial,
      event({ eventId: 'IA-2', type: 'Internal audit', scope: '8, 9, 10', completedDate: '2026-02-01' }),
    ];
    expect(credit(union, '9.2')).toBe(1);
    const viaScopeClauses = readyWith(
      (r) => r.id === 'IA-1',
      event({
        eventId: 'IA-1',
        type: 'Internal audit',
        scope: 'x',
        scopeClauses: CLAUSES.map((c) => c.clause),
        completedDate: '2026-05-20',
      }),
    );
    expect(credit(viaScopeClauses, '9.2')).toBe(1);
    const tooOld = readyWith(
      (r) => r.id === 'IA-1',
      event({ eventId: 'IA-1', type: 'Internal audit', completedDate: '2025-06-30' }),
    );
    expect(credit(tooOld, '9.2')).toBe(0.5);
    const planned = readyWith(
      (r) => r.id === 'IA-1',
      event({ eventId: 'IA-1', type: 'Internal audit', status: 'Planned', plannedDate: '2026-06-01' }),
    );
    expect(credit(planned, '9.2')).toBe(0.5);
  });

  it('R-READY-CAP-REVIEW: 9.3.x at most 0.5 without a management review completed in 12 months', () => {
    expect(credit(readyRecords(), '9.3.1')).toBe(1);
    const none = readyWith((r) => r.id === 'MR-1');
    expect(['9.3.1', '9.3.2', '9.3.3'].map((c) => credit(none, c))).toEqual([0.5, 0.5, 0.5]);
  });

  it('R-READY-CAP-CAPA: 10.2 at most 0.5 while a Major CAPA is past due or a closed one is not Effective', () => {
    expect(credit([...readyRecords(), capa({ capaId: 'C1', severity: 'Major', dueDate: '2026-07-31' })], '10.2')).toBe(
      1,
    );
    expect(credit([...readyRecords(), capa({ capaId: 'C1', severity: 'Major', dueDate: '2026-06-01' })], '10.2')).toBe(
      0.5,
    );
    expect(credit([...readyRecords(), capa({ capaId: 'C1', severity: 'Minor', dueDate: '2026-06-01' })], '10.2')).toBe(
      1,
    );
    expect(
      credit(
        [
          ...readyRecords(),
          capa({ capaId: 'C2', status: 'Closed', effectiveness: 'Pending', dateClosed: '2026-03-01' }),
        ],
        '10.2',
      ),
    ).toBe(0.5);
  });

  it('R-READY-3: a group score is the mean credit of its applicable clauses (percent, one decimal)', () => {
    const a = run(withGap('4.1', { status: 'Non-compliant' }));
    expect(a.readiness.groups.find((g) => g.group === 4)?.score.value).toBe(75);
    const b = run(withGap('8.3.1', { status: 'Not applicable', gap: 'No design' }));
    expect(b.readiness.groups.find((g) => g.group === 8)?.score.value).toBe(100);
    const c = run(
      readyWith((r) => r.type === 'gap' && r.id === '9.2', gap({ clause: '9.2', status: 'Partially compliant' })),
    );
    expect(c.readiness.groups.find((g) => g.group === 9)?.score.value).toBe(92.9); // 6.5 / 7
  });

  it('R-READY-4: overall = mean of the seven group scores, one decimal', () => {
    const a = run(withGap('4.1', { status: 'Non-compliant' }));
    expect(a.readiness.overall.value).toBe(96.4); // (75 + 6 × 100) / 7
    expect(run(readyRecords()).readiness.overall.value).toBe(100);
    expect(run([]).readiness.overall.value).toBe(0);
    const none = assess(
      allGaps(() => ({ status: 'Partially compliant' })),
      profile(),
      AS_OF,
      FAST,
    );
    expect(none.readiness.overall.value).toBe(50);
  });

  it('R-READY-CAP-KPI: uses KPIs only through their definitions (a measurement of an undefined KPI is ignored)', () => {
    const orphan = readyWith((r) => r.type === 'kpi', kpi({ kpiId: 'K2' }));
    expect(credit(orphan, '6.2')).toBe(0.5);
  });

  const clauseScore = (records: QmsRecord[], clause: string) =>
    run(records).readiness.clauses.find((c) => c.clause === clause);
  const register = (...entries: QmsRecord[]) => readyWith((r) => r.type === 'document', ...entries);

  it('R-READY-DOCS: with a register, a mandatory clause is evidenced by an Approved, current entry naming it', () => {
    // Blank Evidence in the gap matrix: the register entry is the evidence.
    const fromRegister = readyWith(
      (r) => r.type === 'gap' && r.id === '7.2',
      gap({ clause: '7.2', status: 'Compliant', evidence: '' }),
    );
    expect(clauseScore(fromRegister, '7.2')).toMatchObject({
      hasEvidence: true,
      credit: {
        value: 1,
        rule: 'R-READY-DOCS',
        inputs: { evidenceFrom: 'Document Register', registerEntries: ['QM-1'] },
      },
    });
    // Evidence text in the gap matrix does not stand in for a register entry that is missing.
    const without72 = MANDATORY_CLAUSES_TEXT.split(', ')
      .filter((c) => c !== '7.2')
      .join(', ');
    expect(clauseScore(register(documentEntry({ docId: 'QM-1', clauses: without72 })), '7.2')).toMatchObject({
      hasEvidence: false,
      credit: { value: 0.6, rule: 'R-READY-DOCS', inputs: { registerEntries: [] } },
    });
    // Neither does a draft, nor an approval dated after the as-of date.
    for (const entry of [
      documentEntry({ docId: 'WI-7', clauses: '7.2', status: 'In review' }),
      documentEntry({ docId: 'WI-7', clauses: '7.2', approvalDate: '2026-07-01' }),
    ])
      expect(credit(register(documentEntry({ docId: 'QM-1', clauses: without72 }), entry), '7.2')).toBe(0.6);
    // A record synced without an expanded clause list is read from its Clauses text (headings included).
    expect(
      credit(register(documentEntry({ docId: 'QM-1', clauses: MANDATORY_CLAUSES_TEXT, clauseList: [] })), '8.5.2'),
    ).toBe(1);
    expect(credit(register(documentEntry({ docId: 'QM-1', clauses: '8.5', clauseList: [] })), '8.5.2')).toBe(1);
    expect(credit(register(documentEntry({ docId: 'QM-1', clauses: '8.4', clauseList: [] })), '8.5.2')).toBe(0.6);
    // A clause without a documented-information duty keeps its Evidence cell.
    expect(clauseScore(readyRecords(), '4.1')?.credit).toMatchObject({ value: 1, rule: 'R-READY-1' });
  });

  it('R-READY-CAP-DOCS: without a register, mandatory documented information and 7.5 earn at most 0.6', () => {
    const noRegister = readyWith((r) => r.type === 'document');
    expect(clauseScore(noRegister, '7.2')).toMatchObject({
      cappedBy: 'documents',
      credit: {
        value: 0.6,
        rule: 'R-READY-CAP-DOCS',
        inputs: { evidence: true, creditBeforeCap: 1, cap: 0.6 },
      },
    });
    expect(['4.3', '5.2.2', '7.5.1', '7.5.3', '8.7', '10.2'].map((c) => credit(noRegister, c))).toEqual([
      0.6, 0.6, 0.6, 0.6, 0.6, 0.6,
    ]);
    expect(credit(noRegister, '4.1')).toBe(1);
    const cap = run(noRegister).readiness.caps.find((c) => c.id === 'documents');
    expect(cap).toMatchObject({ limit: { value: 0.6, inputs: { documentRegisterEntries: 0 } } });
    expect(cap?.reason).toContain('no Document Register');
    // With a register the cap is lifted.
    expect(run(readyRecords()).readiness.caps.find((c) => c.id === 'documents')?.limit.value).toBe(1);
    expect(credit(readyRecords(), '7.5.1')).toBe(1);
  });

  it('R-READY-CAP-DOCS-STALE: an Approved entry past its Next review caps the clauses it names at 0.6 (evidence stale)', () => {
    const stale = register(
      documentEntry({ docId: 'QM-1', clauses: MANDATORY_CLAUSES_TEXT }),
      documentEntry({ docId: 'WI-9', clauses: '8.5.1, 7.1.3', nextReview: '2026-06-29' }),
    );
    expect(clauseScore(stale, '8.5.1')).toMatchObject({
      cappedBy: 'documents-stale',
      credit: { value: 0.6, rule: 'R-READY-CAP-DOCS-STALE' },
    });
    // Every clause it names, with a documented-information duty or not.
    expect(credit(stale, '7.1.3')).toBe(0.6);
    expect(credit(stale, '8.5.2')).toBe(1);
    const cap = run(stale).readiness.caps.find((c) => c.id === 'documents-stale');
    expect(cap).toMatchObject({ clauses: ['7.1.3', '8.5.1'], limit: { inputs: { overdueForReview: ['WI-9'] } } });
    expect(cap?.reason).toContain('evidence stale: WI-9');
    // Reviewed on time, obsolete, or still a draft: nothing is stale.
    for (const entry of [
      documentEntry({ docId: 'WI-9', clauses: '8.5.1', nextReview: AS_OF }),
      documentEntry({ docId: 'WI-9', clauses: '8.5.1', nextReview: '2026-06-29', status: 'Obsolete' }),
      documentEntry({ docId: 'WI-9', clauses: '8.5.1', nextReview: '2026-06-29', status: 'Draft' }),
    ])
      expect(credit(register(documentEntry({ docId: 'QM-1', clauses: MANDATORY_CLAUSES_TEXT }), entry), '8.5.1')).toBe(
        1,
      );
  });

  it('R-READY-CAP-TRAINING: 7.2 at most the share of required trainings completed and still valid', () => {
    expect(clauseScore(readyRecords(), '7.2')?.credit).toMatchObject({ value: 1, rule: 'R-READY-DOCS' });
    const withTrainings = (...rows: QmsRecord[]) => readyWith((r) => r.type === 'training', ...rows);
    const mixed = withTrainings(
      training({ person: 'A', competence: 'Forklift', validUntil: '2027-01-10' }),
      training({ person: 'B', competence: 'Forklift', validUntil: '2026-06-29' }), // refresher due
      training({ person: 'C', competence: 'Forklift', completedDate: undefined }), // training gap
      training({ person: 'D', competence: 'Forklift', completedDate: undefined, completed: true }), // ✓ in a wide matrix
      training({ person: 'E', competence: 'Crane', requiredForRole: false, completedDate: undefined }), // not counted
    );
    expect(clauseScore(mixed, '7.2')).toMatchObject({
      cappedBy: 'training',
      credit: { value: 0.5, rule: 'R-READY-CAP-TRAINING', inputs: { creditBeforeCap: 1, cap: 0.5 } },
    });
    expect(run(mixed).readiness.caps.find((c) => c.id === 'training')).toMatchObject({
      clauses: ['7.2'],
      limit: {
        value: 0.5,
        inputs: { trainingRecords: 5, requiredTrainings: 4, completedAndValid: 2, trainingGaps: 1, refresherDue: 1 },
      },
      reason: expect.stringContaining('2 of 4 required trainings'),
    });
    const oneOfThree = withTrainings(
      training({ person: 'A', competence: 'Forklift' }),
      training({ person: 'B', competence: 'Forklift', validUntil: '2026-01-31' }),
      training({ person: 'C', competence: 'Forklift', completedDate: undefined }),
    );
    expect(credit(oneOfThree, '7.2')).toBe(0.33);
    // No training records at all: 0.5, as KPIs cap 9.1.1; none marked Required: 0.5 too.
    const none = withTrainings();
    expect(run(none).readiness.caps.find((c) => c.id === 'training')).toMatchObject({
      limit: { value: 0.5, inputs: { trainingRecords: 0 } },
      reason: expect.stringContaining('no Training Matrix'),
    });
    expect(credit(none, '7.2')).toBe(0.5);
    expect(credit(withTrainings(training({ person: 'A', competence: 'X', requiredForRole: false })), '7.2')).toBe(0.5);
    // A lower credit stays lower under the cap.
    expect(
      credit(
        [...none.filter((r) => !(r.type === 'gap' && r.id === '7.2')), gap({ clause: '7.2', status: 'Non-compliant' })],
        '7.2',
      ),
    ).toBe(0);
  });
});
