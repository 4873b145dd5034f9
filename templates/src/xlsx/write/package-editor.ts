import JSZip from 'jszip';
import {
  CONTENT_TYPES,
  PKG_REL_NS,
  encodeXml,
  parseRelationships,
  relsPathOf,
  resolveTarget,
  sheetParts,
  workbookPartPath,
} from '../opc.js';
import { appendChild, findElement } from './xml-edit.js';

/**
 * An open .xlsx/.xlsm package that is edited part by part. Parts nobody writes keep the bytes the other program
 * wrote (JSZip copies an unchanged entry as it was), so charts, pivots, VBA, comments and everything else this
 * product does not understand survive. `changed` lists every part written or removed, for the tests that
 * prove exactly those and no others differ.
 */
export class PackageEditor {
  private readonly touched = new Set<string>();

  private constructor(readonly zip: JSZip) {}

  static async open(bytes: Uint8Array): Promise<PackageEditor> {
    return new PackageEditor(await JSZip.loadAsync(bytes));
  }

  has(path: string): boolean {
    return this.zip.file(path) !== null;
  }

  async text(path: string): Promise<string | undefined> {
    return this.zip.file(path)?.async('string');
  }

  write(path: string, content: string | Uint8Array): void {
    this.zip.file(path, content, { createFolders: false });
    this.touched.add(path);
  }

  remove(path: string): void {
    if (!this.has(path)) return;
    this.zip.remove(path);
    this.touched.add(path);
  }

  /** Parts written or removed so far, sorted. */
  get changed(): string[] {
    return [...this.touched].sort();
  }

  /** A part name not yet in the package: `xl/worksheets/sheet7.xml` for prefix `xl/worksheets/sheet`, `.xml`. */
  freePartName(prefix: string, suffix: string): string {
    const taken = new Set(Object.keys(this.zip.files).map((n) => n.toLowerCase()));
    for (let n = 1; ; n++) if (!taken.has(`${prefix}${n}${suffix}`.toLowerCase())) return `${prefix}${n}${suffix}`;
  }

  async workbookPath(): Promise<string> {
    const path = await workbookPartPath(this.zip);
    if (path === undefined || !this.has(path)) throw new Error('the package holds no workbook part');
    return path;
  }

  async sheets(): Promise<{ name: string; path: string | undefined }[]> {
    return sheetParts(this.zip);
  }

  async relationships(sourcePart: string) {
    const xml = await this.text(relsPathOf(sourcePart));
    return xml === undefined ? [] : parseRelationships(xml);
  }

  /** The part a relationship of this type points to from `sourcePart`, if any. */
  async related(sourcePart: string, typeSuffix: string): Promise<string | undefined> {
    const rel = (await this.relationships(sourcePart)).find((r) => r.type.endsWith(typeSuffix) && !r.external);
    return rel ? resolveTarget(sourcePart, rel.target) : undefined;
  }

  /** Adds a relationship from `sourcePart` and returns its new, unused id. */
  async addRelationship(sourcePart: string, type: string, target: string): Promise<string> {
    const path = relsPathOf(sourcePart);
    const xml =
      (await this.text(path)) ??
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL_NS}"></Relationships>`;
    const ids = new Set(parseRelationships(xml).map((r) => r.id));
    let n = ids.size + 1;
    while (ids.has(`rId${n}`)) n += 1;
    const id = `rId${n}`;
    const root = findElement(xml, 'Relationships');
    if (!root) throw new Error(`${path} is not a relationships part`);
    const rel = `<${root.prefix}Relationship Id="${id}" Type="${encodeXml(type)}" Target="${encodeXml(target)}"/>`;
    this.write(path, appendChild(xml, root, 'Relationships', rel));
    return id;
  }

  /** Declares the content type of a new part (an Override, unless one names it already). */
  async addContentType(partName: string, contentType: string): Promise<void> {
    const xml = (await this.text(CONTENT_TYPES)) ?? '';
    const lower = xml.toLowerCase();
    if (lower.includes(`partname="/${partName.toLowerCase()}"`)) return;
    const root = findElement(xml, 'Types');
    if (!root) throw new Error(`${CONTENT_TYPES} is missing or damaged`);
    const override = `<${root.prefix}Override PartName="/${encodeXml(partName)}" ContentType="${contentType}"/>`;
    this.write(CONTENT_TYPES, appendChild(xml, root, 'Types', override));
  }

  /** The content type the package declares for a part (its Override, else the Default of its extension). */
  async contentTypeOf(partName: string): Promise<string | undefined> {
    const xml = (await this.text(CONTENT_TYPES)) ?? '';
    const attrsOf = (tag: string) =>
      [...xml.matchAll(new RegExp(`<(?:[\\w.-]+:)?${tag}\\b([^>]*)>`, 'g'))].map((m) => m[1] ?? '');
    const get = (attrs: string, name: string) => new RegExp(`${name}\\s*=\\s*"([^"]*)"`).exec(attrs)?.[1];
    const override = attrsOf('Override').find(
      (a) => get(a, 'PartName')?.toLowerCase() === `/${partName.toLowerCase()}`,
    );
    if (override) return get(override, 'ContentType');
    const ext = partName.slice(partName.lastIndexOf('.') + 1).toLowerCase();
    const byExt = attrsOf('Default').find((a) => get(a, 'Extension')?.toLowerCase() === ext);
    return byExt ? get(byExt, 'ContentType') : undefined;
  }

  /** The edited package; unchanged entries are copied as they were. */
  async toBytes(): Promise<Uint8Array> {
    return this.zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
  }
}
