import { hasErrors } from '../core/issues.js';
import { makeRecord } from '../core/record.js';
import type { FieldsRead } from '../core/table.js';
import type { ParseContext, SheetReads, TemplateResult } from '../core/template.js';
import { PROFILE_SHEET, qmsProfileSpec } from './spec.js';

// Generic reading only; the template's own rules of DESIGN §3.1 are added on top.
export function qmsProfileRules(reads: SheetReads, _context: ParseContext): TemplateResult {
  const read = reads[PROFILE_SHEET] as FieldsRead | undefined;
  const result: TemplateResult = { templateId: qmsProfileSpec.id, version: qmsProfileSpec.version, records: [], issues: [] };
  if (!read) return result;
  result.issues.push(...read.issues, ...read.row.issues);
  if (hasErrors(result.issues)) return result;
  result.records.push(makeRecord('profile', 'profile', { ...read.row.values }, { sheet: read.sheet, row: read.headerRow + 1 }, read.row.issues));
  return result;
}
