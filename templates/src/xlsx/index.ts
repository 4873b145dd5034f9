// @qms/templates/xlsx: the .xlsx edge of the templates: build our own files (ExcelJS), read any writer's file
// into grids, and edit a user's package in place (docs/xlsx-reader.md). Kept out of the main entry so the task
// pane never bundles ExcelJS or the zip code.
export { buildTemplateWorkbook, DEFAULT_BRAND, type BuildOptions } from './build.js';
export { readWorkbook, XlsxReadError } from './read.js';
export { TEMPLATE_FILES, STARTER_FILE, buildTemplateFiles, type TemplateFile } from './files.js';
export { TEMPLATES_PROPERTY, SHEET_MARKER_PROPERTY } from './markers.js';
export { LISTS_SHEET, INLINE_LIST_LIMIT } from './validation.js';
export { FIXED_DATE } from './package.js';
export { readMarkers, writeMarkers, type Markers } from './markers.js';
export { deterministicZip } from './package.js';
export {
  withDocumentProperty,
  withSheetProperty,
  withWorksheet,
  type EditedPackage,
  type FormattedValue,
  type ConditionalFormatSpec,
  type SheetLayout,
} from './write/with-sheet.js';
export type { CellFormat, DifferentialFormat } from './write/styles-edit.js';
export type { SheetValue, WorksheetLayout, PageSetup } from './write/sheet-xml.js';
export { upgradePackage } from './write/upgrade-package.js';
export { buildPackFiles, packBuildOptions, packFiles } from './pack-build.js';
export { PACK_PROPERTY } from './markers.js';
