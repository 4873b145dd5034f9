import {
  columnsOnWorkbookPack,
  describeVersionNote,
  sharedColumnsPack,
  packParseModules,
  parseWorkbook,
  templateVersionNotes,
  versionRegistry,
  type Pack,
} from '@qms/templates';
import { EXIT, type Io } from '../io.js';
import { commandArgs } from '../shared/args.js';
import { parseAsOf } from '../shared/as-of.js';
import { buildCheckReport, formatCheckReport } from '../shared/check-report.js';
import { loadPack } from '../shared/pack-file.js';
import { findPackVersion } from '../shared/pack-history.js';
import { loadWorkbookFile } from '../shared/workbook-file.js';

const USAGE = 'Usage: qms check FILE.xlsx [--json] [--as-of YYYY-MM-DD] [--pack PACK.json]\n';

/**
 * `qms check`: validates every template sheet of a workbook, cell by cell.
 * Exit 0 when there is no error (warnings allowed), 1 when there are errors, 2 when the file cannot be read.
 */
export async function check(args: string[], io: Io): Promise<number> {
  const parsed = commandArgs(
    'check',
    USAGE,
    {
      args,
      allowPositionals: true,
      options: { json: { type: 'boolean', default: false }, 'as-of': { type: 'string' }, pack: { type: 'string' } },
    },
    io,
  );
  if (typeof parsed === 'number') return parsed;
  const [file, ...extra] = parsed.positionals;
  if (file === undefined || extra.length > 0) {
    io.stderr(
      `qms check: ${file === undefined ? 'name the .xlsx file to check' : `one file at a time (got ${parsed.positionals.length})`}\n${USAGE}`,
    );
    return EXIT.unusable;
  }
  const asOf = parseAsOf(parsed.values['as-of'], io.now());
  if (!asOf.ok) {
    io.stderr(`qms check: ${asOf.reason}\n`);
    return EXIT.unusable;
  }
  // With the pack's JSON, its extra columns are read and checked too; without it they are left alone.
  let pack: Pack | undefined;
  if (parsed.values.pack !== undefined) {
    const loadedPack = await loadPack(parsed.values.pack, io.cwd);
    if (!loadedPack.ok) {
      io.stderr(`${loadedPack.lines.map((l) => `qms check: ${l}`).join('\n')}\n`);
      return EXIT.unusable;
    }
    pack = loadedPack.pack;
  }
  const loaded = await loadWorkbookFile(file, io.cwd);
  if (!loaded.ok) {
    io.stderr(`qms check: ${loaded.reason}\n`);
    return EXIT.unusable;
  }
  // The pack the workbook says it came from (its qms.pack marker), and the one it was checked with, if any.
  const from = loaded.input.pack;
  // Another version of the same pack: the sheets are laid out by the workbook's own version, so they are checked
  // with the extra columns both versions have; a column new in PACK.json is not an error before the upgrade.
  let versions: VersionCheck | undefined;
  if (pack && from && from.id === pack.id && from.version !== pack.version) {
    const own = await findPackVersion(from, parsed.values.pack ?? '', io.cwd);
    versions = {
      pack: own.ok ? sharedColumnsPack(own.pack, pack) : columnsOnWorkbookPack(pack, loaded.input),
      message: versionMessage(file, parsed.values.pack ?? '', from, pack.version, own.ok ? own.file : undefined),
    };
  }
  // The version registry's modules are the shipped templates unless a newer version was registered.
  const modules = versionRegistry.currentModules();
  const checkedWith = versions?.pack ?? pack;
  const result = parseWorkbook(loaded.input, checkedWith ? packParseModules(checkedWith, modules) : modules, {
    asOf: asOf.asOf,
  });
  const report = buildCheckReport(
    file,
    asOf.asOf,
    loaded.input.sheets.map((s) => s.name),
    result,
  );
  // Outdated (or newer) template versions are notices, not issues: the rows may be fine, the layout is old.
  const templateVersions = templateVersionNotes(loaded.input, versionRegistry).map((note) => ({
    ...note,
    message: describeVersionNote(note, file),
  }));
  const packInfo =
    from === undefined && pack === undefined
      ? {}
      : {
          pack: {
            ...(from ? { id: from.id, version: from.version } : {}),
            ...(pack ? { checkedWith: { id: pack.id, version: pack.version } } : {}),
            ...(versions ? { message: versions.message } : {}),
          },
        };
  if (parsed.values.json) {
    io.stdout(
      `${JSON.stringify({ ...report, ...(templateVersions.length > 0 ? { versions: templateVersions } : {}), ...packInfo }, null, 2)}\n`,
    );
  } else {
    // Right under the "Checked …" line: an old layout explains issues further down (e.g. a missing new column).
    const [first = '', ...rest] = formatCheckReport(report).split('\n');
    const notice =
      templateVersions.length > 0 ? ['', 'Template versions:', ...templateVersions.map((v) => `  ${v.message}`)] : [];
    const packText = versions ? ['', ...versions.message.split('\n')] : packLines(from, pack);
    io.stdout([first, ...packText, ...notice, ...rest].join('\n'));
  }
  return report.ok ? EXIT.ok : EXIT.problems;
}

/** A workbook from another version of the pack it is checked with. */
interface VersionCheck {
  /** What the workbook is checked with. */
  pack: Pack;
  message: string;
}

function versionMessage(
  file: string,
  packFile: string,
  from: { id: string; version: number },
  given: number,
  own: string | undefined,
): string {
  const head = `This workbook is from pack ${from.id} v${from.version}; ${packFile} is v${given}`;
  const first =
    from.version < given
      ? `${head}; run \`qms upgrade ${file} --pack ${packFile} --out NEW.xlsx\` to move it to v${given}.`
      : `${head}, older than the workbook: check it with v${from.version}'s file.`;
  const how = own
    ? `Checked with the product's templates and the extra columns v${from.version} (${own}) and v${given} share.`
    : `Checked with the product's templates and the extra columns of v${given} that are on its sheets (no file of v${from.version} was found beside ${packFile}).`;
  return `${first}\n${how}`;
}

/** What the text report says about packs: where the workbook came from, and what it was checked with. */
function packLines(from: { id: string; version: number } | undefined, pack: Pack | undefined): string[] {
  if (!from && !pack) return [];
  const name = (p: { id: string; version: number }) => `${p.id} v${p.version}`;
  const lines: string[] = [];
  if (from) lines.push(`From pack ${name(from)} (its qms.pack marker).`);
  if (!pack) lines.push("Its extra columns are left alone; add --pack PACK.json (the pack's file) to check them.");
  else if (!from) lines.push(`Checked with pack ${name(pack)}; the workbook has no pack marker.`);
  else if (from.id !== pack.id || from.version !== pack.version)
    lines.push(
      `Checked with pack ${name(pack)}, not the ${name(from)} it was built from: columns the two differ in may be reported.`,
    );
  else lines.push("Its extra columns are checked with the pack's.");
  return ['', ...lines];
}
