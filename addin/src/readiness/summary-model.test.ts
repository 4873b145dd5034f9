import { summaryGrid } from '@qms/engine';
import { CLAUSE_GROUP_TITLES } from '@qms/templates';
import { describe, expect, it } from 'vitest';
import { createExcelPort } from '../office/excel-port.ts';
import { MemoryWorkbook } from '../office/testing/memory-excel.ts';
import { sampleAssessment, sampleProfile } from './sample-assessment.ts';
import { summarySheet } from './summary-model.ts';

const GENERATED = '2026-03-31T09:00:00.000Z';
const assessment = sampleAssessment();
/** What `qms assess --summary` writes, with empty cells as the adapter writes them. */
const cliRows = summaryGrid(assessment, { generatedAt: GENERATED }).map((row) => row.map((cell) => cell ?? ''));

describe('summarySheet', () => {
  it('holds exactly the rows the CLI writes (summaryGrid), with empty cells as empty text', () => {
    const sheet = summarySheet(assessment, GENERATED);
    expect(sheet.name).toBe('QMS Readiness');
    expect(sheet.rows).toEqual(cliRows);
    expect(sheet.rows.flat()).not.toContain(null);
  });

  it('charts the seven clause-group rows: labels in column 1, scores in column 2', () => {
    const sheet = summarySheet(assessment, GENERATED);
    const { firstRow, lastRow, labelColumn } = sheet.chart;
    expect(labelColumn).toBe(1);
    expect(lastRow - firstRow + 1).toBe(7);
    expect(sheet.rows[firstRow - 2]?.[0]).toBe('Clause group');
    const charted = sheet.rows.slice(firstRow - 1, lastRow);
    expect(charted.map((r) => r[0])).toEqual([4, 5, 6, 7, 8, 9, 10].map((g) => `${g} ${CLAUSE_GROUP_TITLES[g]}`));
    expect(charted.map((r) => r[1])).toEqual(assessment.readiness.groups.map((g) => g.score.value ?? 'n/a'));
    expect(sheet.rows[lastRow]).toEqual([]);
  });

  it('makes the title and every table header bold', () => {
    const sheet = summarySheet(assessment, GENERATED);
    const bold = sheet.boldRows?.map((r) => sheet.rows[r - 1]?.[0]);
    expect(bold).toEqual([
      'QMS Readiness',
      'Clause group',
      'Gate',
      'Top blockers',
      'Milestone',
      'Audit days',
      'Cost line',
    ]);
  });

  it('puts the brand line under the title and shifts the bold rows and the chart with it', () => {
    const plain = summarySheet(assessment, GENERATED);
    const branded = summarySheet(assessment, GENERATED, 'Qualis Consulting');
    expect(branded.rows[0]).toEqual(['QMS Readiness']);
    expect(branded.rows[1]).toEqual(['Prepared with Qualis Consulting']);
    expect(branded.rows.slice(2)).toEqual(cliRows.slice(1));
    expect(branded.boldRows).toEqual(plain.boldRows?.map((r) => (r === 1 ? 1 : r + 1)));
    expect(branded.chart).toEqual({
      ...plain.chart,
      firstRow: plain.chart.firstRow + 1,
      lastRow: plain.chart.lastRow + 1,
    });
  });
});

describe('summarySheet through the Excel adapter', () => {
  it('writes the engine-backed sheet as values with one chart over the seven group rows', async () => {
    const wb = new MemoryWorkbook();
    await createExcelPort(wb.run).writeSummary(
      summarySheet(sampleAssessment({ ...sampleProfile(), organizationName: '=Acme & Co' }), GENERATED),
    );
    const sheet = wb.sheet('QMS Readiness');
    expect(sheet?.formulas.size).toBe(0);
    expect(wb.value('QMS Readiness', 'A2')).toBe('Organization');
    expect(wb.value('QMS Readiness', 'B2')).toBe('=Acme & Co');
    // Title, Organization, As of, Generated, Verdict, Overall, blank, header: groups in rows 9 to 15.
    expect(sheet?.charts).toEqual([
      {
        type: 'BarClustered',
        source: "'QMS Readiness'!A9:B15",
        seriesBy: 'Columns',
        title: 'Readiness by clause group (%)',
      },
    ]);
  });
});
