// Consultants' template packs (docs/architecture.md, Template packs): the pack as data, its checks against the
// product's templates, and the templates as a pack has them. The .xlsx builder is in ../xlsx/pack-build.ts.
export * from './schema.js';
export * from './issues.js';
export { checkPack, extraSheetOf, type PackCheck } from './rules.js';
export { extraColumnSpec, extraOf, extraSpecKey } from './columns.js';
export { packModule, packModules, packParseModules } from './modules.js';
export { decodeBase64, pngSize } from './png.js';
export {
  packChanges,
  packWeights,
  placedColumns,
  type PackChange,
  type PackChangeKind,
  type PlacedColumn,
} from './changes.js';
export {
  packMigrations,
  packVersionName,
  planPackUpgrade,
  upgradePackWorkbookInput,
  type PackUpgrade,
} from './upgrade.js';
export { columnsOnWorkbookPack, sharedColumnsPack } from './shared-columns.js';
export { builtSheetTitle, DEFAULT_BRAND } from './titles.js';
