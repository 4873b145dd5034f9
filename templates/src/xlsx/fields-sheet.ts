import type ExcelJS from 'exceljs';
import type { ColumnSpec, FieldSheetSpec } from '../core/spec.js';
import { DATE_FORMAT, FIRST_BLOCK_ROW, TABLE_THEME, freezeAbove, styleHeaderRow, tableName } from './style.js';
import { listValues, validationFor, type ListStore } from './validation.js';

const GUIDANCE_HEADER = 'Guidance';

/** What to type in a field, for the Guidance column: the spec's hint, else its type and bounds in plain words. */
function guidance(field: ColumnSpec): string {
  const parts: string[] = [];
  if (field.required) parts.push('Required');
  const values = listValues(field);
  if (field.guidance) parts.push(field.guidance);
  else if (field.hint) parts.push(field.hint);
  else if (values) parts.push(`One of: ${values.join(', ')}`);
  else if (field.type === 'date') parts.push('A date such as 2026-03-31');
  else if (field.type === 'integer')
    parts.push(`A whole number${field.min !== undefined ? ` of at least ${field.min}` : ''}`);
  else if (field.type === 'number') {
    parts.push(
      field.greaterThan !== undefined
        ? `A number above ${field.greaterThan}`
        : `A number${field.min !== undefined ? ` of at least ${field.min}` : ''}`,
    );
  } else parts.push('Free text');
  if (field.defaultValue !== undefined) parts.push(`Default: ${String(field.defaultValue)}`);
  return parts.map((p) => (p.endsWith('.') ? p : `${p}.`)).join(' ');
}

/**
 * The QMS Profile: a Field | Value | Guidance table with one row per field, defaults pre-filled in the Value
 * column, and the field's drop-down or number rule on its Value cell. Required field names are bold.
 */
export function writeFieldsSheet(sheet: ExcelJS.Worksheet, spec: FieldSheetSpec, lists: ListStore): void {
  const headerRow = FIRST_BLOCK_ROW;
  const firstDataRow = headerRow + 1;
  sheet.addTable({
    name: tableName(spec.name),
    ref: `A${headerRow}`,
    headerRow: true,
    totalsRow: false,
    style: { theme: TABLE_THEME, showRowStripes: true },
    columns: [spec.fieldHeader, spec.valueHeader, GUIDANCE_HEADER].map((name) => ({ name, filterButton: false })),
    rows: spec.fields.map((field) => [field.header, field.defaultValue ?? null, guidance(field)]),
  });
  styleHeaderRow(sheet, headerRow, 1, 3);
  spec.fields.forEach((field, i) => {
    const row = firstDataRow + i;
    if (field.required) sheet.getCell(row, 1).font = { bold: true };
    const value = sheet.getCell(row, 2);
    if (field.type === 'date') value.numFmt = DATE_FORMAT;
    const validation = validationFor(field, lists);
    if (validation) value.dataValidation = validation;
    sheet.getCell(row, 3).alignment = { wrapText: true, vertical: 'top' };
  });
  sheet.getColumn(1).width = Math.max(24, ...spec.fields.map((f) => f.header.length + 2));
  sheet.getColumn(2).width = 36;
  sheet.getColumn(3).width = 64;
  freezeAbove(sheet, firstDataRow);
}
