import type { QmsRecord } from '../core/record.js';
import type { TemplateModule } from '../core/template.js';
import { TRAINING_PERSON_COLUMNS } from '../training-records/spec.js';
import { trainingWideSheetScore } from './recognition.js';
import { trainingWideRules } from './rules.js';
import { TRAINING_WIDE_PLACEHOLDERS, TRAINING_WIDE_SHEET, trainingWideSpec } from './spec.js';

export const trainingWide: TemplateModule = {
  spec: trainingWideSpec,
  rules: trainingWideRules,
  toGrids: (records) => ({ [TRAINING_WIDE_SHEET]: wideGrid(records) }),
  sheetScore: trainingWideSheetScore,
};

/**
 * Records back into the wide layout: one row per person, one column per competence in the order first met; a cell
 * holds the completion date, ✓ for a completion without one, R for a required training not done. Without records the
 * competence columns are the template's placeholders.
 */
function wideGrid(records: readonly QmsRecord[]): unknown[][] {
  const trainings = records.filter((r) => r.type === 'training');
  const competences: string[] = [];
  const seen = new Set<string>();
  for (const t of trainings) {
    const c = String(t.data.competence);
    if (!seen.has(c.toLowerCase())) {
      seen.add(c.toLowerCase());
      competences.push(c);
    }
  }
  const headers = competences.length > 0 ? competences : TRAINING_WIDE_PLACEHOLDERS.map((c) => c.header);
  const index = new Map(competences.map((c, i) => [c.toLowerCase(), i]));
  const width = TRAINING_PERSON_COLUMNS.length;
  const rows = new Map<string, unknown[]>();
  for (const t of trainings) {
    const person = String(t.data.person);
    let row = rows.get(person.toLowerCase());
    if (!row) {
      row = [person, t.data.role ?? '', t.data.department ?? '', ...headers.map(() => '')];
      rows.set(person.toLowerCase(), row);
    }
    const at = width + (index.get(String(t.data.competence).toLowerCase()) ?? 0);
    row[at] = t.data.completedDate ?? (t.data.completed === true ? '✓' : 'R');
  }
  return [[...TRAINING_PERSON_COLUMNS.map((c) => c.header), ...headers], ...rows.values()];
}

export { trainingWideSpec, TRAINING_WIDE_SHEET } from './spec.js';
export { trainingWideRules } from './rules.js';
export { trainingWideSheetScore } from './recognition.js';
