import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { buildPackFiles } from '@qms/templates/xlsx';
import { EXIT, type Io } from '../io.js';
import { commandArgs } from '../shared/args.js';
import { loadPack } from '../shared/pack-file.js';
import { ASSIGN_USAGE, packAssign, packPublish, PUBLISH_USAGE } from './pack-publish.js';

const USAGE = 'Usage: qms pack build PACK.json [--out DIR]   (DIR defaults to the current folder)\n';
const ALL_USAGE = `${USAGE}${PUBLISH_USAGE}${ASSIGN_USAGE}`;

/** `qms pack SUBCOMMAND`: a consultant's template packs. Only `build` runs on this machine alone. */
export async function pack(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'build') return build(rest, io);
  if (sub === 'publish') return packPublish(rest, io);
  if (sub === 'assign') return packAssign(rest, io);
  if (sub === '--help' || sub === '-h') {
    io.stdout(ALL_USAGE);
    return EXIT.ok;
  }
  io.stderr(`qms pack: ${sub === undefined ? 'name what to do' : `unknown subcommand "${sub}"`}\n${ALL_USAGE}`);
  return EXIT.unusable;
}

async function build(args: string[], io: Io): Promise<number> {
  const parsed = commandArgs(
    'pack build',
    USAGE,
    { args, allowPositionals: true, options: { out: { type: 'string' } } },
    io,
  );
  if (typeof parsed === 'number') return parsed;
  const [file, ...extra] = parsed.positionals;
  if (file === undefined || extra.length > 0) {
    io.stderr(
      `qms pack build: ${file === undefined ? 'name the pack file (PACK.json)' : `one pack at a time (got ${parsed.positionals.length})`}\n${USAGE}`,
    );
    return EXIT.unusable;
  }
  const loaded = await loadPack(file, io.cwd);
  if (!loaded.ok) {
    io.stderr(`${loaded.lines.map((l) => `qms pack build: ${l}`).join('\n')}\n`);
    return EXIT.unusable;
  }
  const { pack: checked } = loaded;
  const out = resolve(io.cwd, parsed.values.out ?? '.');
  const shown = (path: string) => relative(io.cwd, path) || '.';
  try {
    await mkdir(out, { recursive: true });
    const files = await buildPackFiles(checked);
    for (const { file: f, bytes } of files) {
      const path = join(out, f.file);
      await writeFile(path, bytes);
      io.stdout(`wrote ${shown(path)}  (${f.title})\n`);
    }
    io.stdout(
      `${files.length} files of pack ${checked.id} v${checked.version} in ${shown(out)}. Check a filled-in file with: qms check FILE.xlsx\n`,
    );
    return EXIT.ok;
  } catch (error) {
    io.stderr(
      `qms pack build: cannot write to ${shown(out)} (${error instanceof Error ? error.message : String(error)})\n`,
    );
    return EXIT.unusable;
  }
}
