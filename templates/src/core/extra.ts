import { z } from 'zod';
import { MAX_TEXT_LENGTH } from './values.js';

/**
 * A record's extra columns: the values of the columns a consultant's pack adds to a template (docs/architecture.md,
 * Templates and records). Keyed by the pack column's key; a blank optional cell is null. Never scored: the engine
 * reads none of it, sync keeps it and the API returns it with the record.
 */
export const MAX_EXTRA_COLUMNS = 50;
export const MAX_EXTRA_KEY_CHARS = 40;

export const EXTRA_KEY_PATTERN = /^[a-z][A-Za-z0-9]*$/;

export const extraValueSchema = z.union([z.string().max(MAX_TEXT_LENGTH), z.number().finite(), z.null()]);
export type ExtraValue = z.infer<typeof extraValueSchema>;

export const extraSchema = z
  .record(
    z
      .string()
      .max(MAX_EXTRA_KEY_CHARS)
      .regex(EXTRA_KEY_PATTERN, { message: 'must be a pack column key such as riskRating' }),
    extraValueSchema,
  )
  .refine((extra) => Object.keys(extra).length <= MAX_EXTRA_COLUMNS, {
    message: `must hold at most ${MAX_EXTRA_COLUMNS} extra columns`,
  });
export type Extra = z.infer<typeof extraSchema>;
