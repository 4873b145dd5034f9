import { recordsToTable } from '../core/rules-kit.js';
import type { TableSheetSpec } from '../core/spec.js';
import type { TemplateModule } from '../core/template.js';
import { capaRules } from './rules.js';
import { capaLogSpec, CAPA_SHEET } from './spec.js';

export const capaLog: TemplateModule = {
  spec: capaLogSpec,
  rules: capaRules,
  toGrids: (records) => ({ [CAPA_SHEET]: recordsToTable(capaLogSpec.sheets[0] as TableSheetSpec, records) }),
};

export { capaLogSpec, CAPA_SHEET } from './spec.js';
export { capaSchema, type Capa } from './schema.js';
