import { packSchema, type Pack, type PackInput } from '@qms/templates';
import { z } from 'zod';

/**
 * Consultants' template packs over the API (docs/api.md, Template packs). The pack's own shape is the templates
 * package's `packSchema`; the server checks a published pack further with `checkPack` (rules against the product's
 * templates) and answers `422 pack-invalid` with every issue's JSON path.
 */

/** A pack id as the path names it: the same slug the pack's `id` must be. */
export const PACK_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** PUT /packs/{pack}: the pack's JSON, as `qms pack build` reads it (defaults may be left out). */
export const putPackBodySchema = packSchema;
export type PutPackBody = PackInput;

/** One problem of a refused pack: where it is (`columns.capa-log[0].header`) and how to fix it. */
export const packIssueSchema = z.object({ path: z.string(), message: z.string() });
export type PackIssueWire = z.infer<typeof packIssueSchema>;

/** 200/201 from PUT /packs/{pack}: the version written (or replayed), its owner and every version, oldest first. */
export const packInfoSchema = z.object({
  id: z.string(),
  version: z.number().int().min(1),
  owner: z.string(),
  versions: z.array(z.number().int().min(1)),
});
export type PackInfo = z.infer<typeof packInfoSchema>;

/**
 * The stored pack JSON of one version (defaults filled in). Checked by the server before it was stored; a client
 * that builds from it checks it again with `checkPack`, so the schema here only says it is an object.
 */
const packContentSchema = z.custom<Pack>((value) => typeof value === 'object' && value !== null, {
  message: 'must be the pack JSON (an object)',
});

/** 200 from GET /packs/{pack}[?version=N]: that version (latest by default), its content, and every version. */
export const packVersionSchema = packInfoSchema.extend({ latest: z.number().int().min(1), content: packContentSchema });
export type PackVersion = z.infer<typeof packVersionSchema>;

/** PUT /orgs/{org}/pack: assign a version of a pack to the organisation, or `{ "pack": null }` to unassign. */
export const assignPackBodySchema = z.union([
  z.strictObject({
    pack: z.string().regex(PACK_ID_PATTERN, 'must be a pack id such as acme-consulting'),
    version: z.number().int().min(1).max(1_000_000),
  }),
  z.strictObject({ pack: z.null() }),
]);
export type AssignPackBody = z.infer<typeof assignPackBodySchema>;

/** The pack an organisation uses, as the pane fetches it: the assigned version's content and the newest version. */
export const orgPackSchema = z.object({
  pack: z
    .object({
      id: z.string(),
      version: z.number().int().min(1),
      latest: z.number().int().min(1),
      content: packContentSchema,
    })
    .nullable(),
});
export type OrgPack = z.infer<typeof orgPackSchema>;
