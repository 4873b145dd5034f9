import type { Cell } from './cells.js';
import {
  AUDIT_STATUSES,
  CAPA_STATUSES,
  EFFECTIVENESS,
  GAP_STATUSES,
  SUPPLIER_CRITICALITY,
  SUPPLIER_STATUSES,
} from './lists.js';

/**
 * The words people use in their own registers for a list's values, read as the canonical value by default.
 * A default reading is a guess about what the user meant, so it is never applied in silence: the validator
 * reports each word it read this way, with the count of cells, as an info issue (see readTable).
 *
 * Keys are compared like list values (case, spaces and punctuation ignored).
 */
export const listKey = (text: string): string =>
  text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9%✓✔✗✘]/g, '');

type Vocabulary = Readonly<Record<string, readonly string[]>>;

const GAP_WORDS: Vocabulary = {
  Compliant: [
    'Yes',
    'Y',
    'Implemented',
    'Done',
    'Complete',
    'Completed',
    'Conforms',
    'Conforming',
    'Met',
    'Fully compliant',
    'Fully implemented',
    'In place',
    'OK',
    '✓',
    '✔',
    'Green',
    'Ja',
    'Oui',
    'Sí',
    'Umgesetzt',
    'Conforme',
    'Cumple',
  ],
  'Partially compliant': [
    'Partial',
    'Partly',
    'Partially',
    'Partially implemented',
    'In progress',
    'Ongoing',
    'Started',
    'Amber',
    'Teilweise',
    'Partiel',
    'Partiellement',
    'Parcial',
    'Parcialmente',
  ],
  'Non-compliant': [
    'No',
    'N',
    'Not started',
    'Not implemented',
    'Missing',
    'Gap',
    'Not met',
    'Nonconforming',
    'Non-conforming',
    'Red',
    'None',
    'Nein',
    'Non',
    'Nicht umgesetzt',
    'Non conforme',
    'No cumple',
  ],
  'Not applicable': [
    'N/A',
    'NA',
    'N.A.',
    'n.a.',
    'Excluded',
    'Not relevant',
    'Entfällt',
    'Nicht zutreffend',
    'Sans objet',
    'No aplica',
  ],
  'Not assessed': ['TBD', 'To be assessed', 'Not yet assessed', 'Unknown'],
};

const CAPA_WORDS: Vocabulary = {
  // Active: a SharePoint issue list's word for an item still being worked.
  Open: ['New', 'Not started', 'Raised', 'To do', 'Active', 'Offen', 'Ouvert', 'Abierto'],
  'In progress': ['Ongoing', 'Started', 'WIP', 'Work in progress', 'In work', 'In Bearbeitung', 'En cours', 'En curso'],
  'Awaiting verification': [
    'Verification',
    'To verify',
    'Pending verification',
    'Awaiting effectiveness check',
    'Implemented',
  ],
  Closed: [
    'Done',
    'Complete',
    'Completed',
    'Resolved',
    'Finished',
    'Abgeschlossen',
    'Erledigt',
    'Clos',
    'Fermé',
    'Cerrado',
  ],
  Cancelled: ['Canceled', 'Withdrawn', 'Void', 'Rejected', 'Storniert', 'Annulé', 'Cancelado'],
};

const AUDIT_WORDS: Vocabulary = {
  Planned: ['Scheduled', 'Booked', 'Plan', 'Geplant', 'Prévu', 'Planificado'],
  Completed: [
    'Done',
    'Complete',
    'Held',
    'Conducted',
    'Carried out',
    'Performed',
    'Durchgeführt',
    'Réalisé',
    'Realizado',
  ],
  Cancelled: ['Canceled', 'Withdrawn', 'Abgesagt', 'Annulé', 'Cancelado'],
};

const SUPPLIER_WORDS: Vocabulary = {
  Approved: ['Accepted', 'Qualified', 'Preferred', 'OK', 'Freigegeben', 'Approuvé', 'Aprobado'],
  Conditional: ['Conditionally approved', 'On probation', 'Probation', 'Restricted', 'Bedingt freigegeben'],
  'Not approved': ['Rejected', 'Blocked', 'Disqualified', 'Disapproved', 'Gesperrt', 'Refusé', 'Rechazado'],
  Pending: ['In evaluation', 'Under evaluation', 'New', 'To be evaluated', 'In Prüfung', 'En attente', 'Pendiente'],
};

/**
 * An effectiveness check kept as a yes/no or a checkbox ("Effective?" ticked, TRUE, X, Ja): ticked or Yes means the
 * action was verified effective, a typed No that it was not; an unticked checkbox (FALSE) is Pending (defaultReading).
 */
const EFFECTIVENESS_WORDS: Vocabulary = {
  Effective: [
    'Yes',
    'Y',
    'True',
    'X',
    '✓',
    '✔',
    'Ja',
    'Wahr',
    'Oui',
    'Vrai',
    'Sí',
    'Verdadero',
    'Wirksam',
    'Efficace',
    'Eficaz',
  ],
  'Not effective': [
    'No',
    'N',
    'False',
    '✗',
    '✘',
    'Nein',
    'Falsch',
    'Non',
    'Faux',
    'Falso',
    'Ineffective',
    'Nicht wirksam',
    'Unwirksam',
    'Inefficace',
    'No eficaz',
  ],
  Pending: ['Open', 'To be checked', 'To verify', 'TBD', 'Offen', 'En attente', 'Pendiente'],
};

