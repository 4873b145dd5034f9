import { columnLetter } from '../../core/issues.js';
import { decodeCellRef } from '../reader/sheet.js';
import { cellXml, formulaCellXml, type SheetValue } from './sheet-xml.js';
import { attributeOf, findElement } from './xml-edit.js';

/** One cell to set in an existing sheet, 1-based; `styleFrom` copies the style of another column of its row. */
export interface CellEdit {
  row: number;
  column: number;
  value: SheetValue;
  styleFrom?: number;
  /** The value is a formula, without its "=" (written with no cached value). */
  formula?: true;
}

interface Cell {
  column: number;
  xml: string;
  style?: string;
}

const ROW = /<([A-Za-z_][\w.-]*:)?row(?=[\s/>])([^>]*?)(\/?)>/g;
const CELL = /<([A-Za-z_][\w.-]*:)?c(?=[\s/>])([^>]*?)(?:\/>|>([\s\S]*?)<\/\1?c>)/g;

function withRef(startTag: string, attrs: string, ref: string): string {
  return attributeOf(attrs, 'r') === undefined ? startTag.replace(/^<([\w.:-]+)/, `<$1 r="${ref}"`) : startTag;
}

/** The cells of one row's content, each with its column (explicit `r`, else one right of the previous cell). */
function cellsOf(body: string, row: number): { cells: Cell[]; rest: string } {
  const cells: Cell[] = [];
  let column = 0;
  let rest = '';
  let last = 0;
  for (const m of body.matchAll(CELL)) {
    rest += body.slice(last, m.index);
    last = m.index + m[0].length;
    const attrs = m[2] ?? '';
    const ref = attributeOf(attrs, 'r');
    column = (ref === undefined ? undefined : decodeCellRef(ref)?.column) ?? column + 1;
    const xml = withRef(m[0], attrs, `${columnLetter(column)}${row}`);
    cells.push({ column, xml, style: attributeOf(attrs, 's') });
  }
  return { cells, rest: rest + body.slice(last) };
}

/**
 * Sets cells of a worksheet part in place. Rows and cells that are not edited keep their XML exactly; an
 * edited cell keeps its own style unless the edit names a column to copy one from; a cell in a row the sheet
 * does not have yet gets a new row in order. The `spans` hint of an edited row is widened to cover it.
 */
export function setCells(sheetXml: string, edits: readonly CellEdit[]): string {
  const data = findElement(sheetXml, 'sheetData');
  if (!data) throw new Error('the sheet part has no sheetData');
  const prefix = data.prefix;
  const byRow = new Map<number, CellEdit[]>();
  for (const e of edits) byRow.set(e.row, [...(byRow.get(e.row) ?? []), e]);

  const body = data.empty ? '' : sheetXml.slice(data.startTagEnd, data.closeStart);
  let out = '';
  let last = 0;
  let rowNumber = 0;
  const pending = [...byRow.keys()].sort((a, b) => a - b);
  const newRow = (r: number) => `<${prefix}row r="${r}">${editRow([], r, byRow.get(r) ?? [], prefix)}</${prefix}row>`;
  ROW.lastIndex = 0;
  for (let m = ROW.exec(body); m; m = ROW.exec(body)) {
    const attrs = m[2] ?? '';
    rowNumber = Number(attributeOf(attrs, 'r') ?? rowNumber + 1);
    const close = `</${m[1] ?? ''}row>`;
    const contentStart = m.index + m[0].length;
    const contentEnd = m[3] === '/' ? contentStart : body.indexOf(close, contentStart);
    const end = m[3] === '/' ? contentStart : contentEnd + close.length;
    ROW.lastIndex = end;
    // Rows the sheet lacks, before this one.
    if ((pending[0] ?? Infinity) < rowNumber) {
      out += body.slice(last, m.index);
      last = m.index;
      for (let next = pending[0]; next !== undefined && next < rowNumber; next = pending[0])
        out += newRow(pending.shift() ?? next);
    }
    const rowEdits = byRow.get(rowNumber);
    if (attributeOf(attrs, 'r') === undefined || rowEdits) {
      out += body.slice(last, m.index);
      const { cells, rest } = cellsOf(body.slice(contentStart, contentEnd), rowNumber);
      let startTag = withRef(m[0].replace(/\/>$/, '>'), attrs, String(rowNumber));
      if (rowEdits) {
        const right = Math.max(...rowEdits.map((e) => e.column), ...cells.map((c) => c.column));
        startTag = startTag.replace(
          /\sspans="(\d+):(\d+)"/,
          (_, a: string, b: string) => ` spans="${a}:${Math.max(Number(b), right)}"`,
        );
        if (pending[0] === rowNumber) pending.shift();
      }
      const content = rowEdits
        ? editRow(cells, rowNumber, rowEdits, prefix) + rest
        : cells.map((c) => c.xml).join('') + rest;
      out += `${startTag}${content}</${m[1] ?? ''}row>`;
      last = end;
    }
  }
  out += body.slice(last) + pending.map(newRow).join('');
  const dataXml = `<${prefix}sheetData${data.attributes}>${out}</${prefix}sheetData>`;
  return sheetXml.slice(0, data.start) + dataXml + sheetXml.slice(data.end);
}

function editRow(cells: readonly Cell[], row: number, edits: readonly CellEdit[], prefix: string): string {
  const byColumn = new Map<number, Cell>(cells.map((c) => [c.column, c]));
  for (const e of edits) {
    const own = byColumn.get(e.column)?.style;
    const copied = e.styleFrom === undefined ? undefined : byColumn.get(e.styleFrom)?.style;
    const style = Number(copied ?? own ?? 0);
    byColumn.set(e.column, {
      column: e.column,
      xml:
        e.formula && typeof e.value === 'string'
          ? formulaCellXml(prefix, row, e.column, e.value, style)
          : cellXml(prefix, row, e.column, e.value, style),
      style: String(style),
    });
  }
  return [...byColumn.values()]
    .sort((a, b) => a.column - b.column)
    .map((c) => c.xml)
    .join('');
}
