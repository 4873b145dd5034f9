import { findTemplate, type WorkbookResult } from '@qms/templates';

/**
 * Record types the workbook holds in full: their template was read and none of its rows had an error. Only
 * these are sent as complete snapshots (which delete stored records the workbook no longer lists), so a row
 * that fails validation never deletes its stored record.
 */
export function completeTypes(result: WorkbookResult): string[] {
  const types = new Set<string>();
  for (const template of result.templates) {
    if (template.issues.some((i) => i.severity === 'error')) continue;
    const module = findTemplate(template.templateId);
    for (const sheet of module?.spec.sheets ?? []) types.add(sheet.recordType);
    for (const record of template.records) types.add(record.type);
  }
  return [...types];
}
