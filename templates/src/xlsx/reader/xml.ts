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
  let failure: Error | undefined;
  parser.on('error', (error) => {
    failure ??= new XlsxReadError(
      `The .xlsx package is damaged: part ${path} is not well-formed XML (${error.message}); open and re-save the file in Excel or LibreOffice`,
    );
  });
  parser.on('opentag', (tag: SaxesTagPlain) => handlers.open(localName(tag.name), tag.attributes));
  parser.on('closetag', (tag) => handlers.close(localName(tag.name)));
  const onText = handlers.text;
  if (onText) {
    parser.on('text', onText);
    parser.on('cdata', onText);
  }
  const found = await streamPart(zip, path, budget, (chunk) => {
    if (failure) throw failure;
    parser.write(chunk);
    if (failure) throw failure;
  });
  if (found) {
    parser.close();
    if (failure) throw failure;
  }
  return found;
}

/** OOXML's escape for characters XML cannot carry (ST_Xstring): `_x000D_` is a carriage return, `_x005F_` a `_`. */
export function decodeXstring(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
