import {
  describeVersionNote,
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
  // The version registry's modules are the shipped templates unless a newer version was registered.
  const modules = versionRegistry.currentModules();
  const result = parseWorkbook(loaded.input, pack ? packParseModules(pack, modules) : modules, { asOf: asOf.asOf });
  const report = buildCheckReport(
    file,
    asOf.asOf,
    loaded.input.sheets.map((s) => s.name),
    result,
  );
  // Outdated (or newer) template versions are notices, not issues: the rows may be fine, the layout is old.
  const versions = templateVersionNotes(loaded.input, versionRegistry).map((note) => ({
    ...note,
    message: describeVersionNote(note, file),
  }));
  // The pack the workbook says it came from (its qms.pack marker), and the one it was checked with, if any.
  const from = loaded.input.pack;
  const packInfo =
    from === undefined && pack === undefined
      ? {}
      : {
          pack: {
            ...(from ? { id: from.id, version: from.version } : {}),
            ...(pack ? { checkedWith: { id: pack.id, version: pack.version } } : {}),
          },
        };
  if (parsed.values.json) {
    io.stdout(`${JSON.stringify({ ...report, ...(versions.length > 0 ? { versions } : {}), ...packInfo }, null, 2)}\n`);
  } else {
    // Right under the "Checked …" line: an old layout explains issues further down (e.g. a missing new column).
    const [first = '', ...rest] = formatCheckReport(report).split('\n');
    const notice = versions.length > 0 ? ['', 'Template versions:', ...versions.map((v) => `  ${v.message}`)] : [];
    io.stdout([first, ...packLines(from, pack), ...notice, ...rest].join('\n'));
  }
  return report.ok ? EXIT.ok : EXIT.problems;
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
