import { extname } from 'node:path';

/**
 * Why `out` cannot be the copy of `input`, or undefined when it can. The copy keeps the input's kind: a
 * macro-enabled workbook (.xlsm) keeps its VBA project, and Excel refuses to open an .xlsx that holds one
 * ("the file format or extension is not valid"), so an .xlsm is copied to an .xlsm and an .xlsx to an .xlsx.
 */
export function outputKindProblem(flag: string, input: string, out: string): string | undefined {
  const want = /\.xlsm$/i.test(input) ? '.xlsm' : '.xlsx';
  if (extname(out).toLowerCase() === want) return undefined;
  const stem = input.replace(/\.xls[xm]$/i, '');
  const why = want === '.xlsm' ? ` (${input} holds macros, which only an .xlsm keeps)` : '';
  return `${flag} must name the new ${want} file to write${why}, e.g. ${flag} ${stem}-copy${want}`;
}
