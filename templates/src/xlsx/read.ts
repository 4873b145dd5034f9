import JSZip from 'jszip';
import type { SheetInput } from '../core/table.js';
import type { WorkbookInput } from '../core/workbook.js';
import { MAPPING_PROPERTY, parseSheetMapping } from '../core/mapping.js';
import {
  CUSTOM_PROPS_REL,
  decodePropertyBytes,
  packFromCustomXml,
  SHEET_MARKER_PROPERTY,
  templatesFromCustomXml,
} from './markers.js';
import { attributes, parseRelationships, REL_NS, relationshipId, relsPathOf, resolveTarget, tags } from './opc.js';
import { InflateBudget, partText, streamBytes, XlsxReadError } from './reader/inflate.js';
import { DEFAULT_LIMITS, mib, type ReadLimits } from './reader/limits.js';
import { readSheet } from './reader/sheet.js';
import { notAWorkbook, notAZip } from './reader/sniff.js';
import { readSharedStrings } from './reader/strings.js';
import { readDateStyles } from './reader/styles.js';
import { appendAll } from '../core/arrays.js';

export { XlsxReadError } from './reader/inflate.js';
export { DEFAULT_LIMITS, type ReadLimits } from './reader/limits.js';

const STRICT_REL = 'http://purl.oclc.org/ooxml/officeDocument/relationships';

/** A relationship type by its last segment, in the transitional or the strict namespace. */
function isType(type: string, last: string): boolean {
  return type === `${REL_NS}/${last}` || type === `${STRICT_REL}/${last}`;
}

/**
 * Part names as the zip stores them, found case-insensitively and with either slash: the OPC says part names
 * compare without case, and some writers store `xl\worksheets\…`.
 */
