import {
  isPercentFormat,
  MAPPING_PROPERTY,
  parseSheetMapping,
  type SheetInput,
  type WorkbookInput,
} from '@qms/templates';
import { topLeft } from './address.ts';
import { planChunks } from './chunks.ts';
import {
  DOCUMENT_PACK_KEY,
  DOCUMENT_TEMPLATES_KEY,
  SHEET_MARKER_KEY,
  parsePackProperty,
  parseTemplatesProperty,
} from './markers.ts';
import type { ReadStats } from './types.ts';

/**
 * Sheets reached by walking getFirst → getNextOrNullObject in the first batch. Walking (rather than loading
 * the collection first) lets one sync return every sheet's name, marker and used-range size; sheets past this
 * many are read in one extra sync, which real template workbooks never need.
 */
export const MAX_WALKED_SHEETS = 48;

/**
 * `range.values` carries no number formats, and Excel stores 50 % as 0.5. Columns holding a small number
 * (|v| ≤ 10, i.e. up to 1,000 % when shown as a percentage) get one more load, of their `numberFormat` only, so a
 * %-formatted cell reaches the validator as the percentage the user sees, as it does from the CLI's reader.
 * Loading formats for every cell would double every chunk against the payload limit; these columns are few.
 */
const SMALL_NUMBER = 10;
/** Format strings per sync in that extra load: "0%" or "General" at ~12 bytes each keeps a sync near 2.4 MB. */
export const MAX_FORMAT_CELLS_PER_SYNC = 200_000;

function smallNumberColumns(values: readonly (readonly unknown[])[]): number[] {
  const width = values.reduce((w, r) => Math.max(w, r.length), 0);
  const out: number[] = [];
  for (let c = 0; c < width; c++) {
    for (const row of values) {
      const v = row[c];
      if (typeof v === 'number' && Math.abs(v) <= SMALL_NUMBER) {
        out.push(c);
        break;
      }
    }
  }
  return out;
}

/**
 * Excel on the web refuses a request or a response over 5 MB by code (RequestPayloadSizeLimitExceeded,
 * ResponsePayloadSizeLimitExceeded), with a message in the user's display language: the code decides, the English
 * text is only a fallback for hosts that give no code.
 */
const PAYLOAD_CODES = new Set(['RequestPayloadSizeLimitExceeded', 'ResponsePayloadSizeLimitExceeded']);

function isPayloadTooLarge(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | undefined;
  return (
    (typeof e?.code === 'string' && PAYLOAD_CODES.has(e.code)) ||
    (typeof e?.message === 'string' && /payload size/i.test(e.message))
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
 * Reads every sheet's used values, the sheet markers and the document properties `qms.templates` and `qms.pack`
 * in two `context.sync` calls whatever the row count: the first learns names and sizes, the second loads every
 * sheet's values in row chunks small enough for Excel on the web's payload limit, all in one batch.
 */
export async function readWorkbook(context: Excel.RequestContext): Promise<{ input: WorkbookInput; stats: ReadStats }> {
  let syncs = 0;
  const worksheets = context.workbook.worksheets;
  let documentProperty = context.workbook.properties.custom.getItemOrNullObject(DOCUMENT_TEMPLATES_KEY);
  documentProperty.load('value');
  let packProperty = context.workbook.properties.custom.getItemOrNullObject(DOCUMENT_PACK_KEY);
  packProperty.load('value');
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
    packProperty = context.workbook.properties.custom.getItemOrNullObject(DOCUMENT_PACK_KEY);
    packProperty.load('value');
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

  const read = loads.map((entry) => ({ ...entry, values: entry.ranges.flatMap((c) => c.values) as unknown[][] }));
  const formats = await readPercentFormats(context, read);
  syncs += formats.syncs;

  let rows = 0;
  const sheets: SheetInput[] = read.map(({ probe: p, values, origin }) => {
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
  const pack = packProperty.isNullObject ? undefined : parsePackProperty(packProperty.value);
  const input: WorkbookInput = { sheets, ...(templates ? { templates } : {}), ...(pack ? { pack } : {}) };
  return { input, stats: { syncs, sheets: sheets.length, rows, requests: requests + formats.requests } };
}

/**
 * Marks the %-formatted numbers of the small-number columns (see SMALL_NUMBER) in place, as `{ value, numFmt }`
 * (the form the validator's toCell reads as a percentage). No candidate column: no extra sync. If even this
 * small load is refused for its size, the numbers stay plain: read as before, quoted as 0.5 rather than 50 %.
 */
async function readPercentFormats(
  context: Excel.RequestContext,
  read: { probe: SheetProbe; values: unknown[][]; origin?: { row: number; column: number } | undefined }[],
): Promise<{ syncs: number; requests: number }> {
  const wanted: { values: unknown[][]; column: number; range: () => Excel.Range; cells: number }[] = [];
  for (const { probe: p, values, origin } of read) {
    if (!origin || values.length === 0) continue;
    for (const column of smallNumberColumns(values))
      wanted.push({
        values,
        column,
        cells: values.length,
        range: () => p.sheet.getRangeByIndexes(origin.row - 1, origin.column - 1 + column, values.length, 1),
      });
  }
  let syncs = 0;
  let requests = 0;
  for (let start = 0; start < wanted.length;) {
    const batch: { entry: (typeof wanted)[number]; range: Excel.Range }[] = [];
    let cells = 0;
    while (
      start < wanted.length &&
      (batch.length === 0 || cells + (wanted[start]?.cells ?? 0) <= MAX_FORMAT_CELLS_PER_SYNC)
    ) {
      const entry = wanted[start++] as (typeof wanted)[number];
      const range = entry.range();
      range.load('numberFormat');
      batch.push({ entry, range });
      cells += entry.cells;
    }
    try {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per ~200,000 format strings keeps each response far below the 5 MB limit; nearly every workbook needs one
      await context.sync();
    } catch (error) {
      if (isPayloadTooLarge(error)) return { syncs: syncs + 1, requests };
      throw error;
    }
    syncs++;
    requests += batch.length;
    for (const { entry, range } of batch) {
      const codes = range.numberFormat as unknown[][];
      for (let r = 0; r < entry.values.length; r++) {
        const row = entry.values[r];
        const v = row?.[entry.column];
        const code = codes[r]?.[0];
        if (row && typeof v === 'number' && typeof code === 'string' && isPercentFormat(code, v))
          row[entry.column] = { value: v, numFmt: code };
      }
    }
  }
  return { syncs, requests };
}
