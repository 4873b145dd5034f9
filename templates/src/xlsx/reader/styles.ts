import type JSZip from 'jszip';
import type { InflateBudget } from './inflate.js';
import { parsePart } from './xml.js';

/** Built-in number formats that show a date (ECMA-376 Part 1 §18.8.30, plus the East Asian date ids Excel uses). */
const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

/** A custom format shows a date when, outside quoted text, escapes and [colour] brackets, it has a day, month or year part. */
export function isDateFormat(code: string): boolean {
  const bare =
    code
      .replace(/"[^"]*"/g, '')
      .replace(/\\./g, '')
      .replace(/\[[^\]]*\]/g, '')
      .split(';')[0] ?? '';
  if (/general/i.test(bare)) return false;
  return /[dy]/i.test(bare) || (/m/i.test(bare) && !/[hs]/i.test(bare));
}

/** Built-in percent formats (ECMA-376 Part 1 §18.8.30): 9 is `0%`, 10 is `0.00%`. */
const BUILT_IN_PERCENT_FORMATS = new Map([
  [9, '0%'],
  [10, '0.00%'],
]);

/**
 * How a cell style (`s` on a cell) shows a number: as a date (`'date'`), through a format that may show it as a
 * percentage (the format code, for isPercentFormat to decide per number, since a format's sections differ), or
 * plainly (undefined).
 */
export type NumberStyle = 'date' | { percentFormat: string } | undefined;

/** For each cell style index (`s` on a cell), how its number format shows a number (NumberStyle). */
export async function readNumberStyles(
  zip: JSZip,
  path: string | undefined,
  budget: InflateBudget,
): Promise<NumberStyle[]> {
  if (!path) return [];
  const custom = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  await parsePart(zip, path, budget, {
    open(name, a) {
      if (name === 'numFmt') custom.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) xfFormats.push(Number(a.numFmtId ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return xfFormats.map((id): NumberStyle => {
    const code = custom.get(id) ?? BUILT_IN_PERCENT_FORMATS.get(id);
    if (code === undefined) return BUILT_IN_DATE_FORMATS.has(id) ? 'date' : undefined;
    if (isDateFormat(code)) return 'date';
    return code.includes('%') ? { percentFormat: code } : undefined;
  });
}

/** The name xlsx/read.ts knows the styles by: it hands them to readSheet as they are. */
export const readDateStyles = readNumberStyles;
