import type JSZip from 'jszip';
import { parseTemplatesProperty } from '../core/templates-property.js';
import {
  CONTENT_TYPES,
  PKG_REL_NS,
  REL_NS,
  decodeXml,
  encodeXml,
  parseRelationships,
  readRelationships,
  readText,
  relationshipId,
  relsPathOf,
  resolveTarget,
  sheetParts,
  tags,
} from './opc.js';

/**
 * Template markers (docs/architecture.md, Templates and records), stored where Excel and Office.js keep them:
 * - the document custom property `qms.templates` = JSON {template id: version} in docProps/custom.xml;
 * - the worksheet custom property `qms.template` = `capa-log@1:CAPA Log` on each template sheet, per ECMA-376
 *   §18.3.1.22/23: `<customProperties><customPr name=… r:id=…/>` in the sheet part, pointing through the sheet's
 *   relationships to a Custom Property part whose bytes are the value itself. Excel writes those values as
 *   UTF-16LE (what Office.js `worksheet.customProperties` reads back), so that is the encoding used here.
 */
export const TEMPLATES_PROPERTY = 'qms.templates';
export const SHEET_MARKER_PROPERTY = 'qms.template';
/** The document custom property of a workbook built from a consultant's pack: JSON {id, version}. */
export const PACK_PROPERTY = 'qms.pack';
/** The worksheet property of a sheet's mapping (core/mapping.ts); a pack's value words are written as one. */
const MAPPING_SHEET_PROPERTY = 'qms.mapping';
const MAPPING_REL_ID = 'rIdQmsMapping';

export const CUSTOM_PROPS_TYPE = 'application/vnd.openxmlformats-officedocument.custom-properties+xml';
/** The custom-properties relationship type of the package (docProps/custom.xml). */
export const CUSTOM_PROPS_REL = `${REL_NS}/custom-properties`;
export const CUSTOM_PROPERTY_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.customProperty';
export const CUSTOM_PROPERTY_REL = `${REL_NS}/customProperty`;
/** The format id every user-defined document property carries (ECMA-376 Part 1 §22.3.2.2). */
export const USER_DEFINED_FMTID = '{D5CDD505-2E9C-101B-9397-08002B2CF9AE}';
const MARKER_REL_ID = 'rIdQmsTemplate';

/** Elements that must follow `customProperties` in a worksheet (CT_Worksheet sequence); it goes before the first. */
const AFTER_CUSTOM_PROPERTIES = [
  'cellWatches',
  'ignoredErrors',
  'smartTags',
  'drawing',
  'legacyDrawing',
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
];

export interface Markers {
  templates: Record<string, number>;
  /** Sheet name → marker. */
  sheets: Record<string, string>;
  /** The pack the workbook was built from (absent for the product's own templates). */
  pack?: { id: string; version: number };
  /** Sheet name → `qms.mapping` JSON, for sheets built with a pack's value words. */
  mappings?: Record<string, string>;
}

export function utf16le(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    bytes[2 * i] = code & 0xff;
    bytes[2 * i + 1] = code >> 8;
  }
  return bytes;
}

/** Custom property bytes back to text: UTF-16LE as Excel writes them (BOM tolerated), else UTF-8. */
export function decodePropertyBytes(bytes: Uint8Array): string {
  const looksUtf16 =
    bytes.length >= 2 && bytes.length % 2 === 0 && (bytes[1] === 0 || (bytes[0] === 0xff && bytes[1] === 0xfe));
  const text = new TextDecoder(looksUtf16 ? 'utf-16le' : 'utf-8').decode(bytes);
  // Some writers pad the value with NUL characters; they are no part of it.
  // eslint-disable-next-line no-control-regex -- stripping trailing NULs is the point of this pattern
  return text.replace(/^\uFEFF/, '').replace(/\u0000+$/, '');
}

async function addContentTypeOverride(zip: JSZip, partName: string, contentType: string): Promise<void> {
  const xml = (await readText(zip, CONTENT_TYPES)) ?? '';
  if (xml.includes(`PartName="/${partName}"`)) return;
  zip.file(
    CONTENT_TYPES,
    xml.replace('</Types>', `<Override PartName="/${partName}" ContentType="${contentType}"/></Types>`),
  );
}

