/**
 * Record data on the wire (uploads, GET /orgs/{org}/records) is checked with the shared record schemas of
 * @qms/templates (recordSchemas), and every one of them takes an optional `extra`: the values of the extra columns
 * of a consultant's pack, by column key, each a text, a number or null, at most MAX_EXTRA_COLUMNS of them. The
 * server stores what the schema gives back, so `extra` is kept through sync and returned; it is part of the data,
 * so the content hash covers it, and data without it hashes exactly as it did before packs existed.
 */
export {
  extraSchema,
  extraValueSchema,
  MAX_EXTRA_COLUMNS,
  MAX_EXTRA_KEY_CHARS,
  type Extra,
  type ExtraValue,
} from '@qms/templates';
