/**
 * ISO 9001:2015 clause numbers and titles (titles only, never text of the standard), as listed in the
 * product design §11.1; mandatory documented information per §11.2.
 */
export interface Clause {
  clause: string;
  title: string;
  /** Top-level group 4 … 10. */
  group: number;
}

const RAW: ReadonlyArray<readonly [string, string]> = [
  ['4.1', 'Understanding the organization and its context'],
  ['4.2', 'Understanding the needs and expectations of interested parties'],
  ['4.3', 'Determining the scope of the quality management system'],
  ['4.4', 'Quality management system and its processes'],
  ['5.1.1', 'Leadership and commitment — general'],
  ['5.1.2', 'Customer focus'],
  ['5.2.1', 'Establishing the quality policy'],
  ['5.2.2', 'Communicating the quality policy'],
  ['5.3', 'Organizational roles, responsibilities and authorities'],
  ['6.1', 'Actions to address risks and opportunities'],
  ['6.2', 'Quality objectives and planning to achieve them'],
  ['6.3', 'Planning of changes'],
  ['7.1.1', 'Resources — general'],
  ['7.1.2', 'People'],
  ['7.1.3', 'Infrastructure'],
  ['7.1.4', 'Environment for the operation of processes'],
  ['7.1.5.1', 'Monitoring and measuring resources — general'],
  ['7.1.5.2', 'Measurement traceability'],
  ['7.1.6', 'Organizational knowledge'],
  ['7.2', 'Competence'],
  ['7.3', 'Awareness'],
  ['7.4', 'Communication'],
  ['7.5.1', 'Documented information — general'],
  ['7.5.2', 'Creating and updating'],
  ['7.5.3', 'Control of documented information'],
  ['8.1', 'Operational planning and control'],
  ['8.2.1', 'Customer communication'],
  ['8.2.2', 'Determining the requirements for products and services'],
  ['8.2.3', 'Review of the requirements for products and services'],
  ['8.2.4', 'Changes to requirements for products and services'],
  ['8.3.1', 'Design and development — general'],
  ['8.3.2', 'Design and development planning'],
  ['8.3.3', 'Design and development inputs'],
  ['8.3.4', 'Design and development controls'],
  ['8.3.5', 'Design and development outputs'],
  ['8.3.6', 'Design and development changes'],
  ['8.4.1', 'Control of externally provided processes, products and services — general'],
  ['8.4.2', 'Type and extent of control'],
  ['8.4.3', 'Information for external providers'],
  ['8.5.1', 'Control of production and service provision'],
  ['8.5.2', 'Identification and traceability'],
  ['8.5.3', 'Property belonging to customers or external providers'],
  ['8.5.4', 'Preservation'],
  ['8.5.5', 'Post-delivery activities'],
  ['8.5.6', 'Control of changes'],
  ['8.6', 'Release of products and services'],
  ['8.7', 'Control of nonconforming outputs'],
  ['9.1.1', 'Monitoring, measurement, analysis and evaluation — general'],
  ['9.1.2', 'Customer satisfaction'],
  ['9.1.3', 'Analysis and evaluation'],
  ['9.2', 'Internal audit'],
  ['9.3.1', 'Management review — general'],
  ['9.3.2', 'Management review inputs'],
  ['9.3.3', 'Management review outputs'],
  ['10.1', 'Improvement — general'],
  ['10.2', 'Nonconformity and corrective action'],
  ['10.3', 'Continual improvement'],
];

export const CLAUSES: readonly Clause[] = RAW.map(([clause, title]) => ({
  clause,
  title,
  group: Number(clause.split('.')[0]),
}));

export const CLAUSE_GROUPS = [4, 5, 6, 7, 8, 9, 10] as const;

