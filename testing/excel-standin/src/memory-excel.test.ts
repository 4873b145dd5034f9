// The Excel stand-in behaves as Microsoft documents Excel, where the pane's code depends on it. Each rule has its
// test here, so a stand-in that drifts back to friendlier behaviour fails by name.
import { describe, expect, it } from 'vitest';
import { MemoryWorkbook, sheetNameProblem } from './memory-excel.ts';

async function syncError(wb: MemoryWorkbook, batch: (context: Excel.RequestContext) => void): Promise<unknown> {
  return wb
    .run(async (context) => {
      batch(context);
      await context.sync();
    })
    .then(
      () => undefined,
      (error: unknown) => error,
    );
}

describe('Excel stand-in: calls run at sync()', () => {
  it('an error surfaces at sync(), not at the call, with a code', async () => {
    const wb = new MemoryWorkbook();
    let calledWithoutThrowing = false;
    const error = await syncError(wb, (context) => {
      context.workbook.worksheets.getItem('No such sheet').getRange('A1').values = [['x']];
      calledWithoutThrowing = true;
    });
    expect(calledWithoutThrowing).toBe(true);
    expect(error).toMatchObject({ code: 'ItemNotFound' });
  });

  it('what ran before the failing call stays applied; what came after it does not run', async () => {
    const wb = new MemoryWorkbook();
    wb.addSheet('CAPA Log');
    const error = await syncError(wb, (context) => {
      const sheet = context.workbook.worksheets.getItem('CAPA Log');
      sheet.getRange('A1').values = [['before']];
      context.workbook.worksheets.getItem('Gone').getRange('A1').values = [['fails']];
      sheet.getRange('A2').values = [['after']];
    });
    expect(error).toMatchObject({ code: 'ItemNotFound' });
    expect(wb.value('CAPA Log', 'A1')).toBe('before');
    expect(wb.value('CAPA Log', 'A2')).toBe('');
  });

  it('a write is not visible before its sync', async () => {
    const wb = new MemoryWorkbook();
    wb.addSheet('S');
    await wb.run(async (context) => {
      context.workbook.worksheets.getItem('S').getRange('B2').values = [[5]];
      expect(wb.value('S', 'B2')).toBe('');
      await context.sync();
      expect(wb.value('S', 'B2')).toBe(5);
    });
  });
});

describe('Excel stand-in: requirement sets gate every call', () => {
  it('worksheet custom properties need ExcelApi 1.12: on 1.11 the sync fails ApiNotFound', async () => {
    const wb = new MemoryWorkbook();
    wb.addSheet('S');
    wb.apiVersion = '1.11';
    const error = await syncError(wb, (context) => {
      context.workbook.worksheets.getItem('S').customProperties.add('qms.template', 'x');
    });
    expect(error).toMatchObject({ code: 'ApiNotFound' });
    expect(wb.sheet('S')?.props.size).toBe(0);
    wb.apiVersion = '1.12';
    expect(await syncError(wb, (c) => c.workbook.worksheets.getItem('S').customProperties.add('k', 'v'))).toBe(
      undefined,
    );
  });

  it('insertWorksheetsFromBase64 and table.resize need 1.13; data validation 1.8; getRangeByIndexes 1.7', async () => {
    const wb = new MemoryWorkbook();
    wb.addSheet('S');
    wb.decodeXlsx = () => [{ name: 'New', rows: [['a']] }];
    wb.apiVersion = '1.12';
    expect(
      await syncError(wb, (c) => {
        c.workbook.insertWorksheetsFromBase64('UEsDBA==');
      }),
    ).toMatchObject({ code: 'ApiNotFound' });
    expect(wb.sheet('New')).toBeUndefined();
    wb.apiVersion = '1.7';
    expect(
      await syncError(wb, (c) => {
        c.workbook.worksheets.getItem('S').getRange('A1').dataValidation.clear();
      }),
    ).toMatchObject({ code: 'ApiNotFound' });
    wb.apiVersion = '1.6';
    expect(
      await syncError(wb, (c) => {
        c.workbook.worksheets.getItem('S').getRangeByIndexes(0, 0, 1, 1).load('values');
      }),
    ).toMatchObject({ code: 'ApiNotFound' });
  });
});

describe('Excel stand-in: sheet names', () => {
  it("Excel's rules: at most 31 characters, not blank, none of \\ / ? * [ ] :, no apostrophe at either end", () => {
    expect(sheetNameProblem('CAPA Log')).toBeUndefined();
    expect(sheetNameProblem('x'.repeat(31))).toBeUndefined();
    expect(sheetNameProblem('x'.repeat(32))).toMatch(/31/);
    expect(sheetNameProblem('   ')).toMatch(/blank/);
    for (const c of ['\\', '/', '?', '*', '[', ']', ':']) expect(sheetNameProblem(`a${c}b`), c).toMatch(/holds/);
    expect(sheetNameProblem("'quoted")).toMatch(/apostrophe/);
  });

  it('worksheets.add refuses a bad name (InvalidArgument) and a taken one, ignoring case (ItemAlreadyExists), at sync', async () => {
    const wb = new MemoryWorkbook();
    wb.addSheet('CAPA Log');
    expect(await syncError(wb, (c) => c.workbook.worksheets.add('Q1/Q2'))).toMatchObject({ code: 'InvalidArgument' });
    expect(await syncError(wb, (c) => c.workbook.worksheets.add('capa log'))).toMatchObject({
      code: 'ItemAlreadyExists',
    });
    expect(await syncError(wb, (c) => c.workbook.worksheets.add('A sheet name that is too long here'))).toMatchObject({
      code: 'InvalidArgument',
    });
    expect(wb.sheets.map((s) => s.name)).toEqual(['CAPA Log']);
  });
});

describe('Excel stand-in: custom properties', () => {
  it('a document property value is cut to 255 characters (outside Excel on the web)', async () => {
    const wb = new MemoryWorkbook();
    await wb.run(async (c) => {
      c.workbook.properties.custom.add('qms.templates', 'x'.repeat(300));
      await c.sync();
    });
    expect(wb.docProps.get('qms.templates')).toHaveLength(255);
    wb.trimDocumentProperties = false; // Excel on the web keeps it whole
    await wb.run(async (c) => {
      c.workbook.properties.custom.add('qms.templates', 'x'.repeat(300));
      await c.sync();
    });
    expect(wb.docProps.get('qms.templates')).toHaveLength(300);
  });

  it('a worksheet property keeps a long value but refuses a key over 255 characters', async () => {
    const wb = new MemoryWorkbook();
    wb.addSheet('S');
    await wb.run(async (c) => {
      c.workbook.worksheets.getItem('S').customProperties.add('qms.highlights', 'y'.repeat(10_000));
      await c.sync();
    });
    expect(wb.sheet('S')?.props.get('qms.highlights')).toHaveLength(10_000);
    expect(
      await syncError(wb, (c) => c.workbook.worksheets.getItem('S').customProperties.add('k'.repeat(256), 'v')),
    ).toMatchObject({ code: 'InvalidArgument' });
  });
});