function partIndex(zip: JSZip): (path: string) => string | undefined {
  const byKey = new Map<string, string>();
  for (const name of Object.keys(zip.files)) {
    if (zip.files[name]?.dir) continue;
    byKey.set(name.replace(/\\/g, '/').replace(/^\//, '').toLowerCase(), name);
  }
  return (path) => byKey.get(path.replace(/^\//, '').toLowerCase());
}

/**
 * Reads an .xlsx (or .xlsm) into the grid form the parser takes: every worksheet's cell values from A1, the
 * template markers, and the workbook's date system. A reader of our own over JSZip and saxes (docs/xlsx-reader.md
 * says why): it reads only the workbook, its relationships, shared strings, styles and worksheets, so whatever
 * else a file holds — comments, charts, drawings, pivots, slicers, external links, custom XML, VBA (never run) —
 * is never parsed and cannot stop it. Part paths may be relative or absolute.
 * Throws XlsxReadError when the bytes are no readable workbook or pass a limit; odd content never throws.
 */
export async function readWorkbook(bytes: Uint8Array, limits: ReadLimits = DEFAULT_LIMITS): Promise<WorkbookInput> {
  if (bytes.length > limits.fileBytes)
    throw new XlsxReadError(
      `The file is larger than ${mib(limits.fileBytes)} (a limit of this reader); delete unused sheets or split the workbook and try again`,
    );
  const notZip = notAZip(bytes);
  if (notZip) throw new XlsxReadError(notZip);

  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const truncated = /end of central directory|corrupted zip|unexpected end/i.test(detail);
    throw new XlsxReadError(
      `The .xlsx package is damaged${truncated ? ' or incomplete (perhaps cut short while copying or downloading)' : ''} (${detail}); get the file again or re-save it from Excel`,
    );
  }
  const budget = new InflateBudget(limits);
  const find = partIndex(zip);
  const mimetypePath = find('mimetype');
  const mimetype = mimetypePath ? (await partText(zip, mimetypePath, budget))?.trim() : undefined;
  const why = notAWorkbook(
    Object.keys(zip.files).map((n) => n.replace(/\\/g, '/').replace(/^\//, '')),
    mimetype,
  );
  if (why) throw new XlsxReadError(why);

  const relsOf = async (part: string) => {
    const path = find(relsPathOf(part));
    const xml = path ? await partText(zip, path, budget) : undefined;
    return xml ? parseRelationships(xml) : [];
  };
  const rootRels = await relsOf('');
  const office = rootRels.find((r) => isType(r.type, 'officeDocument'));
  const workbookPath = find(office ? resolveTarget('', office.target) : 'xl/workbook.xml') ?? find('xl/workbook.xml');
  const workbookXml = workbookPath ? await partText(zip, workbookPath, budget) : undefined;
  if (!workbookPath || workbookXml === undefined)
    throw new XlsxReadError(
      'This zip file holds no Excel workbook part; save it from Excel or LibreOffice as an Excel Workbook (.xlsx) and try again',
    );

  const workbookPr = tags(workbookXml, 'workbookPr')[0] ?? {};
  const date1904 = workbookPr.date1904 === '1' || workbookPr.date1904 === 'true';
  const rels = await relsOf(workbookPath);
  const target = (type: string) => {
    const rel = rels.find((r) => isType(r.type, type) && !r.external);
    return rel ? find(resolveTarget(workbookPath, rel.target)) : undefined;
  };
  const strings = await readSharedStrings(zip, target('sharedStrings'), budget, limits);
  const dateStyles = await readDateStyles(zip, target('styles'), budget);

  const customRel = rootRels.find((r) => r.type === CUSTOM_PROPS_REL && !r.external);
  const customPath = find(customRel ? resolveTarget('', customRel.target) : 'docProps/custom.xml');
  const customXml = customPath ? await partText(zip, customPath, budget) : undefined;
  const templates = customXml === undefined ? undefined : templatesFromCustomXml(customXml);
  const pack = customXml === undefined ? undefined : packFromCustomXml(customXml);

  const cells = { count: 0 };
  const sheets: SheetInput[] = [];
  for (const sheetTag of sheetTags(workbookXml)) {
    const rel = rels.find((r) => r.id === relationshipId(sheetTag));
    // Chart sheets, dialog sheets and macro sheets hold no cells the parser could use.
    if (!rel || rel.external || !isType(rel.type, 'worksheet')) continue;
    const path = find(resolveTarget(workbookPath, rel.target));
    const name = sheetTag.name ?? '';
    const read = path
      ? await readSheet(zip, path, budget, { strings, dateStyles, date1904, limits, cells })
      : { values: [], customProperties: {}, tableParts: [], uncalculated: [] };
    const markerRel = read.customProperties[SHEET_MARKER_PROPERTY];
    const marker = path && markerRel ? await propertyValue(path, markerRel, MARKER_BYTES) : undefined;
    const mappingRel = read.customProperties[MAPPING_PROPERTY];
    const mappingText = path && mappingRel ? await propertyValue(path, mappingRel, MAPPING_BYTES) : undefined;
    const mapping = mappingText === undefined ? undefined : parseSheetMapping(mappingText);
    const totalsRows = path ? await tableTotalsRows(path, read.tableParts) : [];
    sheets.push({
      name,
      values: read.values,
      origin: { row: 1, column: 1 },
      ...(marker === undefined ? {} : { marker }),
      ...(totalsRows.length > 0 ? { totalsRows } : {}),
      ...(read.uncalculated.length > 0 ? { uncalculated: read.uncalculated } : {}),
      ...(mapping === undefined ? {} : mapping.ok ? { mapping: mapping.mapping } : { mappingProblem: mapping.reason }),
    });
  }
  return { sheets, ...(templates ? { templates } : {}), ...(pack ? { pack } : {}), date1904 };

  /** The totals rows of the sheet's Excel tables: the last `totalsRowCount` rows of each table's range. */
  async function tableTotalsRows(sheetPath: string, ids: readonly string[]): Promise<number[]> {
    if (ids.length === 0) return [];
    const sheetRels = await relsOf(sheetPath);
    const rows: number[] = [];
    for (const id of ids) {
      const rel = sheetRels.find((r) => r.id === id);
      const part = rel && !rel.external ? find(resolveTarget(sheetPath, rel.target)) : undefined;
      const xml = part ? await partText(zip, part, budget) : undefined;
      const table = xml === undefined ? undefined : tags(xml, 'table')[0];
      const count = Number(table?.totalsRowCount ?? 0);
      const bottom = Number(/\d+$/.exec(table?.ref ?? '')?.[0] ?? NaN);
      if (!Number.isInteger(count) || count < 1 || !Number.isInteger(bottom)) continue;
      for (let r = bottom - count + 1; r <= bottom; r++) rows.push(r);
    }
    return rows;
  }

  /** A worksheet custom property's value: the bytes of the small part its relationship names. */
  async function propertyValue(sheetPath: string, relId: string, limit: number): Promise<string | undefined> {
    const rel = (await relsOf(sheetPath)).find((r) => r.id === relId);
    const part = rel && !rel.external ? find(resolveTarget(sheetPath, rel.target)) : undefined;
    const entry = part ? zip.file(part) : null;
    if (!entry) return undefined;
    const bytes: number[] = [];
    await streamBytes(entry, budget, (chunk) => {
      appendAll(bytes, chunk);
      if (bytes.length > limit) throw new XlsxReadError(`The sheet property part ${part ?? ''} is too large`);
    });
    return decodePropertyBytes(new Uint8Array(bytes));
  }
}

/** A marker is a template id, version and sheet name: a few hundred bytes at most. */
const MARKER_BYTES = 4096;
/** A sheet's mapping: a few columns and value words, in UTF-16; 256 KiB is far more than any register needs. */
const MAPPING_BYTES = 256 * 1024;

/** The `<sheet>` elements of workbook.xml in tab order (inside `<sheets>` only: a custom view also has sheet ids). */
function sheetTags(workbookXml: string): Record<string, string>[] {
  const block = /<(?:\w+:)?sheets\b[^>]*>([\s\S]*?)<\/(?:\w+:)?sheets>/.exec(workbookXml)?.[1] ?? '';
  return [...block.matchAll(/<(?:\w+:)?sheet\b([^>]*)>/g)].map((m) => attributes((m[1] ?? '').replace(/\/$/, '')));
}
