/**
 * Sheets the product writes itself and never reads as registers: the managers' summary (written by the pane and
 * `qms assess --summary` from the engine's rows) and the template files' hidden drop-down lists.
 */
export const SUMMARY_SHEET = 'QMS Readiness';
export const LISTS_SHEET = 'Lists';
export const PRODUCT_SHEETS: ReadonlySet<string> = new Set([SUMMARY_SHEET, LISTS_SHEET]);
