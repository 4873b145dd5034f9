import { TRAINING_EFFECTIVENESS, TRAINING_METHODS } from '../core/lists.js';
import type { ColumnSpec, TemplateSpec } from '../core/spec.js';

export const TRAINING_SHEET = 'Training Matrix';

/** Who the row is about: the columns the tall matrix and the wide one (people as rows) share. */
export const TRAINING_PERSON_COLUMNS: readonly ColumnSpec[] = [
  {
    key: 'person',
    header: 'Person',
    aliases: ['Name', 'Employee', 'Employee name', 'Staff', 'Staff member', 'Mitarbeiter', 'Nom', 'Nombre'],
    type: 'text',
    required: true,
    width: 20,
  },
  {
    key: 'role',
    header: 'Role',
    aliases: ['Job title', 'Position', 'Job role', 'Function', 'Funktion', 'Rolle', 'Poste', 'Puesto'],
    type: 'text',
    width: 18,
  },
  {
    key: 'department',
    header: 'Department',
    aliases: ['Dept', 'Team', 'Area', 'Abteilung', 'Service', 'Departamento'],
    type: 'text',
    width: 16,
  },
];

export const trainingRecordsSpec: TemplateSpec = {
  id: 'training-records',
  version: 1,
  title: 'Training Matrix',
  description:
    'One row per person and competence: whether the role requires it, when it was completed, until when it is valid, and the evidence.',
  sheets: [
    {
      kind: 'table',
      name: TRAINING_SHEET,
      recordType: 'training',
      columns: [
        ...TRAINING_PERSON_COLUMNS,
        {
          key: 'competence',
          header: 'Competence / course',
          aliases: [
            'Competence',
            'Course',
            'Training',
            'Training course',
            'Skill',
            'Qualification',
            'Schulung',
            'Qualifikation',
            'Formation',
            'Curso',
          ],
          type: 'text',
          required: true,
          width: 26,
        },
        {
          key: 'requiredForRole',
          header: 'Required for role',
          aliases: ['Required', 'Mandatory', 'Required?', 'Pflicht', 'Obligatoire'],
          type: 'yesno',
          width: 10,
        },
        {
          key: 'completedDate',
          header: 'Completed date',
          aliases: ['Completed', 'Completed on', 'Date completed', 'Training date', 'Date trained', 'Absolviert am'],
          type: 'date',
          width: 13,
        },
        {
          key: 'validUntil',
          header: 'Valid until',
          aliases: [
            'Expiry',
            'Expiry date',
            'Expires',
            'Refresher due',
            'Renewal date',
            'Gültig bis',
            "Valide jusqu'au",
          ],
          type: 'date',
          width: 13,
        },
        {
          key: 'method',
          header: 'Method',
          aliases: ['Delivery', 'Training method', 'Type', 'Methode'],
          type: 'list',
          list: TRAINING_METHODS,
          width: 13,
        },
        {
          key: 'effectivenessChecked',
          header: 'Effectiveness checked',
          aliases: ['Effectiveness', 'Effective?', 'Effectiveness check', 'Wirksamkeit geprüft'],
          type: 'list',
          list: TRAINING_EFFECTIVENESS,
          width: 12,
        },
        {
          key: 'evidenceRef',
          header: 'Evidence ref',
          aliases: ['Evidence', 'Evidence reference', 'Certificate', 'Certificate no', 'Record', 'Nachweis'],
          type: 'text',
          width: 20,
        },
      ],
    },
  ],
};
