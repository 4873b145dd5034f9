import { AUDIT_TYPES } from '../core/lists.js';
import type { ColumnSpec, TemplateSpec } from '../core/spec.js';
import { MONTH_SPELLINGS } from './months.js';

export const AUDIT_CALENDAR_SHEET = 'Audit Calendar';

/**
 * Headers of the audit (row label) column. The row label names the process, area or clause audited; it is kept in
 * the Event ID because the audit-event record has no field of its own for it.
 */
export const AUDIT_COLUMN_ALIASES = [
  'Audit',
  'Process',
  'Area',
  'Audit area',
  'Audited area',
  'Process / area',
  'Audit subject',
  'Department',
  'Function',
  'Event',
  'Activity',
  'Prozess',
  'Bereich',
  'Abteilung',
  'Processus',
  'Domaine',
  'Proceso',
  'Área',
  'Departamento',
] as const;

/**
 * The audit column's headers in the spec, which the core uses to recognise the sheet: only words that say "audit".
 * Process, Area, Department or Clause also head KPI tables with month columns, and a fixed header score cannot
 * tell those from a calendar by their cells, so the looser words are read by the calendar's own header reader
 * (header.ts) once the sheet is recognised, and count for recognition through `sheetScore` when the core uses it.
 */
export const AUDIT_SPEC_ALIASES = ['Audit', 'Audit area', 'Audited area', 'Audit subject', 'Audit title'] as const;

/**
 * Headers that name the clauses audited. In a sheet with an audit column they are its Scope; in a sheet whose row
 * label is the clause itself ("Clause | Jan | Feb …") that column is the label and the scope at once.
 */
export const CLAUSE_COLUMN_ALIASES = [
  'Scope / clauses',
  'Scope',
  'Clauses',
  'Clause',
  'Clauses covered',
  'Audit scope',
  'ISO clause',
  'ISO 9001 clause',
  'Normabschnitt',
  'Kapitel',
  'Chapitre',
  'Cláusula',
] as const;

export const TYPE_COLUMN_ALIASES = [
  'Type',
  'Audit type',
  'Event type',
  'Typ',
  'Auditart',
  'Art',
  "Type d'audit",
  'Tipo',
] as const;

export const LEAD_COLUMN_ALIASES = [
  'Lead',
  'Lead auditor',
  'Auditor',
  'Auditors',
  'Auditor(s)',
  'Chair',
  'Leitender Auditor',
  'Auditeur',
  'Auditeur responsable',
  'Auditor líder',
] as const;

export const REPORT_COLUMN_ALIASES = [
  'Report reference',
  'Report',
  'Report ref',
  'Report no',
  'Minutes reference',
  'Bericht',
  'Auditbericht',
  'Rapport',
  'Informe',
] as const;

/** What the month cells take, for the template's input prompt and the how-to line. */
export const MARKS_HINT = 'P = planned, C (or X, ✓) = completed; add the day for the exact date, e.g. C 14';

/** Twelve month columns Jan … Dec: the template's default year; the parser also reads 2026-01, Jan 2026 or dates. */
export const MONTH_COLUMNS: readonly ColumnSpec[] = MONTH_SPELLINGS.map((spellings, i) => ({
  key: `month${String(i + 1).padStart(2, '0')}`,
  header: spellings[0] ?? '',
  aliases: spellings.slice(1),
  type: 'text' as const,
  width: 6,
  hint: MARKS_HINT,
}));

export const auditCalendarSpec: TemplateSpec = {
  id: 'audit-calendar',
  version: 1,
  title: 'Audit Calendar',
  description:
    'Year planner of internal audits and management reviews: one row per audit, one column per month. ' +
    'Mark P in the month an audit is planned and C (or X, ✓) in the month it was completed; add the day for the ' +
    'exact date (C 14) and the Report reference once it is done. Put the year in the title above the table or in ' +
    'the month headers. A legend on the sheet such as "P = planned, C = completed" replaces these default marks.',
  sheets: [
    {
      kind: 'table',
      name: AUDIT_CALENDAR_SHEET,
      recordType: 'audit-event',
      columns: [
        // audit-calendar.name-required (rules.ts): a marked row needs its audit name
        {
          key: 'audit',
          header: 'Audit / process',
          aliases: AUDIT_SPEC_ALIASES,
          type: 'text',
          required: true,
          width: 28,
        },
        // audit-calendar.default-type: blank is an Internal audit, said in one info issue
        {
          key: 'type',
          header: 'Type',
          aliases: TYPE_COLUMN_ALIASES.filter((a) => a !== 'Type'),
          type: 'list',
          list: AUDIT_TYPES,
          defaultValue: 'Internal audit',
          width: 20,
        },
        {
          key: 'lead',
          header: 'Lead',
          aliases: LEAD_COLUMN_ALIASES.filter((a) => a !== 'Lead'),
          type: 'text',
          width: 16,
        },
        // audit-calendar.scope-in-catalogue
        {
          key: 'scope',
          header: 'Scope / clauses',
          // A "Clause" column with no audit column is the row label too (header.ts).
          aliases: CLAUSE_COLUMN_ALIASES.filter((a) => a !== 'Scope / clauses'),
          type: 'text',
          width: 18,
          hint: 'all, or clauses such as 4, 5.1-5.3, 9.2',
        },
        ...MONTH_COLUMNS,
        // audit-calendar.completed-needs-report: the one thing a completed mark cannot say
        {
          key: 'reportReference',
          header: 'Report reference',
          aliases: REPORT_COLUMN_ALIASES.filter((a) => a !== 'Report reference'),
          type: 'text',
          width: 16,
          hint: 'The report or minutes of the completed audit',
        },
      ],
    },
  ],
};
