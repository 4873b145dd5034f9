import { toCell } from '../core/cells.js';
import type { SheetInput } from '../core/table.js';

/**
 * The legend of a year planner: which mark in a month cell means what. Read from the sheet when it has one
 * (`P = planned`, `C: completed`, `Legend: P planned, C completed`, or a "Legend" heading over mark | meaning
 * pairs), else the default. Pure: a grid in, a legend out; the rules turn conflicts into issues.
 */
export type Meaning = 'planned' | 'completed' | 'cancelled';

export interface LegendEntry {
  /** The mark as printed in the legend. */
  mark: string;
  /** What the legend says it means, as written. */
  meaningText: string;
  /** Undefined when the words match none of planned / completed / cancelled ("R = rescheduled"). */
  meaning: Meaning | undefined;
  /** 0-based position in the sheet's values (the cell that holds the mark). */
  at: GridPoint;
}

export interface GridPoint {
  row: number;
  column: number;
}

export interface LegendConflict {
  entry: LegendEntry;
  /** The entry that defined the mark first (and is kept). */
  first: LegendEntry;
}

export interface Legend {
  source: 'sheet' | 'default';
  /** Whether some entry stood under or after a "Legend" heading (else every entry stood alone in a cell). */
  headed: boolean;
  /** By mark key; the first definition of a mark wins. */
  entries: Map<string, LegendEntry>;
  /** Every cell that is part of the legend (headings included): such cells are never marks nor data. */
  cells: Set<string>;
  conflicts: LegendConflict[];
}

/** Marks compare without case or surrounding space; look-alike ticks and crosses count as one mark. */
export function markKey(text: string): string {
  return text
    .normalize('NFC')
    .trim()
    .toUpperCase()
    .replace(/[✔☑✅]/gu, '✓')
    .replace(/[×✕]/gu, 'X');
}

export const pointKey = (p: GridPoint): string => `${p.row}:${p.column}`;

const NOWHERE: GridPoint = { row: -1, column: -1 };

export const DEFAULT_LEGEND_ENTRIES: readonly Omit<LegendEntry, 'at'>[] = [
  { mark: 'P', meaningText: 'planned', meaning: 'planned' },
  { mark: 'C', meaningText: 'completed', meaning: 'completed' },
  { mark: 'X', meaningText: 'completed', meaning: 'completed' },
  { mark: '✓', meaningText: 'completed', meaning: 'completed' },
];

export function defaultLegend(): Legend {
  const entries = new Map(DEFAULT_LEGEND_ENTRIES.map((e) => [markKey(e.mark), { ...e, at: NOWHERE }]));
  return { source: 'default', headed: false, entries, cells: new Set(), conflicts: [] };
}

/** "P = planned, C/X/✓/✔ = completed": how messages quote a legend. */
export function describeLegend(legend: Legend): string {
  const groups = new Map<string, string[]>();
  for (const e of legend.entries.values()) {
    const label = e.meaning ?? `"${e.meaningText}"`;
    groups.set(label, [...(groups.get(label) ?? []), e.mark]);
  }
  if (legend.source === 'default') return 'P = planned, C/X/✓/✔ = completed';
  return [...groups.entries()].map(([meaning, marks]) => `${marks.join('/')} = ${meaning}`).join(', ');
}

/** Lower case, no accents, letters only, without filler words: "Audit completed (report issued)" → "completed". */
function meaningKey(text: string): string {
  return text
    .replace(/\([^)]*\)/g, ' ')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\b(audit|audits|date|the|is|was|ist|wird|est|el|la|le)\b/g, ' ')
    .replace(/[^a-z]/g, '');
}

