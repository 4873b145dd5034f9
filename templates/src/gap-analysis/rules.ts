import { hasErrors } from '../core/issues.js';
import { rowsToRecords, str, valuesOf } from '../core/rules-kit.js';
import type { TableSheetSpec } from '../core/spec.js';
import type { TableRead } from '../core/table.js';
import type { ParseContext, SheetReads, TemplateResult } from '../core/template.js';
import { gapAnalysisSpec, GAP_SHEET } from './spec.js';

const sheetSpec = gapAnalysisSpec.sheets[0] as TableSheetSpec;

// Generic reading only; the template's own rules of DESIGN §3 are added on top.
export function gapAnalysisRules(reads: SheetReads, _context: ParseContext): TemplateResult {
  const read = reads[GAP_SHEET] as TableRead | undefined;
  const result: TemplateResult = { templateId: gapAnalysisSpec.id, version: gapAnalysisSpec.version, records: [], issues: [] };
  if (!read) return result;
  result.issues.push(...read.issues);
  if (hasErrors(read.issues)) return result;
  const out = rowsToRecords(read.rows, 'gap', (r) => str(r, 'clause') ?? '', (r) => valuesOf(r, sheetSpec.columns));
  result.records.push(...out.records);
  result.issues.push(...out.issues);
  return result;
}
