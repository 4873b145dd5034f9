import { describe, expect, it } from 'vitest';
import type { GapRow, QmsRecord } from '@qms/templates';
import { assess } from './assess.js';
import {
  MANDATORY_CLAUSES_TEXT,
  capa,
  documentEntry,
  event,
  gap,
  measurement,
  profile,
  readyRecords,
  supplier,
  training,
} from './test-records.js';
import { round1 } from './figure.js';
import type { GateId } from './types.js';

const AS_OF = '2026-06-30';
const FAST = { runs: 50 };
const run = (records: QmsRecord[], p = profile()) => assess(records, p, AS_OF, FAST);
const gate = (records: QmsRecord[], id: GateId, p = profile()) => run(records, p).gates.find((g) => g.id === id);
const readyWith = (drop: (r: QmsRecord) => boolean, ...extra: QmsRecord[]) => [
  ...readyRecords().filter((r) => !drop(r)),
  ...extra,
];
const withGap = (clause: string, data: Partial<GapRow>) =>
  readyWith((r) => r.type === 'gap' && r.id === clause, gap({ clause, ...data }));

describe('gates', () => {
  it('R-GATE-G1…G10: every gate passes on the ready workbook, each with its rule id', () => {
    const gates = run(readyRecords()).gates;
    expect(gates.map((g) => [g.id, g.passed, g.rule])).toEqual(
      ['G1', 'G2', 'G3', 'G4', 'G5', 'G6', 'G7', 'G8', 'G9', 'G10'].map((id) => [id, true, `R-GATE-${id}`]),
    );
  });

  it('R-GATE-G1: fails without a profile, or with a blank scope, and names what is missing', () => {
    expect(assess(readyRecords(), undefined, AS_OF, FAST).gates[0]).toMatchObject({
      passed: false,
      reason: expect.stringContaining('QMS Profile'),
    });
    expect(gate(readyRecords(), 'G1', profile({ certificationScope: ' ' }))).toMatchObject({
      passed: false,
      reason: expect.stringContaining('Certification scope'),
    });
  });

  it('R-GATE-G2: fails while any clause is Not assessed (blank or missing)', () => {
    expect(gate(withGap('5.3', { status: 'Not assessed' }), 'G2')).toMatchObject({
      passed: false,
      reason: expect.stringContaining('5.3'),
    });
    expect(
      gate(
        readyWith((r) => r.type === 'gap' && r.id === '7.2'),
        'G2',
      )?.passed,
    ).toBe(false);
  });

  it('R-GATE-G3: fails on any Non-compliant clause, or a group under 80 %', () => {
    expect(gate(withGap('8.7', { status: 'Non-compliant' }), 'G3')).toMatchObject({
      passed: false,
      reason: expect.stringContaining('8.7'),
    });
    const lowGroup = readyWith(
      (r) => r.type === 'gap' && ['4.1', '4.2'].includes(r.id),
      gap({ clause: '4.1', status: 'Partially compliant' }),
      gap({ clause: '4.2', status: 'Partially compliant' }),
    );
    expect(gate(lowGroup, 'G3')).toMatchObject({ passed: false, reason: expect.stringContaining('4 (75 %)') });
    expect(gate(withGap('4.1', { status: 'Partially compliant' }), 'G3')?.passed).toBe(true); // group 4 at 87.5
  });

  it('R-GATE-G4: every maintain/retain clause Compliant with evidence, or Not applicable', () => {
    // Without a Document Register the Gap Analysis Evidence cell is the evidence.
    const noRegister = (records: QmsRecord[]) => records.filter((r) => r.type !== 'document');
    expect(gate(noRegister(withGap('7.2', { status: 'Compliant', evidence: '' })), 'G4')).toMatchObject({
      passed: false,
      reason: expect.stringContaining('7.2'),
    });
    expect(gate(noRegister(readyRecords()), 'G4')).toMatchObject({
      passed: true,
      reason: expect.stringContaining('no Document Register'),
    });
    expect(gate(withGap('7.2', { status: 'Partially compliant' }), 'G4')?.passed).toBe(false);
    expect(gate(withGap('8.3.2', { status: 'Not applicable', gap: 'No design' }), 'G4')?.passed).toBe(true);
    expect(gate(withGap('4.1', { status: 'Compliant', evidence: '' }), 'G4')?.passed).toBe(true); // 4.1 has no documented-information duty
  });

  it('R-GATE-G4: with a Document Register, each clause needs an Approved entry whose review is not overdue', () => {
    const register = (...entries: QmsRecord[]) => readyWith((r) => r.type === 'document', ...entries);
    // The register, not the Evidence cell, decides: 7.2 with blank Evidence passes when an entry names it.
    expect(gate(withGap('7.2', { status: 'Compliant', evidence: '' }), 'G4')?.passed).toBe(true);
    const without72 = MANDATORY_CLAUSES_TEXT.split(', ')
      .filter((c) => c !== '7.2')
      .join(', ');
    expect(gate(register(documentEntry({ docId: 'QM-1', clauses: without72 })), 'G4')).toMatchObject({
      passed: false,
      reason: expect.stringMatching(/Document Register entry: 7\.2$/),
    });
    // A draft, or an approval after the as-of date, is no approved document yet.
    const draft = register(
      documentEntry({ docId: 'QM-1', clauses: without72 }),
      documentEntry({ docId: 'WI-7', clauses: '7.2', status: 'Draft' }),
    );
    expect(gate(draft, 'G4')?.passed).toBe(false);
    // evidence stale: an entry past its Next review fails the clauses it names, even beside a current one.
    const stale = register(
      documentEntry({ docId: 'QM-1', clauses: MANDATORY_CLAUSES_TEXT }),
      documentEntry({ docId: 'WI-7', clauses: '7.2', nextReview: '2026-06-29' }),
    );
    expect(gate(stale, 'G4')).toMatchObject({ passed: false, reason: expect.stringContaining('evidence stale') });
    expect(gate(stale, 'G4')?.reason).toContain('7.2');
    const reviewedToday = register(
      documentEntry({ docId: 'QM-1', clauses: MANDATORY_CLAUSES_TEXT }),
      documentEntry({ docId: 'WI-7', clauses: '7.2', nextReview: AS_OF }),
    );
    expect(gate(reviewedToday, 'G4')?.passed).toBe(true);
  });

  it('R-GATE-G5: KPI measurements must span the months of records', () => {
    expect(gate(readyRecords(), 'G5')).toMatchObject({ passed: true, reason: expect.stringContaining('4 month') });
    expect(gate(readyRecords(), 'G5', profile({ monthsOfRecordsBeforeStage1: 5 }))?.passed).toBe(false);
    const two = readyWith((r) => r.type === 'kpi-measurement', measurement('2026-05-01'), measurement('2026-06-01'));
    // June's period is not over on 30 June, so May–June spans one whole month.
    expect(gate(two, 'G5')).toMatchObject({ passed: false, reason: expect.stringContaining('1 month') });
  });

  it('R-GATE-G6: completed internal audits of 12 months must cover clauses 4–10', () => {
    const partial = readyWith(
      (r) => r.id === 'IA-1',
      event({ eventId: 'IA-1', type: 'Internal audit', scope: '4, 5, 6, 7, 8, 9', completedDate: '2026-05-20' }),
    );
    expect(gate(partial, 'G6')).toMatchObject({ passed: false, reason: expect.stringContaining('10.1') });
    expect(
      gate(
        readyWith((r) => r.id === 'IA-1'),
        'G6',
      ),
    ).toMatchObject({ passed: false, reason: expect.stringContaining('no internal audit') });
  });

  it('R-GATE-G7: a management review completed after the latest qualifying internal audit', () => {
    const before = readyWith(
      (r) => r.id === 'MR-1',
      event({ eventId: 'MR-1', type: 'Management review', completedDate: '2026-05-01' }),
    );
    expect(gate(before, 'G7')?.passed).toBe(false);
    const sameDay = readyWith(
      (r) => r.id === 'MR-1',
      event({ eventId: 'MR-1', type: 'Management review', completedDate: '2026-05-20' }),
    );
    expect(gate(sameDay, 'G7')?.passed).toBe(true);
    expect(
      gate(
        readyWith((r) => r.id === 'IA-1'),
        'G7',
      )?.passed,
    ).toBe(false);
  });

  it('R-GATE-G8: no open Major CAPA, none overdue by more than 30 days', () => {
    expect(
      gate([...readyRecords(), capa({ capaId: 'C1', severity: 'Major', dueDate: '2026-12-31' })], 'G8'),
    ).toMatchObject({ passed: false, reason: expect.stringContaining('C1') });
    expect(gate([...readyRecords(), capa({ capaId: 'C2', dueDate: '2026-05-31' })], 'G8')?.passed).toBe(true); // 30 days late: not more than 30
    expect(gate([...readyRecords(), capa({ capaId: 'C2', dueDate: '2026-05-30' })], 'G8')?.passed).toBe(false); // 31 days late
    expect(
      gate([...readyRecords(), capa({ capaId: 'C3', severity: 'Major', status: 'Cancelled' })], 'G8')?.passed,
    ).toBe(true);
  });

  it('R-GATE-G9: every Critical supplier Approved or Conditional with a current evaluation', () => {
    expect(
      gate([...readyRecords(), supplier({ supplierId: 'S2', status: 'Pending', evaluationDate: '2026-01-01' })], 'G9'),
    ).toMatchObject({ passed: false, reason: expect.stringContaining('S2') });
    expect(
      gate(
        [...readyRecords(), supplier({ supplierId: 'S3', status: 'Conditional', evaluationDate: '2026-01-01' })],
        'G9',
      )?.passed,
    ).toBe(true);
    expect(gate([...readyRecords(), supplier({ supplierId: 'S4', evaluationDate: '2025-05-01' })], 'G9')?.passed).toBe(
      false,
    );
    expect(
      gate([...readyRecords(), supplier({ supplierId: 'S5', criticality: 'Major', status: 'Pending' })], 'G9')?.passed,
    ).toBe(true);
  });

  it('R-GATE-G10: the profile names a certification body', () => {
    expect(gate(readyRecords(), 'G10', profile({ certificationBody: undefined }))).toMatchObject({
      passed: false,
      reason: expect.stringContaining('Certification body'),
    });
  });
});

