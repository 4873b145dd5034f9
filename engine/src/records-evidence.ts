import {
  MANDATORY_DOCUMENTS,
  clausesUnder,
  isTrainingCompleted,
  type DocumentEntry,
  type TrainingRecord,
} from '@qms/templates';
import type { IsoDate } from './types.js';

/** What the Document Register proves (R-READY-DOCS, R-READY-CAP-DOCS, R-READY-CAP-DOCS-STALE, R-GATE-G4). */
export interface DocumentEvidence {
  /** Register entries read (0: the workbook has no Document Register). */
  entries: number;
  /** Clause → Doc IDs of Approved entries that name it and whose review is not overdue. */
  current: Map<string, string[]>;
  /** Clause → Doc IDs of Approved entries that name it and are past their Next review. */
  stale: Map<string, string[]>;
  /** Doc IDs of Approved entries past their Next review. */
  overdue: string[];
}

/** What the Training Matrix proves (R-READY-CAP-TRAINING). */
export interface TrainingEvidence {
  /** Training rows read (0: the workbook has no Training Matrix). */
  records: number;
  /** Rows whose role requires the training. */
  required: number;
  /** Of those, completed by the as-of date and still valid on it. */
  current: number;
  /** Person | competence of required trainings not completed. */
  gaps: string[];
  /** Person | competence of required trainings completed but no longer valid. */
  expired: string[];
}

/** The clauses of documented information with a maintain or retain duty, and those of 7.5 that the register evidences. */
export const MANDATORY_DOCUMENT_CLAUSES: ReadonlySet<string> = new Set(MANDATORY_DOCUMENTS.map((d) => d.clause));
export const DOCUMENT_CONTROL_CLAUSES: ReadonlySet<string> = new Set(clausesUnder('7.5').map((c) => c.clause));

/** Catalogue clauses an entry names: its expanded clause list, or (for records synced without one) its Clauses text. */
function clausesOf(entry: DocumentEntry): string[] {
  if (entry.clauseList && entry.clauseList.length > 0) return entry.clauseList;
  return (entry.clauses ?? '')
    .split(/[,;]/)
    .flatMap((part) => clausesUnder(part.trim()).map((c) => c.clause))
    .filter((c, i, all) => all.indexOf(c) === i);
}

function add(map: Map<string, string[]>, clause: string, id: string): void {
  const ids = map.get(clause);
  if (ids) ids.push(id);
  else map.set(clause, [id]);
}

export function documentEvidence(documents: readonly DocumentEntry[], asOf: IsoDate): DocumentEvidence {
  const out: DocumentEvidence = { entries: documents.length, current: new Map(), stale: new Map(), overdue: [] };
  for (const d of documents) {
    if (d.status !== 'Approved' || d.approvalDate === undefined || d.approvalDate > asOf) continue;
    const overdue = d.nextReview !== undefined && d.nextReview < asOf;
    if (overdue) out.overdue.push(d.docId);
    for (const clause of clausesOf(d)) add(overdue ? out.stale : out.current, clause, d.docId);
  }
  return out;
}

/** A training is current when completed by the as-of date (a ✓ counts) and valid on it (no Valid until: no expiry). */
export function trainingEvidence(trainings: readonly TrainingRecord[], asOf: IsoDate): TrainingEvidence {
  const out: TrainingEvidence = { records: trainings.length, required: 0, current: 0, gaps: [], expired: [] };
  for (const t of trainings) {
    if (t.requiredForRole !== true) continue;
    out.required += 1;
    const id = `${t.person} | ${t.competence}`;
    const completed = isTrainingCompleted(t) && (t.completedDate === undefined || t.completedDate <= asOf);
    if (!completed) out.gaps.push(id);
    else if (t.validUntil !== undefined && t.validUntil < asOf) out.expired.push(id);
    else out.current += 1;
  }
  return out;
}