/** Supplier criticality in the other languages of the headers (Crítico, Kritisch, Majeur …). */
const CRITICALITY_WORDS: Vocabulary = {
  Critical: ['Crítico', 'Crítica', 'Kritisch', 'Critique'],
  Major: ['Mayor', 'Majeur', 'Majeure', 'Wesentlich'],
  Minor: ['Menor', 'Mineur', 'Mineure', 'Gering', 'Unkritisch'],
};

function index(words: Vocabulary): Map<string, string> {
  const map = new Map<string, string>();
  for (const [value, synonyms] of Object.entries(words)) for (const w of synonyms) map.set(listKey(w), value);
  return map;
}

const BY_LIST = new Map<readonly string[], Map<string, string>>([
  [GAP_STATUSES, index(GAP_WORDS)],
  [CAPA_STATUSES, index(CAPA_WORDS)],
  [AUDIT_STATUSES, index(AUDIT_WORDS)],
  [SUPPLIER_STATUSES, index(SUPPLIER_WORDS)],
  [EFFECTIVENESS, index(EFFECTIVENESS_WORDS)],
  [SUPPLIER_CRITICALITY, index(CRITICALITY_WORDS)],
]);

/** Gap statuses kept as a completion percentage: 100 % done, something done, nothing done. */
function gapFromPercent(percent: number): string | undefined {
  if (!Number.isFinite(percent) || percent < 0 || percent > 100) return undefined;
  if (percent === 100) return 'Compliant';
  if (percent === 0) return 'Non-compliant';
  return 'Partially compliant';
}

/**
 * The canonical value a user's word (or, for gap statuses, a completion percentage) stands for by default, or
 * undefined. A number cell in a gap status column is a fraction as Excel stores a %-formatted cell (0.5 is 50 %).
 */
export function defaultReading(cell: Cell, list: readonly string[]): string | undefined {
  if (list === GAP_STATUSES) {
    if (cell.kind === 'number') return gapFromPercent(cell.value * 100);
    if (cell.kind === 'text') {
      const m = /^(\d{1,3}(?:[.,]\d+)?)\s*%$/.exec(cell.value.trim());
      if (m?.[1] !== undefined) return gapFromPercent(Number(m[1].replace(',', '.')));
    }
  }
  if (cell.kind !== 'text' && cell.kind !== 'bool') return undefined;
  const words = BY_LIST.get(list);
  if (!words) return undefined;
  // vocab.effectiveness: a checkbox left unticked says nobody has confirmed the action worked yet, not that it failed
  // (every open CAPA's box is FALSE); a typed No or Nein is an answer.
  if (cell.kind === 'bool' && list === EFFECTIVENESS && !cell.value) return 'Pending';
  if (cell.kind === 'bool') return words.get(cell.value ? 'yes' : 'no');
  return words.get(listKey(cell.value));
}

/** Yes/No as people write it: English, German, French, Spanish, checkbox marks, TRUE/FALSE in those languages. */
const YES = new Set([
  'yes',
  'y',
  'true',
  '1',
  'x',
  '✓',
  '✔',
  'ja',
  'wahr',
  'oui',
  'vrai',
  'si',
  'verdadero',
  'checked',
]);
const NO = new Set(['no', 'n', 'false', '0', '✗', '✘', 'nein', 'falsch', 'non', 'faux', 'falso', 'unchecked']);

export function readYesNo(text: string): boolean | undefined {
  const key = listKey(text);
  if (YES.has(key)) return true;
  if (NO.has(key)) return false;
  return undefined;
}

/**
 * Edit distance with adjacent transpositions (optimal string alignment), capped: enough to catch a typo
 * ("Complient", "In progess", and "Mjaor", where two letters swapped count as one edit).
 */
export function editDistance(a: string, b: string, cap = 3): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (before[j - 2] ?? 0) + 1);
      row.push(v);
      best = Math.min(best, v);
    }
    if (best > cap) return cap + 1;
    before = prev;
    prev = row;
  }
  return prev[b.length] ?? cap + 1;
}

/** The one list value a mistyped word most likely means (a unique prefix, or one value within two edits). */
export function likelyListValue(text: string, list: readonly string[]): string | undefined {
  const key = listKey(text);
  if (key.length < 2) return undefined;
  const prefixed = key.length >= 3 ? list.filter((v) => listKey(v).startsWith(key)) : [];
  if (prefixed.length === 1) return prefixed[0];
  const near = list
    .map((v) => ({ v, d: editDistance(key, listKey(v), 2) }))
    .filter((x) => x.d <= Math.min(2, Math.floor(key.length / 3)));
  const min = Math.min(...near.map((x) => x.d));
  const closest = near.filter((x) => x.d === min);
  return closest.length === 1 ? closest[0]?.v : undefined;
}
