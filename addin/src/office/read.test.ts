import { describe, expect, it } from 'vitest';
import { planChunks } from './chunks.ts';
import { createExcelPort } from './excel-port.ts';
import { validateWorkbook } from '@qms/templates';
import { MAX_FORMAT_CELLS_PER_SYNC, MAX_WALKED_SHEETS } from './read.ts';
import { MemoryWorkbook, PAYLOAD_LIMIT_BYTES, type MemValue } from '@qms/excel-standin';

const CAPA_HEADER = ['CAPA ID', 'Date opened', 'Source', 'Clause', 'Severity', 'Description', 'Status'];

/** CAPA rows; `repeat` sets the description's length (16 makes one 7,000-row sheet exceed the 5 MB limit). */
function capaRows(count: number, prefix: string, repeat = 16): MemValue[][] {
  const text = 'The supplier delivered parts outside tolerance; '.repeat(repeat);
  return Array.from({ length: count }, (_, i) => [
    `${prefix}-${i + 1}`,
    46000 + (i % 300),
    'Supplier',
    '8.4',
    'Minor',
    text,
    'Open',
  ]);
}

describe('readWorkbook', () => {
  it('still reads the workbook when the host refuses the sheet walk (listing the sheets first, two syncs more)', async () => {
    const wb = new MemoryWorkbook();
    wb.addSheet('Cover', [['QMS workbook']]);
    wb.addSheet('CAPA Log', [CAPA_HEADER, ...capaRows(5, 'C', 1)]);
    wb.sheet('CAPA Log')?.props.set('qms.template', 'capa-log@1:CAPA Log');
    wb.docProps.set('qms.templates', '{"capa-log":1}');
    wb.failNextSync = new Error('InvalidOperation: this operation is not allowed on a null object');

    const { input, stats } = await createExcelPort(wb.run).read();

    expect(input.sheets.map((s) => [s.name, s.values.length, s.marker])).toEqual([
      ['Cover', 1, undefined],
      ['CAPA Log', 6, 'capa-log@1:CAPA Log'],
    ]);
    expect(input.templates).toEqual({ 'capa-log': 1 });
    expect(stats.syncs).toBe(4);
    expect(wb.syncs).toBe(4);
  });

  it('reads the whole entries of a qms.templates value desktop Excel cut at 255 characters', async () => {
    const wb = new MemoryWorkbook(); // cuts document property values as desktop Excel does
    wb.addSheet('CAPA Log', [CAPA_HEADER, ...capaRows(2, 'C', 1)]);
    const long = { 'capa-log': 3, ...Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`consultant-${i}`, 1])) };
    await wb.run(async (context) => {
      context.workbook.properties.custom.add('qms.templates', JSON.stringify(long));
      await context.sync();
    });
    expect(wb.docProps.get('qms.templates')).toHaveLength(255);

    const { input } = await createExcelPort(wb.run).read();

    expect(input.templates?.['capa-log']).toBe(3);
    expect(Object.keys(input.templates ?? {}).length).toBeGreaterThan(5);
  });

  it('reads 10,000 rows across sheets in two syncs, every sheet in row chunks', async () => {
    const wb = new MemoryWorkbook();
    wb.batchLimitBytes = PAYLOAD_LIMIT_BYTES;
    wb.addSheet('Cover', [['QMS workbook']]);
    wb.addSheet('CAPA Log', [['Brand'], [], CAPA_HEADER, ...capaRows(7_000, 'C', 3)], { row: 2, column: 2 });
    wb.addSheet('Old CAPAs', [CAPA_HEADER, ...capaRows(3_000, 'O', 3)]);
    wb.addSheet('Empty');
    wb.sheet('CAPA Log')?.props.set('qms.template', 'capa-log@1:CAPA Log');
    wb.docProps.set('qms.templates', '{"capa-log":1}');

    const { input, stats } = await createExcelPort(wb.run).read();

    expect(wb.syncs).toBe(2);
    expect(stats.syncs).toBe(2);
    expect(stats.rows).toBe(1 + 7_003 + 3_001);
    // Cover 1 + CAPA Log 2 chunks (7,003 rows × 7 columns > 40,000 cells) + Old CAPAs 1; the empty sheet needs none.
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

  it('falls back to one chunk per sync when the whole batch is over the limit, losing no row', async () => {
    const wb = new MemoryWorkbook();
    wb.addSheet('CAPA Log', [CAPA_HEADER, ...capaRows(7_000, 'C')]);
    wb.addSheet('Old CAPAs', [CAPA_HEADER, ...capaRows(3_000, 'O')]);
    wb.batchLimitBytes = PAYLOAD_LIMIT_BYTES;
    const { input, stats } = await createExcelPort(wb.run).read();
    expect(stats.rows).toBe(10_002);
    expect(input.sheets.map((s) => s.values.length)).toEqual([7_001, 3_001]);
    expect(input.sheets[0]?.values[7_000]?.[0]).toBe('C-7000');
    // Probe, the refused batch, then one sync for each of the 3 chunks.
    expect(wb.syncs).toBe(2 + 3);
    expect(Math.max(...wb.responses.map((r) => r.reduce((a, b) => a + b, 0)))).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    // One 7,000-row sheet as a single range would be over the limit on its own: the chunks are what make it fit.
    expect(JSON.stringify(capaRows(7_000, 'C')).length).toBeGreaterThan(PAYLOAD_LIMIT_BYTES);
  });

  it('falls back the same in any display language: the response-size code decides, not the message', async () => {
    const wb = new MemoryWorkbook();
    wb.displayLanguage = 'de-DE';
    wb.addSheet('CAPA Log', [CAPA_HEADER, ...capaRows(7_000, 'C')]);
    wb.batchLimitBytes = PAYLOAD_LIMIT_BYTES;
    const { stats } = await createExcelPort(wb.run).read();
    expect(stats.rows).toBe(7_001);
    await expect(
      wb.run(async (context) => {
        const range = context.workbook.worksheets.getItem('CAPA Log').getUsedRangeOrNullObject(true);
        range.load('values');
        await context.sync();
      }),
    ).rejects.toMatchObject({
      code: 'ResponsePayloadSizeLimitExceeded',
      message: expect.stringContaining('Antwortnutzlast'),
    });
  });

  it('reads more sheets than one walk covers with extra syncs, missing none', async () => {
    const wb = new MemoryWorkbook();
    // Numbers above 10, so no number formats are asked for (that load is counted in its own test).
    for (let i = 0; i < MAX_WALKED_SHEETS + 3; i++) wb.addSheet(`S${i}`, [[100 + i]]);
    const { input } = await createExcelPort(wb.run).read();
    expect(input.sheets.map((s) => s.values[0]?.[0])).toEqual(
      Array.from({ length: MAX_WALKED_SHEETS + 3 }, (_, i) => 100 + i),
    );
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
    expect(planChunks(3, 100_000, 40_000)).toEqual([
      { start: 0, rows: 1 },
      { start: 1, rows: 1 },
      { start: 2, rows: 1 },
    ]);
  });
});

