import { AUDIT_STATUSES, AUDIT_TYPES } from '../core/lists.js';
import type { TemplateSpec } from '../core/spec.js';

export const AUDIT_SHEET = 'Audit Programme';

export const auditProgrammeSpec: TemplateSpec = {
  id: 'audit-programme',
  version: 1,
  title: 'Audit Programme',
  description: 'Internal audits, management reviews and certification-body audits, planned and completed.',
  sheets: [
    {
      kind: 'table',
      name: AUDIT_SHEET,
      recordType: 'audit-event',
      columns: [
        // audit.id-required (audit.id-unique is in rules.ts)
        {
          key: 'eventId',
          header: 'Event ID',
          aliases: ['ID', 'Audit ID', 'Audit no', 'Reference'],
          type: 'text',
          required: true,
          width: 10,
        },
        // audit.type-list
        {
          key: 'type',
          header: 'Type',
          aliases: ['Audit type', 'Event type', 'Event'],
          type: 'list',
          list: AUDIT_TYPES,
          required: true,
          width: 22,
        },
        // audit.scope-in-catalogue is in rules.ts (parseScope)
        {
          key: 'scope',
          header: 'Scope / clauses',
          aliases: ['Scope', 'Clauses', 'Clauses covered', 'Audit scope'],
          type: 'text',
          width: 22,
          hint: 'all, or clauses such as 4, 5.1-5.3, 9.2',
        },
        {
          key: 'plannedDate',
          header: 'Planned date',
          aliases: ['Planned', 'Scheduled', 'Planned for'],
          type: 'date',
          width: 13,
        },
        {
          key: 'completedDate',
          header: 'Completed date',
          aliases: ['Completed', 'Date completed', 'Actual date'],
          type: 'date',
          width: 14,
        },
        { key: 'lead', header: 'Lead', aliases: ['Lead auditor', 'Auditor', 'Chair'], type: 'text', width: 16 },
        // audit.findings-count: the three counts are whole numbers ≥ 0
        {
          key: 'majorFindings',
          header: 'Major findings',
          aliases: ['Majors', 'Major NCs', 'Major nonconformities'],
          type: 'integer',
          min: 0,
          width: 10,
        },
        {
          key: 'minorFindings',
          header: 'Minor findings',
          aliases: ['Minors', 'Minor NCs', 'Minor nonconformities'],
          type: 'integer',
          min: 0,
          width: 10,
        },
        {
          key: 'observations',
          header: 'Observations',
          aliases: ['OFIs', 'Opportunities for improvement'],
          type: 'integer',
          min: 0,
          width: 12,
        },
        {
          key: 'reportReference',
          header: 'Report reference',
          aliases: ['Report', 'Report ref', 'Minutes reference'],
          type: 'text',
          width: 16,
        },
        // audit.status-list
        { key: 'status', header: 'Status', type: 'list', list: AUDIT_STATUSES, required: true, width: 12 },
      ],
    },
  ],
};
