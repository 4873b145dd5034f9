import type { ColumnSpec } from '../../core/spec.js';
import { columnLetter } from '../../core/issues.js';
import type { WorkbookInput } from '../../core/workbook.js';
import type { ListDropDown, SheetUpgrade, WorkbookUpgrade } from '../../versions/plan.js';
import type { PackUpgrade } from '../../packs/upgrade.js';
import { PACK_PROPERTY, TEMPLATES_PROPERTY } from '../markers.js';
import { resolveTarget } from '../opc.js';
import { PackageEditor } from './package-editor.js';
import { setCells, type CellEdit } from './sheet-cells.js';
import { addListValidation, setColumnWidth, widenDimension } from './sheet-layout-edit.js';
import { editTable, tableRange } from './table-edit.js';
import { setDocumentProperty, setSheetMarker } from './properties-edit.js';
import type { EditedPackage } from './with-sheet.js';
import { attributeOf, findElement, insertBeforeFirst, setAttribute } from './xml-edit.js';

/** Drop-down values for a new list or Yes/No column, when they fit Excel's inline list (255 characters). */
function dropDown(spec: ColumnSpec | undefined): readonly string[] | undefined {
  const values = spec?.type === 'yesno' ? ['Yes', 'No'] : spec?.type === 'list' ? (spec.list ?? []) : undefined;
  if (!values || values.length === 0) return undefined;
  if (values.join(',').length > 255 || values.some((v) => v.includes(',') || v.includes('"'))) return undefined;
  return values;
}

async function upgradeSheet(
  editor: PackageEditor,
  path: string,
  upgrade: SheetUpgrade,
  values: readonly (readonly unknown[])[],
): Promise<void> {
  const edits: CellEdit[] = upgrade.writes.map((w) => ({
    ...w,
    // A new header cell looks like its left neighbour in the header row.
    styleFrom:
      w.row === upgrade.headerRow && upgrade.added.some((a) => a.column === w.column) && w.column > 1
        ? w.column - 1
        : undefined,
  }));
  let xml = setCells((await editor.text(path)) ?? '', edits);

  const header = (column: number): string | undefined => {
    const written = upgrade.writes.find((w) => w.row === upgrade.headerRow && w.column === column);
    const value = written ? written.value : values[upgrade.headerRow - 1]?.[column - 1];
    return typeof value === 'string' ? value : undefined;
  };
  let lastRow = upgrade.headerRow + upgrade.dataRows;
  for (const rel of await editor.relationships(path)) {
    if (!rel.type.endsWith('/table') || rel.external) continue;
    const target = resolveTarget(path, rel.target);
    const tableXml = await editor.text(target);
    const range = tableXml === undefined ? undefined : tableRange(tableXml);
    if (tableXml === undefined || !range || range.top !== upgrade.headerRow) continue;
    const totals = Number(attributeOf(findElement(tableXml, 'table')?.attributes ?? '', 'totalsRowCount') ?? '0');
    lastRow = Math.max(lastRow, range.bottom - totals);
    const edited = editTable(tableXml, header, upgrade.added);
    if (edited !== tableXml) editor.write(target, edited);
  }
  for (const added of upgrade.added) {
    xml = setColumnWidth(xml, added.column, added.spec?.width ?? Math.max(12, added.header.length + 2));
    const list = dropDown(added.spec);
    const letter = columnLetter(added.column);
    if (list && lastRow > upgrade.headerRow)
      xml = addListValidation(xml, `${letter}${upgrade.headerRow + 1}:${letter}${lastRow}`, list);
  }
  for (const dropDown of upgrade.dropDowns ?? []) xml = replaceListValidation(xml, dropDown);
  const right = Math.max(0, ...upgrade.writes.map((w) => w.column));
  const bottom = Math.max(0, ...upgrade.writes.map((w) => w.row));
  xml = widenDimension(xml, right, bottom);
  editor.write(path, xml);
  await setSheetMarker(editor, path, upgrade.marker);
}

