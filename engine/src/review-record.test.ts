import { describe, expect, it } from 'vitest';
import type { QmsRecord } from '@qms/templates';
import { assess } from './assess.js';
import { event, profile, readyRecords, review } from './test-records.js';

// 9.3 and G7 backed by the Management Review sheet (engine/src/SPEC.md).
const AS_OF = '2026-06-30';
const FAST = { runs: 50 };
const run = (records: QmsRecord[]) => assess(records, profile(), AS_OF, FAST);
const g7 = (records: QmsRecord[]) => run(records).gates.find((g) => g.id === 'G7');
const clause = (records: QmsRecord[], c: string) => run(records).readiness.clauses.find((x) => x.clause === c);

describe('management review record', () => {
  it('R-GATE-G7-INPUTS: passes when the latest completed review covers every 9.3.2 input; fails naming what it left out', () => {
    const covered = g7([...readyRecords(), review({ reviewId: 'MR-1' })]);
    expect(covered).toMatchObject({ passed: true, rule: 'R-GATE-G7-INPUTS' });
    expect(covered?.reason).toContain('covered every 9.3.2 input');
    expect(covered?.inputs).toMatchObject({ latestCompletedReview: 'MR-1', inputsCovered: 12, inputsNotCovered: [] });

    const missing = run([...readyRecords(), review({ reviewId: 'MR-1' }, ['External providers'])]);
    const gate = missing.gates.find((g) => g.id === 'G7');
    expect(gate).toMatchObject({ passed: false, rule: 'R-GATE-G7-INPUTS' });
    expect(gate?.reason).toContain('did not cover External providers');
    expect(gate?.inputs).toMatchObject({ inputsCovered: 11, inputsNotCovered: ['External providers'] });
    // G7 is a Stage 1 gate: the verdict drops.
    expect(missing.verdict.value).toBe('Not ready');
    expect(run([...readyRecords(), review({ reviewId: 'MR-1' })]).verdict.value).toBe('Ready for Stage 1');
  });

  it('R-GATE-G7-INPUTS: the latest completed review decides, not an earlier or a planned one', () => {
    const olderComplete = [
      review({ reviewId: 'MR-0', date: '2026-02-10' }),
      review({ reviewId: 'MR-1', date: '2026-06-10' }, ['Resources']),
    ];
    expect(g7([...readyRecords(), ...olderComplete])?.passed).toBe(false);
    const newerComplete = [
      review({ reviewId: 'MR-0', date: '2026-02-10' }, ['Resources']),
      review({ reviewId: 'MR-1', date: '2026-06-10' }),
      review({ reviewId: 'MR-2', date: '2026-09-10', status: 'Planned' }, ['Resources', 'Improvement']),
    ];
    expect(g7([...readyRecords(), ...newerComplete])).toMatchObject({
      passed: true,
      inputs: { latestCompletedReview: 'MR-1' },
    });
  });

  it("R-GATE-G7-INPUTS: the sheet's latest review must itself follow the qualifying internal audit", () => {
    // The Audit Programme's MR-1 (2026-06-10) follows the audit of 2026-05-20, but the sheet only records an
    // earlier review: the inputs of the one that counts are unknown.
    const gate = g7([...readyRecords(), review({ reviewId: 'MR-0', date: '2026-05-01' })]);
    expect(gate).toMatchObject({ passed: false, reason: expect.stringContaining('was held before that audit') });
    expect(g7([...readyRecords(), review({ reviewId: 'MR-1', date: '2026-05-20' })])?.passed).toBe(true);
  });

  it('R-GATE-G7-INPUTS: a sheet with no completed review fails G7 even when the Audit Programme lists one', () => {
    const gate = g7([...readyRecords(), review({ reviewId: 'MR-2', date: '2026-09-10', status: 'Planned' })]);
    expect(gate).toMatchObject({ passed: false, reason: expect.stringContaining('has no completed review') });
  });

  it('R-GATE-G7-INPUTS: a review recorded only on the sheet counts as the management review held', () => {
    const noProgrammeRow = readyRecords().filter((r) => r.id !== 'MR-1');
    expect(g7(noProgrammeRow)).toMatchObject({ passed: false, rule: 'R-GATE-G7' });
    const a = run([...noProgrammeRow, review({ reviewId: 'MR-7', date: '2026-06-12' })]);
    expect(a.gates.find((g) => g.id === 'G7')).toMatchObject({ passed: true, rule: 'R-GATE-G7-INPUTS' });
    expect(a.timeline.milestones.find((m) => m.id === 'management-review')).toMatchObject({
      source: 'records',
      p50: { value: '2026-06-12' },
    });
    // A review held before the latest qualifying internal audit (2026-05-20) does not follow it.
    expect(g7([...noProgrammeRow, review({ reviewId: 'MR-7', date: '2026-05-01' })])?.passed).toBe(false);
  });

  it('R-GATE-G7-INPUTS: without a Management Review sheet, R-GATE-G7 stands as it was', () => {
    expect(g7(readyRecords())).toMatchObject({ passed: true, rule: 'R-GATE-G7' });
    expect(g7(readyRecords())?.inputs).toBeUndefined();
  });

  it('R-READY-CAP-REVIEW-INPUTS: 9.3.2 is capped at the share of inputs the latest review covered; 9.3.1 and 9.3.3 are not', () => {
    const records = [...readyRecords(), review({ reviewId: 'MR-1' }, ['External providers', 'Resources'])];
    expect(clause(records, '9.3.2')?.credit).toMatchObject({
      value: 0.83,
      rule: 'R-READY-CAP-REVIEW-INPUTS',
      inputs: { creditBeforeCap: 1, cap: 0.83 },
    });
    expect(clause(records, '9.3.2')?.cappedBy).toBe('review-inputs');
    expect(clause(records, '9.3.1')?.credit.value).toBe(1);
    expect(clause(records, '9.3.3')?.credit.value).toBe(1);
    const cap = run(records).readiness.caps.find((c) => c.id === 'review-inputs');
    expect(cap).toMatchObject({
      clauses: ['9.3.2'],
      limit: { value: 0.83, inputs: { inputsCovered: 10, inputsListed: 12, latestCompletedReview: 'MR-1' } },
    });
    expect(cap?.reason).toContain('not covered: External providers, Resources');
    // Every input covered: the cap is lifted.
    const full = [...readyRecords(), review({ reviewId: 'MR-1' })];
    expect(clause(full, '9.3.2')?.credit).toMatchObject({ value: 1, rule: 'R-READY-1' });
    expect(run(full).readiness.caps.find((c) => c.id === 'review-inputs')?.limit.value).toBe(1);
    // Readiness moves with it: group 9 loses (1 − 0.83) of one clause.
    expect(run(records).readiness.overall.value).toBeLessThan(run(full).readiness.overall.value);
  });

  it('R-READY-CAP-REVIEW-INPUTS: with no review in the last 12 months the lower of the two limits holds', () => {
    const old = [
      ...readyRecords().filter((r) => r.id !== 'MR-1'),
      review({ reviewId: 'MR-0', date: '2025-05-01' }, ['Resources']),
    ];
    expect(clause(old, '9.3.2')?.credit.value).toBe(0.5);
    expect(clause(old, '9.3.1')?.credit).toMatchObject({ value: 0.5, rule: 'R-READY-CAP-REVIEW' });
  });

  it('R-READY-CAP-REVIEW-INPUTS: without the sheet 9.3.2 stays under R-READY-CAP-REVIEW and no new cap is listed', () => {
    const a = run(readyRecords().filter((r) => r.id !== 'MR-1'));
    expect(a.readiness.clauses.find((c) => c.clause === '9.3.2')?.credit).toMatchObject({
      value: 0.5,
      rule: 'R-READY-CAP-REVIEW',
    });
    expect(a.readiness.caps.map((c) => c.id)).not.toContain('review-inputs');
  });

  it('R-BLOCK-1: the review blockers carry their rule ids, and fixing G7 lifts the inputs cap too', () => {
    const a = run([...readyRecords(), review({ reviewId: 'MR-1' }, ['External providers', 'Resources'])]);
    const gate = a.blockers.find((b) => b.kind === 'gate' && b.ref === 'G7');
    const cap = a.blockers.find((b) => b.kind === 'cap' && b.ref === 'review-inputs');
    expect(gate).toMatchObject({ rule: 'R-GATE-G7-INPUTS', fix: expect.stringContaining('External providers') });
    expect(cap).toMatchObject({
      rule: 'R-READY-CAP-REVIEW-INPUTS',
      title: 'Records cap on 9.3.2 (R-READY-CAP-REVIEW-INPUTS)',
    });
    const full = run([...readyRecords(), review({ reviewId: 'MR-1' })]).readiness.overall.value;
    expect(gate?.points.value).toBeCloseTo(full - a.readiness.overall.value, 6);
    expect(cap?.points.value).toBeCloseTo(full - a.readiness.overall.value, 6);
  });

  it('R-READY-CAP-REVIEW: a completed review on the sheet counts for the 12-month window like an Audit Programme row', () => {
    const noProgrammeRow = readyRecords().filter((r) => r.id !== 'MR-1');
    const a = run([...noProgrammeRow, review({ reviewId: 'MR-7', date: '2026-06-12' })]);
    expect(a.readiness.caps.find((c) => c.id === 'management-review')?.limit).toMatchObject({
      value: 1,
      inputs: { latestManagementReviewIn12Months: '2026-06-12' },
    });
    // An Audit Programme review still counts beside the sheet's: the later of the two is the latest.
    const both = run([...readyRecords(), review({ reviewId: 'MR-0', date: '2026-03-01' })]);
    expect(both.readiness.caps.find((c) => c.id === 'management-review')?.limit.inputs).toMatchObject({
      latestManagementReviewIn12Months: '2026-06-10',
    });
    expect(
      run([
        ...noProgrammeRow,
        event({ eventId: 'MR-9', type: 'Management review', completedDate: '2026-06-01' }),
      ]).readiness.caps.find((c) => c.id === 'management-review')?.limit.value,
    ).toBe(1);
  });
});
