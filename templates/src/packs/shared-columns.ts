import { toCell } from '../core/cells.js';
import { normaliseHeader } from '../core/spec.js';
import { cellText } from '../core/values.js';
import type { WorkbookInput } from '../core/workbook.js';
import type { Pack } from './schema.js';

/** Rows searched for a header: the parser's own header search looks as far (core/table.ts). */
const HEADER_SEARCH_ROWS = 20;

/**
 * What a workbook from one version of a pack is checked with when another version is given: the workbook's own
 * version (its sheets are laid out by it) with only the extra columns both versions have, by template and key. A
 * column new in the other version is not reported missing before the upgrade adds it; one the other version
 * dropped is not checked any more.
 */
export function sharedColumnsPack(own: Pack, other: Pack): Pack {
  const columns = Object.fromEntries(
    Object.entries(own.columns).map(([template, list]) => [
      template,
      list.filter((c) => (other.columns[template] ?? []).some((o) => o.key === c.key)),
    ]),
  );
  return { ...own, columns };
}

/**
 * The same when the workbook's own version is not at hand: the given pack with only the extra columns whose header
 * is on one of the workbook's sheets (near its top, where headers are). A column renamed between the versions is
 * then not checked until the upgrade; that is said where this is used.
 */
export function columnsOnWorkbookPack(pack: Pack, input: WorkbookInput): Pack {
  const headers = new Set<string>();
  for (const sheet of input.sheets)
    for (const row of sheet.values.slice(0, HEADER_SEARCH_ROWS))
      for (const value of row) {
        const text = cellText(toCell(value)).trim();
        if (text !== '') headers.add(normaliseHeader(text));
      }
  const columns = Object.fromEntries(
    Object.entries(pack.columns).map(([template, list]) => [
      template,
      list.filter((c) => headers.has(normaliseHeader(c.header))),
    ]),
  );
  return { ...pack, columns };
}
