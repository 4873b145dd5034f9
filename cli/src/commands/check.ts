import { describeVersionNote, parseWorkbook, templateVersionNotes, versionRegistry } from '@qms/templates';
import { EXIT, type Io } from '../io.js';
import { commandArgs } from '../shared/args.js';
import { parseAsOf } from '../shared/as-of.js';
import { buildCheckReport, formatCheckReport } from '../shared/check-report.js';
import { loadWorkbookFile } from '../shared/workbook-file.js';

const USAGE = 'Usage: qms check FILE.xlsx [--json] [--as-of YYYY-MM-DD]\n';

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
      options: { json: { type: 'boolean', default: false }, 'as-of': { type: 'string' } },
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
  const loaded = await loadWorkbookFile(file, io.cwd);
  if (!loaded.ok) {
    io.stderr(`qms check: ${loaded.reason}\n`);
    return EXIT.unusable;
  }
  // The version registry's modules are the shipped templates unless a newer version was registered.
  const result = parseWorkbook(loaded.input, versionRegistry.currentModules(), { asOf: asOf.asOf });
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
  if (parsed.values.json) {
    io.stdout(`${JSON.stringify(versions.length > 0 ? { ...report, versions } : report, null, 2)}\n`);
  } else {
    // Right under the "Checked …" line: an old layout explains issues further down (e.g. a missing new column).
    const [first = '', ...rest] = formatCheckReport(report).split('\n');
    const notice = versions.length > 0 ? ['', 'Template versions:', ...versions.map((v) => `  ${v.message}`)] : [];
    io.stdout([first, ...notice, ...rest].join('\n'));
  }
  return report.ok ? EXIT.ok : EXIT.problems;
}
