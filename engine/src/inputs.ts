import {
  CLAUSES,
  addMonths,
  clausesUnder,
  findClause,
  mayBeNotApplicable,
  normaliseClause,
  type AuditEvent,
  type Capa,
  type CbQuote,
  type DocumentEntry,
  type GapRow,
  type Kpi,
  type KpiMeasurement,
  type ManagementReview,
  type QmsRecord,
  type Supplier,
  type TrainingRecord,
} from '@qms/templates';
import type { ClauseStatus, IsoDate } from './types.js';

/** The records the engine reads, sorted by type; duplicates and out-of-catalogue clauses are noted, not fatal. */
export interface Inputs {
  gaps: Map<string, GapRow>;
  kpis: Map<string, Kpi>;
  measurements: KpiMeasurement[];
  suppliers: Supplier[];
  capas: Capa[];
  events: AuditEvent[];
  /** Rows of the Management Review sheet; `reviewSheet` is true once any was given (R-GATE-G7-INPUTS). */
  reviews: ManagementReview[];
  reviewSheet: boolean;
  /** Rows of the CB Comparison sheet, with the cell row each came from. */
  quotes: { data: CbQuote; source: { sheet: string; row: number } }[];
  /** Document Register entries (an empty list: the workbook has no register). */
  documents: DocumentEntry[];
  /** Training Matrix rows, tall or wide. */
  trainings: TrainingRecord[];
  notes: string[];
}

export function collectInputs(records: readonly QmsRecord[]): Inputs {
  const out: Inputs = {
    gaps: new Map(),
    kpis: new Map(),
    measurements: [],
    suppliers: [],
    capas: [],
    events: [],
    reviews: [],
    reviewSheet: false,
    quotes: [],
    documents: [],
    trainings: [],
    notes: [],
  };
  for (const record of records) {
    switch (record.type) {
      case 'gap': {
        const gap = record.data as unknown as GapRow;
        const clause = normaliseClause(String(gap.clause));
        if (!findClause(clause))
          out.notes.push(`Gap record for clause "${gap.clause}" ignored: not a catalogue clause`);
        else if (out.gaps.has(clause))
          out.notes.push(`Second gap record for clause ${clause} ignored: the first one counts`);
        else out.gaps.set(clause, gap);
        break;
      }
      case 'kpi': {
        const kpi = record.data as unknown as Kpi;
        if (!out.kpis.has(kpi.kpiId)) out.kpis.set(kpi.kpiId, kpi);
        break;
      }
      case 'kpi-measurement':
        out.measurements.push(record.data as unknown as KpiMeasurement);
        break;
      case 'supplier':
        out.suppliers.push(record.data as unknown as Supplier);
        break;
      case 'capa':
        out.capas.push(record.data as unknown as Capa);
        break;
      case 'audit-event':
        out.events.push(record.data as unknown as AuditEvent);
        break;
      case 'management-review':
        out.reviews.push(record.data as unknown as ManagementReview);
        out.reviewSheet = true;
        break;
      case 'cb-quote':
        out.quotes.push({ data: record.data as unknown as CbQuote, source: record.source });
        break;
      case 'document':
        out.documents.push(record.data as unknown as DocumentEntry);
        break;
      case 'training':
        out.trainings.push(record.data as unknown as TrainingRecord);
        break;
      default:
        break;
    }
  }
  return out;
}

/** A clause as scored: Not applicable only counts when allowed on that clause and justified in Gap. */
export function scoredStatus(gap: GapRow | undefined): {
  status: ClauseStatus;
  hasEvidence: boolean;
  invalidNa: boolean;
} {
  if (!gap) return { status: 'Not assessed', hasEvidence: false, invalidNa: false };
  const hasEvidence = (gap.evidence ?? '').trim() !== '';
  if (gap.status === 'Not applicable') {
    const clause = normaliseClause(gap.clause);
    const valid = mayBeNotApplicable(clause) && (gap.gap ?? '').trim() !== '';
    return valid
      ? { status: 'Not applicable', hasEvidence, invalidNa: false }
      : { status: 'Not assessed', hasEvidence, invalidNa: true };
  }
  return { status: gap.status, hasEvidence, invalidNa: false };
}

const ALL_CLAUSES = CLAUSES.map((c) => c.clause);

/**
 * Catalogue clauses an audit event covers: its expanded `scopeClauses` when the parser gave them; otherwise
 * the scope text read here (`all`, or `4, 5.1-5.3, 9.2`), so records synced before that rule existed still count.
 */
export function coveredClauses(event: AuditEvent): string[] {
  if (event.scopeClauses && event.scopeClauses.length > 0) {
    return event.scopeClauses.some((c) => c.trim().toLowerCase() === 'all') ? ALL_CLAUSES : event.scopeClauses;
  }
  const scope = (event.scope ?? '').trim();
  if (scope === '') return [];
  if (/^all$/i.test(scope)) return ALL_CLAUSES;
  const out = new Set<string>();
  for (const part of scope.split(/[,;]/)) {
    const [from, to] = part.split(/\s*[-–]\s*/).map((s) => normaliseClause(s));
    if (!from) continue;
    if (to) {
      const start = ALL_CLAUSES.findIndex((c) => c === from || c.startsWith(`${from}.`));
      let end = -1;
      ALL_CLAUSES.forEach((c, i) => {
        if (c === to || c.startsWith(`${to}.`)) end = i;
      });
      if (start >= 0 && end >= start) ALL_CLAUSES.slice(start, end + 1).forEach((c) => out.add(c));
    } else {
      clausesUnder(from).forEach((c) => out.add(c.clause));
    }
  }
  return [...out];
}

export function isCompleted(event: AuditEvent, asOf: IsoDate): event is AuditEvent & { completedDate: IsoDate } {
  return event.status === 'Completed' && event.completedDate !== undefined && event.completedDate <= asOf;
}

/** True for a date in (asOf − months, asOf]. */
export function withinMonths(date: IsoDate, asOf: IsoDate, months: number): boolean {
  return date <= asOf && date > addMonths(asOf, -months);
}

export function isOpenCapa(capa: Capa): boolean {
  return capa.status !== 'Closed' && capa.status !== 'Cancelled';
}

const NEXT_EVALUATION_MONTHS = { Critical: 12, Major: 24, Minor: 36 } as const;

/** A supplier evaluation is current when done by the as-of date and its next evaluation is not yet past. */
export function evaluationIsCurrent(supplier: Supplier, asOf: IsoDate): boolean {
  if (!supplier.evaluationDate || supplier.evaluationDate > asOf) return false;
  const next =
    supplier.nextEvaluation ?? addMonths(supplier.evaluationDate, NEXT_EVALUATION_MONTHS[supplier.criticality]);
  return next >= asOf;
}
