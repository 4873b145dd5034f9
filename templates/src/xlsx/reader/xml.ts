import type JSZip from 'jszip';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { streamPart, XlsxReadError, type InflateBudget } from './inflate.js';

export interface XmlHandlers {
  /** Local name (namespace prefix dropped: some writers spell every element `x:c`) and the attributes as written. */
  open(name: string, attributes: Record<string, string>): void;
  close(name: string): void;
  text?(text: string): void;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/**
 * Streams one XML part through saxes (a maintained, conformant streaming parser; the same one ExcelJS uses) into
 * the handlers. saxes expands no entity a document declares itself, so entity-expansion bombs fail as malformed.
 * Returns false when the part is absent.
 */
export async function parsePart(
  zip: JSZip,
  path: string,
  budget: InflateBudget,
  handlers: XmlHandlers,
): Promise<boolean> {
  const parser = new SaxesParser({ xmlns: false });
  const state: { failure?: XlsxReadError } = {};
  parser.on('error', (error) => {
    state.failure ??= new XlsxReadError(
      `The .xlsx package is damaged: part ${path} is not well-formed XML (${error.message}); open and re-save the file in Excel or LibreOffice`,
    );
  });
  parser.on('opentag', (tag: SaxesTagPlain) => handlers.open(localName(tag.name), tag.attributes));
  parser.on('closetag', (tag) => handlers.close(localName(tag.name)));
  if (handlers.text) {
    const onText = (text: string) => handlers.text?.(text);
    parser.on('text', onText);
    parser.on('cdata', onText);
  }
  // saxes gathers a text node whole before handing it over, so a part that is one giant run of text (a zip bomb of
  // blanks, a 2 GB string) would sit in memory whole. No run between two tags may pass this: a cell's 32,767
  // characters written entirely as character references (`&#x10FFFF;`, 10 each) with room to spare.
  const maxRun = budget.limits.cellChars * 12;
  let run = 0;
  const found = await streamPart(zip, path, budget, (chunk) => {
    rethrow(state);
    const lastTag = chunk.lastIndexOf('<');
    run = lastTag < 0 ? run + chunk.length : chunk.length - lastTag;
    if (run > maxRun)
      throw new XlsxReadError(
        `The workbook's part ${path} holds a run of text longer than ${maxRun.toLocaleString('en-GB')} characters between two tags, more than any cell can hold; the file is damaged or built to exhaust memory; save a copy from Excel and try again`,
      );
    parser.write(chunk);
    rethrow(state);
  });
  if (found) {
    parser.close();
    rethrow(state);
  }
  return found;
}

/** Errors saxes reports through its error event are thrown from our own stack, between writes. */
function rethrow(state: { failure?: XlsxReadError }): void {
  if (state.failure) throw state.failure;
}

/** OOXML's escape for characters XML cannot carry (ST_Xstring): `_x000D_` is a carriage return, `_x005F_` a `_`. */
export function decodeXstring(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
