/**
 * Everything the pane does with a consultant's pack (docs/architecture.md, Template packs): check its JSON, build its
 * files, check a workbook with its extra columns, and plan an upgrade between two versions. Loaded on demand
 * (org-pack.ts imports it dynamically): the zod pack schema and the ExcelJS builder stay out of the pane's first
 * load (docs/architecture.md, Budgets).
 */
import {
  checkPack,
  packChanges,
  packParseModules,
  planPackUpgrade,
  type IsoDate,
  type Pack,
  type PackChange,
  type PackUpgrade,
  type WorkbookInput,
  type WorkbookResult,
  parseWorkbook,
} from '@qms/templates';
import { buildTemplateWorkbook, packBuildOptions, packFiles } from '@qms/templates/xlsx';
import { markersOf, versionsOf, type TemplateChoice } from '../templates/catalogue.ts';

/** The pack in the server's answer, checked again against this pane's templates; or what is wrong with it. */
export function checkedPack(content: unknown): { ok: true; pack: Pack } | { ok: false; problem: string } {
  const checked = checkPack(content);
  if (checked.ok) return checked;
  const shown = checked.issues.slice(0, 3).map((i) => `${i.path || '(the pack)'} ${i.message}`);
  const more = checked.issues.length > shown.length ? ` and ${checked.issues.length - shown.length} more` : '';
  return { ok: false, problem: `${shown.join('; ')}${more}` };
}

/** A pack file the Templates view offers: the product's choice shape, plus the file it is built as. */
export interface PackChoice extends TemplateChoice {
  file: string;
}

/** The pack's files as choices: the workbook with all its starter templates first (when it has one), then each. */
export function packChoices(pack: Pack): PackChoice[] {
  const files = packFiles(pack);
  const combined = files.filter((f) => f.modules.length > 1);
  return [...combined, ...files.filter((f) => f.modules.length === 1)].map((f) => ({
    id: f.file.replace(/\.xlsx$/, ''),
    file: f.file,
    title: f.title,
    description:
      f.modules.length === 1
        ? (f.modules[0]?.spec.description ?? '')
        : `All ${f.modules.length} templates of the pack in one workbook: ${f.modules.map((m) => m.spec.title).join(', ')}.`,
    modules: f.modules,
  }));
}

/** Base64 of bytes without Node's Buffer (the pane runs in a browser); in slices, as apply() takes only so many. */
function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/** What inserting one pack file needs: the built file, the sheets' markers, the templates and the pack's stamp. */
export async function buildPackInsert(pack: Pack, choice: PackChoice) {
  const bytes = await buildTemplateWorkbook(choice.modules, packBuildOptions(pack));
  return {
    file: { id: choice.id, base64: toBase64(bytes) },
    markers: markersOf(choice.modules),
    templates: versionsOf(choice.modules),
    pack: { id: pack.id, version: pack.version },
  };
}

/** The check of a workbook from a pack: the product's templates, those the pack includes with its extra columns. */
export function checkWithPack(input: WorkbookInput, pack: Pack, asOf: IsoDate): WorkbookResult {
  return parseWorkbook(input, packParseModules(pack), { asOf });
}

/** What changes from the workbook's version to the offered one, and the plan of the in-place upgrade. */
export function packUpgradeOffer(
  input: WorkbookInput,
  from: Pack,
  to: Pack,
): { changes: PackChange[]; plan: PackUpgrade } {
  return { changes: packChanges(from, to), plan: planPackUpgrade(input, from, to) };
}
