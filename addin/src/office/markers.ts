/** Names of the custom properties that mark a workbook's templates (docs/architecture.md, Templates and records). */
export const SHEET_MARKER_KEY = 'qms.template';
export const DOCUMENT_TEMPLATES_KEY = 'qms.templates';

/** Parses the document property; anything that is not `{ id: version }` JSON counts as absent. */
export function parseTemplatesProperty(value: unknown): Record<string, number> | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
    const out: Record<string, number> = {};
    for (const [id, version] of Object.entries(parsed)) if (typeof version === 'number') out[id] = version;
    return out;
  } catch {
    return undefined;
  }
}
