import { encodeXml } from '../opc.js';

/**
 * Small, exact edits to machine-written XML parts: find an element by local name (whatever prefix the writer
 * bound, e.g. the `x:` of the Open XML SDK), insert a child, set an attribute. Everything outside the edit is
 * left character for character as the other program wrote it — the point of editing rather than re-serialising.
 */

/** The namespace prefix (with its colon, or '') of the first element with this local name, else undefined. */
export function prefixOf(xml: string, localName: string): string | undefined {
  const m = new RegExp(`<([A-Za-z_][\\w.-]*:)?${localName}(?=[\\s/>])`).exec(xml);
  return m ? (m[1] ?? '') : undefined;
}

/** The prefix (without colon) bound to a namespace URI anywhere in the part, else undefined. */
export function prefixBoundTo(xml: string, uri: string): string | undefined {
  const m = new RegExp(`xmlns:([A-Za-z_][\\w.-]*)\\s*=\\s*["']${uri.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}["']`).exec(
    xml,
  );
  return m?.[1];
}

export interface ElementSpan {
  /** Index of `<`, end index after the start tag's `>`. */
  start: number;
  startTagEnd: number;
  /** Index of `</…>` (equals startTagEnd for an empty element), end index after the whole element. */
  closeStart: number;
  end: number;
  prefix: string;
  attributes: string;
  empty: boolean;
}

/**
 * The first element with this local name at or after `from` (elements of that name must not nest). With `prefix`
 * ('' for none, or e.g. 'x:'), only an element written with exactly that prefix: a worksheet's own
 * `<dataValidations>` is not the `<x14:dataValidations>` inside its extension list.
 */
export function findElement(xml: string, localName: string, from = 0, prefix?: string): ElementSpan | undefined {
  const prefixPattern = prefix === undefined ? '([A-Za-z_][\\w.-]*:)?' : `(${prefix.replace(/[.]/g, '\\.')})`;
  const open = new RegExp(`<${prefixPattern}${localName}(?=[\\s/>])([^>]*?)(/?)>`, 'g');
  open.lastIndex = from;
  const m = open.exec(xml);
  if (!m) return undefined;
  const found = m[1] ?? '';
  const start = m.index;
  const startTagEnd = start + m[0].length;
  if (m[3] === '/') {
    return {
      start,
      startTagEnd,
      closeStart: startTagEnd,
      end: startTagEnd,
      prefix: found,
      attributes: m[2] ?? '',
      empty: true,
    };
  }
  const close = `</${found}${localName}>`;
  const closeStart = xml.indexOf(close, startTagEnd);
  if (closeStart < 0) return undefined;
  return {
    start,
    startTagEnd,
    closeStart,
    end: closeStart + close.length,
    prefix: found,
    attributes: m[2] ?? '',
    empty: false,
  };
}

/** Inserts `child` as the last child of the element (an empty element `<a/>` becomes `<a>child</a>`). */
export function appendChild(xml: string, element: ElementSpan, localName: string, child: string): string {
  if (!element.empty) return xml.slice(0, element.closeStart) + child + xml.slice(element.closeStart);
  const startTag = `<${element.prefix}${localName}${element.attributes}>`;
  return xml.slice(0, element.start) + startTag + child + `</${element.prefix}${localName}>` + xml.slice(element.end);
}

/** Sets (or adds) one attribute in the start tag of `element`; returns the new XML. */
export function setAttribute(xml: string, element: ElementSpan, name: string, value: string): string {
  const tag = xml.slice(element.start, element.startTagEnd);
  const pattern = new RegExp(`(\\s${name.replace(/:/g, '\\:')}\\s*=\\s*)(?:"[^"]*"|'[^']*')`);
  const next = pattern.test(tag)
    ? tag.replace(pattern, `$1"${encodeXml(value)}"`)
    : tag.replace(/\s*(\/?)>$/, ` ${name}="${encodeXml(value)}"$1>`);
  return xml.slice(0, element.start) + next + xml.slice(element.startTagEnd);
}

/** The value of one attribute in an attribute text, undecoded; undefined when absent. */
export function attributeOf(attributes: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name.replace(/:/g, '\\:')}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attributes);
  return m ? (m[1] ?? m[2] ?? '') : undefined;
}

/**
 * Inserts `child` into the root element before the first of `followers` present (the schema's sequence puts
 * those after it), else before the root's end tag.
 */
export function insertBeforeFirst(
  xml: string,
  rootLocalName: string,
  followers: readonly string[],
  child: string,
): string {
  let at = xml.search(new RegExp(`</([A-Za-z_][\\w.-]*:)?${rootLocalName}>\\s*$`));
  for (const name of followers) {
    const m = new RegExp(`<([A-Za-z_][\\w.-]*:)?${name}(?=[\\s/>])`).exec(xml);
    if (m && m.index < at) at = m.index;
  }
  return at < 0 ? xml : xml.slice(0, at) + child + xml.slice(at);
}

// XML 1.0 cannot carry these characters at all (not even escaped); OOXML spells them `_xHHHH_` (ST_Xstring).
const NOT_IN_XML =
  // eslint-disable-next-line no-control-regex -- matching the control characters XML forbids is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text for an element's content in a SpreadsheetML part: XML-escaped, characters XML forbids as `_xHHHH_`, and
 * a literal `_xHHHH_` in the user's text protected as `_x005F_xHHHH_` so Excel shows it as typed.
 */
export function xstring(text: string): string {
  const protectedText = text.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1');
  return encodeXml(
    protectedText.replace(NOT_IN_XML, (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`),
  );
}
