import { z } from 'zod';

/**
 * Every problem code the API answers with (the `code` of an RFC 9457 problem+json body). Clients branch on the
 * code, never on the text, so a code is added here before the server may use it.
 */
export const PROBLEM_CODES = [
  // 400
  'bad-as-of',
  'bad-continuation',
  'bad-host',
  'bad-org-id',
  'bad-pack-id',
  'bad-pack-version',
  'bad-page-size',
  'bad-type',
  'bad-user-id',
  'bad-path',
  'body-missing',
  'invalid-json',
  'invalid-request',
  'template-not-declared',
  // 401
  'token-expired',
  'token-missing',
  'token-subject',
  'token-invalid',
  'token-scope',
  'token-claims',
  // 403, 404, 405
  'forbidden',
  'pack-not-yours',
  'pack-assign-forbidden',
  'no-invitation',
  'no-route',
  'pack-not-found',
  'pack-version-not-found',
  'profile-missing',
  'method-not-allowed',
  // 409
  'last-owner',
  'members-busy',
  'org-id-unavailable',
  'head-moved',
  'pack-version-exists',
  'pack-version-not-newer',
  'pack-busy',
  // 413, 415
  'body-too-large',
  'too-many-records',
  'unsupported-media-type',
  // 422
  'digest-mismatch',
  'pack-invalid',
  'records-missing',
  'records-rejected',
  'unknown-template',
  'unsupported-template-version',
  // 5xx
  'internal',
  'not-configured',
  'storage-unavailable',
] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** An RFC 9457 problem as the API sends it: `type`, `title`, `status`, `detail`, our `code`, and extras. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    /** Per-record issues on 422 records-rejected and 400 invalid-request. */
    issues: z.array(z.unknown()).optional(),
  })
  .catchall(z.unknown());

export type Problem = z.infer<typeof problemSchema>;
