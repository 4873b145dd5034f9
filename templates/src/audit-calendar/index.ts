import type { TemplateModule } from '../core/template.js';
import { auditCalendarToGrids } from './grids.js';
import { auditCalendarScore } from './header.js';
import { auditCalendarRules } from './rules.js';
import { auditCalendarSpec } from './spec.js';

/**
 * The Audit Calendar: an audit programme kept as a year planner (one row per audit, months as columns, marks in
 * the cells), read into the same audit-event records as the Audit Programme. `sheetScore` lets recognition see
 * month headers that no fixed header text describes (2026-01, dates).
 */
export const auditCalendar: TemplateModule = {
  spec: auditCalendarSpec,
  rules: auditCalendarRules,
  toGrids: auditCalendarToGrids,
  sheetScore: auditCalendarScore,
};

export { auditCalendarSpec, AUDIT_CALENDAR_SHEET, MARKS_HINT as AUDIT_CALENDAR_MARKS_HINT } from './spec.js';
export { auditCalendarScore } from './header.js';
export { parseMonthHeader as parseCalendarMonthHeader, type MonthHeader as CalendarMonthHeader } from './months.js';
