import { CAPA_SEVERITIES, CAPA_SOURCES, CAPA_STATUSES, EFFECTIVENESS, ROOT_CAUSE_METHODS } from '../core/lists.js';
import type { TemplateSpec } from '../core/spec.js';

export const CAPA_SHEET = 'CAPA Log';

export const capaLogSpec: TemplateSpec = {
  id: 'capa-log',
  version: 1,
  title: 'CAPA Log',
  description: 'Nonconformities and corrective actions from detection to verified effectiveness.',
  sheets: [
    {
      kind: 'table',
      name: CAPA_SHEET,
      recordType: 'capa',
      columns: [
        {
          key: 'capaId',
          header: 'CAPA ID',
          aliases: ['ID', 'CAPA no', 'CAPA number', 'NC ID', 'NC no', 'CAR no', 'Reference', 'Ref', 'Ref no'],
          type: 'text',
          required: true,
          width: 10,
        },
        {
          key: 'dateOpened',
          header: 'Date opened',
          aliases: ['Opened', 'Date raised', 'Raised on', 'Open date'],
          type: 'date',
          required: true,
          width: 12,
        },
        { key: 'source', header: 'Source', aliases: ['Origin'], type: 'list', list: CAPA_SOURCES, width: 18 },
        { key: 'clause', header: 'Clause', aliases: ['ISO clause'], type: 'text', width: 8 },
        {
          key: 'severity',
          header: 'Severity',
          aliases: ['Grade', 'Classification'],
          type: 'list',
          list: CAPA_SEVERITIES,
          width: 11,
        },
        {
          key: 'description',
          header: 'Description',
          aliases: ['Nonconformity', 'Problem', 'Description of nonconformity'],
          type: 'text',
          width: 36,
        },
        {
          key: 'containment',
          header: 'Containment',
          aliases: ['Containment action', 'Correction', 'Immediate action'],
          type: 'text',
          width: 28,
        },
        { key: 'rootCause', header: 'Root cause', aliases: ['Cause'], type: 'text', width: 28 },
        {
          key: 'rootCauseMethod',
          header: 'Root cause method',
          aliases: ['RCA method', 'Method'],
          type: 'list',
          list: ROOT_CAUSE_METHODS,
          width: 14,
        },
        {
          key: 'correctiveAction',
          header: 'Corrective action',
          aliases: ['Action', 'Corrective actions'],
          type: 'text',
          width: 32,
        },
        { key: 'owner', header: 'Owner', aliases: ['Responsible', 'Action owner'], type: 'text', width: 16 },
        { key: 'dueDate', header: 'Due date', aliases: ['Target date', 'Due'], type: 'date', width: 12 },
        { key: 'status', header: 'Status', type: 'list', list: CAPA_STATUSES, required: true, width: 20 },
        {
          key: 'dateClosed',
          header: 'Date closed',
          aliases: ['Closed', 'Closed on', 'Closure date'],
          type: 'date',
          width: 12,
        },
        {
          key: 'effectiveness',
          header: 'Effectiveness',
          aliases: ['Effective?', 'Effectiveness check'],
          type: 'list',
          list: EFFECTIVENESS,
          width: 14,
        },
        { key: 'verifiedBy', header: 'Verified by', aliases: ['Verifier'], type: 'text', width: 16 },
        {
          key: 'verificationDate',
          header: 'Verification date',
          aliases: ['Verified on', 'Date verified'],
          type: 'date',
          width: 14,
        },
      ],
    },
  ],
};
