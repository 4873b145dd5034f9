import type { Issue } from '@qms/templates';
import { describe, expect, it } from 'vitest';
import { createExcelPort } from './excel-port.ts';
import { ERROR_FILL, HIGHLIGHTS_PROPERTY, WARNING_FILL } from './highlight.ts';
import { MemoryWorkbook } from '@qms/excel-standin';

function issue(severity: Issue['severity'], sheet: string, address: string): Issue {
  return { severity, code: 'test', message: `${sheet}!${address}: test`, sheet, cell: `${sheet}!${address}`, address };
}

describe('select', () => {
  it('activates the sheet and selects the cell in one sync', async () => {
    const wb = new MemoryWorkbook();
    wb.addSheet('Cover');
    wb.addSheet('CAPA Log', [['x']]);
    await createExcelPort(wb.run).select('CAPA Log', 'M14');
    expect(wb.syncs).toBe(1);
    expect(wb.active).toBe('CAPA Log');
    expect(wb.selection).toEqual({ sheet: 'CAPA Log', address: 'M14' });
  });

  it('fails with the sheet name when the sheet was renamed or deleted', async () => {
    const wb = new MemoryWorkbook();
    wb.addSheet('Cover');
    await expect(createExcelPort(wb.run).select('CAPA Log', 'A1')).rejects.toThrow(/CAPA Log/);
  });
});

describe('highlight and clear', () => {
  // The stand-in's own tests (testing/excel-standin) hold it to Excel's requirement sets; this holds the adapter to them.
  it("the adapter keeps to the host's sets: without 1.12 highlights stay in memory and nothing fails", async () => {
    const wb = new MemoryWorkbook();
    wb.addSheet('CAPA Log', [['a']]);
    wb.apiVersion = '1.11';
    const port = createExcelPort(wb.run, { sheetMarkers: false, tableResize: false });
    const issue = {
      severity: 'error' as const,
      code: 't',
      message: 'm',
      sheet: 'CAPA Log',
      cell: 'CAPA Log!A1',
      address: 'A1',
    };
    expect(await port.highlight([issue])).toBe(1);
    expect(await port.clearHighlights()).toBe(1);
  });

  it('fills issue cells, errors over warnings, and restores exactly what it changed', async () => {
    const wb = new MemoryWorkbook();
    wb.addSheet('CAPA Log', [['a', 'b', 'c']]);
    wb.sheet('CAPA Log')?.fills.set('1,2', '#00FF00');
    const port = createExcelPort(wb.run);
    const painted = await port.highlight([
      issue('warning', 'CAPA Log', 'A1'),
      issue('error', 'CAPA Log', 'A1'),
      issue('warning', 'CAPA Log', 'B1'),
      issue('error', 'CAPA Log', 'C1'),
    ]);
    expect(painted).toBe(3);
    expect(wb.syncs).toBe(2);
    expect([wb.fill('CAPA Log', 'A1'), wb.fill('CAPA Log', 'B1'), wb.fill('CAPA Log', 'C1')]).toEqual([
      ERROR_FILL,
      WARNING_FILL,
      ERROR_FILL,
    ]);

    // The user recolours C1 in between: clearing must leave it alone.
    wb.sheet('CAPA Log')?.fills.set('1,3', '#123456');
    const restored = await port.clearHighlights();
    expect(restored).toBe(2);
    // Sheet names, their records, the cells' fills, the restore.
    expect(wb.syncs).toBe(6);
    expect([wb.fill('CAPA Log', 'A1'), wb.fill('CAPA Log', 'B1'), wb.fill('CAPA Log', 'C1')]).toEqual([
      undefined,
      '#00FF00',
      '#123456',
    ]);
    expect(await port.clearHighlights()).toBe(0);
  });

  it('highlighting twice still restores the original fill', async () => {
    const wb = new MemoryWorkbook();
    wb.addSheet('Gap Analysis', [['x']]);
    wb.sheet('Gap Analysis')?.fills.set('1,1', '#ABCDEF');
    const port = createExcelPort(wb.run);
    await port.highlight([issue('warning', 'Gap Analysis', 'A1')]);
    await port.highlight([issue('error', 'Gap Analysis', 'A1')]);
    await port.clearHighlights();
    expect(wb.fill('Gap Analysis', 'A1')).toBe('#ABCDEF');
  });

  it('keeps its record in the workbook, so a pane opened later (a reload, a colleague) clears the highlights', async () => {
    const wb = new MemoryWorkbook();
    wb.addSheet('CAPA Log', [['a', 'b']]);
    wb.sheet('CAPA Log')?.fills.set('1,2', '#00FF00');
    await createExcelPort(wb.run).highlight([issue('error', 'CAPA Log', 'A1'), issue('warning', 'CAPA Log', 'B1')]);
    expect(JSON.parse(wb.sheet('CAPA Log')?.props.get(HIGHLIGHTS_PROPERTY) ?? '{}')).toEqual({
      version: 1,
      cells: { A1: [null, ERROR_FILL], B1: ['#00FF00', WARNING_FILL] },
    });
    // The sheet is renamed meanwhile: its property goes with it.
    wb.sheet('CAPA Log')!.name = 'CAPA 2026';
    const later = createExcelPort(wb.run);
    expect(await later.highlightCount()).toBe(2);
    expect(await later.clearHighlights()).toBe(2);
    expect([wb.fill('CAPA 2026', 'A1'), wb.fill('CAPA 2026', 'B1')]).toEqual([undefined, '#00FF00']);
    expect(wb.sheet('CAPA 2026')?.props.has(HIGHLIGHTS_PROPERTY)).toBe(false);
    expect(await later.highlightCount()).toBe(0);
  });

  it('a damaged record clears nothing and does not throw', async () => {
    const wb = new MemoryWorkbook();
    wb.addSheet('CAPA Log', [['a']]);
    wb.sheet('CAPA Log')?.props.set(HIGHLIGHTS_PROPERTY, '{not json');
    const port = createExcelPort(wb.run);
    expect(await port.highlightCount()).toBe(0);
    expect(await port.clearHighlights()).toBe(0);
  });

  it('without worksheet properties (ExcelApi 1.12) the record is kept in memory', async () => {
    const wb = new MemoryWorkbook();
    wb.addSheet('CAPA Log', [['a']]);
    const port = createExcelPort(wb.run, { sheetMarkers: false });
    await port.highlight([issue('error', 'CAPA Log', 'A1')]);
    expect(wb.sheet('CAPA Log')?.props.size).toBe(0);
    expect(await port.highlightCount()).toBe(1);
    expect(await port.clearHighlights()).toBe(1);
    expect(wb.fill('CAPA Log', 'A1')).toBeUndefined();
  });
});

