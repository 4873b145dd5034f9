import type { Issue, IsoDate, WorkbookResult } from '@qms/templates';

/** One recognised sheet's line in the report. */
export interface SheetSummary {
  sheet: string;
  template: string;
  version: number;
  recognisedBy: 'marker' | 'mapping' | 'header';
  records: number;
  errors: number;
  warnings: number;
}

/** The machine form of `qms check --json`; field names and order are part of the CLI's contract. */
export interface CheckReport {
  file: string;
  asOf: IsoDate;
  ok: boolean;
  summary: { errors: number; warnings: number; notes: number; records: number; sheets: number };
  sheets: SheetSummary[];
  unrecognised: string[];
  issues: Pick<Issue, 'severity' | 'code' | 'sheet' | 'cell' | 'address' | 'message'>[];
}

function addressOrder(address: string): [number, number] {
  const m = /^([A-Z]+)(\d+)$/.exec(address);
  if (!m) return [0, 0];
  const column = [...(m[1] ?? '')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return [Number(m[2]), column];
}

/** Errors before warnings; then sheet order of the workbook, row, column; ties keep the parser's order. */
export function orderIssues(issues: readonly Issue[], sheetOrder: readonly string[]): Issue[] {
  const sheetIndex = (s: string) => {
    const i = sheetOrder.indexOf(s);
    return i < 0 ? sheetOrder.length : i;
  };
  return issues
    .map((issue, index) => ({ issue, index, at: addressOrder(issue.address) }))
    .sort(
      (a, b) =>
        SEVERITY_RANK[a.issue.severity] - SEVERITY_RANK[b.issue.severity] ||
        sheetIndex(a.issue.sheet) - sheetIndex(b.issue.sheet) ||
        a.at[0] - b.at[0] ||
        a.at[1] - b.at[1] ||
        a.index - b.index,
    )
    .map((x) => x.issue);
}

export function buildCheckReport(
  file: string,
  asOf: IsoDate,
  sheetNames: readonly string[],
  result: WorkbookResult,
): CheckReport {
  const issues = orderIssues(result.issues, sheetNames);
  const sheets = result.recognised.map((r) => {
    const own = issues.filter((i) => i.sheet === r.sheet);
    return {
      sheet: r.sheet,
      template: r.templateId,
      version: r.version,
      recognisedBy: r.by,
      records: result.records.filter((rec) => rec.source.sheet === r.sheet).length,
      errors: own.filter((i) => i.severity === 'error').length,
      warnings: own.filter((i) => i.severity === 'warning').length,
    };
  });
  const errors = issues.filter((i) => i.severity === 'error').length;
  return {
    file,
    asOf,
    ok: errors === 0,
    summary: {
      errors,
      warnings: issues.filter((i) => i.severity === 'warning').length,
      notes: issues.filter((i) => i.severity === 'info').length,
      records: result.records.length,
      sheets: sheets.length,
    },
    sheets,
    unrecognised: [...result.unrecognised],
    issues: issues.map(({ severity, code, sheet, cell, address, message }) => ({
      severity,
      code,
      sheet,
      cell,
      address,
      message,
    })),
  };
}

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;
const SEVERITY_LABEL = { error: 'error  ', warning: 'warning', info: 'note   ' } as const;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Plain text for people: a block per recognised sheet with its issues, then what was left alone, then a total. */
export function formatCheckReport(report: CheckReport): string {
  const lines = [`Checked ${report.file} as of ${report.asOf}`, ''];
  const printed = new Set<string>();
  const issueLines = (sheet: string) =>
    report.issues.filter((i) => i.sheet === sheet).map((i) => `  ${SEVERITY_LABEL[i.severity]}  ${i.message}`);
  for (const s of report.sheets) {
    printed.add(s.sheet);
    lines.push(
      `${s.sheet} (${s.template}@${s.version}, recognised by ${s.recognisedBy}): ${plural(s.records, 'record')}, ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}`,
      ...issueLines(s.sheet),
      '',
    );
  }
  // Issues can name a sheet that is not itself a template sheet (e.g. a criteria sheet read by a template's rules).
  for (const sheet of new Set(report.issues.map((i) => i.sheet))) {
    if (printed.has(sheet)) continue;
    lines.push(`${sheet}:`, ...issueLines(sheet), '');
  }
  if (report.sheets.length === 0) {
    lines.push(
      'No template sheet was recognised: no sheet has a template marker or a header row matching a template.',
      '',
    );
  }
  if (report.unrecognised.length > 0)
    lines.push(
      `Not recognised (left alone): ${report.unrecognised.join(', ')}`,
      `  If one holds a register, map it once: qms map ${report.file} --sheet "${report.unrecognised[0] ?? ''}" --as TEMPLATE --column "Your header=Template column" --out MAPPED.xlsx (see qms map --help)`,
      '',
    );
  const { errors, warnings, notes, records, sheets } = report.summary;
  const noted = notes > 0 ? `, ${plural(notes, 'note')} on how cells were read` : '';
  lines.push(
    `${errors === 0 ? 'OK' : 'Problems found'}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}${noted}, ${plural(records, 'record')} in ${plural(sheets, 'template sheet')}.`,
  );
  return `${lines.join('\n')}\n`;
}