async function addRelationship(
  zip: JSZip,
  sourcePart: string,
  id: string,
  type: string,
  target: string,
): Promise<void> {
  const path = relsPathOf(sourcePart);
  const xml =
    (await readText(zip, path)) ??
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL_NS}"></Relationships>`;
  if (parseRelationships(xml).some((r) => r.id === id)) return;
  zip.file(
    path,
    xml.replace(
      '</Relationships>',
      `<Relationship Id="${id}" Type="${type}" Target="${encodeXml(target)}"/></Relationships>`,
    ),
  );
}

export function customXml(properties: Record<string, string>): string {
  const body = Object.entries(properties)
    .map(
      ([name, value], i) =>
        `<property fmtid="${USER_DEFINED_FMTID}" pid="${i + 2}" name="${encodeXml(name)}"><vt:lpwstr>${encodeXml(value)}</vt:lpwstr></property>`,
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" ' +
    `xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">${body}</Properties>`
  );
}

export function insertCustomProperties(
  sheetXml: string,
  name: string,
  relId: string,
  more: readonly { name: string; relId: string }[] = [],
): string {
  const declaresR = /<(?:\w+:)?worksheet\b[^>]*xmlns:r=/.test(sheetXml);
  const entries = [{ name, relId }, ...more]
    .map((p) => `<customPr name="${encodeXml(p.name)}" r:id="${p.relId}"/>`)
    .join('');
  const element = `<customProperties${declaresR ? '' : ` xmlns:r="${REL_NS}"`}>${entries}</customProperties>`;
  let at = sheetXml.lastIndexOf('</worksheet>');
  for (const next of AFTER_CUSTOM_PROPERTIES) {
    const m = new RegExp(`<${next}[\\s/>]`).exec(sheetXml);
    if (m && m.index < at) at = m.index;
  }
  return at < 0 ? sheetXml : sheetXml.slice(0, at) + element + sheetXml.slice(at);
}

/** Writes both kinds of marker into a package produced by ExcelJS (which writes neither). */
export async function writeMarkers(zip: JSZip, markers: Markers): Promise<void> {
  zip.file(
    'docProps/custom.xml',
    customXml({
      [TEMPLATES_PROPERTY]: JSON.stringify(markers.templates),
      ...(markers.pack
        ? { [PACK_PROPERTY]: JSON.stringify({ id: markers.pack.id, version: markers.pack.version }) }
        : {}),
    }),
  );
  await addContentTypeOverride(zip, 'docProps/custom.xml', CUSTOM_PROPS_TYPE);
  await addRelationship(zip, '', 'rIdQmsCustomProps', CUSTOM_PROPS_REL, 'docProps/custom.xml');

  let n = 0;
  for (const sheet of await sheetParts(zip)) {
    const marker = markers.sheets[sheet.name];
    if (marker === undefined || !sheet.path) continue;
    const sheetXml = await readText(zip, sheet.path);
    if (sheetXml === undefined) continue;
    n += 1;
    const partPath = `xl/customProperty${n}.bin`;
    zip.file(partPath, utf16le(marker));
    await addContentTypeOverride(zip, partPath, CUSTOM_PROPERTY_TYPE);
    await addRelationship(zip, sheet.path, MARKER_REL_ID, CUSTOM_PROPERTY_REL, `../customProperty${n}.bin`);
    const mapping = markers.mappings?.[sheet.name];
    const more: { name: string; relId: string }[] = [];
    if (mapping !== undefined) {
      n += 1;
      const mappingPath = `xl/customProperty${n}.bin`;
      zip.file(mappingPath, utf16le(mapping));
      await addContentTypeOverride(zip, mappingPath, CUSTOM_PROPERTY_TYPE);
      await addRelationship(zip, sheet.path, MAPPING_REL_ID, CUSTOM_PROPERTY_REL, `../customProperty${n}.bin`);
      more.push({ name: MAPPING_SHEET_PROPERTY, relId: MAPPING_REL_ID });
    }
    zip.file(sheet.path, insertCustomProperties(sheetXml, SHEET_MARKER_PROPERTY, MARKER_REL_ID, more));
  }
}

