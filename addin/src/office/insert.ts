import { DOCUMENT_PACK_KEY, DOCUMENT_TEMPLATES_KEY, SHEET_MARKER_KEY, parseTemplatesProperty } from './markers.ts';
import type { InsertRequest, InsertResult, SheetBuild } from './types.ts';

/** Row 1, column A of every template file holds its brand line (templates' xlsx/style.ts BRAND_ROW). */
export const BRAND_CELL = 'A1';

/** Excel renames a clashing sheet "CAPA Log (2)"; the marker still belongs to "CAPA Log". */
function baseName(name: string): string {
  return name.replace(/ \(\d+\)$/, '');
}

function mergeTemplates(existing: unknown, added: Record<string, number>): string {
  return JSON.stringify({ ...(parseTemplatesProperty(existing) ?? {}), ...added });
}

/**
 * Inserts a template file's sheets at the end of the workbook (ExcelApi 1.13), then marks each sheet with
 * `qms.template`, stamps the brand line when one is given and merges the file's templates into the document
 * property `qms.templates` (and records the file's pack as `qms.pack`). Three syncs.
 */
export async function insertFromBase64(context: Excel.RequestContext, request: InsertRequest): Promise<InsertResult> {
  const workbook = context.workbook;
  const inserted = workbook.insertWorksheetsFromBase64(request.file.base64, {
    positionType: 'End',
  });
  const property = workbook.properties.custom.getItemOrNullObject(DOCUMENT_TEMPLATES_KEY);
  property.load('value');
  await context.sync();

  // The insert returns worksheet ids (GUIDs): learn the names the sheets ended up with.
  const added = inserted.value.map((id) => {
    const sheet = workbook.worksheets.getItem(id);
    sheet.load('name');
    return sheet;
  });
  await context.sync();
  const sheets = added.map((s) => s.name);
  const brand = request.brand?.trim();
  for (const name of sheets) {
    const marker = request.markers[name] ?? request.markers[baseName(name)];
    if (!marker) continue; // the starter file's list and guide sheets carry no brand row
    const sheet = workbook.worksheets.getItem(name);
    sheet.customProperties.add(SHEET_MARKER_KEY, marker);
    // The files are built once with the product's brand; a consultant's build stamps its own over it.
    if (brand) sheet.getRange(BRAND_CELL).values = [[asText(brand)]];
  }
  workbook.properties.custom.add(
    DOCUMENT_TEMPLATES_KEY,
    mergeTemplates(property.isNullObject ? undefined : property.value, request.templates),
  );
  if (request.pack)
    workbook.properties.custom.add(
      DOCUMENT_PACK_KEY,
      JSON.stringify({ id: request.pack.id, version: request.pack.version }),
    );
  const first = sheets[0];
  if (first !== undefined) workbook.worksheets.getItem(first).activate();
  await context.sync();
  return { sheets, method: 'base64' };
}

/**
 * The fallback for hosts without ExcelApi 1.13: builds each template sheet through the API from its spec
 * (header row and pre-filled rows, no styling beyond bold headers and widths). Two syncs.
 */
export async function buildSheets(
  context: Excel.RequestContext,
  builds: readonly SheetBuild[],
  templates: Record<string, number>,
  markSheets: boolean,
): Promise<InsertResult> {
  const workbook = context.workbook;
  const probes = builds.map((b) => {
    const existing = workbook.worksheets.getItemOrNullObject(b.name);
    existing.load('name');
    return { b, existing };
  });
  const property = workbook.properties.custom.getItemOrNullObject(DOCUMENT_TEMPLATES_KEY);
  property.load('value');
  await context.sync();

  const names: string[] = [];
  const taken = new Set(probes.filter((p) => !p.existing.isNullObject).map((p) => p.b.name));
  for (const { b } of probes) {
    let name = b.name;
    for (let n = 2; taken.has(name); n++) name = `${b.name} (${n})`;
    taken.add(name);
    names.push(name);
    const sheet = workbook.worksheets.add(name);
    const width = Math.max(1, ...b.rows.map((r) => r.length));
    const rows = b.rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')].map(asText));
    if (rows.length > 0) sheet.getRangeByIndexes(0, 0, rows.length, width).values = rows;
    sheet.getRangeByIndexes(b.headerRow - 1, 0, 1, width).format.font.bold = true;
    b.widths?.forEach((w, i) => {
      sheet.getRangeByIndexes(0, i, 1, 1).format.columnWidth = w * 7;
    });
    if (markSheets) sheet.customProperties.add(SHEET_MARKER_KEY, b.marker);
  }
  workbook.properties.custom.add(
    DOCUMENT_TEMPLATES_KEY,
    mergeTemplates(property.isNullObject ? undefined : property.value, templates),
  );
  const first = names[0];
  if (first !== undefined) workbook.worksheets.getItem(first).activate();
  await context.sync();
  return { sheets: names, method: 'api' };
}

/** The names among `names` that the workbook has a sheet of (Excel matches sheet names without regard to case). */
export async function existingSheets(context: Excel.RequestContext, names: readonly string[]): Promise<string[]> {
  const probes = names.map((name) => {
    const sheet = context.workbook.worksheets.getItemOrNullObject(name);
    sheet.load('name');
    return { name, sheet };
  });
  await context.sync();
  return probes.filter((p) => !p.sheet.isNullObject).map((p) => p.name);
}

/** Text that Excel would take for a formula is written as text (leading apostrophe); other values as they are. */
export function asText(value: string | number | boolean): string | number | boolean {
  return typeof value === 'string' && /^[=+\-@]/.test(value) ? `'${value}` : value;
}