describe('verdict', () => {
  it('R-VERDICT-STAGE1: G1, G2, G4, G6, G7 and G10 pass (other gates may fail)', () => {
    expect(run(readyRecords()).verdict).toMatchObject({ value: 'Ready for Stage 1', rule: 'R-VERDICT-STAGE1' });
    expect(
      run([...readyRecords(), capa({ capaId: 'C1', severity: 'Major', dueDate: '2026-12-31' })]).verdict.value,
    ).toBe('Ready for Stage 1');
  });

  it('R-VERDICT-STAGE2: all gates pass and Stage 1 is completed', () => {
    const s1 = [...readyRecords(), event({ eventId: 'S1', type: 'Stage 1 audit', completedDate: '2026-06-20' })];
    expect(run(s1).verdict).toMatchObject({ value: 'Ready for Stage 2', rule: 'R-VERDICT-STAGE2' });
    expect(run([...s1, capa({ capaId: 'C1', severity: 'Major', dueDate: '2026-12-31' })]).verdict.value).toBe(
      'Ready for Stage 1',
    );
  });

  it('R-VERDICT-CERTIFIED: Stage 2 completed and no open Major CAPA from an External audit', () => {
    const s2 = [
      ...readyRecords(),
      event({ eventId: 'S1', type: 'Stage 1 audit', completedDate: '2026-05-01' }),
      event({ eventId: 'S2', type: 'Stage 2 audit', completedDate: '2026-06-01' }),
    ];
    expect(run(s2).verdict).toMatchObject({ value: 'Certified', rule: 'R-VERDICT-CERTIFIED' });
    const major = capa({
      capaId: 'X1',
      source: 'External audit',
      severity: 'Major',
      dateOpened: '2026-06-01',
      dueDate: '2026-08-30',
    });
    expect(run([...s2, major]).verdict.value).not.toBe('Certified');
  });

  it('R-VERDICT-NOT-READY: a Stage 1 gate fails', () => {
    expect(run(readyWith((r) => r.id === 'IA-1')).verdict).toMatchObject({
      value: 'Not ready',
      rule: 'R-VERDICT-NOT-READY',
      inputs: { failedGates: ['G6', 'G7'] },
    });
  });
});

