import { summaryLayout } from '@qms/engine';
import { describe, expect, it } from 'vitest';
import { sampleAssessment } from '../../test/support/sample-assessment.ts';
import { summarySheet } from './summary-model.ts';

const GENERATED = '2026-03-31T09:00:00.000Z';
const assessment = sampleAssessment();

describe('summarySheet', () => {
  it('R-SUM-1: is the layout the CLI writes (summaryLayout), with no chart of its own', () => {
    const sheet = summarySheet(assessment, GENERATED);
    expect(sheet.name).toBe('QMS Readiness');
    expect(sheet.replace).toBe(false);
    expect(sheet.chart).toBeUndefined();
    expect(sheet.layout()).toEqual(summaryLayout(assessment, { generatedAt: GENERATED }));
  });

  it('puts the brand in the title bar, the history in its section and kept notes under the Notes row', () => {
    const history = [{ date: '2026-03-01', readiness: 55, verdict: 'Not ready' }];
    const sheet = summarySheet(assessment, GENERATED, 'Qualis Consulting', { history });
    const layout = sheet.layout([['keep me']]);
    expect(layout).toEqual(
      summaryLayout(assessment, {
        generatedAt: GENERATED,
        brand: 'Qualis Consulting',
        history,
        keptNotes: [['keep me']],
      }),
    );
    expect(layout.rows[0]?.some((c) => String(c.value).includes('prepared with Qualis Consulting'))).toBe(true);
    expect(layout.rows[layout.notes.firstRow - 1]?.[0]?.value).toBe('keep me');
  });

  it('writes under another name when asked, or replaces', () => {
    expect(summarySheet(assessment, GENERATED, '', { name: 'QMS Readiness (2)' }).layout().name).toBe(
      'QMS Readiness (2)',
    );
    expect(summarySheet(assessment, GENERATED, '', { replace: true }).replace).toBe(true);
  });
});
