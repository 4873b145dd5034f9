/**
 * The workbook's `qms.templates` document property: JSON {template id: version}. Excel keeps a document custom
 * property's value to 255 characters on every platform but the web and cuts a longer one without an error
 * (Excel.CustomProperty `value` in the Office.js reference), so a reader takes back every whole entry before a cut
 * and the product's own set of templates is kept short enough to fit (templates-property.test.ts).
 */
export const DOCUMENT_PROPERTY_CHARS = 255;

const ENTRY = /"([a-z0-9-]{1,64})"\s*:\s*(\d{1,6})\s*(?=[,}])/g;

/** `qms.templates` as {id: version}; a value cut at 255 characters keeps its whole entries; never throws. */
export function parseTemplatesProperty(value: unknown): Record<string, number> | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    // Cut by Excel (or hand-edited): the entries that end before the break, never a number cut short.
    if (!value.trimStart().startsWith('{')) return undefined;
    const out: Record<string, number> = {};
    for (const m of value.matchAll(ENTRY)) out[m[1] ?? ''] = Number(m[2]);
    return Object.keys(out).length === 0 ? undefined : out;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const out: Record<string, number> = {};
  for (const [id, version] of Object.entries(parsed as Record<string, unknown>)) {
    if (typeof version === 'number' && Number.isInteger(version) && version > 0) out[id] = version;
  }
  return out;
}
