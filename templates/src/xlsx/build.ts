import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { TemplateModule } from '../core/template.js';
import { markerFor } from '../core/workbook.js';
import { builtSheetTitle, DEFAULT_BRAND, NOT_BUILT } from '../packs/titles.js';
import { writeFieldsSheet } from './fields-sheet.js';
import { howToFor } from './how-to.js';
import { writeMarkers, type Markers } from './markers.js';
import { FIXED_DATE, deterministicZip } from './package.js';
import { applyPrimary, placeLogo, type Look } from './look.js';
import { HEADER_ARGB, writeTitleRows } from './style.js';
import { writeTableSheet, type CriteriaRows } from './table-sheet.js';
import { ListStore } from './validation.js';

export interface BuildOptions {
  /** Text of the brand row above every title (a consultancy's or the organisation's name). */
  brand?: string;
  /** The rest is what a consultant's pack sets (xlsx/pack-build.ts); the product's own files use none of it. */
  /** Title printed above a sheet, by spec sheet name, in place of the template's title. */
  sheetTitles?: Readonly<Record<string, string>>;
  /** The supplier criteria block's rows (criterion, weight %), in place of the default weights. */
  criteria?: CriteriaRows;
  look?: Look;
  /** The pack the files are built from, recorded as the document property `qms.pack`. */
  pack?: { id: string; version: number };
  /** Spec sheet name → `qms.mapping` JSON written on that sheet (a pack's value words). */
  mappings?: Readonly<Record<string, string>>;
}

// The brand row's text and the sheets not built live with the titles (packs/titles.ts): a pack upgrade reads them too.
export { DEFAULT_BRAND } from '../packs/titles.js';

/**
 * Builds an .xlsx holding the given templates, one sheet per spec sheet, in the given order. Plain on purpose:
 * values, styles, tables and data validation only (no charts or comments, which Office's sheet import rejects).
 * Deterministic: the same specs and brand give the same bytes.
 */
export async function buildTemplateWorkbook(
  modules: readonly TemplateModule[],
  options: BuildOptions = {},
): Promise<Uint8Array> {
  const brand = options.brand?.trim() || DEFAULT_BRAND;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = brand;
  workbook.lastModifiedBy = brand;
  workbook.created = FIXED_DATE;
  workbook.modified = FIXED_DATE;
  workbook.title = modules.length === 1 ? (modules[0]?.spec.title ?? '') : 'QMS Starter';
  // Score formulas ship without cached results; Excel computes them when the file opens.
  workbook.calcProperties.fullCalcOnLoad = true;

  const lists = new ListStore();
  const markers: Markers = {
    templates: {},
    sheets: {},
    ...(options.pack ? { pack: options.pack } : {}),
    ...(options.mappings ? { mappings: {} } : {}),
  };
  const look = options.look ?? {};
  const logo = look.logo ? workbook.addImage({ base64: look.logo.base64, extension: 'png' }) : undefined;
  for (const module of modules) {
    markers.templates[module.spec.id] = module.spec.version;
    const built = module.spec.sheets.filter((spec) => !NOT_BUILT.has(spec.name));
    for (const spec of built) {
      const sheet = workbook.addWorksheet(spec.name, { properties: { tabColor: { argb: HEADER_ARGB } } });
      const title = builtSheetTitle(module, spec.name, options.sheetTitles) ?? spec.name;
      writeTitleRows(sheet, brand, title, howToFor(spec.name, module.spec.description));
      if (spec.kind === 'table') writeTableSheet(sheet, spec, lists, options.criteria);
      else writeFieldsSheet(sheet, spec, lists);
      if (look.primary) applyPrimary(sheet, look.primary);
      if (look.accent) sheet.getCell(1, 1).font = { ...sheet.getCell(1, 1).font, color: { argb: look.accent } };
      if (look.logo && logo !== undefined) placeLogo(sheet, logo, look.logo);
      markers.sheets[spec.name] = markerFor(module, spec);
      const mapping = options.mappings?.[spec.name];
      if (mapping !== undefined && markers.mappings) markers.mappings[spec.name] = mapping;
    }
  }
  lists.finish(workbook);
  const buffer = await workbook.xlsx.writeBuffer();
  const zip = await JSZip.loadAsync(buffer);
  await writeMarkers(zip, markers);
  return deterministicZip(zip);
}
