import { columnLetter } from '../../core/issues.js';
import { encodeXml } from '../opc.js';
import { decodeCellRef } from '../reader/sheet.js';
import { attributeOf, findElement, setAttribute } from './xml-edit.js';

export interface TableRange {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export function tableRange(tableXml: string): TableRange | undefined {
  const table = findElement(tableXml, 'table');
  const [a, b] = (attributeOf(table?.attributes ?? '', 'ref') ?? '').split(':');
  const from = a === undefined ? undefined : decodeCellRef(a);
  const to = b === undefined ? from : decodeCellRef(b);
  return from && to ? { left: from.column, top: from.row, right: to.column, bottom: to.row } : undefined;
}

const refOf = (r: TableRange) => `${columnLetter(r.left)}${r.top}:${columnLetter(r.right)}${r.bottom}`;

/**
 * Brings an Excel table part in line with an upgraded header row: a table column whose header cell now reads
 * differently takes the new name (Excel insists they match), and columns appended right next to the table
 * join it, widening its range and its autofilter. Everything else in the part (styles, totals row, filters,
 * ids other writers add) is kept as written.
 */
export function editTable(
  tableXml: string,
  headerText: (column: number) => string | undefined,
  appended: readonly { column: number; header: string }[],
): string {
  const range = tableRange(tableXml);
  const columns = findElement(tableXml, 'tableColumns');
  if (!range || !columns || columns.empty) return tableXml;
  const p = columns.prefix;
  const body = tableXml.slice(columns.startTagEnd, columns.closeStart);
  let i = 0;
  let renamed = body.replace(/<([\w.-]+:)?tableColumn\b([^>]*?)(\/?)>/g, (tag, _p: string, attrs: string) => {
    const text = headerText(range.left + i);
    i += 1;
    const name = attributeOf(attrs, 'name');
    return text === undefined || text === '' || name === encodeXml(text)
      ? tag
      : tag.replace(/(\sname\s*=\s*)("[^"]*"|'[^']*')/, `$1"${encodeXml(text)}"`);
  });
  const ids = [...body.matchAll(/<(?:[\w.-]+:)?tableColumn\b[^>]*\sid="(\d+)"/g)].map((m) => Number(m[1]));
  let nextId = Math.max(0, ...ids) + 1;
  let right = range.right;
  for (const added of [...appended].sort((a, b) => a.column - b.column)) {
    if (added.column !== right + 1) continue;
    renamed += `<${p}tableColumn id="${nextId}" name="${encodeXml(added.header)}"/>`;
    nextId += 1;
    right = added.column;
  }
  let xml = tableXml.slice(0, columns.startTagEnd) + renamed + tableXml.slice(columns.closeStart);
  const count = right - range.left + 1;
  const cols = findElement(xml, 'tableColumns');
  if (cols && attributeOf(cols.attributes, 'count') !== undefined)
    xml = setAttribute(xml, cols, 'count', String(count));
  if (right === range.right) return xml;
  const widened = refOf({ ...range, right });
  const table = findElement(xml, 'table');
  if (table) xml = setAttribute(xml, table, 'ref', widened);
  const filter = findElement(xml, 'autoFilter');
  const filterRef = filter ? attributeOf(filter.attributes, 'ref') : undefined;
  if (filter && filterRef !== undefined) {
    // The autofilter covers the header and data rows, not a totals row: keep its own bottom.
    const bottom = decodeCellRef(filterRef.split(':')[1] ?? '')?.row ?? range.bottom;
    xml = setAttribute(xml, filter, 'ref', refOf({ ...range, right, bottom }));
  }
  return xml;
}
