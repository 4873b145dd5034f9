import { describe, expect, it } from 'vitest';
import { validateWorkbook } from './registry.js';

const ROWS = 300_000;
const AS_OF = '2026-06-30';

/** `rows` rows under `header`; every other row lacks a required value, so records and issues come in bulk. */
function grid(header: string[], row: (i: number, broken: boolean) => unknown[]): unknown[][] {
  const out: unknown[][] = [header];
  for (let i = 0; i < ROWS; i++) out.push(row(i, i % 2 === 0));
  return out;
}

const KPI_DEFINITIONS: unknown[][] = [
  ['KPI ID', 'KPI', 'Direction', 'Target', 'Frequency'],
  ...Array.from({ length: 1000 }, (_, k) => [`K-${k}`, `Indicator ${k}`, 'Higher is better', 90, 'Monthly']),
];

const SHEETS: [string, string, unknown[][], string][] = [
  [
    'CAPA Log',
    'capa',
    grid(['CAPA ID', 'Date opened', 'Source', 'Severity', 'Description', 'Status'], (i, broken) => [
      `C-${i + 1}`,
      45_000 + (i % 300),
      'Supplier',
      'Minor',
      `Finding ${i}`,
      broken ? '' : 'Open',
    ]),
    'cell.required',
  ],
  [
    'Audit Programme',
    'audit-event',
    grid(['Event ID', 'Type', 'Scope / clauses', 'Planned date', 'Status'], (i, broken) => [
      `A-${i + 1}`,
      'Internal audit',
      '9.2',
      45_000 + (i % 300),
      broken ? '' : 'Planned',
    ]),
    'cell.required',
  ],
  [
    'KPI Measurements',
    'kpi-measurement',
    // 1,000 KPIs, 300 months each from 2000 on: every (KPI, period) pair once.
    grid(['KPI ID', 'Period', 'Actual'], (i, broken) => {
      const month = Math.floor(i / 1000);
      return [
        `K-${i % 1000}`,
        `${2000 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`,
        broken ? '' : i % 100,
      ];
    }),
    'cell.required',
  ],
];

describe('big sheets: no recursion or argument spread over a sheet’s worth of rows', () => {
  for (const [sheet, type, values, code] of SHEETS)
    it(`validates a ${ROWS.toLocaleString('en')}-row ${sheet} sheet into records and issues without a stack overflow`, () => {
      const sheets = [{ name: sheet, values }];
      if (type === 'kpi-measurement') sheets.push({ name: 'KPI Definitions', values: KPI_DEFINITIONS });
      const result = validateWorkbook({ sheets }, { asOf: AS_OF });
      expect(result.issues.filter((i) => i.code === code).length).toBeGreaterThanOrEqual(ROWS / 2);
      expect(result.records.filter((r) => r.type === type).length).toBeGreaterThan(0);
    }, 120_000);
});