describe('readWorkbook: percentages as the user sees them (cells.percent-format)', () => {
  const GAP = ['Clause', 'Title', 'Status', 'Evidence'];

  it('marks %-formatted numbers of small-number columns, in one more sync, so Check quotes 50 % as the CLI does', async () => {
    const wb = new MemoryWorkbook();
    wb.addSheet('Gap Analysis', [
      GAP,
      ['4.1', 'Context', 0.5, 'Minutes'],
      ['4.2', 'Parties', 1, 'List'],
      ['4.3', 'Scope', 0.5, 'x'],
    ]);
    wb.formatNumbers('Gap Analysis', 'C2:C3', '0%');
    const { input, stats } = await createExcelPort(wb.run).read();
    const rows = input.sheets[0]?.values ?? [];
    expect(rows.map((r) => r[2])).toEqual(['Status', { value: 0.5, numFmt: '0%' }, { value: 1, numFmt: '0%' }, 0.5]);
    expect(stats.syncs).toBe(3);
    const notes = validateWorkbook(input, { asOf: '2026-06-30' }).issues.filter(
      (i) => i.code === 'cell.default-reading',
    );
    expect(notes.map((i) => i.message.match(/read (\S+ ?%?|[\d.]+) as/)?.[1])).toEqual(['50 %', '100 %', '0.5']);
  });

  it('asks for no formats when no column holds a small number (the usual two syncs)', async () => {
    const wb = new MemoryWorkbook();
    wb.addSheet('CAPA Log', [CAPA_HEADER, ...capaRows(3, 'C', 1)]);
    const { stats } = await createExcelPort(wb.run).read();
    expect(stats.syncs).toBe(2);
  });

  it('splits the format load when the candidate columns pass its size bound', async () => {
    const wb = new MemoryWorkbook();
    const rows = Math.ceil(MAX_FORMAT_CELLS_PER_SYNC / 2) + 1;
    wb.addSheet('Scores', [['A', 'B'], ...Array.from({ length: rows }, () => [0.5, 0.25])]);
    wb.formatNumbers('Scores', `B2:B${rows + 1}`, '0.0%');
    const { input, stats } = await createExcelPort(wb.run).read();
    const values = input.sheets[0]?.values ?? [];
    expect(values[1]).toEqual([0.5, { value: 0.25, numFmt: '0.0%' }]);
    expect(stats.syncs).toBe(4);
  });
});
