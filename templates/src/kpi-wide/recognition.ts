import type { SheetSpec } from '../core/spec.js';
import { findHeaderRow, type SheetInput } from '../core/table.js';
import { parsePeriodHeader } from './period-headers.js';
import { KPI_DEFINITION_COLUMNS, KPI_WIDE_SHEET, kpiWideSheetSpec } from './spec.js';

const DEFINITION_KEYS = new Set(KPI_DEFINITION_COLUMNS.map((c) => c.key));

/**
 * How surely a sheet is a wide KPI tracker, for a recognition that can see more than header names (the header
 * score of core/workbook.ts only counts the spec's columns, so it cannot count 2026-01 or Q1 2026 headings).
 *
 * A sheet is one when its header row names a KPI (KPI ID or KPI) and what it is judged against (Target,
 * Direction or Frequency), and holds at least two period headings: then it scores above 3, more than any header
 * score can reach (a sheet named like a spec scores at most 3), because the KPI Definitions spec, which matches
 * the same KPI columns with fewer columns in all, would otherwise win and leave the periods unread. Anything
 * else scores 0: a long KPI Definitions sheet (no periods) stays the KPI Tracker's.
 *
 * Not used by core/workbook.ts yet: recognise() needs to call a module's `sheetScore` when it has one.
 */
export function kpiWideSheetScore(sheet: SheetInput, spec?: SheetSpec): number {
  if (spec !== undefined && spec.name !== KPI_WIDE_SHEET) return 0;
  const header = findHeaderRow(sheet.values, kpiWideSheetSpec.columns);
  if (!header) return 0;
  const definitions = [...header.matches].filter(([key]) => DEFINITION_KEYS.has(key));
  const keys = new Set(definitions.map(([key]) => key));
  if (!keys.has('kpiId') && !keys.has('name')) return 0;
  if (!keys.has('target') && !keys.has('direction') && !keys.has('frequency')) return 0;
  const taken = new Set(definitions.map(([, index]) => index));
  const row = sheet.values[header.index] ?? [];
  let periods = 0;
  for (let at = 0; at < row.length; at++) {
    if (taken.has(at)) continue;
    // The 1900/1904 system only moves a date heading by four years; it never decides whether it is a period.
    const kind = parsePeriodHeader(row[at], false).kind;
    if (kind === 'period' || kind === 'year-less') periods++;
  }
  return periods >= 2 ? 3 + keys.size / KPI_DEFINITION_COLUMNS.length : 0;
}