describe('insert', () => {
  it('inserts a file, marks its sheets (also renamed clashes) and merges qms.templates', async () => {
    // The stand-in's insert returns worksheet ids, as Microsoft documents; the adapter turns them into names.
    const wb = new MemoryWorkbook();
    wb.addSheet('CAPA Log', [['mine']]);
    wb.docProps.set('qms.templates', '{"gap-analysis":1}');
    wb.decodeXlsx = (base64) => {
      expect(base64).toBe('UEsDBA==');
      return [
        { name: 'CAPA Log', rows: [['CAPA ID', 'Status']] },
        { name: 'Read me', rows: [['How to use']] },
      ];
    };
    const result = await createExcelPort(wb.run).insert({
      file: { id: 'capa-log', base64: 'UEsDBA==' },
      markers: { 'CAPA Log': 'capa-log@1:CAPA Log' },
      templates: { 'capa-log': 1 },
      brand: 'Acme Consulting',
    });
    expect(wb.syncs).toBe(3);
    expect(result).toEqual({ sheets: ['CAPA Log (2)', 'Read me'], method: 'base64' });
    expect(wb.value('CAPA Log (2)', 'A1')).toBe('Acme Consulting');
    expect(wb.sheet('CAPA Log (2)')?.props.get('qms.template')).toBe('capa-log@1:CAPA Log');
    expect(wb.sheet('Read me')?.props.size).toBe(0);
    expect(wb.sheet('CAPA Log')?.props.size).toBe(0);
    expect(JSON.parse(wb.docProps.get('qms.templates') ?? '')).toEqual({ 'gap-analysis': 1, 'capa-log': 1 });
    expect(wb.active).toBe('CAPA Log (2)');
  });

  it('builds sheets through the API when the file cannot be inserted, text kept as text', async () => {
    const wb = new MemoryWorkbook();
    wb.addSheet('KPI Definitions');
    const result = await createExcelPort(wb.run).build(
      [
        {
          name: 'KPI Definitions',
          marker: 'kpi-tracker@1:KPI Definitions',
          rows: [['KPI Tracker'], ['KPI ID', 'KPI'], ['=1+1', 'x']],
          headerRow: 2,
          widths: [10, 30],
        },
        {
          name: 'KPI Measurements',
          marker: 'kpi-tracker@1:KPI Measurements',
          rows: [['KPI ID', 'Period', 'Actual']],
          headerRow: 1,
        },
      ],
      { 'kpi-tracker': 1 },
    );
    expect(wb.syncs).toBe(2);
    expect(result).toEqual({ sheets: ['KPI Definitions (2)', 'KPI Measurements'], method: 'api' });
    expect(wb.value('KPI Definitions (2)', 'B2')).toBe('KPI');
    expect(wb.value('KPI Definitions (2)', 'A3')).toBe('=1+1');
    expect(wb.sheet('KPI Definitions (2)')?.formulas.size).toBe(0);
    expect(wb.sheet('KPI Definitions (2)')?.bold.has('2,1')).toBe(true);
    expect(wb.sheet('KPI Measurements')?.props.get('qms.template')).toBe('kpi-tracker@1:KPI Measurements');
    expect(wb.docProps.get('qms.templates')).toBe('{"kpi-tracker":1}');
  });
});
