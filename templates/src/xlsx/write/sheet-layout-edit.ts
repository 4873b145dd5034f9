import { columnLetter } from '../../core/issues.js';
import { encodeXml } from '../opc.js';
import { decodeCellRef } from '../reader/sheet.js';
import { appendChild, attributeOf, findElement, insertBeforeFirst, setAttribute } from './xml-edit.js';

/** Worksheet elements that follow `dataValidations` in the schema's sequence (CT_Worksheet). */
const AFTER_DATA_VALIDATIONS = [
  'hyperlinks',
  'printOptions',
  'pageMargins',
  'pageSetup',
  'headerFooter',
  'rowBreaks',
  'colBreaks',
  'customProperties',
  'cellWatches',
  'ignoredErrors',
  'smartTags',
  'drawing',
  'legacyDrawing',
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
];

/** Gives one column a width, unless a `<col>` already covers it (the user's widths are theirs). */
export function setColumnWidth(sheetXml: string, column: number, width: number): string {
  const prefix = findElement(sheetXml, 'worksheet')?.prefix ?? '';
  const col = `<${prefix}col min="${column}" max="${column}" width="${width}" customWidth="1"/>`;
  const cols = findElement(sheetXml, 'cols');
  if (!cols) {
    const data = findElement(sheetXml, 'sheetData');
    return data
      ? sheetXml.slice(0, data.start) + `<${prefix}cols>${col}</${prefix}cols>` + sheetXml.slice(data.start)
      : sheetXml;
  }
  const body = sheetXml.slice(cols.startTagEnd, cols.closeStart);
  let insertAt = cols.closeStart;
  for (const m of body.matchAll(/<(?:[\w.-]+:)?col\b([^>]*)\/?>/g)) {
    const min = Number(attributeOf(m[1] ?? '', 'min'));
    const max = Number(attributeOf(m[1] ?? '', 'max'));
    if (min <= column && column <= max) return sheetXml;
    if (min > column) {
      insertAt = cols.startTagEnd + m.index;
      break;
    }
  }
  return sheetXml.slice(0, insertAt) + col + sheetXml.slice(insertAt);
}

/** Adds a drop-down list validation over `sqref` (inline list, Excel's 255-character limit checked by the caller). */
export function addListValidation(sheetXml: string, sqref: string, values: readonly string[]): string {
  const prefix = findElement(sheetXml, 'worksheet')?.prefix ?? '';
  const p = prefix;
  const error = encodeXml(`Pick a value from the list: ${values.join(', ')}`);
  const rule =
    `<${p}dataValidation type="list" allowBlank="1" showErrorMessage="1" errorStyle="stop" error="${error}" sqref="${sqref}">` +
    `<${p}formula1>${encodeXml(`"${values.join(',')}"`)}</${p}formula1></${p}dataValidation>`;
  // The worksheet's own list, never the x14 one in its extension list (which holds cross-sheet rules).
  const existing = findElement(sheetXml, 'dataValidations', 0, prefix);
  if (!existing)
    return insertBeforeFirst(
      sheetXml,
      'worksheet',
      AFTER_DATA_VALIDATIONS,
      `<${p}dataValidations count="1">${rule}</${p}dataValidations>`,
    );
  const count = Number(attributeOf(existing.attributes, 'count') ?? '0');
  const appended = appendChild(sheetXml, existing, 'dataValidations', rule);
  const again = findElement(appended, 'dataValidations', 0, prefix);
  return again && attributeOf(again.attributes, 'count') !== undefined
    ? setAttribute(appended, again, 'count', String(count + 1))
    : appended;
}

/** Widens the sheet's `<dimension>` (the used range Excel reports) to reach `right`, when it has one. */
export function widenDimension(sheetXml: string, right: number, bottom: number): string {
  const dim = findElement(sheetXml, 'dimension');
  const ref = dim ? attributeOf(dim.attributes, 'ref') : undefined;
  if (!dim || ref === undefined) return sheetXml;
  const [first = 'A1', second] = ref.split(':');
  const a = decodeCellRef(first);
  const b = decodeCellRef(second ?? first);
  if (!a || !b) return sheetXml;
  const r = Math.max(b.column, right);
  const bot = Math.max(b.row, bottom);
  if (r === b.column && bot === b.row) return sheetXml;
  return setAttribute(sheetXml, dim, 'ref', `${columnLetter(a.column)}${a.row}:${columnLetter(r)}${bot}`);
}
