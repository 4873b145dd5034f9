// Test support (not used by the commands): reads one worksheet of an .xlsx back into what a reader sees — each
// cell's value, number format, font, fill, alignment and borders, the merged areas, conditional formats, column
// widths, row heights and the page setup — so tests check the file itself, and compare it with what the task pane
// writes into the Excel stand-in.
import JSZip from 'jszip';

export interface CellLook {
  value?: string | number;
  formula?: string;
  numFmt?: string;
  bold?: boolean;
  italic?: boolean;
  color?: string;
  size?: number;
  fill?: string;
  align?: string;
  vAlign?: string;
  wrap?: boolean;
  rotate?: number;
  borderTop?: string;
  borderBottom?: string;
  /** Excel's quote prefix: the text stays text when the cell is edited. */
  quotePrefix?: boolean;
}

export interface SheetLook {
  /** By A1 reference; cells with neither a value nor a format are left out. */
  cells: Record<string, CellLook>;
  merges: string[];
  /** One line per rule, e.g. `B10:B16 dataBar 0..100 #4472C4` or `B19:B28 equal "Pass" fill #C6EFCE color #006100`. */
  conditionalFormats: string[];
  /** Column widths in characters, by 1-based column. */
  widths: Record<number, number>;
  /** Row heights in points, by 1-based row (only rows given one). */
  heights: Record<number, number>;
  page: { paper?: string; orientation?: string; fitToWidth?: number; fitToHeight?: number; footer?: string };
  gridlines: boolean;
}

const BUILT_IN: Record<number, string> = { 0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 49: '@' };

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
const colour = (tag: string | undefined) => {
  const rgb = tag === undefined ? undefined : attr(tag, 'rgb');
  return rgb === undefined ? undefined : `#${rgb.slice(-6).toUpperCase()}`;
};
const children = (xml: string, name: string) =>
  [...xml.matchAll(new RegExp(`<${name}\\b[^>]*?(?:/>|>[\\s\\S]*?</${name}>)`, 'g'))].map((m) => m[0]);
const section = (xml: string, name: string) =>
  new RegExp(`<${name}\\b[^>]*>([\\s\\S]*?)</${name}>`).exec(xml)?.[1] ?? '';

