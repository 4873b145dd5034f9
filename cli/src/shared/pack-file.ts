import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { checkPack, type Pack } from '@qms/templates';

/** A pack's JSON is small: a few columns, words and a logo of at most 64 KiB. */
const MAX_PACK_FILE_BYTES = 1024 * 1024;

export type LoadedPack = { ok: true; pack: Pack } | { ok: false; lines: string[] };

/** Reads and checks a pack file; every problem is a line naming the file and the JSON path. */
export async function loadPack(file: string, cwd: string): Promise<LoadedPack> {
  let text: string;
  try {
    const bytes = await readFile(resolve(cwd, file));
    if (bytes.length > MAX_PACK_FILE_BYTES)
      return {
        ok: false,
        lines: [`${file}: the file has ${bytes.length} bytes; a pack is at most 1 MiB (shrink the logo)`],
      };
    text = bytes.toString('utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      ok: false,
      lines: [
        code === 'ENOENT' ? `${file}: no such file; check the path` : `${file} cannot be read (${String(error)})`,
      ],
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return {
      ok: false,
      lines: [
        `${file}: not valid JSON (${error instanceof Error ? error.message : String(error)}); fix the syntax and build again`,
      ],
    };
  }
  const checked = checkPack(json);
  if (checked.ok) return { ok: true, pack: checked.pack };
  return {
    ok: false,
    lines: checked.issues.map((i) => `${file}: ${i.path === '' ? '(top level)' : i.path}: ${i.message}`),
  };
}
