import { resolve } from 'node:path';
import { planUpgrade, versionRegistry } from '@qms/templates';
import { EXIT, type Io } from '../io.js';
import { commandArgs } from '../shared/args.js';
import { outputKindProblem } from '../shared/output-kind.js';
import { loadWorkbookFile } from '../shared/workbook-file.js';
import { writeUpgraded } from '../shared/write-upgraded.js';
import { upgradePack } from './upgrade-pack.js';

const USAGE =
  'Usage: qms upgrade FILE.xlsx --out NEW.xlsx (an .xlsm gives an .xlsm)\n' +
  '       qms upgrade FILE.xlsx --pack PACK.json --out NEW.xlsx [--from OLD.json]   (to the pack version in PACK.json)\n';

/**
 * `qms upgrade`: writes a copy of the workbook in which every outdated template sheet is brought to the version
 * this qms ships (header cells rewritten, new columns appended and filled, markers updated). Every data row and
 * every cell value is kept, and every part of the package besides the upgraded sheets, their tables and the
 * markers reaches the copy as it was (charts, pivots, macros, comments); the input file is never written. Exit 0 when the copy was written or nothing was
 * outdated, 1 when some outdated sheet cannot be upgraded, 2 when the input is unusable. With --pack, the workbook's
 * pack version is upgraded instead (upgrade-pack.ts).
 */
export async function upgrade(args: string[], io: Io): Promise<number> {
  const parsed = commandArgs(
    'upgrade',
    USAGE,
    {
      args,
      allowPositionals: true,
      options: { out: { type: 'string' }, pack: { type: 'string' }, from: { type: 'string' } },
    },
    io,
  );
  if (typeof parsed === 'number') return parsed;
  const [file, ...extra] = parsed.positionals;
  const out = parsed.values.out;
  if (file === undefined || extra.length > 0) {
    io.stderr(
      `qms upgrade: ${file === undefined ? 'name the .xlsx file to upgrade' : `one file at a time (got ${parsed.positionals.length})`}\n${USAGE}`,
    );
    return EXIT.unusable;
  }
  const kind = outputKindProblem('--out', file, out ?? '');
  if (out === undefined || kind !== undefined) {
    io.stderr(`qms upgrade: ${kind ?? '--out must name the new file to write'}\n`);
    return EXIT.unusable;
  }
  if (resolve(io.cwd, out) === resolve(io.cwd, file)) {
    io.stderr(
      `qms upgrade: --out must name a new file, not ${file} itself (the upgrade is written to a copy so the original stays as it was)\n`,
    );
    return EXIT.unusable;
  }
  const { pack, from } = parsed.values;
  if (pack !== undefined) return upgradePack({ file, out, pack, ...(from === undefined ? {} : { from }) }, io);
  if (from !== undefined) {
    io.stderr(`qms upgrade: --from names a pack version; it goes with --pack PACK.json\n${USAGE}`);
    return EXIT.unusable;
  }
  const loaded = await loadWorkbookFile(file, io.cwd);
  if (!loaded.ok) {
    io.stderr(`qms upgrade: ${loaded.reason}\n`);
    return EXIT.unusable;
  }

  const plan = planUpgrade(loaded.input, versionRegistry);
  const problems = plan.problems.map((p) => `  cannot upgrade  ${p}\n`).join('');
  if (plan.sheets.length === 0) {
    io.stdout(`${file}: no template sheet needs an upgrade; nothing written.\n${problems}`);
    return problems === '' ? EXIT.ok : EXIT.problems;
  }

  const failed = await writeUpgraded(io, loaded.path, out, plan, loaded.input);
  if (failed !== undefined) return failed;

  const lines = plan.sheets.map((u) => {
    const added = u.added.length > 0 ? `; added ${u.added.map((a) => `"${a.header}"`).join(', ')}` : '';
    return [
      `  ${u.sheet}: ${u.templateId}@${u.from} → ${u.templateId}@${u.to}, ${u.dataRows} row${u.dataRows === 1 ? '' : 's'} kept${added}`,
      ...u.notes.map((n) => `    ${n}`),
    ].join('\n');
  });
  io.stdout(`Upgraded ${file} → ${out}\n${lines.join('\n')}\n${problems}Check the copy with \`qms check ${out}\`.\n`);
  return problems === '' ? EXIT.ok : EXIT.problems;
}
