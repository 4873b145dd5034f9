import type { ColumnSpec, TableSheetSpec, TemplateSpec } from '../core/spec.js';
import { kpiTrackerSpec, KPI_DEFINITIONS_SHEET } from '../kpi-tracker/spec.js';
import { KPI_MONTH_NAMES } from './period-headers.js';

export const KPI_WIDE_SHEET = 'KPI Tracker (wide)';

const trackerDefinitions = kpiTrackerSpec.sheets.find((s) => s.name === KPI_DEFINITIONS_SHEET) as TableSheetSpec;

/**
 * The KPI Tracker's definition columns, unchanged: the wide sheet yields the very same `kpi` records, so it reads
 * them with the same headers, aliases, types and lists (a change to the tracker's columns reaches this sheet too).
 */
export const KPI_DEFINITION_COLUMNS: readonly ColumnSpec[] = trackerDefinitions.columns;

/**
 * The definition columns as the wide sheet reads them when it has no Frequency column: every period column is
 * then of one kind (all months, say), which gives the frequency, so the column may be absent (rules.ts).
 */
export const KPI_DEFINITION_COLUMNS_NO_FREQUENCY: readonly ColumnSpec[] = KPI_DEFINITION_COLUMNS.map((c) =>
  c.key === 'frequency' ? { ...c, required: false } : c,
);

const MONTH_KEYS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] as const;

/**
 * The template's default period columns: Jan … Dec, a year's months for the sheet titled with its year. Their
 * aliases are the month names the parser reads (English, German, French, Spanish), so a sheet headed "Januar" or
 * "janv." is recognised by its header as well; other spellings (2026-01, Q1 2026, dates) are read by the rules
 * from the header row itself, as any number of periods may sit there.
 */
export const KPI_WIDE_MONTH_COLUMNS: readonly ColumnSpec[] = MONTH_KEYS.map((key, i) => {
  const [header, ...aliases] = KPI_MONTH_NAMES[i] as readonly [string, ...string[]];
  return {
    key,
    header,
    aliases,
    type: 'number',
    width: 8,
    hint: "This month's measured value; leave blank if not measured",
  } satisfies ColumnSpec;
});

/**
 * Recognition (core/workbook.ts) weighs a sheet by the share of required columns its header holds. A wide KPI
 * sheet is known by KPI ID, KPI and Target; Direction stays required by the rules (the tracker's own column spec
 * is what reads the rows) but not here, because hand-made wide sheets often lack it, and a sheet recognised as
 * this template then says "add a Direction column" instead of being read as a Gap Analysis (its Clause, Owner
 * and Target columns match that template too).
 */
const RECOGNISED_BY = new Set(['kpiId', 'name', 'target']);

export const kpiWideSpec: TemplateSpec = {
  id: 'kpi-wide',
  version: 1,
  title: 'KPI Tracker (wide)',
  description:
    'One row per KPI (KPI ID, Direction, Target, Frequency …), then one column per period: type each month\'s value under its month. Put the year in the title (e.g. "KPIs 2026") or head the columns with it (Jan 2026, 2026-01, Q1 2026). Blank cells are periods not measured.',
  sheets: [
    {
      kind: 'table',
      name: KPI_WIDE_SHEET,
      recordType: 'kpi',
      columns: [
        ...KPI_DEFINITION_COLUMNS.map((c) => ({ ...c, required: RECOGNISED_BY.has(c.key) })),
        ...KPI_WIDE_MONTH_COLUMNS,
      ],
    },
  ],
};

export const kpiWideSheetSpec = kpiWideSpec.sheets[0] as TableSheetSpec;
