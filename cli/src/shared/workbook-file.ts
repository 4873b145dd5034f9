import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { WorkbookInput } from '@qms/templates';
import { readWorkbook, XlsxReadError } from '@qms/templates/xlsx';

export type LoadedWorkbook = { ok: true; path: string; input: WorkbookInput } | { ok: false; reason: string };

function fsReason(file: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return `${file}: no such file; check the path (relative paths start in the current folder)`;
  if (code === 'EISDIR') return `${file} is a folder, not an .xlsx file`;
  if (code === 'EACCES' || code === 'EPERM') return `${file} cannot be read (permission denied)`;
  return `${file} cannot be read (${error instanceof Error ? error.message : String(error)})`;
}

/** Reads an .xlsx from disk into the parser's grid form; any failure is one line saying what to do. */
export async function loadWorkbookFile(file: string, cwd: string): Promise<LoadedWorkbook> {
  const path = resolve(cwd, file);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (error) {
    return { ok: false, reason: fsReason(file, error) };
  }
  try {
    return { ok: true, path, input: await readWorkbook(bytes) };
  } catch (error) {
    if (error instanceof XlsxReadError) return { ok: false, reason: `${file}: ${error.message}` };
    return {
      ok: false,
      reason: `${file} could not be read (${error instanceof Error ? error.message : String(error)})`,
    };
  }
}
