// @vitest-environment jsdom
// scripts/write-manifest.mjs, run as the azd hook runs it: the production manifest parses, names the pane's origin
// only over https, and gets an Id of its own that stays the same for the same deployment.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const script = join(root, 'scripts', 'write-manifest.mjs');
const DEV_ID = '6f1c7a52-3b8e-4d0a-9c47-2e5b8f4a9d13';
const PANE = 'https://happy-sand-0123.5.azurestaticapps.net';
const dir = mkdtempSync(join(tmpdir(), 'qms-manifest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let runs = 0;
function write(...args: string[]): string {
  const out = join(dir, `manifest-${++runs}.xml`);
  execFileSync(process.execPath, ['--import', 'tsx', script, '--out', out, ...args], { cwd: root, stdio: 'pipe' });
  return readFileSync(out, 'utf8');
}

function parse(xml: string): Document {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
  return doc;
}

/** Every URL-valued place of the manifest: DefaultValue attributes of URL elements, and AppDomain text. */
function urls(doc: Document): string[] {
  const found: string[] = [];
  for (const el of Array.from(doc.getElementsByTagName('*'))) {
    const value = el.getAttribute('DefaultValue');
    if (value !== null && /Url$|^SourceLocation$|^bt:Url$|^bt:Image$/.test(el.tagName)) found.push(value);
  }
  for (const d of Array.from(doc.getElementsByTagName('AppDomain'))) found.push(d.textContent ?? '');
  return found;
}

describe('scripts/write-manifest.mjs', () => {
  const xml = write('--pane-url', PANE);
  const doc = parse(xml);

  it('writes a well-formed manifest with no localhost left', () => {
    expect(doc.documentElement.localName).toBe('OfficeApp');
    expect(xml).not.toContain('localhost');
  });

  it('points every SourceLocation and resource Url at the pane origin over https', () => {
    const sources = Array.from(doc.getElementsByTagName('SourceLocation'))
      .map((s) => s.getAttribute('DefaultValue'))
      .filter((v) => v !== null);
    expect(sources).toEqual([`${PANE}/taskpane.html`]);
    const resourceUrls = Array.from(doc.getElementsByTagName('bt:Url')).map((u) => u.getAttribute('DefaultValue'));
    expect(resourceUrls.length).toBeGreaterThanOrEqual(3);
    for (const url of resourceUrls) expect(url).toMatch(new RegExp(`^${PANE.replaceAll('.', '\\.')}/`));
    const all = urls(doc);
    expect(all.length).toBeGreaterThan(8);
    // Sign-in's domain is the one other origin the pane may navigate to.
    const foreign = all.filter((u) => new URL(u).origin !== PANE && u !== 'https://login.microsoftonline.com');
    expect(foreign).toEqual([]);
    expect(all.filter((u) => !u.startsWith('https://'))).toEqual([]);
  });

  it('gives the deployment its own Id, the same on every run for the same pane', () => {
    const id = doc.querySelector('OfficeApp > Id')?.textContent;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(id).not.toBe(DEV_ID);
    expect(parse(write('--pane-url', `${PANE}/`)).querySelector('OfficeApp > Id')?.textContent).toBe(id);
    const other = parse(write('--pane-url', 'https://qms.example.com'));
    expect(other.querySelector('OfficeApp > Id')?.textContent).not.toBe(id);
  });

  it('takes the Id from --id when given', () => {
    const id = '0b7e1c9a-2f4d-4e8b-9a61-5c3d2e1f0a9b';
    expect(parse(write('--pane-url', PANE, '--id', id)).querySelector('OfficeApp > Id')?.textContent).toBe(id);
  });

  it('refuses a plain-http pane URL, a malformed one and a malformed Id, naming the flag', () => {
    const refuse = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', script, '--out', join(dir, 'never.xml'), ...args], {
        cwd: root,
        encoding: 'utf8',
      });
    const http = refuse('--pane-url', 'http://qms.example.com');
    expect(http.status).toBe(1);
    expect(http.stderr).toContain('--pane-url "http://qms.example.com" must start with https://');
    expect(refuse('--pane-url', 'not a url').stderr).toContain('is not a URL');
    expect(refuse('--pane-url', PANE, '--id', 'abc').stderr).toContain('--id "abc" is not a GUID');
    expect(refuse().stderr).toContain('usage:');
  });
});
