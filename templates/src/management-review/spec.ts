import { REVIEW_STATUSES } from '../core/lists.js';
import type { ColumnSpec, TemplateSpec } from '../core/spec.js';
import { REVIEW_INPUTS } from './inputs.js';

export const REVIEW_SHEET = 'Management Review';

/** One Covered (Yes / No) column per 9.3.2 input, headed by its short name. */
const inputColumns: ColumnSpec[] = REVIEW_INPUTS.map((input) => ({
  key: input.key,
  header: input.name,
  type: 'yesno',
  width: 12,
  hint: `Yes when the review covered this input (ISO 9001 9.3.2 ${input.item})`,
}));

export const managementReviewSpec: TemplateSpec = {
  id: 'management-review',
  version: 1,
  title: 'Management Review',
  description: 'Management reviews, one row each: the 9.3.2 inputs covered, decisions, actions and minutes.',
  sheets: [
    {
      kind: 'table',
      name: REVIEW_SHEET,
      recordType: 'management-review',
      columns: [
        // review.id-required (review.id-unique is in rules.ts)
        {
          key: 'reviewId',
          header: 'Review ID',
          aliases: ['Review no', 'Review number', 'MR ID', 'MR no'],
          type: 'text',
          required: true,
          width: 10,
        },
        {
          key: 'date',
          header: 'Date',
          aliases: ['Review date', 'Date of review', 'Meeting date'],
          type: 'date',
          width: 12,
        },
        // review.status-list
        {
          key: 'status',
          header: 'Status',
          aliases: ['Review status'],
          type: 'list',
          list: REVIEW_STATUSES,
          required: true,
          width: 12,
        },
        { key: 'chair', header: 'Chair', aliases: ['Chaired by', 'Chairperson'], type: 'text', width: 18 },
        ...inputColumns,
        {
          key: 'decisions',
          header: 'Decisions',
          aliases: ['Decisions (9.3.3)', 'Outputs', 'Review outputs'],
          type: 'text',
          width: 36,
          hint: 'Decisions and actions on improvement, changes to the QMS and resource needs (9.3.3)',
        },
        {
          key: 'actionsRaised',
          header: 'Actions raised',
          aliases: ['Actions', 'Action items'],
          type: 'text',
          width: 24,
        },
        {
          key: 'minutesReference',
          header: 'Minutes reference',
          aliases: ['Minutes', 'Minutes ref', 'Report reference'],
          type: 'text',
          width: 18,
        },
      ],
    },
  ],
};
