import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateWorkbook } from '../registry.js';
import { readWorkbook } from '../xlsx/index.js';
import type { SheetInput } from './table.js';

// The demo workbook is built by our own generator (ExcelJS), which writes the supplier Score formulas with no value.
const DEMO = join(dirname(fileURLToPath(import.meta.url)), '../../../examples/demo-manufacturer.xlsx');
const AS_OF = '2026-06-30';
const said = (sheets: readonly SheetInput[]) =>
  validateWorkbook({ sheets }, { asOf: AS_OF }).issues.filter((i) => i.code === 'cells.formula-not-calculated');

describe('cells.formula-not-calculated', () => {
  it('is not said for a column the template recomputes itself (the supplier Score), filled rows or not', async () => {
    const input = await readWorkbook(new Uint8Array(await readFile(DEMO)));
    const supplier = input.sheets.find((s) => s.name === 'Supplier Evaluation');
    expect(supplier?.uncalculated?.length).toBeGreaterThan(10);
    expect(said(input.sheets)).toEqual([]);
  });

  it('is said for a column the template reads, in a row with data, once for the sheet', async () => {
    const input = await readWorkbook(new Uint8Array(await readFile(DEMO)));
    const sheets = input.sheets.map((s) => {
      if (s.name !== 'Supplier Evaluation') return s;
      const first = s.uncalculated?.[0];
      if (first === undefined) throw new Error('the demo supplier sheet has no Score formulas');
      // The supplier name in the first filled row becomes a formula with no value, as a script writing
      // "=Suppliers!A2" into it would leave it.
      const values = s.values.map((row, i) => (i === first.row - 1 ? [undefined, ...row.slice(1)] : row));
      return { ...s, values, uncalculated: [...(s.uncalculated ?? []), { row: first.row, column: 1 }] };
    });
    const issues = said(sheets);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.severity).toBe('warning');
    expect(issues[0]?.message).toMatch(/^Supplier Evaluation!A\d+: This cell holds a formula with no calculated value/);
  });
});
