import { summaryLayout } from '@qms/engine/summary';
import { describe, expect, it } from 'vitest';
import { sampleAssessment, sampleProfile } from '../../test/support/sample-assessment.ts';
import { summarySheet } from '../readiness/summary-model.ts';
import { createExcelPort } from './excel-port.ts';
import { SummaryWriteError } from './summary.ts';
import { MemoryWorkbook } from '@qms/excel-standin';
import { lookOf } from '@qms/excel-standin/format';

const GENERATED = '2026-03-31T09:00:00.000Z';
const assessment = sampleAssessment({ ...sampleProfile(), organizationName: '=Acme & Co' });

/** The row (1-based) whose first cell reads `text` on the stand-in's sheet. */
function rowOf(wb: MemoryWorkbook, sheet: string, text: string): number {
  for (const [k, v] of wb.sheet(sheet)?.cells ?? []) if (v === text && k.endsWith(',1')) return Number(k.split(',')[0]);
  return 0;
}

describe('writeSummary (the dashboard through Office.js)', () => {
  it('writes values only, text that looks like a formula as text, in two syncs', async () => {
    const wb = new MemoryWorkbook();
    wb.addSheet('CAPA Log', [['x']]);
    await createExcelPort(wb.run).writeSummary(summarySheet(assessment, GENERATED));
    expect(wb.syncs).toBe(2);
    const sheet = wb.sheet('QMS Readiness');
    expect(sheet?.formulas.size).toBe(0);
    expect(wb.value('QMS Readiness', 'A1')).toBe('QMS Readiness');
    expect(wb.value('QMS Readiness', 'A3')).toBe('Organization');
    expect(wb.value('QMS Readiness', 'B3')).toBe('=Acme & Co');
    expect(wb.active).toBe('QMS Readiness');
  });

  it('sets data bars, traffic lights, merges, number formats and the page layout of the layout', async () => {
    const wb = new MemoryWorkbook();
    await createExcelPort(wb.run).writeSummary(summarySheet(assessment, GENERATED));
    const sheet = wb.sheet('QMS Readiness');
    if (!sheet) throw new Error('no sheet');
    const look = lookOf(sheet);
    const layout = summaryLayout(assessment, { generatedAt: GENERATED });
    expect(look.conditionalFormats).toHaveLength(layout.conditionalFormats.length);
    const bars = look.conditionalFormats.filter((f) => f.type === 'DataBar');
    const groups = rowOf(wb, 'QMS Readiness', '4 Context of the organization');
    expect(bars.some((b) => b.area.row === groups && b.area.rows === 7 && b.area.column === 2)).toBe(true);
    expect(bars[0]?.dataBar).toMatchObject({
      lowerBoundRule: { type: 'Number', formula: '0' },
      upperBoundRule: { type: 'Number', formula: '100' },
    });
    const pass = look.conditionalFormats.find((f) => f.cellValue?.rule?.formula1 === '="Pass"');
    expect(pass?.cellValue).toMatchObject({ fill: '#C6EFCE', color: '#006100', rule: { operator: 'EqualTo' } });
    expect(look.merges).toHaveLength(layout.merges.length);
    expect(look.page).toMatchObject({
      orientation: 'Landscape',
      paperSize: 'A4',
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 1 },
    });
    expect(look.footer.centerFooter).toBe(`QMS Readiness as of ${assessment.asOf}`);
    expect(look.showGridlines).toBe(false);
    // Every money cell of the layout, and no other, carries the currency format.
    const moneyCells = layout.rows.flat().filter((c) => c.style === 'money' || c.style === 'moneyTotal').length;
    expect(moneyCells).toBeGreaterThanOrEqual(3);
    expect([...sheet.numberFormats.values()].filter((f) => f === '"€"#,##0')).toHaveLength(moneyCells);
  });

  it('refuses to replace an existing summary sheet unless asked, and then keeps its Notes and its place', async () => {
    const wb = new MemoryWorkbook();
    const port = createExcelPort(wb.run);
    wb.addSheet('Cover');
    await port.writeSummary(summarySheet(assessment, GENERATED));
    wb.addSheet('CAPA Log');
    const notesRow = rowOf(wb, 'QMS Readiness', 'Notes');
    expect(notesRow).toBeGreaterThan(20);
    const sheet = wb.sheet('QMS Readiness');
    if (!sheet) throw new Error('no sheet');
    wb.write(sheet, notesRow + 1, 1, [['Board meeting 12 March: show the CAPA plan']]);

    await expect(port.writeSummary(summarySheet(assessment, GENERATED))).rejects.toThrow(SummaryWriteError);
    await expect(port.writeSummary(summarySheet(assessment, GENERATED))).rejects.toThrow(
      /already has a "QMS Readiness"/,
    );
    expect(wb.value('QMS Readiness', `A${notesRow + 1}`)).toBe('Board meeting 12 March: show the CAPA plan');

    const inspected = await port.inspectSummary('QMS Readiness');
    expect(inspected).toEqual({ exists: true, hasNotes: true, protected: false, freeName: 'QMS Readiness (2)' });

    const syncs = wb.syncs;
    await port.writeSummary(summarySheet(assessment, GENERATED, '', { replace: true }));
    expect(wb.syncs - syncs).toBe(2);
    expect(wb.sheets.map((s) => s.name)).toEqual(['Cover', 'QMS Readiness', 'CAPA Log']);
    const again = rowOf(wb, 'QMS Readiness', 'Notes');
    expect(wb.value('QMS Readiness', `A${again + 1}`)).toBe('Board meeting 12 March: show the CAPA plan');
  });

  it('writes under the offered name instead, leaving the existing sheet alone', async () => {
    const wb = new MemoryWorkbook();
    const port = createExcelPort(wb.run);
    wb.addSheet('QMS Readiness', [['my own sheet']]);
    expect(await port.inspectSummary('QMS Readiness')).toEqual({
      exists: true,
      hasNotes: false,
      protected: false,
      freeName: 'QMS Readiness (2)',
    });
    await port.writeSummary(summarySheet(assessment, GENERATED, '', { name: 'QMS Readiness (2)' }));
    expect(wb.value('QMS Readiness', 'A1')).toBe('my own sheet');
    expect(wb.value('QMS Readiness (2)', 'A3')).toBe('Organization');
  });

  it('on an Excel without ExcelApi 1.8 and 1.9 writes the dashboard without gridline and page settings', async () => {
    const asked: string[] = [];
    const office = {
      context: {
        requirements: {
          isSetSupported: (name: string, version: string) => {
            asked.push(`${name} ${version}`);
            return version === '1.7';
          },
        },
      },
    };
    (globalThis as { Office?: unknown }).Office = office;
    try {
      const wb = new MemoryWorkbook();
      await createExcelPort(wb.run).writeSummary(summarySheet(assessment, GENERATED));
      const sheet = wb.sheet('QMS Readiness');
      if (!sheet) throw new Error('no sheet');
      expect(asked).toEqual(['ExcelApi 1.8', 'ExcelApi 1.9']);
      expect(lookOf(sheet).page).toEqual({});
      expect(lookOf(sheet).showGridlines).toBe(true);
      expect(lookOf(sheet).conditionalFormats.length).toBeGreaterThan(5);
      expect(wb.value('QMS Readiness', 'A3')).toBe('Organization');
    } finally {
      delete (globalThis as { Office?: unknown }).Office;
    }
  });

  it('on a workbook whose structure is protected, says what to do and changes nothing', async () => {
    const wb = new MemoryWorkbook();
    const port = createExcelPort(wb.run);
    wb.addSheet('Cover');
    wb.structureProtected = true;
    expect((await port.inspectSummary('QMS Readiness')).protected).toBe(true);
    const error = await port.writeSummary(summarySheet(assessment, GENERATED)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SummaryWriteError);
    expect((error as SummaryWriteError).reason).toBe('protected');
    expect((error as Error).message).toContain('Review › Protect Workbook');
    expect(wb.sheets.map((s) => s.name)).toEqual(['Cover']);
  });
});
