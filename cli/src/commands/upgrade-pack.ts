import { packVersionName, planPackUpgrade, versionRegistry, type Pack, type PackRef } from '@qms/templates';
import { EXIT, type Io } from '../io.js';
import { loadPack } from '../shared/pack-file.js';
import { findPackVersion } from '../shared/pack-history.js';
import { loadWorkbookFile } from '../shared/workbook-file.js';
import { writeUpgraded } from '../shared/write-upgraded.js';

export interface PackUpgradeArgs {
  file: string;
  out: string;
  /** The version to move to. */
  pack: string;
  /** The version the workbook holds; found beside `pack` when not given. */
  from?: string;
}

/**
 * `qms upgrade FILE --pack PACK.json --out NEW.xlsx`: a workbook built from an earlier version of the pack, moved
 * to PACK.json's version in a copy (packs/upgrade.ts): every row and typed value kept, the pack's sheets rewritten
 * in place through the same write-back as the product's upgrade, `qms.pack` updated. Nothing is written when any
 * sheet cannot be upgraded. Exit 0 when written or already current, 1 when refused, 2 when an input is unusable.
 */
export async function upgradePack(args: PackUpgradeArgs, io: Io): Promise<number> {
  const { file, out } = args;
  const loadedPack = await loadPack(args.pack, io.cwd);
  if (!loadedPack.ok) {
    io.stderr(`${loadedPack.lines.map((l) => `qms upgrade: ${l}`).join('\n')}\n`);
    return EXIT.unusable;
  }
  const to = loadedPack.pack;
  const loaded = await loadWorkbookFile(file, io.cwd);
  if (!loaded.ok) {
    io.stderr(`qms upgrade: ${loaded.reason}\n`);
    return EXIT.unusable;
  }
  const stated = await statedVersion(loaded.input.pack, args, to, io);
  if (typeof stated === 'number') return stated;
  const stamp = stated.stamp;
  const input = stated.stamp === loaded.input.pack ? loaded.input : { ...loaded.input, pack: stated.stamp };
  const held = packVersionName(stamp.id, stamp.version);
  if (stamp.id !== to.id) {
    io.stderr(`qms upgrade: ${file} is from pack ${held}; ${args.pack} is pack ${to.id}: give ${stamp.id}'s file\n`);
    return EXIT.unusable;
  }
  if (stamp.version === to.version) {
    io.stdout(`${file} is already on ${held}; nothing written.\n`);
    return EXIT.ok;
  }
  if (stamp.version > to.version) {
    io.stdout(
      `${file} is from ${held}, newer than the v${to.version} of ${args.pack}; nothing written (a pack is not downgraded).\n`,
    );
    return EXIT.problems;
  }
  const found = await findPackVersion(stamp, args.pack, io.cwd, args.from);
  if (!found.ok) {
    io.stderr(`qms upgrade: ${file} is from ${held}, and its columns are needed to upgrade it: ${found.reason}\n`);
    return EXIT.unusable;
  }

  const plan = planPackUpgrade(input, found.pack, to, versionRegistry.currentModules());
  if (plan.problems.length > 0) {
    io.stdout(
      `${file}: cannot upgrade to ${packVersionName(to.id, to.version)}; nothing written.\n${plan.problems.map((p) => `  cannot upgrade  ${p}\n`).join('')}`,
    );
    return EXIT.problems;
  }
  const failed = await writeUpgraded(io, loaded.path, out, plan, input);
  if (failed !== undefined) return failed;

  const changes = plan.changes.length > 0 ? plan.changes.map((c) => `  - ${c.text}`) : ['  (none)'];
  const sheets = plan.sheets.map((u) => {
    const added = u.added.length > 0 ? `; added ${u.added.map((a) => `"${a.header}"`).join(', ')}` : '';
    return [
      `  ${u.sheet}: ${u.dataRows} row${u.dataRows === 1 ? '' : 's'} kept${added}`,
      ...u.notes.map((n) => `    ${n}`),
    ].join('\n');
  });
  io.stdout(
    [
      `Upgraded ${file} → ${out}: pack ${held} → v${to.version} (from ${found.file})`,
      ...(stated.note ? [stated.note] : []),
      'Changes:',
      ...changes,
      'Sheets:',
      ...(sheets.length > 0 ? sheets : ['  (no sheet of the pack was found; only the qms.pack property changed)']),
      ...(plan.notInPlace.length > 0 ? ['Not changed in place:', ...plan.notInPlace.map((n) => `  ${n}`)] : []),
      `Check the copy with \`qms check ${out} --pack ${args.pack}\`.`,
      '',
    ].join('\n'),
  );
  return EXIT.ok;
}

/**
 * The pack version the workbook holds: its `qms.pack`, else the one `--from` names. A program that re-saves a
 * workbook may drop its custom properties (openpyxl does), so a workbook without the stamp may still be from the
 * pack; only the user can say which version, and the copy is stamped again.
 */
async function statedVersion(
  stamp: PackRef | undefined,
  args: PackUpgradeArgs,
  to: Pack,
  io: Io,
): Promise<{ stamp: PackRef; note?: string } | number> {
  if (stamp) return { stamp };
  if (args.from === undefined) {
    io.stderr(
      `qms upgrade: ${args.file} has no qms.pack property, so which pack version it holds is unknown (a program that re-saved it, such as openpyxl, may have dropped it). If it was built from a pack, name that version with --from OLD.json; if not, \`qms upgrade ${args.file} --out NEW.xlsx\` upgrades the product's templates\n`,
    );
    return EXIT.unusable;
  }
  const from = await loadPack(args.from, io.cwd);
  if (!from.ok) {
    io.stderr(`${from.lines.map((l) => `qms upgrade: ${l}`).join('\n')}\n`);
    return EXIT.unusable;
  }
  return {
    stamp: { id: from.pack.id, version: from.pack.version },
    note: `${args.file} has no qms.pack property; taken to be from ${packVersionName(from.pack.id, from.pack.version)}, as --from says (the copy has it again)`,
  };
}
