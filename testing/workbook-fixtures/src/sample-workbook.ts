// A realistic sample workbook for the CLI's tests: records written through each template's own grid writer,
// saved as .xlsx with ExcelJS (sheets recognised by their header rows). Not used by the commands themselves.
import { writeFile } from 'node:fs/promises';
import {
  CLAUSES,
  MANDATORY_DOCUMENTS,
  STARTER_MODULES,
  clausesUnder,
  makeRecord,
  type QmsRecord,
} from '@qms/templates';

/** The clauses the sample's one manual serves: 7.5 and every clause with a documented-information duty. */
const MANUAL_CLAUSES = ['7.5', ...new Set(MANDATORY_DOCUMENTS.map((d) => d.clause))];
import ExcelJS from 'exceljs';

export interface SampleOptions {
  organizationName?: string;
  certificationBody?: string;
  /** Adds a CAPA row with a validation error (Closed without proof). */
  withError?: boolean;
  /** Adds a completed Stage 2 audit (a certified organisation). */
  certified?: boolean;
}

export function sampleRecords(options: SampleOptions = {}): QmsRecord[] {
  const src = { sheet: 'x', row: 1 };
  const records: QmsRecord[] = [
    makeRecord(
      'profile',
      'profile',
      {
        organizationName: options.organizationName ?? 'Acme Ltd',
        certificationScope: 'Design and manufacture of widgets',
        sitesInScope: 2,
        effectivePersonnel: 40,
        riskCategory: 'Medium',
        targetCertificationDate: '2026-12-31',
        certificationBody: options.certificationBody ?? 'Example Certification',
        cbDayRate: 1100,
        currency: 'EUR',
        teamCapacityHoursPerWeek: 24,
        internalHourlyCost: 45,
        monthsOfRecordsBeforeStage1: 3,
      },
      src,
    ),
    ...CLAUSES.map((c) =>
      makeRecord(
        'gap',
        c.clause,
        ['7.4', '8.5.5'].includes(c.clause)
          ? {
              clause: c.clause,
              title: c.title,
              status: 'Partially compliant',
              gap: 'Not yet complete',
              owner: 'QM',
              targetDate: '2026-09-30',
              priority: 'High',
            }
          : { clause: c.clause, title: c.title, status: 'Compliant', evidence: `QP-${c.clause}` },
        src,
      ),
    ),
    makeRecord(
      'kpi',
      'K1',
      {
        kpiId: 'K1',
        name: 'On-time delivery',
        direction: 'Higher is better',
        target: 95,
        amberThreshold: 90,
        frequency: 'Monthly',
      },
      src,
    ),
    ...['2026-02', '2026-03', '2026-04', '2026-05'].map((p) =>
      makeRecord(
        'kpi-measurement',
        `K1|${p}`,
        { kpiId: 'K1', period: `${p}-01`, periodLabel: p, actual: 96, rag: 'Green' },
        src,
      ),
    ),
    makeRecord(
      'supplier',
      'S1',
      {
        supplierId: 'S1',
        name: 'Steel Co',
        criticality: 'Critical',
        quality: 4,
        delivery: 4,
        responsiveness: 4,
        cost: 3,
        evaluationDate: '2026-01-15',
        status: 'Approved',
      },
      src,
    ),
    makeRecord(
      'audit-event',
      'IA-1',
      {
        eventId: 'IA-1',
        type: 'Internal audit',
        scope: 'all',
        completedDate: '2026-05-20',
        reportReference: 'IA-2026-1',
        status: 'Completed',
      },
      src,
    ),
    makeRecord(
      'audit-event',
      'MR-1',
      {
        eventId: 'MR-1',
        type: 'Management review',
        scope: 'all',
        completedDate: '2026-06-10',
        reportReference: 'MR-2026-1',
        status: 'Completed',
      },
      src,
    ),
    makeRecord(
      'audit-event',
      'S1',
      {
        eventId: 'S1',
        type: 'Stage 1 audit',
        scope: 'all',
        completedDate: '2026-06-20',
        reportReference: 'CB-S1',
        status: 'Completed',
      },
      src,
    ),
    // A Document Register that names every mandatory item of documented information (R-READY-DOCS), and a
    // completed required training (R-READY-CAP-TRAINING): without them 7.2, 7.5 and those clauses would be capped.
    makeRecord(
      'document',
      'QM-1',
      {
        docId: 'QM-1',
        title: 'Quality manual',
        type: 'Policy',
        clauses: MANUAL_CLAUSES.join(', '),
        clauseList: MANUAL_CLAUSES.flatMap((c) => clausesUnder(c).map((x) => x.clause)),
        owner: 'QM',
        revision: 'B',
        status: 'Approved',
        approvedBy: 'Managing director',
        approvalDate: '2026-01-15',
        nextReview: '2027-01-15',
        location: 'https://dms.example/QM-1',
      },
      src,
    ),
    makeRecord(
      'training',
      'A. Keller|Internal auditor',
      {
        person: 'A. Keller',
        role: 'Quality manager',
        competence: 'Internal auditor',
        requiredForRole: true,
        completedDate: '2026-01-10',
      },
      src,
    ),
  ];
  if (options.certified) {
    records.push(
      makeRecord(
        'audit-event',
        'S2',
        {
          eventId: 'S2',
          type: 'Stage 2 audit',
          scope: 'all',
          completedDate: '2026-06-25',
          reportReference: 'CB-S2',
          status: 'Completed',
        },
        src,
      ),
    );
  }
  if (options.withError) {
    records.push(
      makeRecord(
        'capa',
        'C-9',
        { capaId: 'C-9', dateOpened: '2026-02-01', source: 'Internal audit', severity: 'Minor', status: 'Closed' },
        src,
      ),
    );
  }
  return records;
}

/** Writes the records as an .xlsx (one sheet per template sheet that has rows). */
export async function writeSampleWorkbook(path: string, options: SampleOptions = {}): Promise<void> {
  const records = sampleRecords(options);
  const workbook = new ExcelJS.Workbook();
  // One layout per record type: the starter's templates (the wide KPI and calendar layouts would repeat them).
  for (const module of STARTER_MODULES) {
    for (const [name, grid] of Object.entries(module.toGrids(records))) {
      if (grid.length < 2) continue;
      const sheet = workbook.addWorksheet(name);
      grid.forEach((row) => sheet.addRow(row));
    }
  }
  await writeFile(path, new Uint8Array(await workbook.xlsx.writeBuffer()));
}
