import { describe, expect, it } from 'vitest';
import { HIGHLIGHTS_PROPERTY } from './highlight.ts';
import { createLazyExcelPort } from './lazy-port.ts';
import { MemoryWorkbook } from '@qms/excel-standin';

describe('createLazyExcelPort', () => {
  it('reaches the workbook as the full port does, loading it once for all calls', async () => {
    const wb = new MemoryWorkbook();
    wb.addSheet('Cover');
    wb.addSheet('CAPA Log', [['x']]);
    const port = createLazyExcelPort(wb.run);
    const [existing, count] = await Promise.all([
      port.existingSheets(['capa log', 'Gap Analysis']),
      port.highlightCount(),
    ]);
    expect(existing).toEqual(['capa log']);
    expect(count).toBe(0);
    await port.select('CAPA Log', 'B2');
    expect(wb.selection).toEqual({ sheet: 'CAPA Log', address: 'B2' });
  });

  it("passes the host's options on: the highlight record is kept in the sheet only where sheet markers exist", async () => {
    const issue = {
      severity: 'error' as const,
      code: 'test',
      message: 'CAPA Log!A1: test',
      sheet: 'CAPA Log',
      cell: 'CAPA Log!A1',
      address: 'A1',
    };
    for (const sheetMarkers of [true, false]) {
      const wb = new MemoryWorkbook();
      wb.addSheet('CAPA Log', [['a']]);
      const port = createLazyExcelPort(wb.run, { sheetMarkers });
      expect(await port.highlight([issue])).toBe(1);
      expect(wb.sheet('CAPA Log')?.props.has(HIGHLIGHTS_PROPERTY), `sheetMarkers ${sheetMarkers}`).toBe(sheetMarkers);
    }
  });
});
