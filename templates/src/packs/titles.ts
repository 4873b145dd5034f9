import type { TemplateModule } from '../core/template.js';
import { CRITERIA_SHEET } from '../supplier-evaluation/spec.js';

/** The brand row's text of the product's own files (a pack's brand name replaces it). */
export const DEFAULT_BRAND = 'QMS Readiness for Excel';

/**
 * Spec sheets that get no sheet of their own: the supplier criteria live in a block on the Supplier Evaluation
 * sheet (the parser also accepts them on a separate sheet, but the template keeps them next to the scores).
 */
export const NOT_BUILT: ReadonlySet<string> = new Set([CRITERIA_SHEET]);

/**
 * The title the builder prints above a sheet (its title row): the pack's, else the template's title (with the
 * sheet's name when the template has more than one sheet). Undefined for a sheet that is not built. The builder
 * and the pack upgrade both read it, so an upgrade recognises the title it is replacing.
 */
export function builtSheetTitle(
  module: TemplateModule,
  specSheet: string,
  sheetTitles: Readonly<Record<string, string>> = {},
): string | undefined {
  const built = module.spec.sheets.filter((s) => !NOT_BUILT.has(s.name));
  if (!built.some((s) => s.name === specSheet)) return undefined;
  return sheetTitles[specSheet] ?? (built.length > 1 ? `${module.spec.title}: ${specSheet}` : module.spec.title);
}
