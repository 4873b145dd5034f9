import { headerMatchKey } from '../core/headers.js';
import { serialiseSheetMapping } from '../core/mapping.js';
import { STARTER_MODULES } from '../registry.js';
import { packModules } from '../packs/modules.js';
import { decodeBase64, pngSize } from '../packs/png.js';
import type { Pack } from '../packs/schema.js';
import { buildTemplateWorkbook, type BuildOptions } from './build.js';
import { argbOf, type Look } from './look.js';
import type { TemplateFile } from './files.js';

/** A pack's look: colours as ARGB, the logo with its size (the pack's check has made sure it is a PNG). */
function lookOf(pack: Pack): Look {
  const brand = pack.brand;
  const colours = brand?.colours;
  const png = brand?.logo?.png;
  const size = png === undefined ? undefined : pngSize(decodeBase64(png) ?? new Uint8Array());
  return {
    ...(colours?.primary ? { primary: argbOf(colours.primary) } : {}),
    ...(colours?.accent ? { accent: argbOf(colours.accent) } : {}),
    ...(png !== undefined && size ? { logo: { base64: png, ...size } } : {}),
  };
}

/** A pack's value words as the `qms.mapping` of each sheet holding those columns (applied as a mapping's are). */
function mappingsOf(pack: Pack): Record<string, string> {
  const out: Record<string, string> = {};
  for (const module of packModules(pack)) {
    const words = pack.vocabularies[module.spec.id];
    if (!words) continue;
    for (const sheet of module.spec.sheets) {
      if (sheet.kind !== 'table') continue;
      const values = Object.fromEntries(
        Object.entries(words).flatMap(([name, map]) => {
          const column =
            sheet.columns.find((c) => c.key === name) ??
            sheet.columns.find((c) => headerMatchKey(c.header) === headerMatchKey(name));
          return column && column.type === 'list' ? [[column.key, map]] : [];
        }),
      );
      if (Object.keys(values).length === 0) continue;
      out[sheet.name] = serialiseSheetMapping({ template: module.spec.id, sheet: sheet.name, columns: {}, values });
    }
  }
  return out;
}

/** The build options a pack gives every one of its files. */
export function packBuildOptions(pack: Pack): BuildOptions {
  const mappings = mappingsOf(pack);
  return {
    ...(pack.brand ? { brand: pack.brand.name } : {}),
    sheetTitles: pack.sheetTitles,
    ...(pack.supplierCriteria
      ? { criteria: pack.supplierCriteria.map((c) => [c.criterion, c.weightPct] as const) }
      : {}),
    look: lookOf(pack),
    pack: { id: pack.id, version: pack.version },
    ...(Object.keys(mappings).length > 0 ? { mappings } : {}),
  };
}

/** The files of a pack: one per template it includes, then one workbook with every starter template it includes. */
export function packFiles(pack: Pack): TemplateFile[] {
  const modules = packModules(pack);
  const starter = STARTER_MODULES.flatMap((s) => modules.filter((m) => m.spec.id === s.spec.id));
  const files: TemplateFile[] = modules.map((m) => ({ file: `${m.spec.id}.xlsx`, title: m.spec.title, modules: [m] }));
  if (starter.length > 1) files.push({ file: `${pack.id}-v${pack.version}.xlsx`, title: pack.title, modules: starter });
  return files;
}

/**
 * Builds a checked pack's files (see packs/rules.ts: build only what checkPack accepted). Deterministic like the
 * product's: the same pack gives the same bytes.
 */
export async function buildPackFiles(pack: Pack): Promise<{ file: TemplateFile; bytes: Uint8Array }[]> {
  const options = packBuildOptions(pack);
  const out: { file: TemplateFile; bytes: Uint8Array }[] = [];
  // One at a time, as buildTemplateFiles does: each build holds a whole workbook in memory.
  for (const file of packFiles(pack)) out.push({ file, bytes: await buildTemplateWorkbook(file.modules, options) });
  return out;
}
