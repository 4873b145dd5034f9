import { recordsToTable } from '../core/rules-kit.js';
import type { TableSheetSpec } from '../core/spec.js';
import type { TemplateModule } from '../core/template.js';
import { managementReviewRules } from './rules.js';
import { managementReviewSpec, REVIEW_SHEET } from './spec.js';

export const managementReview: TemplateModule = {
  spec: managementReviewSpec,
  rules: managementReviewRules,
  toGrids: (records) => ({
    [REVIEW_SHEET]: recordsToTable(managementReviewSpec.sheets[0] as TableSheetSpec, records),
  }),
};

export * from './spec.js';
export * from './schema.js';
export * from './inputs.js';
