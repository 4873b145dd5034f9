import { describe, expect, it } from 'vitest';
import type { Assessment } from '../api/types.ts';
import { summarySheet } from './summary-model.ts';

const fig = <T,>(value: T) => ({ value, rule: 'R' });

export const sampleAssessment: Assessment = {
  asOf: '2026-03-31',
  organization: 'Acme',
  readiness: { overall: fig(62.5), groups: [4, 5, 6, 7, 8, 9, 10].map((g) => ({ group: g, score: fig(g === 8 ? null : g * 8) })) },
  gates: [{ id: 'G1', name: 'Scope', passed: true, reason: 'Profile has scope' }],
  verdict: fig('Not ready'),
  blockers: [{ kind: 'gate', ref: 'G6', title: 'No internal audit', fix: '=Plan one', points: fig(4.2) }],
  timeline: { milestones: [{ id: 'stage-1', name: 'Stage 1', source: 'estimate', p50: fig('2026-09-01'), p80: fig('2026-10-01') }] },
  cost: {
    currency: 'EUR',
    lines: [{ id: 'cb-initial', label: 'Certification body, initial', amount: fig({ low: 4000, likely: 5000, high: 6000 }) }],
    threeYearTotal: fig(null),
  },
};

describe('summarySheet', () => {
  it('lays out score, groups (charted), gates, blockers, milestones and costs', () => {
    const sheet = summarySheet(sampleAssessment, 'Qualis Consulting');
    const labels = sheet.rows.map((r) => r[0]);
    expect(labels.slice(0, 5)).toEqual(['QMS Readiness — Acme', 'Prepared with Qualis Consulting', 'As of', 'Readiness (%)', 'Verdict']);
    const { firstRow, lastRow } = sheet.chart;
    expect(sheet.rows.slice(firstRow - 1, lastRow).map((r) => r[1])).toEqual([32, 40, 48, 56, 'n/a', 72, 80]);
    expect(sheet.rows[firstRow - 2]).toEqual(['Clause group', 'Score (%)']);
    expect(sheet.rows).toContainEqual(['No internal audit', 4.2, '=Plan one']);
    expect(sheet.rows).toContainEqual(['Stage 1', '2026-09-01', '2026-10-01', 'estimate']);
    expect(sheet.rows).toContainEqual(['Three-year total', 'not known', '', '', 'EUR']);
    expect(sheet.boldRows?.map((r) => sheet.rows[r - 1]?.[0])).toEqual(['QMS Readiness — Acme', 'Clause group', 'Gate', 'Blocker', 'Milestone', 'Cost']);
  });
});
