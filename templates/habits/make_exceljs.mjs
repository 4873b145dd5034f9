// Writes the ExcelJS part of the habit corpus (run from the repository root: node templates/habits/make_exceljs.mjs).
// Each workbook is one habit of registers as organisations really keep them (issue 10, "Why"): exports with other
// column names, two-row headers, the user's own words for statuses, ticks, wide KPI sheets, totals rows and summary
// blocks, typos. What each file should give is in expected.json; the files are committed, this script made them.
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';

const here = dirname(fileURLToPath(import.meta.url));
const FIXED = new Date(Date.UTC(2026, 5, 1));
const day = (m, d, y = 2026) => new Date(Date.UTC(y, m - 1, d));

function book() {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'habits';
  wb.created = FIXED;
  wb.modified = FIXED;
  return wb;
}

/** A sheet from rows (first row at `first`); Date cells get a date format, `formats` maps a column letter to one. */
function sheet(wb, name, rows, { first = 1, formats = {} } = {}) {
  const ws = wb.addWorksheet(name);
  rows.forEach((row, i) => {
    const r = ws.getRow(first + i);
    row.forEach((v, j) => {
      if (v === null || v === undefined || v === '') return;
      const cell = r.getCell(j + 1);
      cell.value = v;
      if (v instanceof Date) cell.numFmt = 'dd/mm/yyyy';
    });
  });
  for (const [column, numFmt] of Object.entries(formats))
    ws.getColumn(column).eachCell((cell, row) => {
      if (row > first && typeof cell.value === 'number') cell.numFmt = numFmt;
    });
  return ws;
}

async function save(wb, name) {
  await writeFile(join(here, name), new Uint8Array(await wb.xlsx.writeBuffer()));
}

// A SharePoint list exported to Excel: Title, Created, Assigned To, Modified, Created By, Item Type, Path.
async function sharepointCapa() {
  const wb = book();
  sheet(wb, 'Issues', [
    ['ID', 'Title', 'Issue Status', 'Priority', 'Assigned To', 'Due Date', 'Created', 'Created By', 'Modified'],
    [
      '14',
      'Torque wrench out of calibration',
      'Active',
      '(2) Normal',
      'Ann Lee',
      day(7, 15),
      day(3, 2),
      'Ben Ode',
      day(3, 4),
    ],
    [
      '15',
      'Customer received wrong revision drawing',
      'Active',
      '(1) High',
      'Ben Ode',
      day(7, 30),
      day(3, 9),
      'Ann Lee',
      day(3, 9),
    ],
    [
      '16',
      'Incoming inspection skipped for lot 2231',
      'Resolved',
      '(2) Normal',
      'Cleo Ray',
      day(5, 1),
      day(4, 1),
      'Ben Ode',
      day(5, 2),
    ],
    [
      '17',
      'Training record missing for new operator',
      'Active',
      '(3) Low',
      'Ann Lee',
      day(8, 31),
      day(5, 12),
      'Cleo Ray',
      day(5, 12),
    ],
  ]);
  await save(wb, 'exceljs-sharepoint-capa.xlsx');
}

// A CAPA register whose owner column is "Action by" and whose ids are NCR numbers.
async function actionBy() {
  const wb = book();
  sheet(wb, 'NCR register', [
    [
      'NCR no',
      'Date raised',
      'Source',
      'Nonconformity',
      'Root cause',
      'Corrective action',
      'Action by',
      'Target date',
      'Status',
    ],
    [
      'NCR-101',
      day(2, 3),
      'Internal audit',
      'Work instruction out of date at cell 4',
      'No review trigger',
      'Add review to change process',
      'P. Kaur',
      day(7, 31),
      'Open',
    ],
    [
      'NCR-102',
      day(2, 17),
      'Customer complaint',
      'Burrs on bracket edges',
      'Worn deburr tool',
      'Tool life limit set',
      'M. Otto',
      day(8, 15),
      'In progress',
    ],
    [
      'NCR-103',
      day(3, 5),
      'Supplier',
      'Certificate of conformity missing',
      'Supplier oversight',
      'CoC required on PO',
      'P. Kaur',
      day(9, 30),
      'Open',
    ],
    [
      'NCR-104',
      day(4, 22),
      'Process monitoring',
      'Scrap rate above limit on line 2',
      '',
      '',
      'J. Berg',
      day(9, 1),
      'Open',
    ],
    [
      'NCR-105',
      day(5, 6),
      'Internal audit',
      'Calibration overdue on two gauges',
      'Reminder list not kept',
      'Calibration planner',
      'M. Otto',
      day(10, 1),
      'Open',
    ],
  ]);
  await save(wb, 'exceljs-action-by.xlsx');
}

