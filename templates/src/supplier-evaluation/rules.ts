import { hasErrors } from '../core/issues.js';
import { rowsToRecords, str, valuesOf } from '../core/rules-kit.js';
import type { TableSheetSpec } from '../core/spec.js';
import type { TableRead } from '../core/table.js';
import type { ParseContext, SheetReads, TemplateResult } from '../core/template.js';
import { supplierEvaluationSpec, SUPPLIER_SHEET } from './spec.js';

const sheetSpec = supplierEvaluationSpec.sheets[0] as TableSheetSpec;

// Generic reading only; the template's own rules of DESIGN §3 are added on top.
export function supplierEvaluationRules(reads: SheetReads, _context: ParseContext): TemplateResult {
  const read = reads[SUPPLIER_SHEET] as TableRead | undefined;
  const result: TemplateResult = { templateId: supplierEvaluationSpec.id, version: supplierEvaluationSpec.version, records: [], issues: [] };
  if (!read) return result;
  result.issues.push(...read.issues);
  if (hasErrors(read.issues)) return result;
  const out = rowsToRecords(read.rows, 'supplier', (r) => str(r, 'supplierId') ?? '', (r) => valuesOf(r, sheetSpec.columns));
  result.records.push(...out.records);
  result.issues.push(...out.issues);
  return result;
}
