import { describeCell, percentOf, type Cell } from '../core/cells.js';
import { coerce, type CoerceOptions } from '../core/values.js';

/**
 * The scale supplier marks are given on (docs/architecture.md, Templates and records). The template's own is 1–5: the default, and what records
 * store. A register that marks out of 10 or in percent says so in the criteria block with a Scale row:
 *
 *   Criterion | Weight (%)          or, in one cell:   Scale: 1-10
 *   Scale     | 1-10
 *
 * The row may sit anywhere in the block (or on the Evaluation Criteria sheet), also directly below its Total row.
 * Label: Scale, Scoring scale, Rating scale, Score scale, Marking scale or Scored out of; the value may be 1-5, 1 to 5,
 * out of 5 or 5; 1-10, 1 to 10, out of 10 or 10; Percent, %, 0-100 or out of 100. Separately, a score column
 * headed with a % ("Quality %", "Quality (%)") holds percentages whatever the block declares.
 *
 * The scale is never inferred from the marks: a 1–10 sheet whose marks happen to be all ≤ 5 would otherwise be
 * read as 1–5, and a supplier at 5 of 10 would score 5 of 5.
 */
export type Scale = '1-5' | '1-10' | 'percent';
export const DEFAULT_SCALE: Scale = '1-5';

/** The scale that applies to one score column, and where it comes from (for messages). */
export interface ColumnScale {
  scale: Scale;
  /** The declaration's cell (`Sheet!B6`); absent for the default. */
  at?: string;
  /** Percent because the column's header says %. */
  byHeader?: boolean;
}

interface ScaleRule {
  name: string;
  min: number;
  max: number;
  whole: boolean;
  /** Onto the template's 1–5, linearly, keeping both ends (lowest → 1, highest → 5). */
  toFive(mark: number): number;
  /** The conversion as the info issue states it. */
  rule: string;
}

export const SCALES: Record<Scale, ScaleRule> = {
  '1-5': { name: '1–5', min: 1, max: 5, whole: true, toFive: (m) => m, rule: 'kept as they are' },
  '1-10': {
    name: '1–10',
    min: 1,
    max: 10,
    whole: true,
    toFive: (m) => 1 + ((m - 1) * 4) / 9,
    rule: "converted to the template's 1–5 as 1 + (mark − 1) × 4 / 9 (1 → 1, 10 → 5, e.g. 7 → 3.67)",
  },
  percent: {
    name: 'Percent',
    min: 0,
    max: 100,
    whole: false,
    toFive: (p) => 1 + (p * 4) / 100,
    rule: `converted to the template's 1–5 as 1 + percentage × 4 / 100 (0 % → 1, 100 % → 5, e.g. 80 % → 4.2); 80, 0.8 and "80%" all mean 80 % (a number from 0 to 1 is a fraction, as Excel stores a %-formatted cell)`,
  },
};

/** Converted marks are kept to two decimals, as the sheet shows the Score; it also drops binary noise (0.825 × 100). */
export const roundMark = (mark: number): number => Math.round(mark * 100) / 100;

/** Where a whole-number column's scale comes from, as messages name it. */
function describeScale(s: ColumnScale): string {
  return s.at ? `the ${SCALES[s.scale].name} scale declared at ${s.at}` : 'the default 1–5 scale';
}

// Labels of a Scale row, in the Criterion column; the value follows after ":" or "=", or in the next cell.
const SCALE_LABEL =
  /^\s*(scale|scoring scale|rating scale|score scale|marking scale|scored out of|scores out of|marks out of)\b\s*[:=]?\s*(.*)$/i;

/** The label cell of a Scale row, split into the label and the value written after it (possibly ''). */
export function scaleLabel(cell: Cell): { label: string; rest: string } | undefined {
  if (cell.kind !== 'text') return undefined;
  const m = SCALE_LABEL.exec(cell.value);
  return m ? { label: m[1] ?? '', rest: (m[2] ?? '').trim() } : undefined;
}

/** "Scale | 10" means out of 10. */
const BY_TOP_MARK = new Map<number, Scale>([
  [5, '1-5'],
  [10, '1-10'],
  [100, 'percent'],
]);

