// The adapter against Microsoft's office-addin-mock. The mock returns an "Error, …" string for properties it
// was never given instead of throwing, so every check below asserts a concrete value.
import { OfficeMockObject } from '@qms/excel-standin/office-addin-mock';
import { describe, expect, it } from 'vitest';
import { selectCell } from './navigate.ts';

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
});
