import { auditProgramme } from './audit-programme/index.js';
import { capaLog } from './capa-log/index.js';
import type { TemplateModule } from './core/template.js';
import { parseWorkbook, type WorkbookInput, type WorkbookResult } from './core/workbook.js';
import type { IsoDate } from './core/dates.js';
import { gapAnalysis } from './gap-analysis/index.js';
import { kpiTracker } from './kpi-tracker/index.js';
import { qmsProfile } from './qms-profile/index.js';
import { supplierEvaluation } from './supplier-evaluation/index.js';

/** Every wave-1 template, in the order the starter workbook shows them. */
export const TEMPLATE_MODULES: readonly TemplateModule[] = [
  qmsProfile,
  gapAnalysis,
  kpiTracker,
  supplierEvaluation,
  capaLog,
  auditProgramme,
];

export function findTemplate(id: string): TemplateModule | undefined {
  return TEMPLATE_MODULES.find((m) => m.spec.id === id);
}

/** The current version of every template: the `qms.templates` property of a starter workbook. */
export function templateVersions(): Record<string, number> {
  return Object.fromEntries(TEMPLATE_MODULES.map((m) => [m.spec.id, m.spec.version]));
}

/** Validates a whole workbook with every template. */
export function validateWorkbook(input: WorkbookInput, options: { asOf: IsoDate }): WorkbookResult {
  return parseWorkbook(input, TEMPLATE_MODULES, options);
}
