import { z } from 'zod';
import { EXTRA_KEY_PATTERN, MAX_EXTRA_COLUMNS, MAX_EXTRA_KEY_CHARS } from '../core/extra.js';

/**
 * A consultant's template pack, as data (docs/architecture.md, Template packs): the product's templates with
 * the consultant's brand, guidance, sheet titles, supplier weights, extra columns and value words. This file is the
 * shape only; rules.ts checks it against the product's specs (a pack never removes a field the engine needs).
 */

/** Packs and templates are named by slugs: they end up in file names and workbook properties. */
const slug = z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, {
  message: 'must be lower-case letters, digits and hyphens (such as acme-consulting), at most 64 characters',
});

const line = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { message: 'must not be blank' })
    .max(max, { message: `must be at most ${max} characters` })
    // One line: these texts go into cells, prompts and file properties.
    // eslint-disable-next-line no-control-regex -- refusing control characters is the point of this pattern
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { message: 'must be one line, without control characters' });

/** An RGB colour as web pages write it; stored in the file as ARGB. */
const colour = z.string().regex(/^#[0-9A-Fa-f]{6}$/, { message: 'must be a colour such as #1F4E79' });

/** The logo is embedded in every file of the pack: small, so files stay small and Office's import takes them. */
export const MAX_LOGO_BYTES = 64 * 1024;
/** Base64 of MAX_LOGO_BYTES bytes. */
const MAX_LOGO_BASE64 = Math.ceil(MAX_LOGO_BYTES / 3) * 4;

export const brandSchema = z.strictObject({
  /** Text of the brand row above every title. */
  name: line(100),
  colours: z
    .strictObject({
      /** Header cells, titles and sheet tabs. */
      primary: colour.optional(),
      /** The brand row's text. */
      accent: colour.optional(),
    })
    .optional(),
  /** A PNG as base64 (no data: prefix), shown in the title row. */
  logo: z
    .strictObject({
      png: z
        .string()
        .max(MAX_LOGO_BASE64, { message: `must be a PNG of at most ${MAX_LOGO_BYTES / 1024} KiB (as base64)` })
        .regex(/^[A-Za-z0-9+/]+={0,2}$/, { message: 'must be base64 text without a data: prefix or line breaks' }),
    })
    .optional(),
});

export const EXTRA_COLUMN_TYPES = ['text', 'number', 'date', 'list'] as const;

export const extraColumnSchema = z.strictObject({
  /** Key of the value in the record's `extra` map. */
  key: z
    .string()
    .max(MAX_EXTRA_KEY_CHARS, { message: `must be at most ${MAX_EXTRA_KEY_CHARS} characters` })
    .regex(EXTRA_KEY_PATTERN, { message: 'must be a key such as riskRating (a letter, then letters and digits)' }),
  /** Header text in the built sheet. */
  header: line(60),
  type: z.enum(EXTRA_COLUMN_TYPES),
  /** Allowed values of a list column, in their canonical spelling. */
  list: z.array(line(100)).min(1).max(100).optional(),
  required: z.boolean().optional(),
  /** Shown as the input prompt of the column's cells. */
  guidance: line(255).optional(),
  width: z.number().min(4).max(80).optional(),
  /** The template's sheet the column goes on; by default its first table sheet. */
  sheet: line(31).optional(),
});
export type ExtraColumn = z.infer<typeof extraColumnSchema>;

export const supplierCriterionWeightSchema = z.strictObject({
  /** The name the sheet shows: a product criterion's (Quality …), a new name for one, or a criterion of the pack's. */
  criterion: line(40),
  /**
   * Which criterion this is, where the name does not say: a product criterion's key (quality, delivery,
   * responsiveness, cost) to rename it, or a key of the pack's own to add a criterion (its marks go to `extra`).
   */
  key: z
    .string()
    .max(MAX_EXTRA_KEY_CHARS, { message: `must be at most ${MAX_EXTRA_KEY_CHARS} characters` })
    .regex(EXTRA_KEY_PATTERN, { message: 'must be a key such as sustainability (a letter, then letters and digits)' })
    .optional(),
  weightPct: z.number().finite().min(0).max(100),
});

/** Template id → anything: the keys are checked against the product's templates in rules.ts. */
const perTemplate = <T extends z.ZodType>(value: T) => z.record(slug, value);

export const packSchema = z.strictObject({
  id: slug,
  /** Packs are immutable per version: a change is a new version. */
  version: z.number().int().min(1).max(1_000_000),
  /** What the consultant calls it. */
  title: line(100),
  /** The templates it includes (the product's template ids). */
  templates: z.array(slug).min(1).max(50),
  brand: brandSchema.optional(),
  /** Template id → field key (or header) → guidance text. */
  guidance: perTemplate(z.record(z.string(), line(255))).default({}),
  /** Template sheet name → the title printed above it. */
  sheetTitles: z.record(z.string(), line(100)).default({}),
  /** The supplier criteria, renamed or added, and their weights (they must total 100); the sheet's order. */
  supplierCriteria: z.array(supplierCriterionWeightSchema).max(20).optional(),
  /** Template id → the columns the pack adds to it. */
  columns: perTemplate(z.array(extraColumnSchema).max(MAX_EXTRA_COLUMNS)).default({}),
  /** Template id → field key → the client's word → the template's value (read by default, as a mapping would). */
  vocabularies: perTemplate(z.record(z.string(), z.record(line(100), line(100)))).default({}),
});

/** A pack as written in its JSON (defaults may be left out). */
export type PackInput = z.input<typeof packSchema>;
/** A pack as checked: defaults filled in. */
export type Pack = z.infer<typeof packSchema>;

/** What a built workbook records about its pack (the document property `qms.pack`). */
export interface PackRef {
  id: string;
  version: number;
}
