import { MAPPING_PROPERTY, parseSheetMapping, type SheetInput, type WorkbookInput } from '@qms/templates';
import { topLeft } from './address.ts';
import { planChunks } from './chunks.ts';
import { DOCUMENT_TEMPLATES_KEY, SHEET_MARKER_KEY, parseTemplatesProperty } from './markers.ts';
import type { ReadStats } from './types.ts';

/**
 * Sheets reached by walking getFirst → getNextOrNullObject in the first batch. Walking (rather than loading
 * the collection first) lets one sync return every sheet's name, marker and used-range size; sheets past this
 * many are read in one extra sync, which real template workbooks never need.
 */
export const MAX_WALKED_SHEETS = 48;

function isPayloadTooLarge(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | undefined;
  return (
    e?.code === 'RequestPayloadSizeLimitExceeded' || (typeof e?.message === 'string' && /payload size/i.test(e.message))
  );
}

interface SheetProbe {
  sheet: Excel.Worksheet;
  used: Excel.Range;
  marker: Excel.WorksheetCustomProperty;
  /** The sheet's mapping (`qms.mapping`, written by `qms map` or the pane), read the same way the CLI reads it. */
  mapping: Excel.WorksheetCustomProperty;
}

function probe(sheet: Excel.Worksheet): SheetProbe {
  sheet.load('name');
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load('address,rowCount,columnCount');
  const marker = sheet.customProperties.getItemOrNullObject(SHEET_MARKER_KEY);
  marker.load('value');
  const mapping = sheet.customProperties.getItemOrNullObject(MAPPING_PROPERTY);
  mapping.load('value');
  return { sheet, used, marker, mapping };
}

/**
 * Reads every sheet's used values, the sheet markers and the workbook's `qms.templates` property in two
 * `context.sync` calls whatever the row count: the first learns names and sizes, the second loads every
 * sheet's values in row chunks small enough for Excel on the web's payload limit, all in one batch.
 */
export async function readWorkbook(context: Excel.RequestContext): Promise<{ input: WorkbookInput; stats: ReadStats }> {
  let syncs = 0;
  const worksheets = context.workbook.worksheets;
  let documentProperty = context.workbook.properties.custom.getItemOrNullObject(DOCUMENT_TEMPLATES_KEY);
  documentProperty.load('value');
  const count = worksheets.getCount();
  let present: SheetProbe[];
  try {
    const probes: SheetProbe[] = [];
    let current = worksheets.getFirst();
    probes.push(probe(current));
    for (let i = 1; i < MAX_WALKED_SHEETS; i++) {
      current = current.getNextOrNullObject();
      probes.push(probe(current));
    }
    await context.sync();
    syncs++;
    present = probes.filter((p) => !p.sheet.isNullObject);
    // eslint-disable-next-line office-addins/load-object-before-read -- getCount() returns a ClientResult, which has no load(); the sync above filled it
    if (count.value > present.length) {
      // More sheets than one walk covers: load the rest by name (one more sync, only for very large workbooks).
      worksheets.load('items/name');
      await context.sync();
      syncs++;
      const seen = new Set(present.map((p) => p.sheet.name));
      for (const sheet of worksheets.items) if (!seen.has(sheet.name)) present.push(probe(sheet));
      await context.sync();
      syncs++;
    }
  } catch (error) {
    if (isPayloadTooLarge(error)) throw error;
    syncs++;
    // A host that refuses the walk past the last sheet (calls on a null object) still gets read: list the
    // sheets first, then probe them: two syncs more than the walk, never a failed read.
    documentProperty = context.workbook.properties.custom.getItemOrNullObject(DOCUMENT_TEMPLATES_KEY);
    documentProperty.load('value');
    worksheets.load('items/name');
    await context.sync();
    syncs++;
    present = worksheets.items.map(probe);
    await context.sync();
    syncs++;
  }

  const plans = present.map((p) => {
    if (p.used.isNullObject)
      return { probe: p, chunks: [] as { row: number; column: number; rows: number; columns: number }[] };
    const origin = topLeft(p.used.address);
    const chunks = planChunks(p.used.rowCount, p.used.columnCount).map((c) => ({
      row: origin.row - 1 + c.start,
      column: origin.column - 1,
      rows: c.rows,
      columns: p.used.columnCount,
    }));
    return { probe: p, chunks, origin };
  });
  const load = (p: SheetProbe, c: { row: number; column: number; rows: number; columns: number }) => {
    const range = p.sheet.getRangeByIndexes(c.row, c.column, c.rows, c.columns);
    range.load('values');
    return range;
  };
  const requests = plans.reduce((n, p) => n + p.chunks.length, 0);
  let loads = plans.map((p) => ({ ...p, ranges: p.chunks.map((c) => load(p.probe, c)) }));
  if (requests > 0) {
    try {
      await context.sync();
      syncs++;
    } catch (error) {
      if (!isPayloadTooLarge(error)) throw error;
      syncs++;
      // Excel on the web may also count the whole batch against its limit: then read one chunk per sync.
      // Slower, but only for workbooks too big for one round trip.
      loads = plans.map((p) => ({ ...p, ranges: [] as Excel.Range[] }));
      for (const entry of loads) {
        for (const chunk of entry.chunks) {
          entry.ranges.push(load(entry.probe, chunk));
          // eslint-disable-next-line office-addins/no-context-sync-in-loop -- deliberate fallback: each chunk alone fits the payload limit, all together did not
          await context.sync();
          syncs++;
        }
      }
    }
  }

  let rows = 0;
  const sheets: SheetInput[] = loads.map(({ probe: p, ranges, origin }) => {
    const values = ranges.flatMap((c) => c.values);
    rows += values.length;
    const sheet: SheetInput = { name: p.sheet.name, values };
    const withOrigin = origin ? { ...sheet, origin } : sheet;
    const marker = p.marker.isNullObject ? undefined : p.marker.value;
    const marked = typeof marker === 'string' && marker !== '' ? { ...withOrigin, marker } : withOrigin;
    const text = p.mapping.isNullObject ? undefined : p.mapping.value;
    if (typeof text !== 'string' || text === '') return marked;
    const mapping = parseSheetMapping(text);
    return mapping.ok ? { ...marked, mapping: mapping.mapping } : { ...marked, mappingProblem: mapping.reason };
  });
  const templates = documentProperty.isNullObject ? undefined : parseTemplatesProperty(documentProperty.value);
  const input: WorkbookInput = templates ? { sheets, templates } : { sheets };
  return { input, stats: { syncs, sheets: sheets.length, rows, requests } };
}
