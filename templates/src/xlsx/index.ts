// @qms/templates/xlsx: the ExcelJS edge of the templates (build .xlsx files, read them into grids). Kept out of
// the main entry so the task pane never bundles ExcelJS.
export { buildTemplateWorkbook, DEFAULT_BRAND, type BuildOptions } from './build.js';
export { readWorkbook, XlsxReadError } from './read.js';
export { TEMPLATE_FILES, STARTER_FILE, buildTemplateFiles, type TemplateFile } from './files.js';
export { TEMPLATES_PROPERTY, SHEET_MARKER_PROPERTY } from './markers.js';
export { LISTS_SHEET, INLINE_LIST_LIMIT } from './validation.js';
export { FIXED_DATE } from './package.js';
export { readMarkers, writeMarkers, type Markers } from './markers.js';
export { deterministicZip } from './package.js';
export { withWorksheet, type EditedPackage, type FormattedValue } from './write/with-sheet.js';
export type { CellFormat } from './write/styles-edit.js';
export type { SheetValue, WorksheetLayout } from './write/sheet-xml.js';
export { upgradePackage } from './write/upgrade-package.js';
