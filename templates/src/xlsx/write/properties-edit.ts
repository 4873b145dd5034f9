import {
  CUSTOM_PROPS_REL,
  CUSTOM_PROPS_TYPE,
  CUSTOM_PROPERTY_REL,
  CUSTOM_PROPERTY_TYPE,
  SHEET_MARKER_PROPERTY,
  USER_DEFINED_FMTID,
  customXml,
  insertCustomProperties,
  utf16le,
} from '../markers.js';
import { encodeXml, resolveTarget } from '../opc.js';
import type { PackageEditor } from './package-editor.js';
import { appendChild, attributeOf, findElement } from './xml-edit.js';

/**
 * Sets one text document property (docProps/custom.xml) and keeps every other property the workbook has: the
 * user's own (Client, Department…) and those other tools wrote. Creates the part only when there is none.
 */
export async function setDocumentProperty(editor: PackageEditor, name: string, value: string): Promise<void> {
  const path = (await editor.related('', '/custom-properties')) ?? 'docProps/custom.xml';
  const xml = await editor.text(path);
  if (xml === undefined) {
    editor.write(path, customXml({ [name]: value }));
    await editor.addContentType(path, CUSTOM_PROPS_TYPE);
    if ((await editor.related('', '/custom-properties')) === undefined)
      await editor.addRelationship('', CUSTOM_PROPS_REL, path);
    return;
  }
  const properties = [...xml.matchAll(/<((?:[\w.-]+:)?)property\b([^>]*)>([\s\S]*?)<\/\1property>/g)];
  const same = properties.find((m) => attributeOf(m[2] ?? '', 'name') === encodeXml(name));
  const vt =
    /xmlns:([\w.-]+)="http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/docPropsVTypes"/.exec(xml)?.[1] ??
    'vt';
  const text = `<${vt}:lpwstr>${encodeXml(value)}</${vt}:lpwstr>`;
  if (same) {
    const start = (same.index ?? 0) + same[0].indexOf('>') + 1;
    const end = (same.index ?? 0) + same[0].lastIndexOf('<');
    editor.write(path, xml.slice(0, start) + text + xml.slice(end));
    return;
  }
  const root = findElement(xml, 'Properties');
  if (!root) throw new Error(`${path} is not a custom-properties part`);
  const pids = properties.map((m) => Number(attributeOf(m[2] ?? '', 'pid') ?? 1));
  const prop = `<${root.prefix}property fmtid="${USER_DEFINED_FMTID}" pid="${Math.max(1, ...pids) + 1}" name="${encodeXml(name)}">${text}</${root.prefix}property>`;
  editor.write(path, appendChild(xml, root, 'Properties', prop));
}

/** Sets a sheet's `qms.template` marker (see setSheetProperty). */
export async function setSheetMarker(editor: PackageEditor, sheetPath: string, marker: string): Promise<string> {
  return setSheetProperty(editor, sheetPath, SHEET_MARKER_PROPERTY, marker);
}

/**
 * Sets one worksheet custom property (ExcelApi 1.12's `worksheet.customProperties`): overwrites the part it
 * already points at, or adds one (a new part, its relationship and content type, and a `customPr` in the sheet).
 */
export async function setSheetProperty(
  editor: PackageEditor,
  sheetPath: string,
  name: string,
  value: string,
): Promise<string> {
  let xml = (await editor.text(sheetPath)) ?? '';
  const property = [...xml.matchAll(/<(?:[\w.-]+:)?customPr\b([^>]*)\/?>/g)].find(
    (m) => attributeOf(m[1] ?? '', 'name') === name,
  );
  const relId = property ? /\b[\w.-]+:id\s*=\s*"([^"]*)"/.exec(property[1] ?? '')?.[1] : undefined;
  const rel = relId === undefined ? undefined : (await editor.relationships(sheetPath)).find((r) => r.id === relId);
  if (rel && !rel.external) {
    editor.write(resolveTarget(sheetPath, rel.target), utf16le(value));
    return xml;
  }
  const part = editor.freePartName('xl/customProperty', '.bin');
  editor.write(part, utf16le(value));
  await editor.addContentType(part, CUSTOM_PROPERTY_TYPE);
  // An absolute target (allowed by OPC, written by openpyxl) is right wherever the sheet part sits.
  const id = await editor.addRelationship(sheetPath, CUSTOM_PROPERTY_REL, `/${part}`);
  const existing = findElement(xml, 'customProperties');
  if (existing) {
    const r = /xmlns:([\w.-]+)="http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships"/.exec(
      xml,
    )?.[1];
    const idAttr =
      r === undefined
        ? `xmlns:qr="http://schemas.openxmlformats.org/officeDocument/2006/relationships" qr:id="${id}"`
        : `${r}:id="${id}"`;
    xml = appendChild(
      xml,
      existing,
      'customProperties',
      `<${existing.prefix}customPr name="${encodeXml(name)}" ${idAttr}/>`,
    );
  } else xml = insertCustomProperties(xml, name, id);
  editor.write(sheetPath, xml);
  return xml;
}
