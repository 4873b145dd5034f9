import { describe, expect, it } from 'vitest';
import { STAGE1_GATES, blockerList, gateChecklist, historyLine, milestoneBands, verdictBasis } from './picture.ts';
import { sampleAssessment } from '../../test/support/sample-assessment.ts';

const assessment = sampleAssessment();

describe('the readiness picture', () => {
  it('lists only blockers that add points, most first, five shown and the rest folded', () => {
    const points = (n: number, ref: string) => ({
      kind: 'clause' as const,
      ref,
      rule: 'R-READY-1',
      title: ref,
      fix: 'fix it',
      points: { value: n, rule: 'R-BLOCKER', inputs: {} },
    });
    const { top, rest } = blockerList([
      points(0, 'zero-a'),
      points(2, 'b'),
      points(7.5, 'a'),
      points(0, 'zero-b'),
      points(1, 'c'),
      points(1, 'd'),
      points(3, 'e'),
      points(0.5, 'f'),
      points(0.2, 'g'),
    ]);
    expect(top.map((b) => b.ref)).toEqual(['a', 'e', 'b', 'c', 'd']);
    expect(rest.map((b) => b.ref)).toEqual(['f', 'g']);
    // On the engine's own sample no listed blocker is worth zero points.
    const sample = blockerList(assessment.blockers);
    expect([...sample.top, ...sample.rest].every((b) => b.points.value > 0)).toBe(true);
    expect(sample.top.length).toBeLessThanOrEqual(5);
  });

  it('orders the gates by the verdict that needs them: Stage 1 gates first, then those only Stage 2 needs', () => {
    const list = gateChecklist(assessment.gates);
    expect(list.map((i) => i.gate.id)).toEqual(['G1', 'G2', 'G4', 'G6', 'G7', 'G10', 'G3', 'G5', 'G8', 'G9']);
    expect(list.filter((i) => i.neededFor === 'Stage 1').map((i) => i.gate.id)).toEqual([...STAGE1_GATES]);
  });

  it('says which gates the verdict rests on and which still fail', () => {
    const gates = assessment.gates.map((g) => ({ ...g, passed: !['G3', 'G8'].includes(g.id) }));
    expect(verdictBasis(gates, 'Ready for Stage 1')).toBe(
      'Stage 1 needs gates G1, G2, G4, G6, G7, G10, and they pass. Stage 2 needs every gate and a completed Stage 1 audit; still failing: G3, G8.',
    );
    const notReady = assessment.gates.map((g) => ({ ...g, passed: g.id !== 'G6' && g.id !== 'G9' }));
    expect(verdictBasis(notReady, 'Not ready')).toBe(
      'Ready for Stage 1 needs gates G1, G2, G4, G6, G7, G10; still failing: G6.',
    );
  });

  it('places P50 and P80 of every milestone on one axis from the as-of date to the latest P80', () => {
    const bands = milestoneBands(assessment.timeline.milestones, assessment.asOf);
    expect(bands).toHaveLength(assessment.timeline.milestones.length);
    for (const b of bands) {
      expect(b.from).toBeGreaterThanOrEqual(0);
      expect(b.to).toBeLessThanOrEqual(1);
      expect(b.to).toBeGreaterThanOrEqual(b.from);
    }
    expect(Math.max(...bands.map((b) => b.to))).toBe(1);
  });

  it('draws readiness over time across the dates it was taken', () => {
    expect(
      historyLine([
        { date: '2026-01-01', readiness: 20 },
        { date: '2026-01-11', readiness: 50 },
        { date: '2026-01-21', readiness: 120 },
      ]),
    ).toBe('0,80 50,50 100,0');
    expect(historyLine([{ date: '2026-01-01', readiness: 40 }])).toBe('50,60');
    expect(historyLine([])).toBe('');
  });
});
