import { z } from 'zod';
import { percentText, toCell, type Cell } from './cells.js';
import { headerMatchKey } from './headers.js';
import type { ColumnSpec, TableSheetSpec } from './spec.js';
import { listKey } from './vocabulary.js';

/**
 * A sheet's mapping, given once by the user (the pane's Map columns view or `qms map`) and kept in the workbook as
 * the worksheet custom property `qms.mapping` (JSON), so the pane, the CLI and a colleague all read the sheet the
 * same way:
 * - `template`, and `sheet` (the template's sheet, by default its first table sheet): what the sheet is;
 * - `headerRow`: the 1-based row holding the headers (by default the row the headers are found in);
 * - `columns`: the workbook's header text → the template column's key ("Created" → dateOpened);
 * - `values`: per column key, the user's word → the template's value ("Done" → Closed). A value read through the
 *   mapping is taken as the user said, with no note.
 */
export const MAPPING_PROPERTY = 'qms.mapping';

export const sheetMappingSchema = z.object({
  template: z.string().min(1),
  sheet: z.string().min(1).optional(),
  headerRow: z.number().int().min(1).max(1_048_576).optional(),
  columns: z.record(z.string(), z.string()).default({}),
  values: z.record(z.string(), z.record(z.string(), z.string())).default({}),
});
export type SheetMapping = z.infer<typeof sheetMappingSchema>;

/** The stored JSON read back; a broken mapping is a reason (shown as one issue on the sheet), never a throw. */
export function parseSheetMapping(text: string): { ok: true; mapping: SheetMapping } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'its qms.mapping property is not valid JSON' };
  }
  const parsed = sheetMappingSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return {
      ok: false,
      reason: `its qms.mapping property is malformed (${first?.path.join('.') || 'root'}: ${first?.message ?? ''})`,
    };
  }
  return { ok: true, mapping: parsed.data };
}

/** The JSON stored in the workbook: keys in a fixed order, so the same mapping is always the same text. */
export function serialiseSheetMapping(mapping: SheetMapping): string {
  const sorted = (o: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
  return JSON.stringify({
    template: mapping.template,
    ...(mapping.sheet === undefined ? {} : { sheet: mapping.sheet }),
    ...(mapping.headerRow === undefined ? {} : { headerRow: mapping.headerRow }),
    columns: sorted(mapping.columns),
    values: sorted(Object.fromEntries(Object.entries(mapping.values).map(([k, v]) => [k, sorted(v)]))),
  });
}

/** A spec column named by its key or its header (either spelling the user may give). */
export function specColumn(spec: TableSheetSpec, name: string): ColumnSpec | undefined {
  const key = headerMatchKey(name);
  return spec.columns.find((c) => c.key === name || headerMatchKey(c.header) === key);
}

/** The header row's index (0-based in `values`) of each mapped header text, or the texts not found in it. */
export function mappedColumns(
  headerCells: readonly unknown[],
  mapping: SheetMapping,
  spec: TableSheetSpec,
): { matches: Map<string, number>; missing: string[]; unknownFields: string[] } {
  const matches = new Map<string, number>();
  const missing: string[] = [];
  const unknownFields: string[] = [];
  const keys = Array.from(headerCells, (c) => {
    const cell = toCell(c);
    return headerMatchKey(cell.kind === 'text' ? cell.value : cell.kind === 'number' ? String(cell.value) : '');
  });
  for (const [text, field] of Object.entries(mapping.columns)) {
    const column = specColumn(spec, field);
    if (!column) {
      unknownFields.push(field);
      continue;
    }
    const index = keys.findIndex((k) => k !== '' && k === headerMatchKey(text));
    if (index < 0) missing.push(text);
    else matches.set(column.key, index);
  }
  return { matches, missing, unknownFields };
}

/** A cell read through the mapping's value words: the template's value when the user's word is mapped. */
export function mappedCell(cell: Cell, words: Readonly<Record<string, string>> | undefined): Cell {
  if (!words || (cell.kind !== 'text' && cell.kind !== 'number' && cell.kind !== 'bool')) return cell;
  // A %-formatted number is matched as shown ("50 %"), so a mapping's word "50%" meets it.
  const text =
    cell.kind === 'bool'
      ? cell.value
        ? 'TRUE'
        : 'FALSE'
      : cell.kind === 'number' && cell.percent
        ? percentText(cell.value)
        : String(cell.value);
  const key = listKey(text);
  for (const [word, value] of Object.entries(words)) if (listKey(word) === key) return { kind: 'text', value };
  return cell;
}
