import { describe, expect, it } from 'vitest';
import { assess } from './assess.js';
import { summaryGrid, type SummaryCell } from './summary-grid.js';
import { event, profile, readyRecords } from './test-records.js';

const rowOf = (rows: SummaryCell[][], label: string) => rows.find((r) => r[0] === label);

describe('summary grid', () => {
  const a = assess(
    readyRecords(),
    profile({ organizationName: '=1+1', certificationBody: '@SUM(A1)', targetCertificationDate: '2026-12-31' }),
    '2026-06-30',
    { runs: 200 },
  );
  const rows = summaryGrid(a, { generatedAt: '2026-06-30T09:00:00Z' });

  it('R-SUM-1: holds score, verdict, as-of and generation time, groups, gates, milestones, days and cost', () => {
    expect(rowOf(rows, 'Overall readiness (%)')?.[1]).toBe(a.readiness.overall.value);
    expect(rowOf(rows, 'Verdict')?.[1]).toBe('Ready for Stage 1');
    expect(rowOf(rows, 'As of')?.[1]).toBe('2026-06-30');
    expect(rowOf(rows, 'Generated')?.[1]).toBe('2026-06-30T09:00:00Z');
    expect(rowOf(rows, '9 Performance evaluation')?.[1]).toBe(100);
    expect(rowOf(rows, 'G10')).toEqual([
      'G10',
      'Certification body',
      'Pass',
      'R-GATE-G10',
      'certification body: @SUM(A1)',
    ]);
    const stage1 = a.timeline.milestones.find((m) => m.id === 'stage-1');
    expect(rowOf(rows, 'Stage 1 audit')?.slice(1, 5)).toEqual([
      stage1?.p50.value,
      stage1?.p80.value,
      stage1?.p50.rule,
      'estimate',
    ]);
    expect(rowOf(rows, 'Internal audit')?.[4]).toBe('from records');
    expect(rowOf(rows, 'Slack vs target (weeks)')?.[1]).toBe(a.timeline.target?.slackWeeksP50.value);
    expect(rowOf(rows, 'Initial audit (Stage 1 + Stage 2)')?.[1]).toBe(4);
    expect(rowOf(rows, '3-year total')?.slice(1, 5)).toEqual([
      a.cost?.threeYearTotal.value?.low,
      a.cost?.threeYearTotal.value?.likely,
      a.cost?.threeYearTotal.value?.high,
      'EUR',
    ]);
    expect(String(rowOf(rows, 'Default cbDayRate')?.[2])).toContain('indicative, not a quote');
  });

  it('R-SUM-1: only plain values (text, finite numbers, blanks); user text is carried as text', () => {
    for (const row of rows)
      for (const cell of row)
        expect(cell === null || typeof cell === 'string' || (typeof cell === 'number' && Number.isFinite(cell))).toBe(
          true,
        );
    expect(rowOf(rows, 'Organization')?.[1]).toBe('=1+1');
  });

  it('R-SUM-1: a certified assessment lists the cycle with due dates and overdue flags', () => {
    const certified = assess(
      [
        ...readyRecords(),
        event({ eventId: 'S1', type: 'Stage 1 audit', completedDate: '2024-02-01' }),
        event({ eventId: 'S2', type: 'Stage 2 audit', completedDate: '2024-03-15' }),
      ],
      profile(),
      '2026-06-30',
      { runs: 50 },
    );
    const grid = summaryGrid(certified, { generatedAt: 'x' });
    expect(rowOf(grid, 'Surveillance 1')?.slice(1, 4)).toEqual(['2025-03-15', 'No', 'OVERDUE']);
    expect(rowOf(grid, 'Recertification')?.[1]).toBe('2027-03-15');
  });
});
