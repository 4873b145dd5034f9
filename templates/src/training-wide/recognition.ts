import { toCell } from '../core/cells.js';
import type { SheetSpec } from '../core/spec.js';
import { findHeaderRow, type SheetInput } from '../core/table.js';
import { trainingRecordsSpec } from '../training-records/spec.js';
import { readTrainingLayout } from './layout.js';
import { isMark } from './marks.js';
import { TRAINING_WIDE_SHEET } from './spec.js';

const TALL_ONLY = (trainingRecordsSpec.sheets[0] as Extract<SheetSpec, { kind: 'table' }>).columns.filter(
  (c) => !['person', 'role', 'department'].includes(c.key),
);
const MIN_MARK_SHARE = 0.8;

/**
 * How surely a sheet is a wide training matrix: a Person column, no column of the tall matrix (Competence / course,
 * Completed date …), at least two other headings, and under them cells that are marks (dates, ✓, R), at least 80 %
 * of those filled. Then it scores above 3, more than a header score can reach, as a wide KPI sheet does; a list of
 * people with text columns (addresses, phone numbers) scores 0 and stays unrecognised.
 */
export function trainingWideSheetScore(sheet: SheetInput, spec?: SheetSpec): number {
  if (spec !== undefined && spec.name !== TRAINING_WIDE_SHEET) return 0;
  const layout = readTrainingLayout(sheet);
  if (!layout || layout.competences.length < 2) return 0;
  const tall = findHeaderRow(sheet.values, TALL_ONLY);
  if (tall && tall.index === layout.headerIndex) return 0;
  let filled = 0;
  let marks = 0;
  // The first 200 rows are enough to tell; a 10,000-row matrix is not read twice for recognition.
  const last = Math.min(sheet.values.length, layout.headerIndex + 201);
  for (let i = layout.headerIndex + 1; i < last; i++) {
    const row = sheet.values[i] ?? [];
    for (const c of layout.competences) {
      const cell = toCell(row[c.index]);
      if (cell.kind === 'blank') continue;
      filled++;
      if (isMark(cell, false)) marks++;
    }
  }
  if (marks === 0 || marks < filled * MIN_MARK_SHARE) return 0;
  return 3 + layout.people.size / 3;
}
