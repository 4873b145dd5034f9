/**
 * Reads cell values out of an .xlsx (for the browser stand-in's insertWorksheetsFromBase64): sheet names in
 * workbook order, shared and inline strings, numbers, booleans, cached formula results. Nothing else.
 */
import JSZip from 'jszip';
import { columnNumber } from '../address.ts';
import type { DecodedSheet, MemValue } from './memory-excel.ts';

function children(parent: Element, name: string): Element[] {
  return Array.from(parent.getElementsByTagName(name));
}

export async function decodeXlsx(base64: string, parse: (xml: string) => Document): Promise<DecodedSheet[]> {
  const zip = await JSZip.loadAsync(base64, { base64: true });
  const text = async (path: string) => (await zip.file(path)?.async('string')) ?? '';
  const workbook = parse(await text('xl/workbook.xml'));
  const rels = parse(await text('xl/_rels/workbook.xml.rels'));
  const targets = new Map(children(rels.documentElement, 'Relationship').map((r) => [r.getAttribute('Id'), r.getAttribute('Target') ?? '']));
  const sharedXml = await text('xl/sharedStrings.xml');
  const shared = sharedXml ? children(parse(sharedXml).documentElement, 'si').map((si) => children(si, 't').map((t) => t.textContent ?? '').join('')) : [];

  const sheets: DecodedSheet[] = [];
  for (const sheet of children(workbook.documentElement, 'sheet')) {
    const rid = sheet.getAttribute('r:id') ?? sheet.getAttributeNS('http://schemas.openxmlformats.org/officeDocument/2006/relationships', 'id');
    const target = (targets.get(rid) ?? '').replace(/^\/?xl\//, '');
    const doc = parse(await text(`xl/${target}`));
    const rows: MemValue[][] = [];
    for (const c of children(doc.documentElement, 'c')) {
      const ref = /^([A-Z]+)(\d+)$/.exec(c.getAttribute('r') ?? '');
      if (!ref) continue;
      const type = c.getAttribute('t');
      const v = c.getElementsByTagName('v')[0]?.textContent ?? '';
      let value: MemValue;
      if (type === 's') value = shared[Number(v)] ?? '';
      else if (type === 'inlineStr') value = children(c, 't').map((t) => t.textContent ?? '').join('');
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
    sheets.push({ name: sheet.getAttribute('name') ?? `Sheet${sheets.length + 1}`, rows });
  }
  return sheets;
}
