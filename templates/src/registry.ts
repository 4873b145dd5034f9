import { auditCalendar } from './audit-calendar/index.js';
import { auditProgramme } from './audit-programme/index.js';
import { capaLog } from './capa-log/index.js';
import { cbComparison } from './cb-comparison/index.js';
import type { TemplateModule } from './core/template.js';
import { parseWorkbook, type WorkbookInput, type WorkbookResult } from './core/workbook.js';
import type { IsoDate } from './core/dates.js';
import { documentRegister } from './document-register/index.js';
import { gapAnalysis } from './gap-analysis/index.js';
import { kpiTracker } from './kpi-tracker/index.js';
import { kpiWide } from './kpi-wide/index.js';
import { managementReview } from './management-review/index.js';
import { qmsProfile } from './qms-profile/index.js';
import { supplierEvaluation } from './supplier-evaluation/index.js';
import { trainingRecords } from './training-records/index.js';
import { trainingWide } from './training-wide/index.js';

/** The templates of the starter workbook, in the order it shows them. */
export const STARTER_MODULES: readonly TemplateModule[] = [
  qmsProfile,
  gapAnalysis,
  kpiTracker,
  supplierEvaluation,
  capaLog,
  auditProgramme,
  managementReview,
  cbComparison,
  documentRegister,
  trainingRecords,
];

/**
 * Every template: the starter's, plus other layouts of the same records (a wide KPI sheet, an audit calendar), each a file of its
 * own. A wide layout (a KPI sheet, an audit year planner) is recognised by its own sheet score, so its place in this list does not decide ties.
 */
export const TEMPLATE_MODULES: readonly TemplateModule[] = [...STARTER_MODULES, kpiWide, auditCalendar, trainingWide];

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