describe('blockers', () => {
  it('R-BLOCK-1: ranked by the readiness points each fix adds, found by re-scoring', () => {
    const records = readyWith(
      (r) => r.id === 'MR-1' || (r.type === 'gap' && r.id === '4.1'),
      gap({ clause: '4.1', status: 'Non-compliant' }),
    );
    const a = run(records);
    expect(a.readiness.overall.value).toBe(93.4);
    const top = a.blockers.slice(0, 4).map((b) => [b.kind, b.ref, b.points.value]);
    expect(top).toEqual([
      ['gate', 'G3', 3.5],
      ['clause', '4.1', 3.5],
      ['gate', 'G7', 3],
      ['cap', 'management-review', 3],
    ]);
    // The points are what fixing it really adds: re-run the whole assessment with the fix.
    const fixed = run([...records.filter((r) => !(r.type === 'gap' && r.id === '4.1')), gap({ clause: '4.1' })]);
    expect(fixed.readiness.overall.value).toBe(93.4 + 3.5);
    const reviewed = run([
      ...records,
      event({ eventId: 'MR-2', type: 'Management review', completedDate: '2026-06-20' }),
    ]);
    expect(reviewed.readiness.overall.value).toBe(93.4 + 3);
    // A capped clause whose status is already Compliant gains nothing from its own fix: the cap stays.
    expect(a.blockers.find((b) => b.ref === '9.3.1')?.points.value).toBe(0);
    expect(a.blockers.every((b, i, all) => i === 0 || (all[i - 1] as typeof b).points.value >= b.points.value)).toBe(
      true,
    );
  });

  it('R-BLOCK-1: a cap blocker names its rule (R-READY-CAP-TRAINING, R-READY-CAP-DOCS-STALE) and adds what lifting it adds', () => {
    const records = readyWith(
      (r) => r.type === 'training',
      training({ person: 'A. Keller', competence: 'Internal auditor' }),
      training({ person: 'J. Novak', competence: 'Forklift', completedDate: undefined }),
      documentEntry({ docId: 'WI-9', clauses: '8.5.1', nextReview: '2026-05-31' }),
    );
    const a = run(records);
    const byRef = new Map(a.blockers.map((b) => [b.ref, b]));
    expect(byRef.get('training')).toMatchObject({
      kind: 'cap',
      rule: 'R-READY-CAP-TRAINING',
      title: 'Records cap on 7.2 (R-READY-CAP-TRAINING)',
      fix: expect.stringContaining('1 of 2 required trainings'),
    });
    expect(byRef.get('documents-stale')).toMatchObject({
      rule: 'R-READY-CAP-DOCS-STALE',
      title: 'Records cap on 8.5.1 (R-READY-CAP-DOCS-STALE)',
      fix: expect.stringContaining('WI-9'),
    });
    // Its points are what completing the training really adds.
    const trained = run(
      readyWith(
        (r) => r.type === 'training' || r.id === 'WI-9',
        training({ person: 'A. Keller', competence: 'Internal auditor' }),
        training({ person: 'J. Novak', competence: 'Forklift' }),
        documentEntry({ docId: 'WI-9', clauses: '8.5.1', nextReview: '2026-05-31' }),
      ),
    );
    expect(round1(trained.readiness.overall.value - a.readiness.overall.value)).toBe(
      byRef.get('training')?.points.value,
    );
    expect(byRef.get('G4')).toMatchObject({ kind: 'gate', rule: 'R-GATE-G4' });
  });

  it('R-BLOCK-1: gates about the profile add no points but are still listed', () => {
    const a = run(readyRecords(), profile({ certificationBody: '' }));
    expect(a.blockers).toMatchObject([{ kind: 'gate', ref: 'G10', points: { value: 0 } }]);
  });
});

