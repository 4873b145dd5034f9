/**
 * Templates are described as data: the builder makes the .xlsx from it and the parser reads grids with it.
 * One spec per template folder; nothing here knows about a particular template.
 */
export type ColumnType = 'text' | 'number' | 'integer' | 'date' | 'list' | 'yesno' | 'formula';

export interface ColumnSpec {
  /** Property name in the record's data. */
  key: string;
  /** Header text as printed in the template. */
  header: string;
  /** Other header texts recognised for this column (case, spaces and punctuation are ignored anyway). */
  aliases?: readonly string[];
  /**
   * Header texts that probably mean this column but are too loose to read it by ("Created" for Date opened):
   * named as a guess in the missing-column message, never applied without a mapping.
   */
  hints?: readonly string[];
  type: ColumnType;
  /** Allowed values for `list` columns, in canonical spelling. */
  list?: readonly string[];
  required?: boolean;
  /** Inclusive numeric bounds for number/integer columns. */
  min?: number;
  max?: number;
  /** Exclusive lower bound (e.g. capacity must be > 0). */
  greaterThan?: number;
  /** Value used when the cell is blank (applied after the required check). */
  defaultValue?: string | number | boolean;
  /** Column width in the generated .xlsx (characters). */
  width?: number;
  /** Input hint shown by the data validation prompt. */
  hint?: string;
  /**
   * A consultant's guidance for the column (a pack's): the input prompt of every input cell, list or not, in place of
   * the hint. The product's own specs leave it unset.
   */
  guidance?: string;
}

/** A sheet holding a table: a header row, then one record per data row. */
export interface TableSheetSpec {
  kind: 'table';
  name: string;
  recordType: string;
  columns: readonly ColumnSpec[];
}

/** A two-column Field | Value sheet: one record for the whole sheet (the QMS Profile). */
export interface FieldSheetSpec {
  kind: 'fields';
  name: string;
  recordType: string;
  fieldHeader: string;
  valueHeader: string;
  fields: readonly ColumnSpec[];
}

export type SheetSpec = TableSheetSpec | FieldSheetSpec;

export interface TemplateSpec {
  id: string;
  version: number;
  title: string;
  description: string;
  sheets: readonly SheetSpec[];
}

export function templateRef(spec: Pick<TemplateSpec, 'id' | 'version'>): string {
  return `${spec.id}@${spec.version}`;
}

/** Header texts are compared without case, spaces or punctuation: "Due  date", "due-date" and "DueDate" match. */
export function normaliseHeader(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9%]/g, '');
}
