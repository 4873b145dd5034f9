import type { TemplateModule } from '../core/template.js';
import { STARTER_MODULES, TEMPLATE_MODULES } from '../registry.js';
import { buildTemplateWorkbook, type BuildOptions } from './build.js';

export interface TemplateFile {
  /** File name, e.g. `capa-log.xlsx`. */
  file: string;
  title: string;
  modules: readonly TemplateModule[];
}

export const STARTER_FILE = 'qms-starter.xlsx';

/** The files `qms templates` and the generator write: one per template, then the QMS Starter with the starter's. */
export const TEMPLATE_FILES: readonly TemplateFile[] = [
  ...TEMPLATE_MODULES.map((m) => ({ file: `${m.spec.id}.xlsx`, title: m.spec.title, modules: [m] })),
  { file: STARTER_FILE, title: 'QMS Starter', modules: STARTER_MODULES },
];

export async function buildTemplateFiles(
  options: BuildOptions = {},
): Promise<{ file: TemplateFile; bytes: Uint8Array }[]> {
  const out: { file: TemplateFile; bytes: Uint8Array }[] = [];
  // One at a time: each build holds a whole workbook in memory, and the machine may be small.
  for (const file of TEMPLATE_FILES) out.push({ file, bytes: await buildTemplateWorkbook(file.modules, options) });
  return out;
}