// A supplier list keyed by "Supplier code", with the product's own criteria columns.
async function supplierCode() {
  const wb = book();
  sheet(wb, 'Approved suppliers', [
    [
      'Supplier code',
      'Supplier name',
      'Products',
      'Criticality',
      'Quality',
      'Delivery',
      'Responsiveness',
      'Cost',
      'Evaluation date',
      'Approval status',
    ],
    ['S-0101', 'Nordic Steel AB', 'Bar stock', 'Critical', 5, 4, 4, 3, day(1, 20), 'Approved'],
    ['S-0102', 'Precision Coatings Ltd', 'Anodising', 'Major', 3, 3, 4, 4, day(2, 11), 'Conditional'],
    ['S-0107', 'Fastenal', 'Fasteners', 'Minor', 4, 5, 4, 4, day(3, 2), 'Approved'],
    ['S-0110', 'CalibLab GmbH', 'Calibration', 'Major', 5, 4, 5, 3, day(3, 18), 'Approved'],
  ]);
  await save(wb, 'exceljs-supplier-code.xlsx');
}

// German headers and German status words, as a German site keeps its Maßnahmenliste.
async function germanCapa() {
  const wb = book();
  sheet(wb, 'Maßnahmen', [
    ['CAPA-Nr', 'Eröffnet am', 'Beschreibung', 'Ursache', 'Verantwortlich', 'Fällig am', 'Stand'],
    ['K-01', day(1, 12), 'Prüfmittel ohne Kalibrierung', 'Kein Prüfplan', 'H. Meier', day(7, 30), 'Offen'],
    [
      'K-02',
      day(2, 2),
      'Kundenreklamation Maßabweichung',
      'Werkzeugverschleiß',
      'S. Braun',
      day(8, 31),
      'In Bearbeitung',
    ],
    ['K-03', day(3, 16), 'Lieferant ohne Zertifikat', 'Vertrag unklar', 'H. Meier', day(9, 15), 'Offen'],
    ['K-04', day(4, 8), 'Schulungsnachweis fehlt', 'Ablage unvollständig', 'T. Wolf', day(7, 15), 'In Bearbeitung'],
  ]);
  await save(wb, 'exceljs-german-capa.xlsx');
}

// A gap analysis whose headers carry units, a "?" and plurals.
async function unitsPlurals() {
  const wb = book();
  sheet(wb, 'ISO 9001 gaps', [
    [
      'Clause no.',
      'Clause title',
      'Compliance status',
      'Evidence(s)',
      'Gaps',
      'Actions',
      'Owners',
      'Target date (dd/mm/yyyy)',
      'Priority?',
      'Effort (person-days)',
    ],
    [
      '4.1',
      'Understanding the organization and its context',
      'Compliant',
      'Context review minutes 2025',
      '',
      '',
      'MD',
      '',
      '',
      '',
    ],
    [
      '4.2',
      'Needs and expectations of interested parties',
      'Partially compliant',
      'Draft register',
      'Register not reviewed',
      'Review at MR',
      'QM',
      day(9, 30),
      'Medium',
      1,
    ],
    ['5.2.1', 'Establishing the quality policy', 'Compliant', 'Quality policy rev 3', '', '', 'MD', '', '', ''],
    [
      '6.2',
      'Quality objectives and planning to achieve them',
      'Non-compliant',
      '',
      'No measurable objectives',
      'Set objectives with owners',
      'QM',
      day(8, 31),
      'High',
      3,
    ],
    [
      '7.5.3',
      'Control of documented information',
      'Partially compliant',
      'Document list',
      'No retention periods',
      'Add retention to list',
      'QM',
      day(10, 15),
      'Low',
      2,
    ],
  ]);
  await save(wb, 'exceljs-units-plurals.xlsx');
}

// Group headings above the column names, and "Clause" merged down over both header rows.
async function twoRowHeader() {
  const wb = book();
  const ws = sheet(wb, 'CAPA Log', [
    ['Clause', 'Identification', '', 'Problem', '', 'Action', '', '', ''],
    ['', 'CAPA ID', 'Date opened', 'Severity', 'Description', 'Owner', 'Due date', 'Status', 'Date closed'],
    ['8.5.1', 'CA-31', day(2, 9), 'Minor', 'Setup sheet not signed', 'R. Diaz', day(7, 31), 'Open', ''],
    ['7.1.5', 'CA-32', day(3, 1), 'Minor', 'Gauge R&R not repeated', 'L. Chen', day(8, 30), 'In progress', ''],
    ['8.4', 'CA-33', day(3, 20), 'Observation', 'Supplier scorecards late', 'R. Diaz', day(9, 30), 'Open', ''],
    ['9.2', 'CA-34', day(4, 14), 'Minor', 'Audit plan missed process 7', 'L. Chen', day(10, 31), 'Open', ''],
  ]);
  ws.mergeCells('A1:A2');
  ws.mergeCells('B1:C1');
  ws.mergeCells('D1:E1');
  ws.mergeCells('F1:I1');
  await save(wb, 'exceljs-two-row-header.xlsx');
}

