import { CONTROL_CHARACTERS, isWellFormedText, RECORD_TYPES } from '@qms/templates';
import { z } from 'zod';

/** Limits of one sync request. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;
export const MAX_RECORDS_PER_REQUEST = 5000;
export const MAX_STRING_CHARS = 32_000;

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

const syncIdSchema = z
  .string()
  .min(1)
  .max(128)
  .refine((s) => !CONTROL_CHARACTERS.test(s), { message: 'must not contain control characters' })
  .refine(isWellFormedText, { message: 'must be well-formed text (no lone UTF-16 surrogate)' });

const recordTypeSchema = z.enum(RECORD_TYPES);

/** Template id → version of every template the records come from (the server refuses ones it does not know). */
const templatesSchema = z.record(
  z.string().max(100).refine(isWellFormedText, { message: 'must be well-formed text' }),
  z.number().int(),
);

/** A record's content hash as the validator computes it (`contentHash`); it is part of the stored row's key. */
export const HASH_PATTERN = /^[0-9a-f]{1,32}$/;
const hashSchema = z.string().regex(HASH_PATTERN, { message: 'must be a content hash (lower-case hex)' });

/** An id as it appears in a snapshot's manifest. Ids are checked in full when their record is uploaded. */
const idSchema = z.string().min(1).max(255).refine(isWellFormedText, { message: 'must be well-formed text' });

/** `<hash of the sorted (id, hash) list>.<count>`: see snapshotDigest in digest.ts. */
export const DIGEST_PATTERN = /^[0-9a-f]{1,32}\.[0-9]{1,9}$/;
const digestSchema = z.string().regex(DIGEST_PATTERN, { message: 'must be a snapshot digest (hash.count)' });

/** Record types a sync or commit may name: every type at most once. */
const typeSet = z.array(recordTypeSchema).max(RECORD_TYPES.length);

/**
 * POST /orgs/{org}/sync — step 1 of a sync (docs/api.md, "Sync"): the client's snapshot in a few hundred bytes.
 * `digests` has one digest per record type the workbook holds in full (complete: the type's stored records
 * become exactly these). `partial` names the types the workbook holds only in part (a template with row errors):
 * their records are added or updated, never deleted.
 */
export const syncPlanRequestSchema = z.object({
  syncId: syncIdSchema,
  digests: z.partialRecord(recordTypeSchema, digestSchema),
  partial: typeSet.default([]),
});

export type SyncPlanRequest = z.input<typeof syncPlanRequestSchema>;

/** One manifest entry: a record's id and its content hash. */
export const manifestEntrySchema = z.tuple([idSchema, hashSchema]);
export type ManifestEntry = z.infer<typeof manifestEntrySchema>;

/**
 * The answer to step 1. `unchanged`: the organisation's head equals the snapshot, nothing more to do. `changed`:
 * the stored (id, hash) list of every type whose digest differs and of every partial type, as of head `version`;
 * the client uploads the records it has and the head lacks, then commits against that version.
 */
export const syncPlanSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('unchanged'), version: z.number().int().min(0) }),
  z.object({
    status: z.literal('changed'),
    version: z.number().int().min(0),
    stored: z.partialRecord(recordTypeSchema, z.array(manifestEntrySchema)),
  }),
]);

export type SyncPlan = z.infer<typeof syncPlanSchema>;

/** A record as uploaded. Its fields are checked one record at a time, so a bad record is reported by its id. */
export const uploadRecordSchema = z.object({
  type: recordTypeSchema,
  id: z.unknown(),
  data: shallow('data'),
  hash: hashSchema,
  /** Where the record came from travels too, so answers can name sheets and rows. */
  source: z.object({ sheet: z.string().max(255), row: z.number().int().min(0) }).optional(),
  warnings: z.array(warningSchema).max(100).optional(),
});

/**
 * POST /orgs/{org}/sync/records — step 2, sent in parts of at most MAX_RECORDS_PER_REQUEST records: the records
 * the head lacks. Each is validated with the shared schemas and stored under its (type, id, hash): writing one
 * twice changes nothing, and no reader sees it until a commit names it.
 */
export const uploadRequestSchema = z.object({
  syncId: syncIdSchema,
  templates: templatesSchema,
  records: z.array(uploadRecordSchema),
});

export type UploadRequest = z.input<typeof uploadRequestSchema>;
export type UploadRecord = z.infer<typeof uploadRecordSchema>;

export const uploadResultSchema = z.object({ stored: z.number().int().min(0) });
export type UploadResult = z.infer<typeof uploadResultSchema>;

/** How one type changes from the base head: ids put (with their hash), ids removed, and the resulting digest. */
export const typeChangeSchema = z.object({
  type: recordTypeSchema,
  /** Complete: `digest` is the type's whole new snapshot, checked by the server after applying the change. */
  complete: z.boolean(),
  digest: digestSchema.optional(),
  put: z.array(manifestEntrySchema),
  remove: z.array(idSchema),
});

export type TypeChange = z.infer<typeof typeChangeSchema>;

/**
 * POST /orgs/{org}/sync/commit — step 3: makes the snapshot the organisation's head, by compare-and-swap on the
 * head `base` (the version step 1 answered). A head that moved since is answered 409 head-moved: the client plans
 * again against the new head. Only whole snapshots ever become visible.
 */
export const commitRequestSchema = z.object({
  syncId: syncIdSchema,
  base: z.number().int().min(0),
  templates: templatesSchema,
  changes: z.array(typeChangeSchema).max(RECORD_TYPES.length),
});

export type CommitRequest = z.input<typeof commitRequestSchema>;

/** The answer to a commit: the new head's version and what changed, counted record by record. */
export const commitResultSchema = z.object({
  version: z.number().int().min(0),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  deleted: z.number().int(),
  /** True when this commit had been applied before (its answer was lost): nothing was written again. */
  replayed: z.boolean(),
});

export type CommitResult = z.infer<typeof commitResultSchema>;

/** Counts records before the envelope is parsed, so a huge upload is refused without parsing every record. */
export function countRecords(body: unknown): number {
  if (typeof body !== 'object' || body === null) return 0;
  const records = (body as { records?: unknown }).records;
  return Array.isArray(records) ? records.length : 0;
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

/**
 * What a whole sync added up to, as the clients report it: record counts over every step, and the records the
 * server refused (422 records-rejected) with every issue that says why.
 */
export interface SyncTotals {
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  rejected: Rejected[];
}

/** A record as the server receives it in an upload. */
export type IncomingRecord = UploadRecord;
