import type { ColumnSpec, TableSheetSpec, TemplateSpec } from '../core/spec.js';
import { TRAINING_PERSON_COLUMNS } from '../training-records/spec.js';

export const TRAINING_WIDE_SHEET = 'Training Matrix (wide)';

/** What a cell under a competence may hold (said in hints and messages alike). */
export const HOW_TO_MARK =
  'type the completion date, ✓ when done on a day not recorded, R when required but not yet done, or leave it blank';

/**
 * The template's competence columns: placeholders to rename (Forklift licence, First aid …). The rules read every
 * heading right of the person columns as a competence, whatever it says, so a sheet may have any number of them.
 */
export const TRAINING_WIDE_PLACEHOLDERS: readonly ColumnSpec[] = [1, 2, 3, 4, 5, 6].map((n) => ({
  key: `competence${n}`,
  header: `Competence ${n}`,
  type: 'text',
  width: 14,
  hint: `Rename the heading to a competence or course; in each cell ${HOW_TO_MARK}`,
}));

export const trainingWideSpec: TemplateSpec = {
  id: 'training-wide',
  version: 1,
  title: 'Training Matrix (wide)',
  description:
    'One row per person, one column per competence or course. In each cell type the completion date, ✓ when done, or R when the role requires it and it is not done yet; blank means not required. Each marked cell is a training the role requires.',
  sheets: [
    {
      kind: 'table',
      name: TRAINING_WIDE_SHEET,
      recordType: 'training',
      columns: [...TRAINING_PERSON_COLUMNS, ...TRAINING_WIDE_PLACEHOLDERS],
    },
  ],
};

export const trainingWideSheetSpec = trainingWideSpec.sheets[0] as TableSheetSpec;
