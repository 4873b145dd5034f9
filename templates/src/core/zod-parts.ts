import { z } from 'zod';
import { CONTROL_CHARACTERS } from './cells.js';
import { isIsoDate } from './dates.js';
import { MAX_TEXT_LENGTH } from './values.js';

/** Building blocks for record schemas, so every template limits text and dates the same way. */
export const text = z.string().max(MAX_TEXT_LENGTH);
export const requiredText = text.min(1);
export const isoDate = z.string().refine(isIsoDate, { message: 'must be a date as YYYY-MM-DD' });
export const nonNegative = z.number().finite().min(0);
export const id = z
  .string()
  .min(1)
  .max(255)
  // Control characters cannot round-trip through a workbook cell or a storage key.
  .refine((s) => !CONTROL_CHARACTERS.test(s), { message: 'must not contain control characters' });
