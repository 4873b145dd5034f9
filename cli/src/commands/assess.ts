import { resolve } from 'node:path';
import { assess as assessRecords, keptNotes, summaryLayout, SUMMARY_SHEET } from '@qms/engine';
import { validateWorkbook } from '@qms/templates';
import { EXIT, type Io } from '../io.js';
import { commandArgs } from '../shared/args.js';
import { parseAsOf } from '../shared/as-of.js';
import { outputKindProblem } from '../shared/output-kind.js';
import { loadWorkbookFile } from '../shared/workbook-file.js';
import { formatAssessment } from '../summary/format.js';
import { writeSummaryCopy } from '../summary/write-summary.js';

const USAGE =
  'Usage: qms assess FILE.xlsx [--as-of YYYY-MM-DD] [--json] [--summary OUT.xlsx [--replace-summary]] (an .xlsm gives an .xlsm)\n';

/**
 * `qms assess`: validates the workbook, then computes readiness, gates, timeline and cost from its records.
 * Exit 0 when the workbook has no validation error, 1 when it has some (the assessment of the valid rows is
 * still reported), 2 when the input is unusable (no file, unreadable file, bad flag).
 */
export async function assess(args: string[], io: Io): Promise<number> {
  const parsed = commandArgs(
    'assess',
    USAGE,
    {
      args,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        'as-of': { type: 'string' },
        summary: { type: 'string' },
        'replace-summary': { type: 'boolean', default: false },
      },
    },
    io,
  );
  if (typeof parsed === 'number') return parsed;
  const [file, ...extra] = parsed.positionals;
  if (file === undefined || extra.length > 0) {
    io.stderr(
      `qms assess: ${file === undefined ? 'name the .xlsx file to assess' : `one file at a time (got ${parsed.positionals.length})`}\n${USAGE}`,
    );
    return EXIT.unusable;
  }
  const summary = parsed.values.summary;
  const replace = parsed.values['replace-summary'] === true;
  if (replace && summary === undefined) {
    io.stderr(`qms assess: --replace-summary goes with --summary OUT.xlsx\n${USAGE}`);
    return EXIT.unusable;
  }
  const kind = summary === undefined ? undefined : outputKindProblem('--summary', file, summary);
  if (kind !== undefined) {
    io.stderr(`qms assess: ${kind}\n`);
    return EXIT.unusable;
  }
  const asOf = parseAsOf(parsed.values['as-of'], io.now());
  if (!asOf.ok) {
    io.stderr(`qms assess: ${asOf.reason}\n`);
    return EXIT.unusable;
  }
  const loaded = await loadWorkbookFile(file, io.cwd);
  if (!loaded.ok) {
    io.stderr(`qms assess: ${loaded.reason}\n`);
    return EXIT.unusable;
  }
  if (summary !== undefined && resolve(io.cwd, summary) === loaded.path) {
    io.stderr(`qms assess: --summary must name a new file, not ${file} itself (the summary is written to a copy)\n`);
    return EXIT.unusable;
  }

  const result = validateWorkbook(loaded.input, { asOf: asOf.asOf });
  const errors = result.issues.filter((i) => i.severity === 'error').length;
  const warnings = result.issues.length - errors;
  const assessment = assessRecords(result.records, undefined, asOf.asOf);

  if (summary !== undefined) {
    // A workbook that already holds a summary sheet (say, last month's copy) has it replaced only when asked; its
    // Notes area, if it has one, is carried into the new sheet.
    const existing = loaded.input.sheets.find((s) => s.name.toLowerCase() === SUMMARY_SHEET.toLowerCase());
    const notes = existing ? keptNotes(existing.values, existing.origin) : undefined;
    if (existing && !replace) {
      io.stderr(
        `qms assess: ${file} already has a "${existing.name}" sheet; add --replace-summary to replace it in the copy${
          notes === undefined
            ? ' (it has no "Notes" row, so anything written on it is lost), or rename that sheet in Excel first'
            : ' (what stands below its "Notes" row is kept)'
        }\n`,
      );
      return EXIT.unusable;
    }
    const layout = summaryLayout(assessment, {
      generatedAt: io.now().toISOString(),
      ...(notes ? { keptNotes: notes } : {}),
    });
    try {
      await writeSummaryCopy(loaded.path, resolve(io.cwd, summary), layout);
    } catch (error) {
      io.stderr(
        `qms assess: --summary ${summary} could not be written (${error instanceof Error ? error.message : String(error)}); check the folder exists and the file is not open\n`,
      );
      return EXIT.unusable;
    }
  }
  if (parsed.values.json) {
    io.stdout(
      `${JSON.stringify({ file, asOf: asOf.asOf, validation: { errors, warnings, issues: result.issues }, assessment }, null, 2)}\n`,
    );
  } else {
    io.stdout(formatAssessment(file, assessment, errors, warnings));
    if (summary !== undefined) io.stdout(`Summary written to ${summary} (sheet "${SUMMARY_SHEET}")\n`);
  }
  return errors > 0 ? EXIT.problems : EXIT.ok;
}
