import type { Issue } from '@qms/templates';
import { describe, expect, it } from 'vitest';
import { issuesInOrder } from './issue-order.ts';

const issue = (severity: Issue['severity'], address: string): Issue => ({
  severity,
  code: 'test',
  message: `${address}: ${severity}`,
  sheet: 'CAPA Log',
  cell: `CAPA Log!${address}`,
  address,
});

describe('Check lists errors before warnings', () => {
  it('errors first, then warnings, then notes, each in the order the validator gave', () => {
    const found = [
      issue('warning', 'A5'),
      issue('info', 'B5'),
      issue('error', 'C9'),
      issue('warning', 'A6'),
      issue('error', 'C3'),
    ];
    expect(issuesInOrder(found, 'all').map((i) => i.address)).toEqual(['C9', 'C3', 'A5', 'A6', 'B5']);
    expect(issuesInOrder(found, 'warning').map((i) => i.address)).toEqual(['A5', 'A6']);
  });
});
