import { describe, expect, it } from 'vitest';
import { ApiError } from '@qms/client';
import { describeError } from './describe-error.ts';

describe('describeError', () => {
  it('a request that never reached the server reads as people say it, without the request line', () => {
    // What the client throws today when fetch fails: status 0 and the method and path in the message.
    const error = new ApiError(
      0,
      undefined,
      'GET /orgs/acme/assessment?asOf=2026-03-31 failed: Failed to fetch. The server could not be reached.',
    );
    const text = describeError('Loading readiness', error);
    expect(text).toBe(
      'Loading readiness failed: the server could not be reached. Check your internet connection (or that the server is running), then try again.',
    );
    expect(text).not.toMatch(/GET|Failed to fetch|\/orgs/);
    expect(describeError('Loading the portfolio', new TypeError('Failed to fetch'))).toMatch(
      /^Loading the portfolio failed: the server could not be reached/,
    );
  });

  it("keeps the server's own words and advice, without a request prefix", () => {
    const error = new ApiError(403, undefined, 'You are not a member of acme. Ask the organisation owner.');
    expect(describeError('Loading readiness', error)).toBe(
      'Loading readiness failed: You are not a member of acme. Ask the organisation owner.',
    );
    expect(describeError('Saving', new Error('POST /orgs failed: Conflict'))).toBe('Saving failed: Conflict');
  });

  it("an oversize read is named by Excel's code in any language", () => {
    const error = Object.assign(new Error('Die Größe der Antwortnutzlast hat den Grenzwert überschritten.'), {
      code: 'ResponsePayloadSizeLimitExceeded',
    });
    expect(describeError('Reading the workbook', error)).toMatch(/too large to read at once/);
  });
});
