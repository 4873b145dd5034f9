import type JSZip from 'jszip';
import { XlsxReadError, type InflateBudget } from './inflate.js';
import type { ReadLimits } from './limits.js';
import { decodeXstring, parsePart } from './xml.js';

/**
 * The shared-string table: each `<si>` as its plain text (rich-text runs joined; phonetic guides, `<rPh>`, left
 * out since Excel does not show them in the cell).
 */
export async function readSharedStrings(
  zip: JSZip,
  path: string | undefined,
  budget: InflateBudget,
  limits: ReadLimits,
): Promise<string[]> {
  if (!path) return [];
  const strings: string[] = [];
  let current: string | undefined;
  let inText = false;
  let phonetic = 0;
  await parsePart(zip, path, budget, {
    open(name) {
      if (name === 'si') current = '';
      else if (name === 't' && current !== undefined && phonetic === 0) inText = true;
      else if (name === 'rPh') phonetic++;
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si' && current !== undefined) {
        strings.push(decodeXstring(current));
        current = undefined;
      }
    },
    text(text) {
      if (!inText || current === undefined) return;
      current += text;
      if (current.length > limits.cellChars)
        throw new XlsxReadError(
          `Shared string ${strings.length + 1} is longer than ${limits.cellChars.toLocaleString('en-GB')} characters, more than Excel allows in a cell; the file is damaged or was not written by a spreadsheet program`,
        );
    },
  });
  return strings;
}
