import { CONTROL_CHARACTERS, isWellFormedText, RECORD_TYPES } from '@qms/templates';
import { z } from 'zod';

/** Limits of one sync request. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;
export const MAX_RECORDS_PER_REQUEST = 5000;
export const MAX_STRING_CHARS = 32_000;
export const MAX_PARTS = 1000;

/** A record's warning is a short note about one cell: this is generous for one, and bounds what a record carries. */
export const MAX_WARNING_CHARS = 2000;

/** Records are flat objects of fields; this much nesting is far beyond any record and far below any stack limit. */
export const MAX_NESTING = 16;

/** Whether `value` nests arrays and objects at most `max` deep, found with an explicit stack (never recursion). */
export function nestsAtMost(value: unknown, max: number = MAX_NESTING): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= max) return false;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return true;
}

/** A warning: shallow first (so measuring its length cannot recurse deep), then short. */
const warningSchema = z.unknown().superRefine((w, ctx) => {
  if (!nestsAtMost(w)) ctx.addIssue({ code: 'custom', message: `a warning nests deeper than ${MAX_NESTING} levels` });
  else if (JSON.stringify(w ?? null).length > MAX_WARNING_CHARS)
    ctx.addIssue({ code: 'custom', message: `a warning is longer than ${MAX_WARNING_CHARS} characters as JSON` });
});

const shallow = (what: string) =>
  z.unknown().refine((v) => nestsAtMost(v), { message: `${what} nests deeper than ${MAX_NESTING} levels` });

/**
 * The body of POST /orgs/{org}/sync. A sync may be split into `parts` requests sharing one `syncId`
 * (numbered `part` = 1…parts, any order); deletions implied by `complete: true` snapshots apply once
 * every part has arrived. Record fields are checked one record at a time later, so that a bad record is
 * reported by its id instead of failing the whole envelope.
 */
export const syncRequestSchema = z.object({
  syncId: z
    .string()
    .min(1)
    .max(128)
    .refine((s) => !CONTROL_CHARACTERS.test(s), { message: 'must not contain control characters' })
    .refine(isWellFormedText, { message: 'must be well-formed text (no lone UTF-16 surrogate)' }),
  part: z.number().int().min(1).max(MAX_PARTS).default(1),
  parts: z.number().int().min(1).max(MAX_PARTS).default(1),
  templates: z.record(
    z.string().max(100).refine(isWellFormedText, { message: 'must be well-formed text' }),
    z.number().int(),
  ),
  snapshots: z.array(
    z.object({
      type: z.enum(RECORD_TYPES),
      /** True when this is every record of the type: stored ones it does not list are deleted. */
      complete: z.boolean(),
      records: z.array(
        z.object({
          id: z.unknown(),
          data: shallow('data'),
          hash: z.string().max(128).optional(),
          /** Where the record came from travels too, so answers can name sheets and rows. */
          source: z.object({ sheet: z.string().max(255), row: z.number().int().min(0) }).optional(),
          warnings: z.array(warningSchema).max(100).optional(),
        }),
      ),
    }),
  ),
});

/** The request as the server reads it (defaults applied). */
export type SyncRequest = z.infer<typeof syncRequestSchema>;
/** The request as a client writes it. */
export type SyncRequestBody = z.input<typeof syncRequestSchema>;
export type IncomingRecord = SyncRequest['snapshots'][number]['records'][number];
export type Snapshot = SyncRequestBody['snapshots'][number];

/** Counts records before the envelope is parsed, so a huge request is refused without parsing every record. */
export function countRecords(body: unknown): number {
  if (typeof body !== 'object' || body === null) return 0;
  const snapshots = (body as { snapshots?: unknown }).snapshots;
  if (!Array.isArray(snapshots)) return 0;
  return snapshots.reduce<number>((n, s) => {
    const records = typeof s === 'object' && s !== null ? (s as { records?: unknown }).records : undefined;
    return n + (Array.isArray(records) ? records.length : 0);
  }, 0);
}

/**
 * Why the server refused a record: a code and a message, with the field and the sheet row the record came from
 * when it said (the pane turns these into the cell to select).
 */
export const recordIssueSchema = z.object({
  severity: z.literal('error'),
  code: z.string(),
  message: z.string(),
  field: z.string().optional(),
  sheet: z.string().optional(),
  row: z.number().int().optional(),
});

export type RecordIssue = z.infer<typeof recordIssueSchema>;

/** A record the server refused, with every issue that says why. */
export const rejectedSchema = z.object({
  type: z.enum(RECORD_TYPES),
  id: z.string(),
  issues: z.array(recordIssueSchema),
});

export type Rejected = z.infer<typeof rejectedSchema>;

/** The answer to one sync part. */
export const syncResultSchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  deleted: z.number().int(),
  rejected: z.array(rejectedSchema),
  /** Which part this was and whether every part of the sync has now arrived. */
  part: z.number().int(),
  parts: z.number().int(),
  completed: z.boolean(),
  /** True when this part had been applied before: nothing was written, and the counts say so. */
  replayed: z.boolean(),
});

export type SyncResult = z.infer<typeof syncResultSchema>;
