import { TEMPLATE_MODULES, findHeaderRow, recognise, type WorkbookInput } from '@qms/templates';
import { columnLetters } from '../office/address.ts';
import type { SyncTotals } from '@qms/client';

/** A cell the pane can select: sheet, local address and the `Sheet!A1` label people read. */
export interface CellPlace {
  sheet: string;
  address: string;
  label: string;
}

export interface RejectedIssue {
  message: string;
  /** Where the issue points, when the server named the sheet and row (the column too when the field has one). */
  place?: CellPlace;
}

export interface RejectedEntry {
  key: string;
  /** "capa CAPA-7": record type and id, as the server named them. */
  title: string;
  issues: RejectedIssue[];
}

/**
 * An issue as it arrives: the contract says a RecordIssue, but the wire is not trusted, so only `message` is
 * counted on and every other field is checked before use.
 */
type WireIssue = Partial<SyncTotals['rejected'][number]['issues'][number]> & { message: string };
type WireRejected = { type?: string; id: string; issues: readonly WireIssue[] };

/** The fields of a server issue (functions' RecordIssue) or a workbook Issue, read loosely: the wire is not trusted. */
function fieldsOf(issue: WireIssue): { sheet?: string; row?: number; field?: string; address?: string } {
  const raw = issue as Record<string, unknown>;
  return {
    ...(typeof raw.sheet === 'string' ? { sheet: raw.sheet } : {}),
    ...(typeof raw.row === 'number' && Number.isInteger(raw.row) && raw.row > 0 ? { row: raw.row } : {}),
    ...(typeof raw.field === 'string' ? { field: raw.field } : {}),
    ...(typeof raw.address === 'string' ? { address: raw.address } : {}),
  };
}

/**
 * The column of `field` on the sheet as the workbook holds it now: the header row is found as the parser finds
 * it. The server says `id` for the record's key, which is the sheet's first `…Id` column (CAPA ID, KPI ID…).
 */
function columnOf(input: WorkbookInput | undefined, sheetName: string, field: string | undefined): number | undefined {
  const sheet = input?.sheets.find((s) => s.name === sheetName);
  if (!sheet || field === undefined) return undefined;
  const found = recognise(sheet, TEMPLATE_MODULES);
  const spec = TEMPLATE_MODULES.find((m) => m.spec.id === found?.templateId)?.spec.sheets.find(
    (s) => s.name === found?.specSheet,
  );
  if (!spec || spec.kind !== 'table') return undefined;
  const key = field === 'id' ? spec.columns.find((c) => /Id$/.test(c.key))?.key : field;
  const header = key === undefined ? undefined : findHeaderRow(sheet.values, spec.columns);
  const index = key === undefined ? undefined : header?.matches.get(key);
  return index === undefined ? undefined : (sheet.origin?.column ?? 1) + index;
}

/** Where an issue points: its own address, else sheet + row (+ the field's column when it can be found). */
export function placeOf(issue: WireIssue, input?: WorkbookInput): CellPlace | undefined {
  const f = fieldsOf(issue);
  if (f.sheet === undefined) return undefined;
  if (f.address !== undefined && /^[A-Z]{1,3}\d+$/.test(f.address))
    return { sheet: f.sheet, address: f.address, label: `${f.sheet}!${f.address}` };
  if (f.row === undefined) return undefined;
  const column = columnOf(input, f.sheet, f.field);
  if (column === undefined) return { sheet: f.sheet, address: `A${f.row}`, label: `${f.sheet} row ${f.row}` };
  const address = `${columnLetters(column)}${f.row}`;
  return { sheet: f.sheet, address, label: `${f.sheet}!${address}` };
}

/** The records a 422 `records-rejected` named, each with its issues and their cells, ready to list. */
export function describeRejected(rejected: readonly WireRejected[], input?: WorkbookInput): RejectedEntry[] {
  return rejected.map((r, i) => ({
    key: `${r.type ?? ''}~${r.id}~${i}`,
    title: r.type ? `${r.type} ${r.id}` : r.id,
    issues: (Array.isArray(r.issues) ? (r.issues as readonly WireIssue[]) : []).map((issue) => {
      const place = placeOf(issue, input);
      return { message: typeof issue.message === 'string' ? issue.message : 'no message', ...(place ? { place } : {}) };
    }),
  }));
}
