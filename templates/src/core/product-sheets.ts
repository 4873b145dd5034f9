/**
 * Sheets the product writes itself and never reads as registers: the managers' summary (written by the pane and
 * `qms assess --summary` from the engine's rows) and the template files' hidden drop-down lists.
 */
export const SUMMARY_SHEET = 'QMS Readiness';
export const LISTS_SHEET = 'Lists';

/**
 * A sheet the product wrote: the two above, or a second summary the pane wrote beside a manager's own "QMS Readiness"
 * ("QMS Readiness (2)", "(3)"… when the user chose not to replace it). Excel compares sheet names without case.
 */
export function isProductSheet(name: string): boolean {
  const lower = name.toLowerCase();
  if (lower === LISTS_SHEET.toLowerCase()) return true;
  const summary = SUMMARY_SHEET.toLowerCase();
  return lower === summary || (lower.startsWith(`${summary} (`) && /^\(\d+\)$/.test(lower.slice(summary.length + 1)));
}
