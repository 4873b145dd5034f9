// Template versions: which sheets are outdated, and how to bring them up to date (pure: grids and markers in, writes out).
export { retiredHeader, retiredHeaderAs, type ColumnChange, type Migration, type SheetMigration } from './migration.js';
export { SHIPPED_MIGRATIONS, VersionRegistry, versionRegistry } from './registry.js';
export { describeVersionNote, outdatedTemplates, templateVersionNotes, type TemplateVersionNote } from './outdated.js';
export {
  applyWrites,
  planSheetUpgrade,
  planStepsUpgrade,
  planUpgrade,
  upgradeWorkbookInput,
  type CellWrite,
  type SheetUpgrade,
  type UpgradeSteps,
  type WorkbookUpgrade,
} from './plan.js';
