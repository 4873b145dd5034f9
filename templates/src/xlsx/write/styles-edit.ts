import { REL_NS, encodeXml } from '../opc.js';
import type { PackageEditor } from './package-editor.js';
import { appendChild, attributeOf, findElement, setAttribute } from './xml-edit.js';

/**
 * Appends the few cell formats the product writes (bold, a title size, number formats) to the workbook's own
 * styles part. Existing fonts, formats and cell styles keep their positions, so every cell of every other sheet
 * keeps the style index it points at; only the counts and the appended entries change.
 */
export interface CellFormat {
  bold?: boolean;
  size?: number;
  /** A number format code, e.g. `#,##0`; built-in codes reuse Excel's own ids. */
  numFmt?: string;
  /**
   * Excel's "quote prefix" (what a leading apostrophe typed in a cell sets): the text stays text when someone
   * edits the cell, even if it starts like a formula (= + - @).
   */
  quotePrefix?: boolean;
  italic?: boolean;
  /** Font colour, `#RRGGBB`. */
  color?: string;
  /** A solid fill, `#RRGGBB`. */
  fill?: string;
  align?: 'left' | 'center' | 'right';
  vAlign?: 'top' | 'center' | 'bottom';
  wrap?: boolean;
  /** Text rotation in degrees (0–90 up, as Excel counts). */
  rotate?: number;
  /** Thin lines in the colour given, `#RRGGBB`. */
  borderTop?: string;
  borderBottom?: string;
}

/** What a conditional format paints when its rule holds (a "differential" format: only what it changes). */
export interface DifferentialFormat {
  fill?: string;
  color?: string;
}

