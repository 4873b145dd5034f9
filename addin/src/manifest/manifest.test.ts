// @vitest-environment jsdom
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEV_ORIGIN, rewriteManifest } from './rewrite.ts';

const addinDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const manifestXml = readFileSync(join(addinDir, '..', 'manifest.xml'), 'utf8');
const OFFICE_NS = 'http://schemas.microsoft.com/office/appforoffice/1.1';

function parse(xml: string): Document {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
  return doc;
}

function childNames(element: Element): string[] {
  return Array.from(element.children).map((c) => c.localName);
}

/** Every URL the manifest names, from attributes and text. */
function manifestUrls(doc: Document): string[] {
  const urls: string[] = [];
  for (const el of Array.from(doc.getElementsByTagName('*'))) {
    const v = el.getAttribute('DefaultValue');
    if (v?.startsWith('https://')) urls.push(v);
    if (el.children.length === 0 && el.textContent?.startsWith('https://')) urls.push(el.textContent);
  }
  return urls;
}

/** Where a dev URL's file comes from: Vite's public folder (copied as is) or an HTML entry at the pane's root. */
function sourceFileFor(url: string): string {
  const path = new URL(url).pathname.slice(1);
  return path.endsWith('.html') && existsSync(join(addinDir, path))
    ? join(addinDir, path)
    : join(addinDir, 'public', path);
}

describe('manifest.xml', () => {
  const doc = parse(manifestXml);
  const root = doc.documentElement;

  it('is a task-pane add-in for Excel workbooks with a stable GUID and a four-part version', () => {
    expect(root.localName).toBe('OfficeApp');
    expect(root.namespaceURI).toBe(OFFICE_NS);
    expect(root.getAttribute('xsi:type')).toBe('TaskPaneApp');
    expect(root.querySelector(':scope > Id')?.textContent).toBe('6f1c7a52-3b8e-4d0a-9c47-2e5b8f4a9d13');
    expect(root.querySelector(':scope > Version')?.textContent).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const hosts = Array.from(root.querySelectorAll(':scope > Hosts > Host')).map((h) => h.getAttribute('Name'));
    expect(hosts).toEqual(['Workbook']);
    expect(root.querySelector(':scope > Permissions')?.textContent).toBe('ReadWriteDocument');
  });

  it('keeps the base elements in the order the schema requires', () => {
    const order = [
      'Id',
      'Version',
      'ProviderName',
      'DefaultLocale',
      'DisplayName',
      'Description',
      'IconUrl',
      'HighResolutionIconUrl',
      'SupportUrl',
      'AppDomains',
      'Hosts',
      'Requirements',
      'DefaultSettings',
      'Permissions',
      'VersionOverrides',
    ];
    expect(childNames(root)).toEqual(order);
  });

  it('requires ExcelApi 1.13 (insertWorksheetsFromBase64)', () => {
    const sets = Array.from(root.querySelectorAll(':scope > Requirements > Sets > Set'));
    expect(sets.map((s) => [s.getAttribute('Name'), s.getAttribute('MinVersion')])).toEqual([['ExcelApi', '1.13']]);
  });

  it('opens the task pane from a Home-tab button', () => {
    const tab = root.querySelector('ExtensionPoint[*|type="PrimaryCommandSurface"] > OfficeTab');
    expect(tab?.getAttribute('id')).toBe('TabHome');
    const action = tab?.querySelector('Control > Action');
    expect(action?.getAttribute('xsi:type')).toBe('ShowTaskpane');
    const resid = action?.querySelector('SourceLocation')?.getAttribute('resid');
    const url = Array.from(root.getElementsByTagName('bt:Url')).find((u) => u.getAttribute('id') === resid);
    expect(url?.getAttribute('DefaultValue')).toBe(`${DEV_ORIGIN}/taskpane.html`);
    expect(root.querySelector(':scope > DefaultSettings > SourceLocation')?.getAttribute('DefaultValue')).toBe(
      `${DEV_ORIGIN}/taskpane.html`,
    );
  });

  it('resolves every resid to a defined resource', () => {
    const ids = new Set(Array.from(root.querySelectorAll('Resources *[id]')).map((e) => e.getAttribute('id')));
    const used = Array.from(root.querySelectorAll('[resid]')).map((e) => e.getAttribute('resid'));
    expect(used.length).toBeGreaterThan(5);
    expect(used.filter((r) => !ids.has(r))).toEqual([]);
  });

  it('names only dev URLs whose files the build serves, and icons that are real PNGs of the stated size', () => {
    const urls = manifestUrls(doc).filter((u) => u.startsWith(DEV_ORIGIN) && u !== DEV_ORIGIN);
    expect(urls.length).toBeGreaterThan(6);
    expect(urls.filter((u) => !existsSync(sourceFileFor(u)))).toEqual([]);
    for (const image of Array.from(root.getElementsByTagName('bt:Image')).filter((i) =>
      i.hasAttribute('DefaultValue'),
    )) {
      const png = readFileSync(sourceFileFor(image.getAttribute('DefaultValue') ?? ''));
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      const size = Number(/(\d+)x\d+/.exec(image.getAttribute('id') ?? '')?.[1]);
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
  });
});

describe('rewriteManifest', () => {
  it('points every dev URL at the production origin and keeps the XML well formed', () => {
    const out = rewriteManifest(manifestXml, 'https://qms.example.com/pane/');
    expect(out).not.toContain('localhost');
    const doc = parse(out);
    expect(doc.querySelector('DefaultSettings > SourceLocation')?.getAttribute('DefaultValue')).toBe(
      'https://qms.example.com/pane/taskpane.html',
    );
    expect(Array.from(doc.getElementsByTagName('AppDomain')).map((d) => d.textContent)).toContain(
      'https://qms.example.com',
    );
  });

  it('refuses a base that Office would not load', () => {
    expect(() => rewriteManifest(manifestXml, 'http://qms.example.com')).toThrow(/must start with https/);
    expect(() => rewriteManifest(manifestXml, 'not a url')).toThrow(/is not a URL/);
  });
});
