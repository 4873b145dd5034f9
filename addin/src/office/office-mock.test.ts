// The adapter against Microsoft's office-addin-mock. The mock returns an "Error, …" string for properties it
// was never given instead of throwing, so every check below asserts a concrete value.
import { OfficeMockObject } from './testing/office-addin-mock.ts';
import { describe, expect, it } from 'vitest';
import { selectCell } from './navigate.ts';
import { writeSummary } from './summary.ts';

function mockContext(data: Record<string, unknown>): {
  context: Excel.RequestContext;
  mock: InstanceType<typeof OfficeMockObject>;
} {
  const mock = new OfficeMockObject(data);
  return { context: mock as unknown as Excel.RequestContext, mock };
}

describe('adapter with office-addin-mock', () => {
  it('selectCell activates the sheet and selects the range', async () => {
    const calls: string[] = [];
    const { context } = mockContext({
      workbook: {
        worksheets: {
          getItem(name: string) {
            calls.push(`getItem ${name}`);
            return {
              activate: () => calls.push('activate'),
              getRange: (address: string) => {
                calls.push(`getRange ${address}`);
                return { select: () => calls.push('select') };
              },
            };
          },
        },
      },
    });
    await selectCell(context, 'CAPA Log', 'M14');
    expect(calls).toEqual(['getItem CAPA Log', 'activate', 'getRange M14', 'select']);
  });

  it('writeSummary writes the grid as text-safe values and adds one titled chart', async () => {
    const writes: { address: string; values?: unknown }[] = [];
    const charts: { type: string; seriesBy: string; title: { text: string } }[] = [];
    const range = (address: string) => {
      const r = { address, format: { font: { bold: false }, autofitColumns: () => undefined } } as Record<
        string,
        unknown
      >;
      writes.push(r as { address: string });
      return r;
    };
    const sheet = {
      activate: () => undefined,
      getRangeByIndexes: (r: number, c: number, rows: number, cols: number) => range(`${r},${c},${rows},${cols}`),
      charts: {
        add: (type: string, _source: unknown, seriesBy: string) => {
          const chart = {
            type,
            seriesBy,
            title: { text: '' },
            legend: { visible: true },
            setPosition: () => undefined,
          };
          charts.push(chart);
          return chart;
        },
      },
    };
    const { context } = mockContext({
      workbook: {
        worksheets: {
          existing: { isNullObject: true, name: '' },
          getItemOrNullObject() {
            return this.existing;
          },
          add: () => sheet,
        },
      },
    });
    await writeSummary(context, {
      name: 'QMS Readiness',
      rows: [
        ['Group', 'Score'],
        ['=cmd', 50],
      ],
      chart: { title: 'Groups', firstRow: 1, lastRow: 2, labelColumn: 1 },
    });
    expect(writes[0]?.values).toEqual([
      ['Group', 'Score'],
      ["'=cmd", 50],
    ]);
    expect(charts).toHaveLength(1);
    expect(charts[0]?.type).toBe('BarClustered');
    expect(charts[0]?.title.text).toBe('Groups');
  });
});