/** The path of the named sheet's part. */
async function sheetPath(zip: JSZip, name: string): Promise<string> {
  const book = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
  const rels = (await zip.file('xl/_rels/workbook.xml.rels')?.async('string')) ?? '';
  const sheet = children(book, 'sheet').find((t) => decode(attr(t, 'name') ?? '') === name);
  const id = sheet ? /\sr:id="([^"]*)"|\s\w+:id="([^"]*)"/.exec(sheet) : null;
  const rid = id?.[1] ?? id?.[2];
  const rel = children(rels, 'Relationship').find((t) => attr(t, 'Id') === rid);
  const target = rel ? (attr(rel, 'Target') ?? '') : '';
  if (!target) throw new Error(`no sheet "${name}"`);
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

export async function readSheetLook(bytes: Uint8Array, name: string): Promise<SheetLook> {
  const zip = await JSZip.loadAsync(bytes);
  const styles = (await zip.file('xl/styles.xml')?.async('string')) ?? '';
  const sheet = (await zip.file(await sheetPath(zip, name))?.async('string')) ?? '';

  const numFmts = new Map<number, string>(
    children(section(styles, 'numFmts'), 'numFmt').map((t) => [
      Number(attr(t, 'numFmtId')),
      decode(attr(t, 'formatCode') ?? ''),
    ]),
  );
  const fonts = children(section(styles, 'fonts'), 'font').map((f) => ({
    bold: /<b\/>|<b val="(1|true)"\/>/.test(f),
    italic: /<i\/>|<i val="(1|true)"\/>/.test(f),
    color: colour(/<color\b[^>]*\/>/.exec(f)?.[0]),
    size: Number(attr(/<sz\b[^>]*\/>/.exec(f)?.[0] ?? '', 'val')),
  }));
  const fills = children(section(styles, 'fills'), 'fill').map((f) =>
    /patternType="solid"/.test(f) ? colour(/<fgColor\b[^>]*\/>/.exec(f)?.[0]) : undefined,
  );
  const borders = children(section(styles, 'borders'), 'border').map((b) => {
    const side = (n: string) => {
      const m = new RegExp(`<${n}\\b[^>]*style="[^"]*"[^>]*>([\\s\\S]*?)</${n}>`).exec(b);
      return m ? (colour(/<color\b[^>]*\/>/.exec(m[1] ?? '')?.[0]) ?? '#000000') : undefined;
    };
    return { top: side('top'), bottom: side('bottom') };
  });
  const xfs = children(section(styles, 'cellXfs'), 'xf');
  const dxfs = children(section(styles, 'dxfs'), 'dxf').map((d) => ({
    color: colour(/<font>[\s\S]*?(<color\b[^>]*\/>)/.exec(d)?.[1]),
    fill: colour(/<fgColor\b[^>]*\/>/.exec(d)?.[0]),
  }));

  const styleOf = (s: number): CellLook => {
    const xf = xfs[s] ?? '';
    const font = fonts[Number(attr(xf, 'fontId') ?? 0)];
    const numFmtId = Number(attr(xf, 'numFmtId') ?? 0);
    const numFmt = numFmts.get(numFmtId) ?? BUILT_IN[numFmtId];
    const align = /<alignment\b[^>]*\/>/.exec(xf)?.[0] ?? '';
    const border = borders[Number(attr(xf, 'borderId') ?? 0)];
    const look: CellLook = {
      numFmt: numFmt === 'General' ? undefined : numFmt,
      bold: font?.bold || undefined,
      italic: font?.italic || undefined,
      color: font?.color,
      size: font?.size,
      fill: fills[Number(attr(xf, 'fillId') ?? 0)],
      align: attr(align, 'horizontal'),
      vAlign: attr(align, 'vertical'),
      wrap: attr(align, 'wrapText') === '1' || undefined,
      rotate: attr(align, 'textRotation') === undefined ? undefined : Number(attr(align, 'textRotation')),
      borderTop: border?.top,
      borderBottom: border?.bottom,
      quotePrefix: attr(xf, 'quotePrefix') === '1' || undefined,
    };
    return Object.fromEntries(Object.entries(look).filter(([, v]) => v !== undefined));
  };

  const cells: Record<string, CellLook> = {};
  for (const c of children(section(sheet, 'sheetData'), 'c')) {
    const ref = attr(c, 'r') ?? '';
    const look = styleOf(Number(attr(c, 's') ?? 0));
    const formula = /<f\b[^>]*>([\s\S]*?)<\/f>|<f\b[^>]*\/>/.exec(c);
    if (formula) look.formula = decode(formula[1] ?? '');
    const t = attr(c, 't');
    const text = /<t\b[^>]*>([\s\S]*?)<\/t>/.exec(c)?.[1];
    const v = /<v>([\s\S]*?)<\/v>/.exec(c)?.[1];
    if (t === 'inlineStr' && text !== undefined) look.value = decode(text);
    else if (t === 'str' && v !== undefined) look.value = decode(v);
    else if (v !== undefined && t === undefined) look.value = Number(v);
    cells[ref] = look;
  }

  const conditionalFormats = children(sheet, 'conditionalFormatting').flatMap((cf) => {
    const sqref = attr(cf, 'sqref') ?? '';
    return children(cf, 'cfRule').map((rule) => {
      if (attr(rule, 'type') === 'dataBar') {
        const vals = children(rule, 'cfvo').map((v) => attr(v, 'val'));
        return `${sqref} dataBar ${vals.join('..')} ${colour(/<color\b[^>]*\/>/.exec(rule)?.[0]) ?? ''}`;
      }
      const dxf = dxfs[Number(attr(rule, 'dxfId') ?? -1)];
      const formula = decode(/<formula>([\s\S]*?)<\/formula>/.exec(rule)?.[1] ?? '');
      const paint = `${dxf?.fill ? ` fill ${dxf.fill}` : ''}${dxf?.color ? ` color ${dxf.color}` : ''}`;
      return `${sqref} ${attr(rule, 'operator') ?? attr(rule, 'type') ?? ''} ${formula}${paint}`;
    });
  });

  const widths: Record<number, number> = {};
  for (const col of children(section(sheet, 'cols'), 'col'))
    for (let c = Number(attr(col, 'min')); c <= Number(attr(col, 'max')); c++) widths[c] = Number(attr(col, 'width'));
  const heights: Record<number, number> = {};
  for (const row of sheet.matchAll(/<row\b[^>]*>/g))
    if (attr(row[0], 'customHeight') === '1') heights[Number(attr(row[0], 'r'))] = Number(attr(row[0], 'ht'));
  const setup = /<pageSetup\b[^>]*\/>/.exec(sheet)?.[0] ?? '';
  const paper = { '1': 'Letter', '9': 'A4' }[attr(setup, 'paperSize') ?? ''];
  const footer = /<oddFooter>([\s\S]*?)<\/oddFooter>/.exec(sheet)?.[1];
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  const page = Object.fromEntries(
    Object.entries({
      paper,
      orientation: attr(setup, 'orientation'),
      fitToWidth: num(attr(setup, 'fitToWidth')),
      fitToHeight: num(attr(setup, 'fitToHeight')),
      footer: footer === undefined ? undefined : decode(footer),
    }).filter(([, v]) => v !== undefined),
  );
  return {
    cells,
    merges: children(section(sheet, 'mergeCells'), 'mergeCell').map((m) => attr(m, 'ref') ?? ''),
    conditionalFormats,
    widths,
    heights,
    page,
    gridlines: !/showGridLines="0"/.test(sheet),
  };
}