/** Titles of the seven clause groups (the standard's top-level clauses). */
export const CLAUSE_GROUP_TITLES: Readonly<Record<number, string>> = {
  4: 'Context of the organization',
  5: 'Leadership',
  6: 'Planning',
  7: 'Support',
  8: 'Operation',
  9: 'Performance evaluation',
  10: 'Improvement',
};

const BY_NUMBER = new Map(CLAUSES.map((c) => [c.clause, c]));

export function findClause(clause: string): Clause | undefined {
  return BY_NUMBER.get(clause.trim());
}

/**
 * Normalises what people type for a clause: "Clause 8.5.1", "8.5.1.", " 8.5.1 " → "8.5.1". A number cell
 * 5.3 arrives as "5.3" already. Returns the input trimmed when it is no catalogue clause.
 */
export function normaliseClause(text: string): string {
  return text
    .trim()
    .replace(/^(clause|cl\.?|§)\s*/i, '')
    .replace(/\.$/, '')
    .trim();
}

/** A clause reference matches a catalogue clause or a heading above catalogue clauses (`8.4` covers 8.4.1–8.4.3, `7` all of 7). */
export function clausesUnder(prefix: string): Clause[] {
  const p = normaliseClause(prefix);
  return CLAUSES.filter((c) => c.clause === p || c.clause.startsWith(`${p}.`));
}

/** Clauses that may be marked Not applicable (ISO 9001 allows exclusions only where a requirement cannot apply). */
export function mayBeNotApplicable(clause: string): boolean {
  return clause.startsWith('7.1.5.') || clause.startsWith('8.');
}

export type DocumentDuty = 'maintain' | 'retain';

/** Mandatory documented information (§11.2): clause → duties and what is documented. */
export const MANDATORY_DOCUMENTS: ReadonlyArray<{ clause: string; duty: DocumentDuty; what: string }> = [
  { clause: '4.3', duty: 'maintain', what: 'scope, with justification of non-applicable requirements' },
  { clause: '4.4', duty: 'maintain', what: 'information to support the operation of processes' },
  { clause: '5.2.2', duty: 'maintain', what: 'quality policy' },
  { clause: '6.2', duty: 'maintain', what: 'quality objectives' },
  { clause: '8.1', duty: 'maintain', what: 'information for operational planning' },
  { clause: '8.5.1', duty: 'maintain', what: 'characteristics of outputs and results to be achieved' },
  { clause: '4.4', duty: 'retain', what: 'confidence that processes run as planned' },
  { clause: '7.1.5.1', duty: 'retain', what: 'fitness of monitoring and measuring resources' },
  { clause: '7.1.5.2', duty: 'retain', what: 'basis for calibration or verification' },
  { clause: '7.2', duty: 'retain', what: 'evidence of competence' },
  { clause: '8.1', duty: 'retain', what: 'conformity of processes and outputs' },
  { clause: '8.2.3', duty: 'retain', what: 'results of requirement reviews' },
  ...['8.3.2', '8.3.3', '8.3.4', '8.3.5', '8.3.6'].map((clause) => ({
    clause,
    duty: 'retain' as const,
    what: 'design and development records',
  })),
  {
    clause: '8.4.1',
    duty: 'retain',
    what: 'evaluation, selection, monitoring and re-evaluation of external providers',
  },
  { clause: '8.5.2', duty: 'retain', what: 'traceability' },
  { clause: '8.5.3', duty: 'retain', what: 'issues with customer or external provider property' },
  { clause: '8.5.6', duty: 'retain', what: 'review of changes' },
  { clause: '8.6', duty: 'retain', what: 'release of products and services' },
  { clause: '8.7', duty: 'retain', what: 'nonconforming outputs' },
  { clause: '9.1.1', duty: 'retain', what: 'monitoring and measurement results' },
  { clause: '9.2', duty: 'retain', what: 'audit programme and audit results' },
  { clause: '9.3.3', duty: 'retain', what: 'management review results' },
  { clause: '10.2', duty: 'retain', what: 'nonconformities and corrective actions' },
];
