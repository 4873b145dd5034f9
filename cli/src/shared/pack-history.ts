import { readdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Pack } from '@qms/templates';
import { loadPack } from './pack-file.js';

/** A folder of pack files is a consultant's few versions, not an archive: past this many, name the file instead. */
const MAX_FILES = 200;

export type FoundPack = { ok: true; pack: Pack; file: string } | { ok: false; reason: string };

/**
 * Another version of a pack, as a consultant keeps them: the given file (`--from`), else a pack file beside
 * PACK.json (acme-consulting.v1.json next to acme-consulting.v2.json) whose id and version are the ones asked for.
 * Files that are not packs, or do not pass the pack's check, are passed over: only a match is used.
 */
export async function findPackVersion(
  want: { id: string; version: number },
  beside: string,
  cwd: string,
  named?: string,
): Promise<FoundPack> {
  const label = `${want.id} v${want.version}`;
  if (named !== undefined) {
    const loaded = await loadPack(named, cwd);
    if (!loaded.ok) return { ok: false, reason: loaded.lines.join('; ') };
    if (loaded.pack.id !== want.id || loaded.pack.version !== want.version)
      return {
        ok: false,
        reason: `${named} is ${loaded.pack.id} v${loaded.pack.version}, not the ${label} the workbook holds; name that version's file`,
      };
    return { ok: true, pack: loaded.pack, file: named };
  }
  const folder = dirname(resolve(cwd, beside));
  let names: string[];
  try {
    names = (await readdir(folder)).filter((n) => n.toLowerCase().endsWith('.json')).sort();
  } catch (error) {
    return { ok: false, reason: `the folder of ${beside} cannot be listed (${String(error)})` };
  }
  for (const name of names.slice(0, MAX_FILES)) {
    const path = join(folder, name);
    const loaded = await loadPack(path, cwd);
    if (loaded.ok && loaded.pack.id === want.id && loaded.pack.version === want.version)
      // Named as the user named PACK.json: its folder as they wrote it, then the file's name.
      return { ok: true, pack: loaded.pack, file: join(dirname(beside), name) };
  }
  return {
    ok: false,
    reason: `no file of ${label} was found beside ${beside}; put it there or name it with --from ${want.id}.v${want.version}.json`,
  };
}
