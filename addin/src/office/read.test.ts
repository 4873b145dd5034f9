import { describe, expect, it } from 'vitest';
import { planChunks } from './chunks.ts';
import { createExcelPort } from './excel-port.ts';
import { MAX_WALKED_SHEETS } from './read.ts';
import { MemoryWorkbook, PAYLOAD_LIMIT_BYTES, type MemValue } from './testing/memory-excel.ts';

const CAPA_HEADER = ['CAPA ID', 'Date opened', 'Source', 'Clause', 'Severity', 'Description', 'Status'];

/** Rows with a long description, so that one sheet's values are far above the 5 MB payload limit. */
function capaRows(count: number, prefix: string): MemValue[][] {
  const long = 'The supplier delivered parts outside tolerance; '.repeat(16);
  return Array.from({ length: count }, (_, i) => [`${prefix}-${i + 1}`, 46000 + (i % 300), 'Supplier', '8.4', 'Minor', long, 'Open']);
}

describe('readWorkbook', () => {
  it('reads 10,000 rows across sheets in two syncs, in chunks that each stay under 5 MB', async () => {
    const wb = new MemoryWorkbook();
    wb.addSheet('Cover', [['QMS workbook']]);
    wb.addSheet('CAPA Log', [['Brand'], [], CAPA_HEADER, ...capaRows(7_000, 'C')], { row: 2, column: 2 });
    wb.addSheet('Old CAPAs', [CAPA_HEADER, ...capaRows(3_000, 'O')]);
    wb.addSheet('Empty');
    wb.sheet('CAPA Log')?.props.set('qms.template', 'capa-log@1:CAPA Log');
    wb.docProps.set('qms.templates', '{"capa-log":1}');

    const { input, stats } = await createExcelPort(wb.run).read();

    expect(wb.syncs).toBe(2);
    expect(stats.syncs).toBe(2);
    expect(stats.rows).toBe(1 + 7_003 + 3_001);
    const responses = wb.responses.flat();
    expect(Math.max(...responses)).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    // The same sheet loaded as one range would be refused by Excel on the web.
    const whole = JSON.stringify(capaRows(7_000, 'C')).length;
    expect(whole).toBeGreaterThan(PAYLOAD_LIMIT_BYTES);
    // Cover 1 + CAPA Log 2 chunks + Old CAPAs 1; the empty sheet needs none.
    expect(stats.requests).toBe(4);

    expect(input.templates).toEqual({ 'capa-log': 1 });
    expect(input.sheets.map((s) => s.name)).toEqual(['Cover', 'CAPA Log', 'Old CAPAs', 'Empty']);
    const capa = input.sheets[1];
    expect(capa?.marker).toBe('capa-log@1:CAPA Log');
    expect(capa?.origin).toEqual({ row: 2, column: 2 });
    expect(capa?.values[2]).toEqual(CAPA_HEADER);
    expect(capa?.values[7_002]?.[0]).toBe('C-7000');
    expect(input.sheets[3]?.values).toEqual([]);
  });

  it('a loaded range over the payload limit fails in the stand-in, as it does in Excel on the web', async () => {
    const wb = new MemoryWorkbook();
    wb.addSheet('CAPA Log', capaRows(7_000, 'C'));
    await expect(
      wb.run(async (context) => {
        const range = context.workbook.worksheets.getItem('CAPA Log').getUsedRangeOrNullObject(true);
        range.load('values');
        await context.sync();
      }),
    ).rejects.toThrow(/payload size/);
  });

  it('reads more sheets than one walk covers with extra syncs, missing none', async () => {
    const wb = new MemoryWorkbook();
    for (let i = 0; i < MAX_WALKED_SHEETS + 3; i++) wb.addSheet(`S${i}`, [[i]]);
    const { input } = await createExcelPort(wb.run).read();
    expect(input.sheets.map((s) => s.values[0]?.[0])).toEqual(Array.from({ length: MAX_WALKED_SHEETS + 3 }, (_, i) => i));
    expect(wb.syncs).toBe(4);
  });
});

describe('planChunks', () => {
  it('covers every row once and keeps each chunk within the cell budget', () => {
    const chunks = planChunks(10_001, 17, 40_000);
    expect(chunks.reduce((n, c) => n + c.rows, 0)).toBe(10_001);
    expect(chunks.every((c) => c.rows * 17 <= 40_000)).toBe(true);
    expect(chunks.map((c) => c.start)).toEqual(chunks.map((_, i) => i * Math.floor(40_000 / 17)));
    expect(planChunks(0, 5)).toEqual([]);
    expect(planChunks(3, 100_000, 40_000)).toEqual([{ start: 0, rows: 1 }, { start: 1, rows: 1 }, { start: 2, rows: 1 }]);
  });
});
