import { recordsToTable } from '../core/rules-kit.js';
import type { TableSheetSpec } from '../core/spec.js';
import type { TemplateModule } from '../core/template.js';
import { documentRegisterRules } from './rules.js';
import { documentRegisterSpec, DOCUMENT_SHEET } from './spec.js';

export const documentRegister: TemplateModule = {
  spec: documentRegisterSpec,
  rules: documentRegisterRules,
  toGrids: (records) => ({
    [DOCUMENT_SHEET]: recordsToTable(documentRegisterSpec.sheets[0] as TableSheetSpec, records),
  }),
};

export { documentRegisterSpec, DOCUMENT_SHEET } from './spec.js';
export { documentSchema, type DocumentEntry } from './schema.js';
