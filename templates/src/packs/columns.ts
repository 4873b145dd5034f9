import type { ExtraValue } from '../core/extra.js';
import type { ColumnSpec } from '../core/spec.js';
import type { TypedRow } from '../core/table.js';
import type { ExtraColumn } from './schema.js';

/** Spec keys of extra columns carry this prefix, so they can never meet a template field's key in a row. */
const EXTRA_PREFIX = 'extra.';

export const extraSpecKey = (column: Pick<ExtraColumn, 'key'>): string => `${EXTRA_PREFIX}${column.key}`;

/** An extra column as the builder writes it and the reader reads it: typed, listed, maybe required. */
export function extraColumnSpec(column: ExtraColumn): ColumnSpec {
  return {
    key: extraSpecKey(column),
    header: column.header,
    type: column.type,
    ...(column.list ? { list: column.list } : {}),
    ...(column.required ? { required: true } : {}),
    ...(column.width === undefined ? {} : { width: column.width }),
    ...(column.guidance === undefined ? {} : { guidance: column.guidance }),
  };
}

/**
 * A row's extra values by column key: the typed cell value (a number, an ISO date, a listed value in its canonical
 * spelling, a text), null when blank. A refused cell has its issue on the row already, and such a row gives no record.
 */
export function extraOf(row: TypedRow, columns: readonly ExtraColumn[]): Record<string, ExtraValue> {
  const out: Record<string, ExtraValue> = {};
  for (const column of columns) {
    const value = row.values[extraSpecKey(column)];
    out[column.key] = typeof value === 'string' || typeof value === 'number' ? value : null;
  }
  return out;
}
