// Builders of records for the engine's tests and benchmark (not shipped logic; kept beside the tests).
import {
  CLAUSES,
  MANDATORY_DOCUMENTS,
  STARTER_MODULES,
  clausesUnder,
  makeRecord,
  type WorkbookInput,
  type AuditEvent,
  type Capa,
  type CbQuote,
  REVIEW_INPUTS,
  type DocumentEntry,
  type GapRow,
  type Kpi,
  type KpiMeasurement,
  type ManagementReview,
  type Profile,
  type QmsRecord,
  type Supplier,
  type TrainingRecord,
} from '@qms/templates';

export function profile(over: Partial<Profile> = {}): Profile {
  return {
    organizationName: 'Acme Ltd',
    certificationScope: 'Design and manufacture of widgets',
    sitesInScope: 1,
    effectivePersonnel: 40,
    riskCategory: 'Medium',
    standard: 'ISO 9001:2015',
    currency: 'EUR',
    monthsOfRecordsBeforeStage1: 3,
    certificationBody: 'Example Certification',
    ...over,
  };
}

export const gap = (data: Partial<GapRow> & Pick<GapRow, 'clause'>): QmsRecord =>
  makeRecord(
    'gap',
    data.clause,
    { status: 'Compliant', evidence: 'Procedure QP-1', ...data },
    { sheet: 'Gap Analysis', row: 4 },
  );

/** One gap row per catalogue clause with the given status (default: Compliant with evidence). */
export function allGaps(over: (clause: string) => Partial<GapRow> = () => ({})): QmsRecord[] {
  return CLAUSES.map((c) => gap({ clause: c.clause, ...over(c.clause) }));
}

export const kpi = (data: Partial<Kpi> = {}): QmsRecord =>
  makeRecord(
    'kpi',
    data.kpiId ?? 'K1',
    { kpiId: 'K1', name: 'On-time delivery', direction: 'Higher is better', target: 95, frequency: 'Monthly', ...data },
    { sheet: 'KPI Definitions', row: 4 },
  );

export const measurement = (period: string, data: Partial<KpiMeasurement> = {}): QmsRecord =>
  makeRecord(
    'kpi-measurement',
    `${data.kpiId ?? 'K1'}|${period}`,
    { kpiId: 'K1', period, periodLabel: period.slice(0, 7), actual: 96, rag: 'Green', ...data },
    { sheet: 'KPI Measurements', row: 4 },
  );

export const supplier = (data: Partial<Supplier> & Pick<Supplier, 'supplierId'>): QmsRecord =>
  makeRecord(
    'supplier',
    data.supplierId,
    { name: `Supplier ${data.supplierId}`, criticality: 'Critical', status: 'Approved', ...data },
    { sheet: 'Supplier Evaluation', row: 4 },
  );

export const capa = (data: Partial<Capa> & Pick<Capa, 'capaId'>): QmsRecord =>
  makeRecord(
    'capa',
    data.capaId,
    { dateOpened: '2026-01-10', status: 'Open', severity: 'Minor', ...data },
    { sheet: 'CAPA Log', row: 4 },
  );

export const event = (data: Partial<AuditEvent> & Pick<AuditEvent, 'eventId' | 'type'>): QmsRecord =>
  makeRecord(
    'audit-event',
    data.eventId,
    { status: 'Completed', scope: 'all', reportReference: `R-${data.eventId}`, ...data },
    { sheet: 'Audit Programme', row: 4 },
  );

/** A row of the Management Review sheet; every 9.3.2 input covered unless `notCovered` names some (by short name). */
export const review = (
  data: Partial<ManagementReview> & Pick<ManagementReview, 'reviewId'>,
  notCovered: readonly string[] = [],
): QmsRecord =>
  makeRecord(
    'management-review',
    data.reviewId,
    {
      date: '2026-06-10',
      status: 'Completed',
      minutesReference: `Minutes ${data.reviewId}`,
      ...Object.fromEntries(REVIEW_INPUTS.map((i) => [i.key, !notCovered.includes(i.name)])),
      ...data,
    },
    { sheet: 'Management Review', row: 4 },
  );