// A gap analysis answered Yes / No / Partial / N/A.
async function gapYesNo() {
  const wb = book();
  sheet(wb, 'Gap Analysis', [
    ['Clause', 'Requirement', 'In place?', 'Evidence', 'Justification', 'Owner', 'Target date'],
    ['4.3', 'Scope of the QMS', 'Yes', 'Scope statement in manual', '', 'QM', ''],
    [
      '6.1',
      'Actions to address risks and opportunities',
      'Partial',
      'Risk register started',
      'Opportunities not listed',
      'QM',
      day(9, 1),
    ],
    ['7.2', 'Competence', 'No', '', 'No competence matrix', 'HR', day(8, 15)],
    ['8.3.1', 'Design and development: general', 'N/A', '', 'We build to customer drawings; no design', '', ''],
    ['9.3.1', 'Management review: general', 'Yes', 'MR minutes 2026-01', '', 'MD', ''],
    [
      '10.2',
      'Nonconformity and corrective action',
      'Partial',
      'CAPA log',
      'Effectiveness not checked',
      'QM',
      day(10, 1),
    ],
  ]);
  await save(wb, 'exceljs-gap-yes-no.xlsx');
}

// Gap statuses kept as a completion percentage: cells formatted 0% holding 0, 0.5 and 1, and one typed "50 %".
async function gapPercent() {
  const wb = book();
  sheet(
    wb,
    'Readiness',
    [
      ['Clause', 'Title', 'Status', 'Evidence', 'Owner', 'Target date'],
      ['4.4', 'Quality management system and its processes', 1, 'Process map', 'QM', ''],
      ['5.3', 'Organizational roles, responsibilities and authorities', 0.5, 'Org chart', 'MD', day(9, 30)],
      ['7.1.5.1', 'Monitoring and measuring resources: general', 0, '', 'QC', day(8, 31)],
      [
        '8.2.2',
        'Determining the requirements for products and services',
        '50 %',
        'Contract review form',
        'Sales',
        day(10, 31),
      ],
      ['8.6', 'Release of products and services', 1, 'Final inspection records', 'QC', ''],
    ],
    { formats: { C: '0%' } },
  );
  await save(wb, 'exceljs-gap-percent.xlsx');
}

// A CAPA log whose effectiveness is a checkbox column: TRUE / FALSE booleans.
async function capaCheckbox() {
  const wb = book();
  sheet(wb, 'CAPA Log', [
    [
      'CAPA ID',
      'Date opened',
      'Description',
      'Root cause',
      'Corrective action',
      'Owner',
      'Due date',
      'Status',
      'Date closed',
      'Effective?',
      'Verified by',
    ],
    [
      'C-21',
      day(1, 10),
      'Label printer misprints lot codes',
      'Worn print head',
      'Print head on PM plan',
      'Ann',
      day(3, 1),
      'Closed',
      day(2, 20),
      true,
      'QM',
    ],
    [
      'C-22',
      day(1, 24),
      'Packing damage on export pallets',
      'No corner boards',
      'Corner boards added',
      'Ben',
      day(4, 1),
      'Closed',
      day(3, 28),
      false,
      'QM',
    ],
    [
      'C-23',
      day(2, 14),
      'Drawing revision not controlled',
      'Local copies',
      'Withdraw local copies',
      'Cleo',
      day(8, 1),
      'In progress',
      '',
      '',
      '',
    ],
    [
      'C-24',
      day(3, 3),
      'Operator skipped first-off check',
      'Checklist unclear',
      'Checklist rewritten',
      'Ann',
      day(5, 1),
      'Closed',
      day(4, 29),
      true,
      'QM',
    ],
  ]);
  await save(wb, 'exceljs-capa-checkbox.xlsx');
}

