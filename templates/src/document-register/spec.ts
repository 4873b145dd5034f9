import { DOCUMENT_STATUSES, DOCUMENT_TYPES } from '../core/lists.js';
import type { TemplateSpec } from '../core/spec.js';

export const DOCUMENT_SHEET = 'Document Register';

export const documentRegisterSpec: TemplateSpec = {
  id: 'document-register',
  version: 1,
  title: 'Document Register',
  description:
    'Every controlled document and record: the clauses it serves, its revision, who approved it and when it is next reviewed.',
  sheets: [
    {
      kind: 'table',
      name: DOCUMENT_SHEET,
      recordType: 'document',
      columns: [
        {
          key: 'docId',
          header: 'Doc ID',
          aliases: ['Document ID', 'Document no', 'Document number', 'Doc no', 'Doc number', 'Doc ref', 'Dokument-Nr'],
          hints: ['ID', 'Reference', 'Ref', 'Number'],
          type: 'text',
          required: true,
          width: 12,
        },
        {
          key: 'title',
          header: 'Title',
          aliases: ['Document title', 'Document', 'Document name', 'Name', 'Titel', 'Titre', 'Título'],
          type: 'text',
          width: 34,
        },
        {
          key: 'type',
          header: 'Type',
          aliases: ['Document type', 'Doc type', 'Category', 'Dokumentart'],
          type: 'list',
          list: DOCUMENT_TYPES,
          width: 18,
        },
        {
          key: 'clauses',
          header: 'Clauses',
          aliases: ['Clause', 'ISO clauses', 'ISO clause', 'Clause references', 'ISO 9001 clauses', 'Normkapitel'],
          type: 'text',
          width: 14,
          hint: 'The ISO 9001 clauses this document serves, e.g. 7.5, 8.1',
        },
        {
          key: 'owner',
          header: 'Owner',
          aliases: ['Document owner', 'Responsible', 'Author', 'Verantwortlich', 'Responsable'],
          type: 'text',
          width: 16,
        },
        {
          key: 'revision',
          header: 'Revision',
          aliases: ['Rev', 'Rev.', 'Version', 'Issue', 'Revision no', 'Ausgabe'],
          type: 'text',
          width: 9,
        },
        {
          key: 'status',
          header: 'Status',
          aliases: ['Document status', 'State', 'Stand', 'Statut', 'Estado'],
          type: 'list',
          list: DOCUMENT_STATUSES,
          required: true,
          width: 12,
        },
        {
          key: 'approvedBy',
          header: 'Approved by',
          aliases: ['Approver', 'Released by', 'Freigegeben von', 'Approuvé par', 'Aprobado por'],
          type: 'text',
          width: 16,
        },
        {
          key: 'approvalDate',
          header: 'Approval date',
          aliases: ['Approved on', 'Date approved', 'Release date', 'Released on', 'Effective date', 'Freigabedatum'],
          type: 'date',
          width: 13,
        },
        {
          key: 'nextReview',
          header: 'Next review',
          aliases: ['Next review date', 'Review date', 'Review due', 'Nächste Prüfung', 'Prochaine revue'],
          type: 'date',
          width: 13,
        },
        {
          key: 'location',
          header: 'Location',
          aliases: ['Path', 'Link', 'URL', 'File', 'Storage location', 'Ablageort', 'Emplacement'],
          type: 'text',
          width: 30,
          hint: 'Where the document lives (a path or a link); kept as text, never opened',
        },
        {
          key: 'retention',
          header: 'Retention',
          aliases: ['Retention period', 'Retain for', 'Aufbewahrungsfrist', 'Conservation'],
          type: 'text',
          width: 14,
          hint: 'For records: how long they are kept, e.g. 10 years',
        },
      ],
    },
  ],
};
