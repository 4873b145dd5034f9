/** Names of the custom properties that mark a workbook's templates (docs/architecture.md, Templates and records). */
export const SHEET_MARKER_KEY = 'qms.template';
export const DOCUMENT_TEMPLATES_KEY = 'qms.templates';

/** Parses the document property (shared with the file reader, so a value Excel cut at 255 characters reads alike). */
export { parseTemplatesProperty } from '@qms/templates';

/** The document property naming the consultant's pack (id, version) the workbook's sheets were built from. */
export const DOCUMENT_PACK_KEY = 'qms.pack';

/** Parses `qms.pack`; anything that is not `{ "id": "…", "version": N }` counts as absent (the sheets are still read). */
export function parsePackProperty(value: unknown): { id: string; version: number } | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    if (!parsed || typeof parsed !== 'object') return undefined;
    const { id, version } = parsed as { id?: unknown; version?: unknown };
    return typeof id === 'string' &&
      id !== '' &&
      typeof version === 'number' &&
      Number.isInteger(version) &&
      version >= 1
      ? { id, version }
      : undefined;
  } catch {
    return undefined;
  }
}