describe('certification cycle (§11.4)', () => {
  const certified = (asOf: string, ...extra: QmsRecord[]) =>
    assess(
      [
        ...readyRecords(),
        event({ eventId: 'S1', type: 'Stage 1 audit', completedDate: '2024-02-01' }),
        event({ eventId: 'S2', type: 'Stage 2 audit', completedDate: '2024-03-15' }),
        ...extra,
      ],
      profile(),
      asOf,
      FAST,
    );

  it('R-CYCLE-1: first surveillance due 12 months after the decision (Stage 2 date)', () => {
    const a = certified('2024-06-30');
    expect(a.cycle?.decisionDate.value).toBe('2024-03-15');
    expect(a.cycle?.due[0]).toMatchObject({
      audit: 'Surveillance 1',
      due: { value: '2025-03-15', rule: 'R-CYCLE-1' },
      done: false,
      overdue: false,
    });
    expect(a.cycle?.next?.audit).toBe('Surveillance 1');
    expect(a.cycle?.overdue).toBe(false);
  });

  it('R-CYCLE-2: second surveillance due at 24 months; overdue when it passes undone', () => {
    const a = certified(
      '2026-06-30',
      event({ eventId: 'SV1', type: 'Surveillance audit', completedDate: '2025-02-20' }),
    );
    expect(a.cycle?.due.map((d) => [d.audit, d.due.value, d.done, d.overdue])).toEqual([
      ['Surveillance 1', '2025-03-15', true, false],
      ['Surveillance 2', '2026-03-15', false, true],
      ['Recertification', '2027-03-15', false, false],
    ]);
    expect(a.cycle?.overdue).toBe(true);
    expect(a.cycle?.next?.audit).toBe('Surveillance 2');
  });

  it('R-CYCLE-3: recertification due at expiry (36 months); a completed one starts a new cycle', () => {
    const a = certified(
      '2026-06-30',
      event({ eventId: 'SV1', type: 'Surveillance audit', completedDate: '2025-02-20' }),
      event({ eventId: 'SV2', type: 'Surveillance audit', completedDate: '2026-02-20' }),
    );
    expect(a.cycle?.expiry.value).toBe('2027-03-15');
    expect(a.cycle?.overdue).toBe(false);
    expect(a.cycle?.next?.audit).toBe('Recertification');
    const renewed = certified(
      '2027-06-30',
      event({ eventId: 'RC', type: 'Recertification audit', completedDate: '2027-02-01' }),
    );
    expect(renewed.cycle?.decisionDate.value).toBe('2027-02-01');
    expect(renewed.cycle?.due[0]?.due.value).toBe('2028-02-01');
  });

  it('R-CYCLE-1: no cycle before certification', () => {
    expect(run(readyRecords()).cycle).toBeUndefined();
  });
});