const MEANING_WORDS: Record<Meaning, readonly string[]> = {
  planned: [
    'planned',
    'plan',
    'scheduled',
    'schedule',
    'tobedone',
    'geplant',
    'vorgesehen',
    'terminiert',
    'prevu',
    'planifie',
    'programme',
    'planificado',
    'programado',
    'previsto',
  ],
  completed: [
    'completed',
    'complete',
    'done',
    'held',
    'carriedout',
    'conducted',
    'performed',
    'finished',
    'executed',
    'realised',
    'realized',
    'durchgefuhrt',
    'durchgefuehrt',
    'erledigt',
    'abgeschlossen',
    'erfolgt',
    'realise',
    'effectue',
    'fait',
    'termine',
    'acheve',
    'realizado',
    'completado',
    'hecho',
    'ejecutado',
    'terminado',
  ],
  cancelled: [
    'cancelled',
    'canceled',
    'cancel',
    'withdrawn',
    'abgesagt',
    'storniert',
    'entfallen',
    'entfallt',
    'annule',
    'cancelado',
    'anulado',
  ],
};

const MEANING_OF_WORD = new Map<string, Meaning>(
  (Object.entries(MEANING_WORDS) as [Meaning, readonly string[]][]).flatMap(([meaning, words]) =>
    words.map((w) => [w, meaning] as const),
  ),
);

export function readMeaning(text: string): Meaning | undefined {
  return MEANING_OF_WORD.get(meaningKey(text));
}

/** "Legend", "Key", "Légende", "Leyenda", "Zeichenerklärung", optionally followed by a colon and entries. */
const HEADING =
  /^(?:(?:legend|legende|légende|leyenda|zeichenerklärung)\b\s*[:\-–]?\s*|(?:key|marks|symbols)\s*(?::\s*|$))/iu;
// "Key", "Marks" and "Symbols" begin ordinary labels too ("Key accounts", "Key QA items"): alone or with a colon only.
/** The same words later in a cell count only with a colon: "… — Legend: P planned". */
const INLINE_HEADING = /\b(legend|legende|légende|leyenda|key|zeichenerklärung)\s*:\s*/iu;
/**
 * `P = planned`, `C: completed`, `X – done`, `✓ → completed`, `C/X = completed`: marks of 1–3 characters (several
 * joined by a slash), a separator, the meaning.
 */
const ENTRY = /^([^\s/=:→]{1,3}?(?:\s*\/\s*[^\s/=:→]{1,3}?)*)\s*(?:=|:|–|—|-|→)\s*(\S.*)$/u;
/** Inside a legend (after its heading) the separator may be a space: `P planned`. */
const LOOSE_ENTRY = /^([^\s/]{1,3}(?:\s*\/\s*[^\s/]{1,3})*)\s+(\S.*)$/u;
const SHORT_MARK = /^[^\s/]{1,3}(?:\s*\/\s*[^\s/]{1,3})*$/u;
/** Entries in one cell are split at commas, semicolons, bars and line breaks, or before the next `X =`. */
const PARTS = /\s*[,;|\n]\s*|\s+(?=[^\s/=:→]{1,3}\s*(?:=|→)\s)/u;

interface Parsed {
  marks: string[];
  meaningText: string;
}

const splitMarks = (text: string): string[] => text.split(/\s*\/\s*/).filter((m) => m !== '');

function parseEntry(text: string, inLegend: boolean): Parsed | undefined {
  const m = ENTRY.exec(text) ?? (inLegend ? LOOSE_ENTRY.exec(text) : null);
  return m?.[1] !== undefined && m[2] !== undefined ? { marks: splitMarks(m[1]), meaningText: m[2].trim() } : undefined;
}

/**
 * Entries in one cell: every part must be an entry. Outside a legend heading each must also mean something the
 * reader knows, so that a label such as "QA - Quality assurance" is never taken for a legend.
 */
function entriesInText(text: string, inLegend: boolean): Parsed[] | undefined {
  const parts = text.split(PARTS).filter((p) => p !== '');
  if (parts.length === 0) return undefined;
  const parsed = parts.map((p) => parseEntry(p, inLegend));
  if (parsed.some((p) => p === undefined)) return undefined;
  const entries = parsed as Parsed[];
  return inLegend || entries.every((e) => readMeaning(e.meaningText) !== undefined) ? entries : undefined;
}

function textAt(values: SheetInput['values'], p: GridPoint): string {
  const cell = toCell(values[p.row]?.[p.column]);
  return cell.kind === 'text' ? cell.value : '';
}