// A wide KPI tracker: one row per KPI, Jan … Dec, the year only in the title cell.
async function kpiWideMonths() {
  const wb = book();
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  sheet(wb, 'KPIs', [
    ['Quality objectives 2026'],
    [],
    ['KPI ID', 'KPI', 'Unit', 'Direction', 'Target', 'Frequency', 'Owner', ...months],
    ['K1', 'On-time delivery', '%', 'Higher is better', 95, 'Monthly', 'Logistics', 93, 96, 97, 94, 95, 98],
    ['K2', 'Customer complaints', 'count', 'Lower is better', 2, 'Monthly', 'QM', 3, 1, 2, 0, 1, 2],
    ['K3', 'Internal scrap rate', '%', 'Lower is better', 1.5, 'Monthly', 'Production', 1.8, 1.6, 1.4, 1.2, 1.3, 1.1],
  ]);
  await save(wb, 'exceljs-kpi-wide-months.xlsx');
}

// An Excel table with a totals row under a CAPA register.
async function tableTotals() {
  const wb = book();
  const ws = wb.addWorksheet('Corrective actions');
  const columns = ['CAPA ID', 'Date opened', 'Source', 'Description', 'Owner', 'Due date', 'Status'];
  ws.addTable({
    name: 'CorrectiveActions',
    ref: 'A1',
    headerRow: true,
    totalsRow: true,
    style: { theme: 'TableStyleMedium9', showRowStripes: true },
    columns: columns.map((name, i) =>
      i === 0 ? { name, totalsRowLabel: 'Total' } : i === 6 ? { name, totalsRowFunction: 'count' } : { name },
    ),
    rows: [
      ['CA-2026-01', day(1, 8), 'Internal audit', 'Procedure not followed at goods-in', 'Kim', day(7, 31), 'Open'],
      [
        'CA-2026-02',
        day(2, 12),
        'Customer complaint',
        'Late shipment to key account',
        'Lou',
        day(8, 30),
        'In progress',
      ],
      ['CA-2026-03', day(3, 3), 'External audit', 'Management review inputs incomplete', 'Kim', day(9, 15), 'Open'],
      ['CA-2026-04', day(4, 27), 'Process monitoring', 'Oven temperature drift', 'Max', day(7, 15), 'In progress'],
    ],
  });
  ws.getColumn(2).numFmt = 'dd/mm/yyyy';
  ws.getColumn(6).numFmt = 'dd/mm/yyyy';
  await save(wb, 'exceljs-table-totals.xlsx');
}

// A CAPA register with a summary block under it, after a blank gap ("Open: 3").
async function summaryBlock() {
  const wb = book();
  sheet(wb, 'CAPA Log', [
    ['CAPA ID', 'Date opened', 'Source', 'Description', 'Owner', 'Due date', 'Status'],
    ['C-41', day(1, 5), 'Internal audit', 'Calibration sticker missing', 'Ann', day(7, 31), 'Open'],
    ['C-42', day(2, 9), 'Customer complaint', 'Wrong colour shipped', 'Ben', day(8, 31), 'In progress'],
    ['C-43', day(3, 11), 'Supplier', 'Late certificate', 'Cleo', day(9, 30), 'Open'],
    ['C-44', day(4, 2), 'Internal audit', 'Record retention unclear', 'Ann', day(10, 31), 'Open'],
    [],
    [],
    ['Open: 3'],
    ['In progress', 1],
    ['Total', 4],
  ]);
  await save(wb, 'exceljs-summary-block.xlsx');
}

// Typos in list values, each of which should come with a "did you mean".
async function typos() {
  const wb = book();
  sheet(wb, 'CAPA Log', [
    ['CAPA ID', 'Date opened', 'Source', 'Severity', 'Description', 'Owner', 'Due date', 'Status'],
    ['C-51', day(1, 19), 'Internal audit', 'Minor', 'Work order not signed off', 'Ann', day(7, 31), 'Open'],
    ['C-52', day(2, 2), 'Customer complaint', 'Mjaor', 'Dimension out of tolerance', 'Ben', day(8, 31), 'In progress'],
    ['C-53', day(2, 23), 'Internal adit', 'Minor', 'Obsolete form in use', 'Cleo', day(9, 30), 'Open'],
    ['C-54', day(3, 30), 'Supplier', 'Observation', 'Packaging not to spec', 'Ann', day(10, 31), 'In progess'],
    ['C-55', day(4, 14), 'Internal audit', 'Minor', 'Training plan overdue', 'Ben', day(9, 15), 'Open'],
  ]);
  await save(wb, 'exceljs-typos.xlsx');
}

await sharepointCapa();
await actionBy();
await supplierCode();
await germanCapa();
await unitsPlurals();
await twoRowHeader();
await gapYesNo();
await gapPercent();
await capaCheckbox();
await kpiWideMonths();
await tableTotals();
await summaryBlock();
await typos();
