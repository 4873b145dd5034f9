/**
 * Reads cell values out of an .xlsx (for the browser stand-in's insertWorksheetsFromBase64 and for loading a
 * whole workbook into it): sheet names in workbook order, shared and inline strings, numbers, booleans, cached
 * formula results, each sheet's tables and `qms.template` marker, and the document's custom properties.
 */
import JSZip from 'jszip';
import { columnNumber } from './a1.ts';
import type { DecodedSheet, DecodedWorkbook, MemValue } from './memory-excel.ts';

function children(parent: Element, name: string): Element[] {
  return Array.from(parent.getElementsByTagName(name));
}

export async function decodeXlsx(base64: string, parse: (xml: string) => Document): Promise<DecodedSheet[]> {
  const zip = await JSZip.loadAsync(base64, { base64: true });
  const text = async (path: string) => (await zip.file(path)?.async('string')) ?? '';
  const workbook = parse(await text('xl/workbook.xml'));
  const rels = parse(await text('xl/_rels/workbook.xml.rels'));
  const targets = new Map(
    children(rels.documentElement, 'Relationship').map((r) => [r.getAttribute('Id'), r.getAttribute('Target') ?? '']),
  );
  const sharedXml = await text('xl/sharedStrings.xml');
  const shared = sharedXml
    ? children(parse(sharedXml).documentElement, 'si').map((si) =>
        children(si, 't')
          .map((t) => t.textContent ?? '')
          .join(''),
      )
    : [];

  const sheets: DecodedSheet[] = [];
  for (const sheet of children(workbook.documentElement, 'sheet')) {
    const rid =
      sheet.getAttribute('r:id') ??
      sheet.getAttributeNS('http://schemas.openxmlformats.org/officeDocument/2006/relationships', 'id');
    const target = (targets.get(rid) ?? '').replace(/^\/?xl\//, '');
    const doc = parse(await text(`xl/${target}`));
    const extras = await sheetExtras(zip, target, parse, doc);
    const rows: MemValue[][] = [];
    for (const c of children(doc.documentElement, 'c')) {
      const ref = /^([A-Z]+)(\d+)$/.exec(c.getAttribute('r') ?? '');
      if (!ref) continue;
      const type = c.getAttribute('t');
      const v = c.getElementsByTagName('v')[0]?.textContent ?? '';
      let value: MemValue;
      if (type === 's') value = shared[Number(v)] ?? '';
      else if (type === 'inlineStr')
        value = children(c, 't')
          .map((t) => t.textContent ?? '')
          .join('');
      else if (type === 'b') value = v === '1';
      else if (type === 'str' || type === 'e') value = v;
      else if (v === '') continue;
      else value = Number(v);
      const r = Number(ref[2]) - 1;
      const col = columnNumber(ref[1] as string) - 1;
      while (rows.length <= r) rows.push([]);
      const row = rows[r] as MemValue[];
      while (row.length < col) row.push('');
      row[col] = value;
    }
    sheets.push({ name: sheet.getAttribute('name') ?? `Sheet${sheets.length + 1}`, rows, ...extras });
  }
  return sheets;
}

/** Custom properties are UTF-16LE text in their own part (what Office.js reads back), the marker among them. */
function utf16le(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2)
    out += String.fromCharCode((bytes[i] as number) | ((bytes[i + 1] as number) << 8));
  return out;
}

/** A sheet's tables and custom properties (`qms.template`, `qms.mapping`), through the sheet's relationships. */
async function sheetExtras(
  zip: JSZip,
  target: string,
  parse: (xml: string) => Document,
  doc: Document,
): Promise<Pick<DecodedSheet, 'marker' | 'tables' | 'props'>> {
  const slash = target.lastIndexOf('/');
  const relsXml = await zip
    .file(`xl/${target.slice(0, slash + 1)}_rels/${target.slice(slash + 1)}.rels`)
    ?.async('string');
  if (!relsXml) return {};
  // Targets are relative to the sheet's folder, or absolute from the package root ("/xl/customProperty1.bin").
  const resolve = (to: string) =>
    to.startsWith('/')
      ? to.slice(1)
      : `xl/${to.startsWith('../') ? to.slice(3) : `${target.slice(0, slash + 1)}${to}`}`;
  const tables: { name: string; ref: string }[] = [];
  // <customPr name="qms.mapping" r:id="rId3"/>: the property's name is in the sheet, its value in the part.
  const names = new Map(
    children(doc.documentElement, 'customPr').map((c) => [
      c.getAttribute('r:id') ??
        c.getAttributeNS('http://schemas.openxmlformats.org/officeDocument/2006/relationships', 'id'),
      c.getAttribute('name') ?? '',
    ]),
  );
  const props: Record<string, string> = {};
  for (const rel of children(parse(relsXml).documentElement, 'Relationship')) {
    const type = rel.getAttribute('Type') ?? '';
    const path = resolve(rel.getAttribute('Target') ?? '');
    if (type.endsWith('/table')) {
      const table = parse((await zip.file(path)?.async('string')) ?? '<table/>').documentElement;
      const ref = table.getAttribute('ref');
      if (ref)
        tables.push({
          name: table.getAttribute('displayName') ?? table.getAttribute('name') ?? `Table${tables.length + 1}`,
          ref,
        });
    } else if (type.endsWith('/customProperty')) {
      const bytes = await zip.file(path)?.async('uint8array');
      if (bytes) props[names.get(rel.getAttribute('Id')) ?? 'qms.template'] = utf16le(bytes);
    }
  }
  const marker = props['qms.template'];
  return {
    ...(tables.length ? { tables } : {}),
    ...(marker === undefined ? {} : { marker }),
    ...(Object.keys(props).length ? { props } : {}),
  };
}

/** The whole workbook: every sheet (with tables and markers) and the document's custom text properties. */
export async function decodeWorkbookXlsx(base64: string, parse: (xml: string) => Document): Promise<DecodedWorkbook> {
  const sheets = await decodeXlsx(base64, parse);
  const zip = await JSZip.loadAsync(base64, { base64: true });
  const custom = await zip.file('docProps/custom.xml')?.async('string');
  const docProps: Record<string, string> = {};
  if (custom) {
    for (const property of children(parse(custom).documentElement, 'property')) {
      const name = property.getAttribute('name');
      if (name) docProps[name] = property.textContent ?? '';
    }
  }
  return { sheets, docProps };
}
