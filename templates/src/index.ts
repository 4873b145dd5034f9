// Public surface of @qms/templates: pure (no Office.js, no network, no clock, no ExcelJS).
export * from './core/cells.js';
export * from './core/dates.js';
export * from './core/hash.js';
export * from './core/issues.js';
export * from './core/lists.js';
export * from './core/record.js';
export * from './core/spec.js';
export * from './core/table.js';
export * from './core/template.js';
export * from './core/values.js';
export * from './core/workbook.js';
export * from './catalogue/iso9001-2015.js';
export * from './schemas.js';
export * from './capa-log/index.js';
