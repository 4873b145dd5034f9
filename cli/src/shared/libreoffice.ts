import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/**
 * Runs LibreOffice headless once over many files. A private profile (`-env:UserInstallation`) keeps it from
 * touching or waiting on the user's own LibreOffice, and lets it run beside an open LibreOffice window.
 */
export async function sofficeConvert(options: {
  profileDir: string;
  target: string;
  outDir: string;
  files: readonly string[];
}): Promise<string> {
  const args = [
    `-env:UserInstallation=file://${options.profileDir}`,
    '--headless',
    '--norestore',
    '--convert-to',
    options.target,
    '--outdir',
    options.outDir,
    ...options.files,
  ];
  try {
    const { stdout } = await promisify(execFile)('soffice', args, { timeout: 180_000 });
    return stdout;
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') {
      throw new Error(
        'LibreOffice (soffice) is not installed or not on PATH; install it (e.g. apt-get install libreoffice-calc) to run the LibreOffice proofs',
      );
    }
    throw new Error(`soffice failed: ${e.message}\n${e.stderr ?? ''}`);
  }
}

/** CSV export of every sheet (LibreOffice 7.2+: the 12th token -1), UTF-8, comma, double quotes. */
export const CSV_ALL_SHEETS = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1';

/** One CSV line into fields (RFC 4180 quoting; the templates hold no line breaks inside cells). */
export function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
}