/**
 * Sets a drop-down again over existing cells: the validation whose range is exactly `replaces` (as our builder
 * wrote it) gives way to one over `range` with the new values. A sheet whose validation there is not exactly
 * that (the user changed it) keeps its own; two rules over one cell would make a file Excel repairs.
 */
function replaceListValidation(xml: string, dropDown: ListDropDown): string {
  const list = dropDown.values;
  if (list.join(',').length > 255 || list.some((v) => v.includes(',') || v.includes('"'))) return xml;
  const pattern = /<([A-Za-z_][\w.-]*:)?dataValidation(?=[\s>])([^>]*)>[\s\S]*?<\/\1?dataValidation>/g;
  let replaced = false;
  const without = xml.replace(pattern, (element, _prefix: string | undefined, attributes: string) => {
    if (replaced || attributeOf(attributes, 'sqref') !== dropDown.replaces) return element;
    replaced = true;
    return '';
  });
  if (!replaced) return xml;
  const validations = findElement(without, 'dataValidations');
  const count = validations ? Number(attributeOf(validations.attributes, 'count') ?? '1') : 1;
  const lowered = validations ? setAttribute(without, validations, 'count', String(Math.max(0, count - 1))) : without;
  return addListValidation(lowered, dropDown.range.replace(/\$/g, ''), list);
}

/** Elements the workbook schema puts after calcPr (CT_Workbook's sequence). */
const AFTER_CALC_PR = [
  'oleSize',
  'customWorkbookViews',
  'pivotCaches',
  'smartTagPr',
  'smartTagTypes',
  'webPublishing',
  'fileRecoveryPr',
  'webPublishObjects',
  'extLst',
];

/**
 * Formulas written without a cached value (the supplier Score) are computed when the file is next opened: the
 * workbook's calcPr says fullCalcOnLoad, as our built templates do.
 */
async function recalculateOnOpen(editor: PackageEditor): Promise<void> {
  const path = await editor.workbookPath();
  const xml = (await editor.text(path)) ?? '';
  const calc = findElement(xml, 'calcPr');
  const prefix = findElement(xml, 'workbook')?.prefix ?? '';
  editor.write(
    path,
    calc
      ? setAttribute(xml, calc, 'fullCalcOnLoad', '1')
      : insertBeforeFirst(xml, 'workbook', AFTER_CALC_PR, `<${prefix}calcPr fullCalcOnLoad="1"/>`),
  );
}

/**
 * A copy of the package with the planned upgrade applied: for each upgraded sheet its cells, its Excel
 * table, its new columns' widths and drop-downs and its marker; then the workbook's `qms.templates` (and, for a
 * pack upgrade, `qms.pack`). No other
 * part is written, so everything else in the workbook reaches the copy as it was.
 */
export async function upgradePackage(
  bytes: Uint8Array,
  /** A pack upgrade (packs/upgrade.ts) also carries the new `qms.pack`. */
  plan: WorkbookUpgrade | PackUpgrade,
  input: WorkbookInput,
): Promise<EditedPackage> {
  const editor = await PackageEditor.open(bytes);
  const parts = await editor.sheets();
  for (const upgrade of plan.sheets) {
    const path = parts.find((s) => s.name === upgrade.sheet)?.path;
    if (path === undefined || !editor.has(path)) throw new Error(`the sheet "${upgrade.sheet}" has no worksheet part`);
    const values = input.sheets.find((s) => s.name === upgrade.sheet)?.values ?? [];
    await upgradeSheet(editor, path, upgrade, values);
  }
  if (plan.sheets.some((u) => u.writes.some((w) => w.formula))) await recalculateOnOpen(editor);
  await setDocumentProperty(editor, TEMPLATES_PROPERTY, JSON.stringify(plan.templates));
  if ('pack' in plan)
    await setDocumentProperty(editor, PACK_PROPERTY, JSON.stringify({ id: plan.pack.id, version: plan.pack.version }));
  return { bytes: await editor.toBytes(), changed: editor.changed };
}