/**
 * Finds the legend on a sheet. `skipRow` (0-based) says which rows hold no legend: the header row, whose cells are
 * column names, and the rows with marks, whose cells are data. Cells are read left to right, top to bottom; the
 * first definition of a mark wins and a different later one is a conflict.
 */
export function readLegend(values: SheetInput['values'], skipRow: (row: number) => boolean): Legend {
  const entries = new Map<string, LegendEntry>();
  const cells = new Set<string>();
  const conflicts: LegendConflict[] = [];
  let headed = false;
  const addHeaded = (parsed: Parsed, at: GridPoint): void => {
    headed = true;
    add(parsed, at);
  };
  const add = (parsed: Parsed, at: GridPoint): void => {
    const meaning = readMeaning(parsed.meaningText);
    for (const mark of parsed.marks) {
      const entry: LegendEntry = { mark, meaningText: parsed.meaningText, meaning, at };
      const key = markKey(mark);
      const first = entries.get(key);
      if (!first) entries.set(key, entry);
      else if (first.meaning !== meaning || (meaning === undefined && first.meaningText !== entry.meaningText))
        conflicts.push({ entry, first });
    }
  };
  const take = (p: GridPoint): void => {
    cells.add(pointKey(p));
  };

  for (let r = 0; r < values.length; r++) {
    if (skipRow(r)) continue;
    const row = values[r] ?? [];
    for (let c = 0; c < row.length; c++) {
      const at = { row: r, column: c };
      if (cells.has(pointKey(at))) continue;
      const text = textAt(values, at);
      if (text === '') continue;
      // "Legend: …" opening the cell, or after a title in the same cell ("Audit plan 2026 — Legend: P planned, …").
      const heading = HEADING.exec(text) ?? INLINE_HEADING.exec(text);
      if (heading) {
        const rest = text.slice(heading.index + heading[0].length);
        if (rest === '') {
          take(at);
          readBlock(values, at, skipRow, addHeaded, take);
          continue;
        }
        const inCell = entriesInText(rest, true);
        if (inCell) {
          take(at);
          for (const e of inCell) addHeaded(e, at);
          continue;
        }
      }
      const inCell = entriesInText(text, false);
      if (inCell) {
        take(at);
        for (const e of inCell) add(e, at);
        continue;
      }
      // A bare pair: a short mark beside a cell that is only a meaning ("P" | "Planned").
      const right = { row: r, column: c + 1 };
      if (SHORT_MARK.test(text) && readMeaning(textAt(values, right)) !== undefined) {
        take(at);
        take(right);
        add({ marks: splitMarks(text), meaningText: textAt(values, right) }, at);
      }
    }
  }
  if (entries.size === 0) return { ...defaultLegend(), cells };
  return { source: 'sheet', headed, entries, cells, conflicts };
}

/**
 * The entries under (or beside) a "Legend" heading: cells that are entries themselves, or mark | meaning pairs.
 * The block ends at the first cell that is neither.
 */
function readBlock(
  values: SheetInput['values'],
  heading: GridPoint,
  skipRow: (row: number) => boolean,
  add: (parsed: Parsed, at: GridPoint) => void,
  take: (p: GridPoint) => void,
): void {
  const step = (at: GridPoint, next: GridPoint): 1 | 2 | 0 => {
    if (skipRow(at.row)) return 0;
    const text = textAt(values, at);
    if (text === '') return 0;
    const inCell = entriesInText(text, true);
    if (inCell) {
      take(at);
      for (const e of inCell) add(e, at);
      return 1;
    }
    const meaning = textAt(values, next);
    if (SHORT_MARK.test(text) && meaning !== '') {
      take(at);
      take(next);
      add({ marks: splitMarks(text), meaningText: meaning }, at);
      return 2;
    }
    return 0;
  };
  // Beside the heading, in the same row.
  for (let c = heading.column + 1; ;) {
    const used = step({ row: heading.row, column: c }, { row: heading.row, column: c + 1 });
    if (used === 0) break;
    c += used;
  }
  // Below the heading, in the same column.
  for (let r = heading.row + 1; r < values.length; r++) {
    const used = step({ row: r, column: heading.column }, { row: r, column: heading.column + 1 });
    if (used === 0) break;
  }
}
