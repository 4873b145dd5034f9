import { toCell } from '../core/cells.js';
import { findHeaderRow, type SheetInput } from '../core/table.js';
import { cellText } from '../core/values.js';
import { TRAINING_PERSON_COLUMNS } from '../training-records/spec.js';

/** One competence column of a wide matrix. */
export interface CompetenceColumn {
  /** 0-based index into a row of the sheet's values. */
  index: number;
  /** 1-based sheet column. */
  column: number;
  competence: string;
}

export interface WideTrainingLayout {
  /** 0-based index into the sheet's values of the header row. */
  headerIndex: number;
  /** 1-based sheet row of the header. */
  headerRow: number;
  /** Person column key → 0-based index. */
  people: Map<string, number>;
  competences: CompetenceColumn[];
  /** Columns under a blank heading (their values belong to no competence). */
  unheaded: number[];
}

/** The header row (the one naming Person, Role, Department best) and every other heading in it as a competence. */
export function readTrainingLayout(sheet: SheetInput): WideTrainingLayout | undefined {
  const origin = sheet.origin ?? { row: 1, column: 1 };
  const header = findHeaderRow(sheet.values, TRAINING_PERSON_COLUMNS);
  if (!header?.matches.has('person')) return undefined;
  const taken = new Set(header.matches.values());
  const row = sheet.values[header.index] ?? [];
  let width = row.length;
  for (let i = header.index + 1; i < sheet.values.length; i++) width = Math.max(width, sheet.values[i]?.length ?? 0);
  const competences: CompetenceColumn[] = [];
  const unheaded: number[] = [];
  for (let at = 0; at < width; at++) {
    if (taken.has(at)) continue;
    const text = cellText(toCell(row[at])).trim();
    if (text === '') unheaded.push(at);
    else competences.push({ index: at, column: origin.column + at, competence: text });
  }
  return {
    headerIndex: header.index,
    headerRow: origin.row + header.index,
    people: header.matches,
    competences,
    unheaded,
  };
}
