/**
 * The review inputs ISO 9001:2015 9.3.2 asks a management review to take into account, by short name only (the
 * product never copies the standard's text). One Covered (Yes / No) column each on the Management Review sheet;
 * the engine reads the same list to say which inputs a review left out.
 */
export interface ReviewInput {
  /** Record data key. */
  key: ReviewInputKey;
  /** Column header and the name messages use. */
  name: string;
  /** Where it sits in 9.3.2 (a, b, c1 … c7, d, e, f). */
  item: string;
}

export const REVIEW_INPUT_KEYS = [
  'previousActions',
  'issuesChanges',
  'customerFeedback',
  'qualityObjectives',
  'processPerformance',
  'nonconformities',
  'monitoringResults',
  'auditResults',
  'externalProviders',
  'resources',
  'riskActions',
  'improvement',
] as const;
export type ReviewInputKey = (typeof REVIEW_INPUT_KEYS)[number];

export const REVIEW_INPUTS: readonly ReviewInput[] = [
  { key: 'previousActions', name: 'Previous actions', item: 'a' },
  { key: 'issuesChanges', name: 'Changes in issues', item: 'b' },
  { key: 'customerFeedback', name: 'Customer satisfaction', item: 'c1' },
  { key: 'qualityObjectives', name: 'Quality objectives', item: 'c2' },
  { key: 'processPerformance', name: 'Process performance', item: 'c3' },
  { key: 'nonconformities', name: 'Nonconformities and CA', item: 'c4' },
  { key: 'monitoringResults', name: 'Monitoring results', item: 'c5' },
  { key: 'auditResults', name: 'Audit results', item: 'c6' },
  { key: 'externalProviders', name: 'External providers', item: 'c7' },
  { key: 'resources', name: 'Resources', item: 'd' },
  { key: 'riskActions', name: 'Risk actions', item: 'e' },
  { key: 'improvement', name: 'Improvement', item: 'f' },
];
