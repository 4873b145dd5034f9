import type { Issue } from './issues.js';
import type { QmsRecord } from './record.js';
import type { FieldsRead, SheetInput, TableRead } from './table.js';
import type { SheetSpec, TemplateSpec } from './spec.js';
import type { IsoDate } from './dates.js';

export interface ParseContext {
  /** The day the workbook is judged on (overdue checks); never read from a clock. */
  asOf: IsoDate;
  date1904: boolean;
}

/** What was read for each of a template's sheets, by the spec's sheet name; absent when the workbook lacks it. */
export type SheetReads = Record<string, TableRead | FieldsRead | undefined>;

export interface TemplateResult {
  templateId: string;
  version: number;
  records: QmsRecord[];
  issues: Issue[];
}

/** A template's result before its rules add anything: no records, no issues. */
export function emptyResult(spec: Pick<TemplateSpec, 'id' | 'version'>): TemplateResult {
  return { templateId: spec.id, version: spec.version, records: [], issues: [] };
}

/** A template: its spec as data, and the rules that turn its sheets into records. */
export interface TemplateModule {
  spec: TemplateSpec;
  /** Applies the template's rules to the typed rows; returns records and every issue (row and sheet level). */
  rules(reads: SheetReads, context: ParseContext): TemplateResult;
  /** Writes records back into sheet grids (header row first), the inverse of parsing, for round trips and demos. */
  toGrids(records: readonly QmsRecord[]): Record<string, unknown[][]>;
  /**
   * How well a sheet fits one of this template's sheets, for layouts the header score cannot see (period or month
   * headings as columns); 0 when it does not fit. Recognition takes the higher of this and the header score.
   */
  sheetScore?(sheet: SheetInput, spec: SheetSpec): number;
}
