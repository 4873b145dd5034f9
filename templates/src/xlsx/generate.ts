/**
 * Writes the committed template files, templates/xlsx/*.xlsx, from the specs:
 *   npm run build:xlsx -w templates
 * A test compares the committed files with a fresh build, so run this after changing a spec or the builder.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildTemplateFiles } from './files.js';

export const XLSX_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'xlsx');

await mkdir(XLSX_DIR, { recursive: true });
for (const { file, bytes } of await buildTemplateFiles()) {
  const path = join(XLSX_DIR, file.file);
  await writeFile(path, bytes);
  process.stdout.write(`wrote ${relative(process.cwd(), path)} (${file.title}, ${bytes.length} bytes)\n`);
}