const STYLES_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';
const BUILT_IN_FORMATS: Record<string, number> = { General: 0, '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4 };

/** A styles part for a package that has none (hand-made files may omit it): Excel's defaults. */
const MINIMAL_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

function countChildren(xml: string, parent: { startTagEnd: number; closeStart: number }, localName: string): number {
  const body = xml.slice(parent.startTagEnd, parent.closeStart);
  return [...body.matchAll(new RegExp(`<([A-Za-z_][\\w.-]*:)?${localName}(?=[\\s/>])`, 'g'))].length;
}

/** Appends `child` to the collection element `name` (creating it with `create` when absent); returns its index. */
function appendToCollection(
  state: { xml: string },
  name: string,
  itemName: string,
  child: (prefix: string) => string,
  create: (xml: string, element: string) => string,
): number {
  let element = findElement(state.xml, name);
  if (!element) {
    const prefix = findElement(state.xml, 'styleSheet')?.prefix ?? '';
    state.xml = create(state.xml, `<${prefix}${name} count="0"></${prefix}${name}>`);
    element = findElement(state.xml, name);
    if (!element) throw new Error(`could not add ${name} to the styles part`);
  }
  const index = element.empty ? 0 : countChildren(state.xml, element, itemName);
  state.xml = appendChild(state.xml, element, name, child(element.prefix));
  const updated = findElement(state.xml, name);
  if (updated && attributeOf(updated.attributes, 'count') !== undefined)
    state.xml = setAttribute(state.xml, updated, 'count', String(index + 1));
  return index;
}

/** Font 0's children (the workbook's default font), so bold text keeps the workbook's face and size. */
function baseFontBody(xml: string): string {
  const fonts = findElement(xml, 'fonts');
  const first = fonts && !fonts.empty ? findElement(xml, 'font', fonts.startTagEnd) : undefined;
  if (!first || first.start > (fonts?.closeStart ?? 0) || first.empty) return '<sz val="11"/>';
  return xml.slice(first.startTagEnd, first.closeStart);
}

/** `#RRGGBB` as SpreadsheetML's opaque ARGB. */
const argb = (colour: string) => `FF${colour.replace(/^#/, '').toUpperCase()}`;

function fontXml(prefix: string, base: string, format: CellFormat): string {
  let body = base.replace(/<([\w.-]+:)?[bi](?:\s+val="[^"]*")?\s*\/>/g, '');
  if (format.size !== undefined) body = body.replace(/<([\w.-]+:)?sz\b[^>]*\/>/g, '');
  if (format.color !== undefined) body = body.replace(/<([\w.-]+:)?color\b[^>]*\/>/g, '');
  const p = prefix;
  // CT_Font's children are a choice in any order: ours first, then the base font's face, family and the rest.
  const extra = [
    format.bold ? `<${p}b/>` : '',
    format.italic ? `<${p}i/>` : '',
    format.color !== undefined ? `<${p}color rgb="${argb(format.color)}"/>` : '',
    format.size !== undefined ? `<${p}sz val="${format.size}"/>` : '',
  ].join('');
  return `<${p}font>${extra}${body}</${p}font>`;
}

const fillXml = (p: string, colour: string) =>
  `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${argb(colour)}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`;

function borderXml(p: string, format: CellFormat): string {
  const side = (name: string, colour: string | undefined) =>
    colour === undefined
      ? `<${p}${name}/>`
      : `<${p}${name} style="thin"><${p}color rgb="${argb(colour)}"/></${p}${name}>`;
  return `<${p}border>${side('left', undefined)}${side('right', undefined)}${side('top', format.borderTop)}${side('bottom', format.borderBottom)}<${p}diagonal/></${p}border>`;
}

function alignmentXml(p: string, format: CellFormat): string {
  const attrs = [
    format.align === undefined ? '' : ` horizontal="${format.align}"`,
    format.vAlign === undefined ? '' : ` vertical="${format.vAlign}"`,
    format.rotate === undefined ? '' : ` textRotation="${format.rotate}"`,
    format.wrap ? ' wrapText="1"' : '',
  ].join('');
  return attrs === '' ? '' : `<${p}alignment${attrs}/>`;
}

/** Finds or adds the styles part; returns its path. */
async function stylesPath(editor: PackageEditor): Promise<string> {
  const workbook = await editor.workbookPath();
  const existing = await editor.related(workbook, '/styles');
  if (existing !== undefined && editor.has(existing)) return existing;
  const dir = workbook.slice(0, workbook.lastIndexOf('/') + 1);
  const path = `${dir}styles.xml`;
  editor.write(path, MINIMAL_STYLES);
  await editor.addContentType(path, STYLES_TYPE);
  await editor.addRelationship(workbook, `${REL_NS}/styles`, 'styles.xml');
  return path;
}

/**
 * Appends one cell format per entry of `formats` and returns their style indexes (the `s` of a cell), in order.
 */
export async function appendCellFormats(editor: PackageEditor, formats: readonly CellFormat[]): Promise<number[]> {
  const path = await stylesPath(editor);
  const state = { xml: (await editor.text(path)) ?? MINIMAL_STYLES };
  const root = findElement(state.xml, 'styleSheet');
  const rootEnd = (xml: string, element: string) => {
    const end = xml.search(/<\/([\w.-]+:)?styleSheet>\s*$/);
    return xml.slice(0, end) + element + xml.slice(end);
  };
  // numFmts comes first in a styleSheet, fonts right after it.
  const atStart = (xml: string, element: string) => {
    const r = findElement(xml, 'styleSheet');
    return r ? xml.slice(0, r.startTagEnd) + element + xml.slice(r.startTagEnd) : xml;
  };
  const beforeFills = (xml: string, element: string) => {
    const fills = findElement(xml, 'fills');
    return fills ? xml.slice(0, fills.start) + element + xml.slice(fills.start) : atStart(xml, element);
  };
  // A styles part without fills or borders (hand-made files) gets them in schema order: fonts, fills, borders.
  const after =
    (name: string, fallback: (xml: string, element: string) => string) => (xml: string, element: string) => {
      const previous = findElement(xml, name);
      return previous ? xml.slice(0, previous.end) + element + xml.slice(previous.end) : fallback(xml, element);
    };
  const beforeBorders = after('fonts', atStart);
  const beforeStyleXfs = after('fills', beforeBorders);
  const hasStyleXfs = findElement(state.xml, 'cellStyleXfs') !== undefined;
  const base = baseFontBody(state.xml);
  const out: number[] = [];
  for (const format of formats) {
    let numFmtId = 0;
    if (format.numFmt !== undefined) {
      const builtIn = BUILT_IN_FORMATS[format.numFmt];
      if (builtIn !== undefined) numFmtId = builtIn;
      else {
        const ids = [...state.xml.matchAll(/<(?:[\w.-]+:)?numFmt\b[^>]*numFmtId="(\d+)"[^>]*formatCode="([^"]*)"/g)];
        const same = ids.find((m) => m[2] === encodeXml(format.numFmt ?? ''));
        numFmtId = same ? Number(same[1]) : Math.max(163, ...ids.map((m) => Number(m[1]))) + 1;
        if (!same) {
          const code = encodeXml(format.numFmt);
          appendToCollection(
            state,
            'numFmts',
            'numFmt',
            (p) => `<${p}numFmt numFmtId="${numFmtId}" formatCode="${code}"/>`,
            atStart,
          );
        }
      }
    }
    let fontId = 0;
    if (format.bold || format.italic || format.size !== undefined || format.color !== undefined)
      fontId = appendToCollection(state, 'fonts', 'font', (p) => fontXml(p, base, format), beforeFills);
    const fillId =
      format.fill === undefined
        ? 0
        : appendToCollection(state, 'fills', 'fill', (p) => fillXml(p, format.fill ?? ''), beforeBorders);
    const borderId =
      format.borderTop === undefined && format.borderBottom === undefined
        ? 0
        : appendToCollection(state, 'borders', 'border', (p) => borderXml(p, format), beforeStyleXfs);
    const prefix = findElement(state.xml, 'cellXfs')?.prefix ?? root?.prefix ?? '';
    const alignment = alignmentXml(prefix, format);
    const applies = `${numFmtId ? ' applyNumberFormat="1"' : ''}${fontId ? ' applyFont="1"' : ''}${fillId ? ' applyFill="1"' : ''}${borderId ? ' applyBorder="1"' : ''}${alignment ? ' applyAlignment="1"' : ''}${format.quotePrefix ? ' quotePrefix="1"' : ''}`;
    const attrs = `numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}"${hasStyleXfs ? ' xfId="0"' : ''}${applies}`;
    out.push(
      appendToCollection(
        state,
        'cellXfs',
        'xf',
        (p) => (alignment ? `<${p}xf ${attrs}>${alignment}</${p}xf>` : `<${p}xf ${attrs}/>`),
        rootEnd,
      ),
    );
  }
  if (!root) throw new Error(`${path} is not a styles part`);
  editor.write(path, state.xml);
  return out;
}

/** Elements that follow `dxfs` in a styleSheet (CT_Stylesheet's sequence). */
const AFTER_DXFS = ['tableStyles', 'colors', 'extLst'];

/**
 * Appends one differential format per entry (what conditional formats paint) to the styles part's `dxfs`, and
 * returns their ids (the `dxfId` of a rule), in order. Existing entries keep their ids.
 */
export async function appendDifferentialFormats(
  editor: PackageEditor,
  formats: readonly DifferentialFormat[],
): Promise<number[]> {
  const path = await stylesPath(editor);
  const state = { xml: (await editor.text(path)) ?? MINIMAL_STYLES };
  const create = (xml: string, element: string) => {
    let at = xml.search(/<\/([\w.-]+:)?styleSheet>\s*$/);
    for (const name of AFTER_DXFS) {
      const found = findElement(xml, name);
      if (found && found.start < at) at = found.start;
    }
    return xml.slice(0, at) + element + xml.slice(at);
  };
  const out = formats.map((f) =>
    appendToCollection(
      state,
      'dxfs',
      'dxf',
      (p) =>
        `<${p}dxf>${f.color === undefined ? '' : `<${p}font><${p}color rgb="${argb(f.color)}"/></${p}font>`}${
          f.fill === undefined
            ? ''
            : `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${argb(f.fill)}"/><${p}bgColor rgb="${argb(f.fill)}"/></${p}patternFill></${p}fill>`
        }</${p}dxf>`,
      create,
    ),
  );
  editor.write(path, state.xml);
  return out;
}
