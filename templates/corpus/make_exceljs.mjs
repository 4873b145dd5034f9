// Writes the ExcelJS part of the reader's corpus (run from the repository root:
// node --conditions=source --import tsx templates/corpus/make_exceljs.mjs).
// ExcelJS is how the product builds its own template files, and how many Node tools write workbooks: notes, pictures,
// merged titles, hidden rows, tables with a totals row, rich text, formulas with cached results, list validations
// and defined names, each as ExcelJS lays them out. The files are committed; this script is how they were made.
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { capaLog } from '@qms/templates';
import { buildTemplateWorkbook } from '@qms/templates/xlsx';

const here = dirname(fileURLToPath(import.meta.url));
const FIXED = new Date(Date.UTC(2026, 2, 1));
const HEADERS = ['CAPA ID', 'Date opened', 'Source', 'Severity', 'Description', 'Owner', 'Due date', 'Status'];
const day = (m, d) => new Date(Date.UTC(2026, m - 1, d));
const ROWS = [
  ['C-001', day(3, 2), 'Internal audit', 'Minor', 'Calibration label missing', 'Ann', day(4, 30), 'Open'],
  ['C-002', day(3, 9), 'Customer complaint', 'Major', 'Wrong part shipped', 'Ben', day(5, 15), 'In progress'],
  ['C-003', day(4, 1), 'Supplier', 'Observation', 'Late delivery', 'Cleo', day(6, 1), 'Open'],
];
// A 1×1 PNG: the smallest picture a drawing can hold.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

function book() {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'corpus';
  wb.created = FIXED;
  wb.modified = FIXED;
  return wb;
}

function capaSheet(wb, first = 1) {
  const ws = wb.addWorksheet('CAPA Log');
  ws.getRow(first).values = HEADERS;
  ROWS.forEach((row, i) => (ws.getRow(first + 1 + i).values = row));
  for (const c of ['B', 'G']) ws.getColumn(c).numFmt = 'yyyy-mm-dd';
  return ws;
}

async function save(wb, name) {
  await writeFile(join(here, name), new Uint8Array(await wb.xlsx.writeBuffer()));
}

// A note on a cell, a picture, a merged title row and a hidden data row.
async function notesImage() {
  const wb = book();
  const ws = capaSheet(wb, 3);
  ws.getCell('A1').value = 'Corrective actions 2026';
  ws.mergeCells('A1:H1');
  ws.getCell('E4').note = 'Found in the March audit';
  ws.getRow(5).hidden = true;
  const logo = wb.addImage({ buffer: PNG, extension: 'png' });
  ws.addImage(logo, { tl: { col: 9, row: 0 }, ext: { width: 40, height: 20 } });
  await save(wb, 'exceljs-notes-image.xlsx');
}

// An Excel table with a totals row (a label and a count), as ExcelJS writes it.
async function tableTotals() {
  const wb = book();
  const ws = wb.addWorksheet('CAPA Log');
  ws.addTable({
    name: 'CAPA',
    ref: 'A1',
    headerRow: true,
    totalsRow: true,
    style: { theme: 'TableStyleMedium2', showRowStripes: true },
    columns: HEADERS.map((name, i) =>
      i === 0 ? { name, totalsRowLabel: 'Total' } : i === 1 ? { name, totalsRowFunction: 'count' } : { name },
    ),
    rows: ROWS,
  });
  await save(wb, 'exceljs-table-totals.xlsx');
}

// Rich text, a formula with its cached result, a boolean, a hyperlink and an error on a second sheet.
async function richFormulas() {
  const wb = book();
  const ws = capaSheet(wb);
  ws.getCell('E3').value = { richText: [{ font: { bold: true }, text: 'Wrong' }, { text: ' part shipped' }] };
  ws.getCell('G4').value = { formula: 'B4+61', result: day(6, 1) };
  const notes = wb.addWorksheet('Notes');
  notes.getRow(1).values = ['Closed on time', 'Open count', 'Procedure', 'Check'];
  notes.getCell('A2').value = true;
  notes.getCell('B2').value = { formula: 'COUNTIF(\'CAPA Log\'!H2:H4,"Open")', result: 2 };
  notes.getCell('C2').value = { text: 'QP-10', hyperlink: 'https://example.com/qp-10' };
  notes.getCell('D2').value = { error: '#DIV/0!' };
  await save(wb, 'exceljs-rich-formulas.xlsx');
}

// A cross-sheet list validation, workbook and sheet-local defined names, and a hidden lists sheet.
async function validationNames() {
  const wb = book();
  const ws = capaSheet(wb);
  const lists = wb.addWorksheet('Lists');
  ['Open', 'In progress', 'Closed'].forEach((v, i) => (lists.getCell(`A${i + 1}`).value = v));
  lists.state = 'hidden';
  for (let r = 2; r <= 50; r++)
    ws.getCell(`H${r}`).dataValidation = { type: 'list', allowBlank: true, formulae: ['Lists!$A$1:$A$3'] };
  wb.definedNames.add("'CAPA Log'!$A$2:$A$4", 'CapaIds');
  wb.definedNames.add('Lists!$A$1:$A$3', 'Statuses');
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  await save(wb, 'exceljs-validation-names.xlsx');
}

// The product's own CAPA Log template (markers, table, drop-downs, how-to sheet), with no rows yet.
async function ownTemplate() {
  await writeFile(join(here, 'exceljs-capa-template.xlsx'), await buildTemplateWorkbook([capaLog]));
}

await notesImage();
await tableTotals();
await richFormulas();
await validationNames();
await ownTemplate();
