import { GAP_STATUSES, PRIORITIES } from '../core/lists.js';
import type { TemplateSpec } from '../core/spec.js';

export const GAP_SHEET = 'Gap Analysis';

export const gapAnalysisSpec: TemplateSpec = {
  id: 'gap-analysis',
  version: 1,
  title: 'Gap Analysis',
  description: 'Per-clause status of the QMS against ISO 9001:2015, with evidence and the actions that close gaps.',
  sheets: [
    {
      kind: 'table',
      name: GAP_SHEET,
      recordType: 'gap',
      columns: [
        // gap.clause-in-catalogue, gap.clause-unique and gap.clauses-missing are in rules.ts
        {
          key: 'clause',
          header: 'Clause',
          aliases: [
            'Clause no',
            'Clause number',
            'Requirement',
            'ISO clause',
            'Article',
            'Chapitre',
            'Normabschnitt',
            'Abschnitt',
            'Kapitel',
            'Cláusula',
            'Apartado',
          ],
          type: 'text',
          required: true,
          width: 10,
        },
        // gap.title-from-catalogue fills a blank title
        {
          key: 'title',
          header: 'Title',
          aliases: [
            'Clause title',
            'Requirement title',
            'Exigence',
            'Titre',
            'Anforderung',
            'Titel',
            'Requisito',
            'Título',
          ],
          type: 'text',
          width: 44,
        },
        // gap.status-list: blank = Not assessed
        {
          key: 'status',
          header: 'Status',
          // A yes/no question as the header ("In place?", "Compliant?") holds the status in the sheet's own words.
          aliases: [
            'Compliance',
            'Compliance status',
            'In place?',
            'Compliant?',
            'Implemented?',
            'Met?',
            'Statut',
            'Conformité',
            'Stand',
            'Umsetzung',
            'Erfüllt?',
            'Estado',
            'Cumplimiento',
          ],
          type: 'list',
          list: GAP_STATUSES,
          defaultValue: 'Not assessed',
          width: 20,
        },
        {
          key: 'evidence',
          header: 'Evidence',
          aliases: ['Objective evidence', 'Evidence / reference', 'Preuves', 'Nachweis', 'Evidencia'],
          type: 'text',
          width: 36,
        },
        {
          key: 'gap',
          header: 'Gap',
          aliases: ['Gap description', 'Gap / justification', 'Justification', 'Écart', 'Lücke', 'Brecha'],
          type: 'text',
          width: 36,
        },
        {
          key: 'action',
          header: 'Action',
          aliases: ['Action required', 'Planned action', 'Action prévue', 'Maßnahme', 'Acción'],
          type: 'text',
          width: 36,
        },
        {
          key: 'owner',
          header: 'Owner',
          aliases: ['Responsible', 'Action owner', 'Responsable', 'Verantwortlich'],
          type: 'text',
          width: 18,
        },
        {
          key: 'targetDate',
          header: 'Target date',
          aliases: [
            'Due date',
            'Target',
            'Échéance',
            'Fällig am',
            'Termin',
            'Zieldatum',
            'Fecha límite',
            'Fecha objetivo',
          ],
          type: 'date',
          width: 14,
        },
        // gap.priority-list
        {
          key: 'priority',
          header: 'Priority',
          aliases: ['Priorité', 'Priorität', 'Prioridad'],
          type: 'list',
          list: PRIORITIES,
          width: 10,
        },
        // gap.effort-non-negative
        {
          key: 'effortDays',
          header: 'Effort (days)',
          aliases: ['Effort', 'Effort days', 'Person-days'],
          type: 'number',
          min: 0,
          width: 12,
        },
      ],
    },
  ],
};