/** `qms.pack` as {id, version}; anything malformed is absent, never thrown (the workbook is still checked). */
function parsePackProperty(text: string): { id: string; version: number } | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== 'object') return undefined;
    const { id, version } = parsed as Record<string, unknown>;
    if (typeof id !== 'string' || !/^[a-z0-9-]{1,64}$/.test(id)) return undefined;
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return undefined;
    return { id, version };
  } catch {
    return undefined;
  }
}

/** `qms.pack` from the text of docProps/custom.xml; undefined when absent or malformed. */
export function packFromCustomXml(xml: string): { id: string; version: number } | undefined {
  const value = propertyText(xml, PACK_PROPERTY);
  return value === undefined ? undefined : parsePackProperty(value);
}

/** The text of the first property of docProps/custom.xml named `wanted`, decoded; undefined when absent. */
function propertyText(xml: string, wanted: string): string | undefined {
  for (const m of xml.matchAll(/<(?:\w+:)?property\b([^>]*)>([\s\S]*?)<\/(?:\w+:)?property>/g)) {
    const name = /\bname\s*=\s*"([^"]*)"/.exec(m[1] ?? '')?.[1];
    if (name !== wanted) continue;
    const value = /<(?:\w+:)?lpw?str>([\s\S]*?)<\/(?:\w+:)?lpw?str>/.exec(m[2] ?? '')?.[1];
    return value === undefined ? undefined : decodeXml(value);
  }
  return undefined;
}

/** The text of the package's custom properties part (docProps/custom.xml, or wherever its relationship says). */
async function readCustomXml(zip: JSZip): Promise<string | undefined> {
  const rel = (await readRelationships(zip, '')).find((r) => r.type === CUSTOM_PROPS_REL);
  return readText(zip, rel ? resolveTarget('', rel.target) : 'docProps/custom.xml');
}

/** `qms.templates` from the text of docProps/custom.xml; undefined when absent or malformed. */
export function templatesFromCustomXml(xml: string): Record<string, number> | undefined {
  const value = propertyText(xml, TEMPLATES_PROPERTY);
  return value === undefined ? undefined : parseTemplatesProperty(value);
}

async function readSheetMarker(zip: JSZip, sheetPath: string): Promise<string | undefined> {
  const xml = await readText(zip, sheetPath);
  if (!xml) return undefined;
  // Custom properties sit after the cell data; searching only the tail keeps big sheets cheap.
  const tail = xml.slice(Math.max(0, xml.lastIndexOf('sheetData>')));
  const property = tags(tail, 'customPr').find((a) => a.name === SHEET_MARKER_PROPERTY);
  const id = property ? relationshipId(property) : undefined;
  if (id === undefined) return undefined;
  const rel = (await readRelationships(zip, sheetPath)).find((r) => r.id === id);
  const file = rel && !rel.external ? zip.file(resolveTarget(sheetPath, rel.target)) : null;
  return file ? decodePropertyBytes(await file.async('uint8array')) : undefined;
}

/** Reads both kinds of marker; a missing or damaged marker is simply absent (the parser then goes by headers). */
export async function readMarkers(zip: JSZip): Promise<{
  templates: Record<string, number> | undefined;
  sheets: Record<string, string>;
  pack: { id: string; version: number } | undefined;
}> {
  const sheets: Record<string, string> = {};
  for (const sheet of await sheetParts(zip)) {
    if (!sheet.path) continue;
    const marker = await readSheetMarker(zip, sheet.path);
    if (marker !== undefined) sheets[sheet.name] = marker;
  }
  const xml = await readCustomXml(zip);
  return {
    templates: xml ? templatesFromCustomXml(xml) : undefined,
    sheets,
    pack: xml ? packFromCustomXml(xml) : undefined,
  };
}
