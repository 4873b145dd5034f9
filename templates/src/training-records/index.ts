import { recordsToTable } from '../core/rules-kit.js';
import type { TableSheetSpec } from '../core/spec.js';
import type { TemplateModule } from '../core/template.js';
import { trainingRecordsRules } from './rules.js';
import { trainingRecordsSpec, TRAINING_SHEET } from './spec.js';

export const trainingRecords: TemplateModule = {
  spec: trainingRecordsSpec,
  rules: trainingRecordsRules,
  toGrids: (records) => ({
    [TRAINING_SHEET]: recordsToTable(trainingRecordsSpec.sheets[0] as TableSheetSpec, records),
  }),
};

export { trainingRecordsSpec, TRAINING_SHEET, TRAINING_PERSON_COLUMNS } from './spec.js';
export { trainingSchema, isTrainingCompleted, trainingId, type TrainingRecord } from './schema.js';
