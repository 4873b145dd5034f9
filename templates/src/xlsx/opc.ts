import type JSZip from 'jszip';

/**
 * Just enough of the Open Packaging Conventions to find and add parts in an .xlsx zip: attributes of simple
 * tags, relationship files, part-relative targets. The XML we touch is small and machine-written (ExcelJS,
 * Excel, LibreOffice), so tag-level regular expressions suffice; nothing here parses cell data.
 */

export const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
export const CONTENT_TYPES = '[Content_Types].xml';

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return ENTITIES[e] ?? '';
  });
}

export function encodeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Attributes of a tag's attribute text, by qualified name (`r:id` stays `r:id`). */
export function attributes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    out[m[1] as string] = decodeXml(m[2] ?? m[3] ?? '');
  }
  return out;
}

/** Every start or empty tag with this local name (any namespace prefix), as attribute maps. */
export function tags(xml: string, localName: string): Record<string, string>[] {
  const pattern = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${localName}(?=[\\s/>])([^>]*)>`, 'g');
  return [...xml.matchAll(pattern)].map((m) => attributes((m[1] ?? '').replace(/\/$/, '')));
}

/** The relationship id attribute, whatever prefix the writer bound the relationships namespace to. */
export function relationshipId(attrs: Record<string, string>): string | undefined {
  const key = Object.keys(attrs).find((k) => k.endsWith(':id'));
  return key === undefined ? undefined : attrs[key];
}

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

export function parseRelationships(xml: string): Relationship[] {
  return tags(xml, 'Relationship').map((a) => ({
    id: a.Id ?? '',
    type: a.Type ?? '',
    target: a.Target ?? '',
    external: a.TargetMode === 'External',
  }));
}

/** `xl/worksheets/sheet1.xml` → `xl/worksheets/_rels/sheet1.xml.rels`. */
export function relsPathOf(partPath: string): string {
  const slash = partPath.lastIndexOf('/');
  return `${partPath.slice(0, slash + 1)}_rels/${partPath.slice(slash + 1)}.rels`;
}

/** Resolves a relationship target against the folder of its source part (absolute targets start at the root). */
export function resolveTarget(sourcePart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = sourcePart.split('/').slice(0, -1);
  for (const piece of target.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.' && piece !== '') parts.push(piece);
  }
  return parts.join('/');
}

export async function readText(zip: JSZip, path: string): Promise<string | undefined> {
  const file = zip.file(path);
  return file ? file.async('string') : undefined;
}

export async function readRelationships(zip: JSZip, partPath: string): Promise<Relationship[]> {
  const xml = await readText(zip, relsPathOf(partPath));
  return xml ? parseRelationships(xml) : [];
}

/** The workbook part named by the package's officeDocument relationship (normally `xl/workbook.xml`). */
export async function workbookPartPath(zip: JSZip): Promise<string | undefined> {
  const rels = await readRelationships(zip, '');
  const doc = rels.find((r) => r.type.endsWith('/officeDocument'));
  if (doc) return resolveTarget('', doc.target);
  return zip.file('xl/workbook.xml') ? 'xl/workbook.xml' : undefined;
}

/** Each sheet of the workbook, in tab order, with the path of its part. */
export async function sheetParts(zip: JSZip): Promise<{ name: string; path: string | undefined }[]> {
  const workbookPath = await workbookPartPath(zip);
  if (!workbookPath) return [];
  const xml = (await readText(zip, workbookPath)) ?? '';
  const rels = await readRelationships(zip, workbookPath);
  return tags(xml, 'sheet').map((a) => {
    const rel = rels.find((r) => r.id === relationshipId(a));
    return { name: a.name ?? '', path: rel && !rel.external ? resolveTarget(workbookPath, rel.target) : undefined };
  });
}
