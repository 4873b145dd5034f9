import { REL_NS, encodeXml, relsPathOf } from '../opc.js';
import type { PackageEditor } from './package-editor.js';
import { WORKSHEET_TYPE, worksheetXml, type SheetCell, type WorksheetLayout } from './sheet-xml.js';
import { appendChild, findElement, prefixBoundTo } from './xml-edit.js';

/**
 * Adds a worksheet at the end of the tab order, or replaces the content of the sheet that already has this
 * name (Excel compares sheet names without case). Edits: the new or replaced sheet part, and — for a new
 * sheet — one `<sheet>` in the workbook part, one relationship, one content-type override. Returns the part.
 */
export async function putWorksheet(
  editor: PackageEditor,
  name: string,
  rows: readonly (readonly SheetCell[])[],
  layout: WorksheetLayout,
): Promise<string> {
  const xml = worksheetXml(rows, layout);
  const existing = (await editor.sheets()).find((s) => s.name.toLowerCase() === name.toLowerCase());
  if (existing) {
    const path = existing.path;
    const type = path === undefined ? undefined : await editor.contentTypeOf(path);
    if (path === undefined || type !== WORKSHEET_TYPE)
      throw new Error(
        `the workbook already has a "${existing.name}" sheet that is not a worksheet (a chart sheet?); rename it and try again`,
      );
    editor.write(path, xml);
    // The old sheet's own relationships (a drawing, comments) belonged to the content that is replaced.
    editor.remove(relsPathOf(path));
    return path;
  }

  const workbook = await editor.workbookPath();
  const dir = workbook.slice(0, workbook.lastIndexOf('/') + 1);
  const path = editor.freePartName(`${dir}worksheets/sheet`, '.xml');
  editor.write(path, xml);
  await editor.addContentType(path, WORKSHEET_TYPE);
  const relId = await editor.addRelationship(workbook, `${REL_NS}/worksheet`, path.slice(dir.length));

  const book = (await editor.text(workbook)) ?? '';
  const sheets = findElement(book, 'sheets');
  if (!sheets) throw new Error(`${workbook} lists no sheets`);
  const ids = [...book.matchAll(/<(?:[\w.-]+:)?sheet\b[^>]*\bsheetId="(\d+)"/g)].map((m) => Number(m[1]));
  // Only a prefix bound on the root or on <sheets> is in scope for a new <sheet> (openpyxl binds `r` on each
  // <sheet> element, where a sibling cannot see it).
  const root = findElement(book, 'workbook');
  const scope = book.slice(root?.start ?? 0, root?.startTagEnd ?? 0) + book.slice(sheets.start, sheets.startTagEnd);
  const r = prefixBoundTo(scope, REL_NS);
  const idAttr = r === undefined ? `xmlns:qr="${REL_NS}" qr:id="${relId}"` : `${r}:id="${relId}"`;
  const sheet = `<${sheets.prefix}sheet name="${encodeXml(name)}" sheetId="${Math.max(0, ...ids) + 1}" ${idAttr}/>`;
  editor.write(workbook, appendChild(book, sheets, 'sheets', sheet));
  return path;
}
