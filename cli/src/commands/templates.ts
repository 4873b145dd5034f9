import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { buildTemplateFiles } from '@qms/templates/xlsx';
import { EXIT, type Io } from '../io.js';
import { commandArgs } from '../shared/args.js';

const USAGE = 'Usage: qms templates [--brand TEXT] [--out DIR]   (DIR defaults to the current folder)\n';

/** `qms templates`: writes one .xlsx per template plus the QMS Starter workbook with all of them. */
export async function templates(args: string[], io: Io): Promise<number> {
  const parsed = commandArgs(
    'templates',
    USAGE,
    { args, allowPositionals: false, options: { brand: { type: 'string' }, out: { type: 'string' } } },
    io,
  );
  if (typeof parsed === 'number') return parsed;
  const brand = parsed.values.brand?.trim();
  if (brand !== undefined && brand === '') {
    io.stderr('qms templates: --brand is empty; give the text for the brand row, e.g. --brand "Acme Quality"\n');
    return EXIT.unusable;
  }
  const out = resolve(io.cwd, parsed.values.out ?? '.');
  const shown = (path: string) => relative(io.cwd, path) || '.';
  try {
    await mkdir(out, { recursive: true });
    const files = await buildTemplateFiles(brand === undefined ? {} : { brand });
    for (const { file, bytes } of files) {
      const path = join(out, file.file);
      await writeFile(path, bytes);
      io.stdout(`wrote ${shown(path)}  (${file.title})\n`);
    }
    io.stdout(
      `${files.length} files in ${shown(out)}${brand === undefined ? '' : `, branded "${brand}"`}. Check a filled-in file with: qms check FILE.xlsx\n`,
    );
    return EXIT.ok;
  } catch (error) {
    io.stderr(
      `qms templates: cannot write to ${shown(out)} (${error instanceof Error ? error.message : String(error)})\n`,
    );
    return EXIT.unusable;
  }
}
