import type { Issue } from '@qms/templates';

export type IssueFilter = 'all' | 'error' | 'warning' | 'info';

const RANK = { error: 0, warning: 1, info: 2 } as const;

/**
 * The issues Check lists: those the filter lets through, errors first, then warnings, then notes, each kind in
 * the validator's order. With hundreds of errors the first screen shows errors, not the warnings that happen to
 * come first in the sheet.
 */
export function issuesInOrder(issues: readonly Issue[], filter: IssueFilter): Issue[] {
  return issues
    .map((issue, order) => ({ issue, order }))
    .filter(({ issue }) => filter === 'all' || issue.severity === filter)
    .sort((a, b) => RANK[a.issue.severity] - RANK[b.issue.severity] || a.order - b.order)
    .map(({ issue }) => issue);
}