/** A row of the CB Comparison sheet: accredited, impartial, 5 days at 1,500 + 100 travel, 8 weeks' lead time. */
export const quote = (data: Partial<CbQuote> & Pick<CbQuote, 'certificationBody'>, row = 4): QmsRecord =>
  makeRecord(
    'cb-quote',
    data.certificationBody,
    {
      accreditationBody: 'DAkkS',
      accreditedForScope: true,
      quotedAuditDays: 5,
      dayRate: 1500,
      travelPerDay: 100,
      quotedTotal: 8000,
      currency: 'EUR',
      leadTimeWeeks: 8,
      consultancyToUs: false,
      ...data,
    },
    { sheet: 'CB Comparison', row },
  );

/** A Document Register entry: Approved and current by default; its clause list is expanded as the template does. */
export const documentEntry = (data: Partial<DocumentEntry> & Pick<DocumentEntry, 'docId'>): QmsRecord => {
  const clauses = data.clauses ?? '7.5';
  const clauseList = [
    ...new Set(clauses.split(/[,;]/).flatMap((part) => clausesUnder(part.trim()).map((c) => c.clause))),
  ];
  return makeRecord(
    'document',
    data.docId,
    {
      title: `Document ${data.docId}`,
      type: 'Procedure',
      status: 'Approved',
      approvedBy: 'Managing director',
      approvalDate: '2026-01-15',
      nextReview: '2027-01-15',
      ...data,
      clauses,
      clauseList: data.clauseList ?? clauseList,
    },
    { sheet: 'Document Register', row: 4 },
  );
};

/** The clauses of every mandatory item of documented information, and 7.5, as a register's Clauses cell. */
export const MANDATORY_CLAUSES_TEXT = ['7.5', ...new Set(MANDATORY_DOCUMENTS.map((d) => d.clause))].join(', ');

/** A Training Matrix row: required for the role and completed by default. */
export const training = (data: Partial<TrainingRecord> & Pick<TrainingRecord, 'person' | 'competence'>): QmsRecord =>
  makeRecord(
    'training',
    `${data.person}|${data.competence}`,
    { requiredForRole: true, completedDate: '2026-01-10', ...data },
    { sheet: 'Training Matrix', row: 4 },
  );

/**
 * A workbook ready for Stage 1: every clause compliant, 4 months of KPI records, audit and review done, a Document
 * Register whose one Approved manual names every mandatory clause, and a required training completed.
 */
export function readyRecords(asOf = '2026-06-30'): QmsRecord[] {
  void asOf;
  return [
    ...allGaps(),
    kpi(),
    ...['2026-02-01', '2026-03-01', '2026-04-01', '2026-05-01'].map((p) => measurement(p)),
    supplier({ supplierId: 'S1', evaluationDate: '2026-01-15' }),
    event({ eventId: 'IA-1', type: 'Internal audit', completedDate: '2026-05-20' }),
    event({ eventId: 'MR-1', type: 'Management review', completedDate: '2026-06-10' }),
    documentEntry({ docId: 'QM-1', type: 'Policy', clauses: MANDATORY_CLAUSES_TEXT }),
    training({ person: 'A. Keller', competence: 'Internal auditor' }),
  ];
}

/**
 * The sheets a workbook holding these records would have (via each template's own writer), ready to parse.
 * Sheets that would hold a header only are left out (an empty criteria block is an error by design).
 */
export function workbookFrom(records: readonly QmsRecord[]): WorkbookInput {
  const sheets = STARTER_MODULES.flatMap((m) =>
    Object.entries(m.toGrids(records)).map(([name, values]) => ({ name, values })),
  ).filter((s) => s.values.length > 1);
  return { sheets };
}
