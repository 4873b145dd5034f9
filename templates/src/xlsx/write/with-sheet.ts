import { PackageEditor } from './package-editor.js';
import { setDocumentProperty, setSheetProperty } from './properties-edit.js';
import { putWorksheet } from './put-sheet.js';
import type { SheetCell, SheetConditionalFormat, SheetValue, WorksheetLayout } from './sheet-xml.js';
import {
  appendCellFormats,
  appendDifferentialFormats,
  type CellFormat,
  type DifferentialFormat,
} from './styles-edit.js';

export interface FormattedValue {
  value: SheetValue;
  format?: CellFormat;
}

/** A conditional format as callers give it: what it paints, not yet a `dxfId` of the styles part. */
export type ConditionalFormatSpec =
  | Extract<SheetConditionalFormat, { type: 'dataBar' }>
  | (Omit<Extract<SheetConditionalFormat, { type: 'cellIs' }>, 'dxfId'> & { format: DifferentialFormat });

export interface SheetLayout extends Omit<WorksheetLayout, 'conditionalFormats'> {
  conditionalFormats?: readonly ConditionalFormatSpec[];
}

/** One key per distinct format (its fields in a fixed order), so equal formats share one style entry. */
const keyOf = (f: CellFormat | DifferentialFormat) =>
  JSON.stringify(Object.entries(f).sort(([a], [b]) => (a < b ? -1 : 1)));

export interface EditedPackage {
  bytes: Uint8Array;
  /** Every part written or removed; all other parts are as the source had them. */
  changed: string[];
}

/**
 * A copy of the package `bytes` with one worksheet added (or, when a sheet of that name exists, replaced).
 * Only the new formats are appended to the styles part; every other part is left as the source wrote it.
 */
export async function withWorksheet(
  bytes: Uint8Array,
  name: string,
  rows: readonly (readonly FormattedValue[])[],
  layout: SheetLayout = {},
): Promise<EditedPackage> {
  const editor = await PackageEditor.open(bytes);
  const keys: string[] = [];
  const formats: CellFormat[] = [];
  for (const row of rows)
    for (const cell of row)
      if (cell.format && !keys.includes(keyOf(cell.format))) {
        keys.push(keyOf(cell.format));
        formats.push(cell.format);
      }
  const styles = formats.length > 0 ? await appendCellFormats(editor, formats) : [];
  const cells: SheetCell[][] = rows.map((row) =>
    row.map((cell) => ({
      value: cell.value,
      style: cell.format ? styles[keys.indexOf(keyOf(cell.format))] : undefined,
    })),
  );
  const specs = layout.conditionalFormats ?? [];
  const paints: DifferentialFormat[] = [];
  const paintKeys: string[] = [];
  for (const spec of specs)
    if (spec.type === 'cellIs' && !paintKeys.includes(keyOf(spec.format))) {
      paintKeys.push(keyOf(spec.format));
      paints.push(spec.format);
    }
  const dxfIds = paints.length > 0 ? await appendDifferentialFormats(editor, paints) : [];
  const conditionalFormats = specs.map((spec): SheetConditionalFormat => {
    if (spec.type === 'dataBar') return spec;
    const { format, ...rule } = spec;
    return { ...rule, dxfId: dxfIds[paintKeys.indexOf(keyOf(format))] ?? 0 };
  });
  await putWorksheet(editor, name, cells, { ...layout, conditionalFormats });
  return { bytes: await editor.toBytes(), changed: editor.changed };
}

/**
 * A copy of the package with one document custom property set (added, or its value replaced), every other part as
 * it was: how a workbook that never recorded its template versions can be told which it holds
 * (`qms.templates`).
 */
export async function withDocumentProperty(bytes: Uint8Array, name: string, value: string): Promise<EditedPackage> {
  const editor = await PackageEditor.open(bytes);
  await setDocumentProperty(editor, name, value);
  return { bytes: await editor.toBytes(), changed: editor.changed };
}

/**
 * A copy of the package with one worksheet custom property set on the named sheet (its part, and a small part
 * for the value), every other part as it was: how `qms map` stores a sheet's mapping (`qms.mapping`).
 */
export async function withSheetProperty(
  bytes: Uint8Array,
  sheet: string,
  name: string,
  value: string,
): Promise<EditedPackage> {
  const editor = await PackageEditor.open(bytes);
  const path = (await editor.sheets()).find((s) => s.name === sheet)?.path;
  if (path === undefined || !editor.has(path)) throw new Error(`the sheet "${sheet}" has no worksheet part`);
  await setSheetProperty(editor, path, name, value);
  return { bytes: await editor.toBytes(), changed: editor.changed };
}
