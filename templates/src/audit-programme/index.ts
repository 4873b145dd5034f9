import { recordsToTable } from '../core/rules-kit.js';
import type { TableSheetSpec } from '../core/spec.js';
import type { TemplateModule } from '../core/template.js';
import { auditProgrammeRules } from './rules.js';
import { auditProgrammeSpec, AUDIT_SHEET } from './spec.js';

export const auditProgramme: TemplateModule = {
  spec: auditProgrammeSpec,
  rules: auditProgrammeRules,
  // scopeClauses is derived from the Scope / clauses cell, so it is not written back: parsing recomputes it.
  toGrids: (records) => ({ [AUDIT_SHEET]: recordsToTable(auditProgrammeSpec.sheets[0] as TableSheetSpec, records) }),
};

export * from './spec.js';
export * from './schema.js';
export { parseScope, type ScopeProblem, type ScopeResult } from './scope.js';