/** A scale as declared ("1-10", "1 to 10", "out of 10", 10, "Percent", "%", "0-100 %"), or undefined. */
export function parseScale(cell: Cell): Scale | undefined {
  if (cell.kind === 'number') return BY_TOP_MARK.get(cell.value);
  if (cell.kind !== 'text') return undefined;
  const t = cell.value
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\b(scale|points?|pts|default|the)\b|[\s()[\]]/g, '');
  if (/^(1(-|to|\.\.)5|outof5|\/?5)$/.test(t)) return '1-5';
  if (/^(1(-|to|\.\.)10|outof10|\/?10)$/.test(t)) return '1-10';
  if (/^(%|percent(age)?|pct|0%?(-|to)100%?|outof100|\/?100%?)$/.test(t)) return 'percent';
  return undefined;
}

export function unknownScaleMessage(cell: Cell): string {
  const fix = 'write 1-5 (the default), 1-10 or Percent';
  if (cell.kind === 'blank') return `Scale is blank; ${fix} beside it`;
  // Excel turns a typed 1-10 into 1 October (or 10 January): say so, or the user retypes it into the same trap.
  const date =
    cell.kind === 'date'
      ? ' (Excel turned what was typed into a date: format the cell as Text first, or write "out of 10")'
      : '';
  return `Scale is ${describeCell(cell)}, which is not a scale the template reads; ${fix}${date}`;
}

export type MarkReading = { ok: true; value: number } | { ok: false; code: string; message: string };

/**
 * One non-blank mark read on its column's scale and converted to 1–5 (two decimals). For percent, a % sign means
 * the number is the percentage ("0.5%" is 0.5 %); without one, a number from 0 to 1 is a fraction (0.8 is 80 %)
 * and a larger one a percentage (80 is 80 %), so 80, 0.8 and "80%" read the same.
 */
export function readMark(cell: Cell, header: string, column: ColumnScale, options: CoerceOptions): MarkReading {
  const coerced = coerce(cell, { key: 'mark', header, type: 'number' }, options);
  if (!coerced.ok) return coerced;
  let mark = coerced.value as number;
  const rule = SCALES[column.scale];
  const where = describeScale(column);
  const fail = (code: string, message: string): MarkReading => ({ ok: false, code, message: `${header} ${message}` });
  // A %-formatted number is a percentage for certain (0.5 shown as 50 %, 1.5 as 150 %): no guessing from its size.
  const shownAsPercent = cell.kind === 'number' && cell.percent === true;
  const percentSign = (cell.kind === 'text' && cell.value.endsWith('%')) || shownAsPercent;
  if (column.scale === 'percent') {
    if (shownAsPercent) mark = percentOf(mark);
    else if (!percentSign && mark >= 0 && mark <= 1) mark *= 100;
    if (mark < 0 || mark > 100)
      return fail(
        'supplier.scale-out-of-range',
        `is ${describeCell(cell)}, which is not a percentage from 0 to 100 (${column.byHeader ? 'the column header says %' : `Percent is declared at ${column.at ?? 'the criteria block'}`}); correct the mark (80, 0.8 and 80% all mean 80 %)`,
      );
  } else if (percentSign) {
    return fail(
      'supplier.scale-out-of-range',
      `is ${describeCell(cell)}, a percentage, but marks here are on ${where}; type the mark on that scale, or head the column "${header} %" (or declare 'Scale: Percent' in the criteria block) if it holds percentages`,
    );
  } else if (!Number.isInteger(mark)) {
    return fail('cell.not-an-integer', `must be a whole number on ${where}, not ${mark}; round it`);
  } else if (mark < rule.min || mark > rule.max) {
    return fail(
      'supplier.scale-out-of-range',
      `is ${mark}, which is not on ${where} (whole numbers ${rule.min} to ${rule.max}); ${outOfRangeHint(mark, column, header)}`,
    );
  }
  return { ok: true, value: roundMark(rule.toFive(mark)) };
}

/** How to fix a mark off its scale: on the default scale, the declaration that the mark suggests is named. */
function outOfRangeHint(mark: number, column: ColumnScale, header: string): string {
  if (column.at) return `correct the mark, or change the Scale at ${column.at} if the marks are on another scale`;
  if (mark > 5 && mark <= 10)
    return "correct the mark, or declare 'Scale: 1-10' in the criteria block if you score out of 10";
  if (mark > 10 && mark <= 100)
    return `correct the mark, or declare 'Scale: Percent' in the criteria block (or head the column "${header} %") if you score in percent`;
  return 'correct the mark';
}

/** A score column header that says it holds percentages: "Quality %", "Quality (%)", "Quality percent". */
export const isPercentHeader = (text: string): boolean => /%|\bpercent(age)?\b|\bpct\b/i.test(text);
