import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { customXml, decodePropertyBytes, packFromCustomXml, readMarkers } from './markers.js';

const XLSX_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'xlsx');

async function starterZip(): Promise<JSZip> {
  return JSZip.loadAsync(await readFile(join(XLSX_DIR, 'qms-starter.xlsx')));
}

describe('template markers in the package (ECMA-376 custom properties)', () => {
  it('qms.templates is a user-defined document property, with its content type and package relationship', async () => {
    const zip = await starterZip();
    const custom = await zip.file('docProps/custom.xml')?.async('string');
    expect(custom).toContain(
      'fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="qms.templates"><vt:lpwstr>{&quot;qms-profile&quot;:1,',
    );
    expect(await zip.file('[Content_Types].xml')?.async('string')).toContain(
      '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>',
    );
    expect(await zip.file('_rels/.rels')?.async('string')).toContain(
      'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"',
    );
  });

  it('each sheet has a customPr in schema order (before tableParts), a relationship and a UTF-16LE value part', async () => {
    const zip = await starterZip();
    const sheetXml = (await zip.file('xl/worksheets/sheet6.xml')?.async('string')) ?? '';
    const at = sheetXml.indexOf(
      '<customProperties><customPr name="qms.template" r:id="rIdQmsTemplate"/></customProperties>',
    );
    expect(at).toBeGreaterThan(sheetXml.indexOf('</sheetData>'));
    expect(at).toBeGreaterThan(sheetXml.indexOf('<pageSetup'));
    expect(at).toBeLessThan(sheetXml.indexOf('<tableParts'));
    const rels = (await zip.file('xl/worksheets/_rels/sheet6.xml.rels')?.async('string')) ?? '';
    const target =
      /Id="rIdQmsTemplate" Type="http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships\/customProperty" Target="\.\.\/(customProperty\d+\.bin)"/.exec(
        rels,
      )?.[1];
    expect(target).toBeDefined();
    const bytes = await zip.file(`xl/${target ?? ''}`)?.async('uint8array');
    expect(Buffer.from(bytes ?? []).toString('utf16le')).toBe('capa-log@1:CAPA Log');
    expect(await zip.file('[Content_Types].xml')?.async('string')).toContain(
      `<Override PartName="/xl/${target ?? ''}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.customProperty"/>`,
    );
  });

  it('reads every sheet marker and the template versions back', async () => {
    const markers = await readMarkers(await starterZip());
    expect(markers.sheets).toMatchObject({
      'CAPA Log': 'capa-log@1:CAPA Log',
      'KPI Measurements': 'kpi-tracker@1:KPI Measurements',
    });
    expect(Object.keys(markers.sheets)).toHaveLength(11);
    expect(markers.templates).toMatchObject({ 'capa-log': 1, 'gap-analysis': 1 });
  });

  it('decodes values as Excel writes them (UTF-16LE, with or without BOM) and as other writers may (UTF-8)', () => {
    const value = 'capa-log@1:CAPA Log';
    expect(decodePropertyBytes(new Uint8Array(Buffer.from(value, 'utf16le')))).toBe(value);
    expect(
      decodePropertyBytes(new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(value, 'utf16le')]))),
    ).toBe(value);
    expect(decodePropertyBytes(new Uint8Array(Buffer.from(`${value}\u0000\u0000`, 'utf16le')))).toBe(value);
    expect(decodePropertyBytes(new Uint8Array(Buffer.from(value, 'utf8')))).toBe(value);
  });

  it('qms.pack reads back as {id, version}; a malformed one is absent, never thrown', () => {
    const xml = (value: string) => customXml({ 'qms.templates': '{}', 'qms.pack': value });
    expect(packFromCustomXml(xml('{"id":"acme-consulting","version":2}'))).toEqual({
      id: 'acme-consulting',
      version: 2,
    });
    for (const bad of ['{"id":"acme"', '{"id":"Acme Pack","version":1}', '{"id":"acme","version":0}', '[]', '"x"'])
      expect(packFromCustomXml(xml(bad)), bad).toBeUndefined();
    expect(packFromCustomXml(customXml({ 'qms.templates': '{}' }))).toBeUndefined();
  });
});
