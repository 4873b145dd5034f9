import { CLAUSE_GROUP_TITLES as GROUP_NAMES, SUMMARY_SHEET } from '@qms/templates';
import { BAND_COLUMNS, milestoneBand } from './summary-band.js';
import {
  NOTES_MARKER,
  type CellRange,
  type ConditionalFormat,
  type StyleName,
  type SummaryCell,
  type SummaryLayout,
} from './summary-layout.js';
import { COLOURS, paperFor, summaryStyles } from './summary-styles.js';
import type { Assessment, Range } from './types.js';
import { STAGE1_GATES } from './verdict-gates.js';

export type { SummaryCell } from './summary-layout.js';
export * from './summary-layout.js';
export { moneyFormat } from './summary-styles.js';
export { keptNotes } from './summary-notes.js';

/** One day of readiness history (the pane has it from the backend; a file alone has none). */
export interface SummaryHistoryPoint {
  date: string;
  readiness: number;
  verdict?: string;
}

export interface SummaryOptions {
  /** When the sheet was generated (ISO timestamp); passed in because the engine reads no clock. */
  generatedAt: string;
  /** Blockers listed (highest points first; those that add no points are left out). Default 5. */
  topBlockers?: number;
  /** Readiness over time, oldest first: the section appears only when given (the last 12 points). */
  history?: readonly SummaryHistoryPoint[];
  /** A manager's notes from the sheet being replaced: the cells below its Notes row, kept as they were. */
  keptNotes?: readonly (readonly SummaryCell[])[];
  /** A line under the title (a consultant's brand). */
  brand?: string;
}

/** The summary sheet's name: the templates package owns it, so the validator knows to leave the sheet alone. */
export { SUMMARY_SHEET };

/** The readiness every clause group must reach (gate G3). */
export const GROUP_TARGET = 80;
const HISTORY_POINTS = 12;
const NOTES_ROWS = 4;

// Two panels side by side, so the dashboard fits one landscape page. Left: the header block, clause groups,
// gates and blockers. Right: milestones with the Gantt band, audit days, cost and history. Each panel keeps its
// rule ids in its own muted column at its right, never among the figures. Column G is a narrow gap between them.
const L = { label: 1, a: 2, b: 3, c: 4, text: 5, rule: 6 };
const R = { label: 8, a: 9, b: 10, c: 11, band: 12, rule: 12 + BAND_COLUMNS };
const WIDTH = R.rule;
const WIDTHS = [30, 10, 10, 10, 34, 11, 2, 30, 11, 11, 10, ...Array<number>(BAND_COLUMNS).fill(3.2), 11];
/** Characters a line of wrapped text holds in the left panel's text column (and in the right's merged band). */
const TEXT_CHARS = { left: 44, right: 38 };
const LINE_POINTS = 13;

type Cell = { value: SummaryCell; style?: StyleName };

/** A grid that grows as cells are put, with the merges and conditional formats that go with them. */
class Sheet {
  readonly rows: Cell[][] = [];
  readonly heights: (number | undefined)[] = [];
  readonly merges: CellRange[] = [];
  readonly formats: ConditionalFormat[] = [];

  put(row: number, column: number, value: SummaryCell, style?: StyleName): void {
    while (this.rows.length < row) this.rows.push(Array.from({ length: WIDTH }, () => ({ value: null })));
    const cells = this.rows[row - 1];
    if (cells) cells[column - 1] = style ? { value, style } : { value };
  }

  /** Puts a value in the first cell and merges it across `columns` (styling the rest alike, for fills and lines). */
  span(row: number, column: number, columns: number, value: SummaryCell, style?: StyleName): void {
    this.put(row, column, value, style);
    for (let c = 1; c < columns; c++) this.put(row, column + c, null, style);
    if (columns > 1) this.merges.push({ row, column, rows: 1, columns });
  }

  /** Raises a row to hold `text` wrapped in `chars` characters a line. */
  fit(row: number, text: string, chars: number): void {
    const lines = Math.min(4, Math.max(1, Math.ceil(text.length / chars)));
    if (lines > 1) this.heights[row - 1] = Math.max(this.heights[row - 1] ?? 0, lines * LINE_POINTS);
  }
}

const money = (v: number) => Math.round(v);

/**
 * The "QMS Readiness" sheet as a one-page management dashboard: a header block (organisation, as-of, verdict,
 * score), clause groups with data bars against the 80 % target, gates with traffic-light fills and what the
 * verdict needs of them, the top blockers, milestones with P50/P80 and a Gantt band, audit days, the cost table in
 * the profile's currency rounded to whole units, readiness history when given, and a Notes area a rewrite keeps.
 * Values only: no cell holds a formula, and text that starts like one stays text in both writers.
 */
export function summaryLayout(a: Assessment, options: SummaryOptions): SummaryLayout {
  const s = new Sheet();
  const currency = a.cost?.currency ?? '';
  s.span(1, 1, R.label - 1, SUMMARY_SHEET, 'title');
  const subtitle = `as of ${a.asOf}${options.brand ? ` · prepared with ${options.brand}` : ''}`;
  s.span(1, R.label, WIDTH - R.label + 1, subtitle, 'subtitle');
  s.heights[0] = 30;

  const left = leftPanel(s, a, options);
  const right = rightPanel(s, a, options, currency);
  let row = Math.max(left, right) + 1;

  for (const note of a.notes) {
    s.put(row, L.label, 'Note', 'label');
    s.span(row, L.a, WIDTH - 1, note, 'muted');
    row += 1;
  }
  if (a.notes.length > 0) row += 1;

  // The manager's Notes area: a marked row, then rows that a rewrite carries over as they stand.
  const markerRow = row;
  s.put(markerRow, L.label, NOTES_MARKER, 'notesMarker');
  s.span(
    markerRow,
    L.a,
    WIDTH - 1,
    'Your notes go below this line; they stay when the summary is written again.',
    'notesHint',
  );
  s.heights[markerRow - 1] = 18;
  const kept = options.keptNotes ?? [];
  const noteRows = Math.max(NOTES_ROWS, kept.length);
  for (let i = 0; i < noteRows; i++) {
    const r = markerRow + 1 + i;
    const keptRow = kept[i] ?? [];
    for (let c = 1; c <= WIDTH; c++) s.put(r, c, keptRow[c - 1] ?? null, 'notes');
  }
  const last = markerRow + noteRows;

  // The footer carries the as-of date on the printed page; `&&` is Excel's literal ampersand.
  const amp = (t: string) => t.replace(/&/g, '&&');
  return {
    name: SUMMARY_SHEET,
    widths: [...WIDTHS],
    heights: Array.from({ length: last }, (_, i) => s.heights[i]),
    rows: s.rows.map((cells) => cells.map((c) => ({ ...c }))),
    styles: summaryStyles(currency),
    merges: s.merges,
    conditionalFormats: s.formats,
    print: {
      paper: paperFor(a.cost?.currency),
      orientation: 'landscape',
      fitToWidth: 1,
      fitToHeight: 1,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.25, footer: 0.3 },
      footer: {
        left: amp(a.organization ?? ''),
        center: amp(`QMS Readiness as of ${a.asOf}`),
        right: 'Page &P of &N',
      },
    },
    notes: { markerRow, firstRow: markerRow + 1, rows: noteRows, columns: WIDTH },
    showGridlines: false,
  };
}

function leftPanel(s: Sheet, a: Assessment, options: SummaryOptions): number {
  let row = 3;
  const line = (label: string, value: SummaryCell, style: StyleName, text = '', rule = '') => {
    s.put(row, L.label, label, 'label');
    s.put(row, L.a, value, style);
    if (text) {
      s.put(row, L.text, text, 'wrap');
      s.fit(row, text, TEXT_CHARS.left);
    }
    if (rule) s.put(row, L.rule, rule, 'rule');
    row += 1;
  };
  const failed = a.gates.filter((g) => !g.passed).map((g) => g.id);
  s.put(row, L.label, 'Organization', 'label');
  s.span(row, L.a, 4, a.organization ?? '', 'text');
  row += 1;
  line('As of', a.asOf, 'date');
  s.put(row, L.label, 'Verdict', 'label');
  s.span(row, L.a, 3, a.verdict.value, 'verdict');
  const needs = failed.length ? `failed gates: ${failed.join(', ')}` : 'every gate passes';
  s.put(row, L.text, needs, 'wrap');
  s.put(row, L.rule, a.verdict.rule, 'rule');
  s.formats.push(
    ...trafficLights({ row, column: L.a, rows: 1, columns: 1 }, [
      ['Not ready', 'fail'],
      ['Ready for Stage 1', 'amber'],
      ['Ready for Stage 2', 'pass'],
      ['Certified', 'pass'],
    ]),
  );
  s.heights[row - 1] = 20;
  row += 1;
  const overall = a.readiness.overall;
  s.formats.push(dataBar({ row, column: L.a, rows: 1, columns: 1 }));
  s.heights[row - 1] = 22;
  line('Overall readiness (%)', overall.value, 'score', `target ${GROUP_TARGET} % in every clause group`, overall.rule);
  s.put(row, L.label, 'Generated', 'label');
  s.span(row, L.a, 3, options.generatedAt, 'muted');
  row += 1;
  row += 1;

  // Clause groups: the score carries an in-cell bar on a 0–100 scale, beside the 80 % target.
  const header = (cells: [number, string, StyleName][]) => {
    for (let c = L.label; c <= L.rule; c++) s.put(row, c, null, 'header');
    for (const [column, text, style] of cells) s.put(row, column, text, style);
    row += 1;
  };
  header([
    [L.label, 'Clause group', 'header'],
    [L.a, 'Score (%)', 'headerNum'],
    [L.b, 'Target (%)', 'headerNum'],
    [L.c, 'Clauses', 'headerCenter'],
    [L.text, 'Against the target', 'header'],
    [L.rule, 'Rule', 'header'],
  ]);
  const groupsFrom = row;
  for (const g of a.readiness.groups) {
    const score = g.score.value;
    const gap =
      score === null
        ? 'not applicable'
        : score >= GROUP_TARGET
          ? 'on target'
          : `short by ${round1(GROUP_TARGET - score)} points`;
    s.put(row, L.label, `${g.group} ${GROUP_NAMES[g.group] ?? ''}`.trim(), 'label');
    s.put(row, L.a, score ?? 'n/a', 'percent');
    s.put(row, L.b, GROUP_TARGET, 'percent');
    s.put(row, L.c, g.applicableClauses, 'count');
    s.put(row, L.text, gap, 'text');
    s.put(row, L.rule, g.score.rule, 'rule');
    row += 1;
  }
  const groups = { row: groupsFrom, column: L.a, rows: row - groupsFrom, columns: 1 };
  s.formats.push(dataBar(groups), {
    kind: 'cellIs',
    range: groups,
    operator: 'lessThan',
    value: GROUP_TARGET,
    color: COLOURS.failText,
  });
  row += 1;

  header([
    [L.label, 'Gate', 'header'],
    [L.a, 'Result', 'header'],
    [L.b, 'Needed for', 'header'],
    [L.c, 'Why', 'header'],
    [L.rule, 'Rule', 'header'],
  ]);
  const gatesFrom = row;
  for (const gate of a.gates) {
    s.put(row, L.label, `${gate.id} ${gate.name}`, 'label');
    s.put(row, L.a, gate.passed ? 'Pass' : 'Fail', 'result');
    s.put(row, L.b, STAGE1_GATES.includes(gate.id) ? 'Stage 1' : 'Stage 2', 'text');
    s.span(row, L.c, 2, gate.reason, 'wrap');
    s.fit(row, gate.reason, TEXT_CHARS.left + 12);
    s.put(row, L.rule, gate.rule, 'rule');
    row += 1;
  }
  s.formats.push(
    ...trafficLights({ row: gatesFrom, column: L.a, rows: row - gatesFrom, columns: 1 }, [
      ['Pass', 'pass'],
      ['Fail', 'fail'],
    ]),
  );
  row += 1;

  const blockers = a.blockers.filter((b) => b.points.value > 0).slice(0, options.topBlockers ?? 5);
  if (blockers.length > 0) {
    header([
      [L.label, 'Top blockers', 'header'],
      [L.a, 'Points', 'headerCenter'],
      [L.b, 'What to do', 'header'],
      [L.rule, 'Rule', 'header'],
    ]);
    for (const b of blockers) {
      s.put(row, L.label, b.title, 'wrap');
      s.fit(row, b.title, 30);
      s.put(row, L.a, b.points.value, 'points');
      s.span(row, L.b, 3, b.fix, 'wrap');
      s.fit(row, b.fix, TEXT_CHARS.left + 24);
      // The rule of the gate, cap or clause the blocker is about (its points come from R-BLOCK-1).
      s.put(row, L.rule, b.rule, 'rule');
      row += 1;
    }
  }
  return row;
}

function rightPanel(s: Sheet, a: Assessment, options: SummaryOptions, currency: string): number {
  let row = 3;
  const header = (cells: [number, string, StyleName][], bandLabels?: readonly string[]) => {
    for (let c = R.label; c <= R.rule; c++) s.put(row, c, null, 'header');
    for (const [column, text, style] of cells) s.put(row, column, text, style);
    bandLabels?.forEach((label, k) => s.put(row, R.band + k, label, 'headerBand'));
    row += 1;
  };
  /** The band's columns, merged, hold a line of text on rows that are not milestones. */
  const text = (value: string, style: StyleName = 'wrap') => {
    s.span(row, R.band, BAND_COLUMNS, value, style);
    s.fit(row, value, TEXT_CHARS.right);
  };

  const t = a.timeline;
  const band = milestoneBand(a.asOf, t.milestones);
  header(
    [
      [R.label, 'Milestone', 'header'],
      [R.a, 'P50', 'headerCenter'],
      [R.b, 'P80', 'headerCenter'],
      [R.c, 'Source', 'headerCenter'],
      [R.rule, 'Rule', 'header'],
    ],
    band.labels,
  );
  s.heights[row - 2] = 34;
  const milestonesFrom = row;
  for (const m of t.milestones) {
    s.put(row, R.label, m.name, 'label');
    s.put(row, R.a, m.p50.value, 'date');
    s.put(row, R.b, m.p80.value, 'date');
    s.put(row, R.c, m.source === 'records' ? 'records' : 'estimate', 'centered');
    band.cells(m).forEach((v, k) => s.put(row, R.band + k, v, 'band'));
    s.put(row, R.rule, m.p50.rule, 'rule');
    row += 1;
  }
  const bandRange = { row: milestonesFrom, column: R.band, rows: row - milestonesFrom, columns: BAND_COLUMNS };
  s.formats.push(
    { kind: 'cellIs', range: bandRange, operator: 'equal', value: 1, fill: COLOURS.bandP50 },
    { kind: 'cellIs', range: bandRange, operator: 'equal', value: 2, fill: COLOURS.bandP80 },
  );
  s.put(row, R.label, 'P50 / P80', 'muted');
  text(
    `P50: half of ${t.runs.toLocaleString('en-GB')} simulated timelines finish by then; P80: four in five. Dark band: to P50, light: to P80.`,
    'muted',
  );
  row += 1;
  s.put(row, R.label, 'Remaining effort (person-days)', 'label');
  s.put(row, R.a, t.remainingEffort.value, 'days');
  text(t.remainingEffort.defaulted ? 'includes default efforts' : 'from the gap analysis and open CAPAs');
  s.put(row, R.rule, t.remainingEffort.rule, 'rule');
  row += 1;
  if (t.target) {
    s.put(row, R.label, 'Slack vs target (weeks)', 'label');
    s.put(row, R.a, t.target.slackWeeksP50.value, 'days');
    s.put(row, R.b, t.target.slackWeeksP80.value, 'days');
    text(`target ${t.target.date}; negative = shortfall`);
    s.put(row, R.rule, t.target.slackWeeksP50.rule, 'rule');
    s.formats.push({
      kind: 'cellIs',
      range: { row, column: R.a, rows: 1, columns: 2 },
      operator: 'lessThan',
      value: 0,
      fill: COLOURS.failFill,
      color: COLOURS.failText,
    });
    row += 1;
  }
  s.put(row, R.label, 'Simulation', 'label');
  s.span(row, R.a, 3, `${t.runs} runs, seed ${t.seed}`, 'muted');
  row += 2;

  if (a.cycle) {
    header([
      [R.label, 'Certification cycle', 'header'],
      [R.a, 'Due', 'headerCenter'],
      [R.b, 'Done', 'headerCenter'],
      [R.c, 'Overdue', 'headerCenter'],
      [R.rule, 'Rule', 'header'],
    ]);
    const cycleFrom = row;
    const put = (label: string, due: string, done: string, overdue: string, rule: string) => {
      s.put(row, R.label, label, 'label');
      s.put(row, R.a, due, 'date');
      s.put(row, R.b, done, 'centered');
      s.put(row, R.c, overdue, 'result');
      s.put(row, R.rule, rule, 'rule');
      row += 1;
    };
    put('Certification decision', a.cycle.decisionDate.value, 'Yes', '', a.cycle.decisionDate.rule);
    for (const d of a.cycle.due)
      put(d.audit, d.due.value, d.done ? 'Yes' : 'No', d.overdue ? 'OVERDUE' : 'No', d.due.rule);
    put('Certificate expiry', a.cycle.expiry.value, '', '', a.cycle.expiry.rule);
    s.formats.push(
      ...trafficLights({ row: cycleFrom, column: R.c, rows: row - cycleFrom, columns: 1 }, [['OVERDUE', 'fail']]),
    );
    row += 1;
  }

  if (a.auditDays) {
    const d = a.auditDays;
    header([
      [R.label, 'Audit days', 'header'],
      [R.a, 'Days', 'headerNum'],
      [R.rule, 'Rule', 'header'],
    ]);
    const put = (label: string, days: number, rule: string, note = '') => {
      s.put(row, R.label, label, 'label');
      s.put(row, R.a, days, 'days');
      if (note) text(note, 'muted');
      s.put(row, R.rule, rule, 'rule');
      row += 1;
    };
    put('Initial audit (Stage 1 + Stage 2)', d.initial.value, d.initial.rule, 'auditor-days of 8 hours');
    put('Stage 1', d.stage1.value, d.stage1.rule);
    put('Stage 2', d.stage2.value, d.stage2.rule);
    put('Surveillance (each year)', d.surveillance.value, d.surveillance.rule);
    put('Recertification', d.recertification.value, d.recertification.rule);
    row += 1;
  }

  const bodies = a.certificationBodies;
  if (bodies && bodies.quotes.length > 0) {
    header([
      [R.label, 'Certification body quotes', 'header'],
      [R.a, 'Days', 'headerNum'],
      [R.rule, 'Rule', 'header'],
    ]);
    for (const q of bodies.quotes) {
      s.put(row, R.label, `${q.certificationBody}${q.chosen ? ' (chosen)' : ''}`, 'label');
      if (q.quotedAuditDays !== null) s.put(row, R.a, q.quotedAuditDays, 'days');
      // The quote's own currency, as text: it need not be the profile's, so it gets no currency format.
      const total =
        q.quotedTotal === null ? '' : `${Math.round(q.quotedTotal).toLocaleString('en-US')} ${q.currency ?? ''}`;
      const said = [total, ...q.warnings].filter((x) => x !== '').join('; ');
      if (said) text(said, q.warnings.length > 0 ? 'wrap' : 'muted');
      s.put(row, R.rule, q.belowMd5Minimum.rule, 'rule');
      row += 1;
    }
    const md5 = (label: string, f: { value: number; rule: string } | null) => {
      if (f === null) return;
      s.put(row, R.label, label, 'muted');
      s.put(row, R.a, f.value, 'days');
      s.put(row, R.rule, f.rule, 'rule');
      row += 1;
    };
    md5('MD 5 estimate of the initial audit', bodies.md5Estimate);
    md5('MD 5 minimum (after reductions)', bodies.md5Minimum);
    row += 1;
  }

  if (a.cost) {
    const c = a.cost;
    header([
      [R.label, `Cost (${currency}, whole units)`, 'header'],
      [R.a, 'Low', 'headerNum'],
      [R.b, 'Likely', 'headerNum'],
      [R.c, 'High', 'headerNum'],
      [R.rule, 'Rule', 'header'],
    ]);
    const put = (label: string, v: Range | null, rule: string, defaulted: boolean | undefined, total = false) => {
      s.put(row, R.label, label, total ? 'totalLabel' : 'wrap');
      if (!total) s.fit(row, label, 30);
      const style = total ? 'moneyTotal' : 'money';
      if (v) {
        s.put(row, R.a, money(v.low), style);
        s.put(row, R.b, money(v.likely), style);
        s.put(row, R.c, money(v.high), style);
      } else {
        s.put(row, R.a, 'unknown', total ? 'totalLabel' : 'text');
        s.put(row, R.b, null, style);
        s.put(row, R.c, null, style);
      }
      if (defaulted) text('includes indicative default rates, not a quote', 'muted');
      else if (total) s.span(row, R.band, BAND_COLUMNS, null, 'totalLabel');
      s.put(row, R.rule, rule, 'rule');
      row += 1;
    };
    for (const line of c.lines) put(line.label, line.amount.value, line.amount.rule, line.amount.defaulted);
    put('3-year total', c.threeYearTotal.value, c.threeYearTotal.rule, c.threeYearTotal.defaulted, true);
    for (const r of c.rates.filter((x) => x.defaulted && x.value !== null)) {
      s.put(row, R.label, `Default ${r.name}`, 'muted');
      s.put(row, R.a, money(r.value ?? 0), 'money');
      text(`indicative, not a quote: ${r.source ?? ''}`, 'muted');
      row += 1;
    }
    row += 1;
  }

  const history = (options.history ?? []).slice(-HISTORY_POINTS);
  if (history.length > 0) {
    header([
      [R.label, 'Readiness history', 'header'],
      [R.a, 'Readiness (%)', 'headerNum'],
      [R.b, 'Verdict', 'header'],
    ]);
    const from = row;
    for (const p of history) {
      s.put(row, R.label, p.date, 'label');
      s.put(row, R.a, p.readiness, 'percent');
      s.span(row, R.b, 2, p.verdict ?? '', 'text');
      row += 1;
    }
    s.formats.push(dataBar({ row: from, column: R.a, rows: row - from, columns: 1 }));
    row += 1;
  }
  return row;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function dataBar(range: CellRange): ConditionalFormat {
  return { kind: 'dataBar', range, min: 0, max: 100, color: COLOURS.bar };
}

/** Fills by exact text: green, amber or red, each with its darker text colour (Excel's own "good/neutral/bad"). */
function trafficLights(range: CellRange, rules: [string, 'pass' | 'amber' | 'fail'][]): ConditionalFormat[] {
  const colours = {
    pass: [COLOURS.passFill, COLOURS.passText],
    amber: [COLOURS.amberFill, COLOURS.amberText],
    fail: [COLOURS.failFill, COLOURS.failText],
  } as const;
  return rules.map(([value, light]) => ({
    kind: 'cellIs',
    range,
    operator: 'equal',
    value,
    fill: colours[light][0],
    color: colours[light][1],
  }));
}

/**
 * The sheet's values alone, row by row, with trailing empty cells dropped (an empty row is `[]`): what a reader
 * without formats sees, and what tests look figures up in (a label, then its figures to its right).
 */
export function summaryValues(layout: SummaryLayout): SummaryCell[][] {
  return layout.rows.map((cells) => {
    const values = cells.map((c) => c.value);
    while (values.length > 0 && (values[values.length - 1] === null || values[values.length - 1] === '')) values.pop();
    return values;
  });
}

/** The values of `summaryLayout` (kept for callers that want the rows alone). */
export function summaryGrid(a: Assessment, options: SummaryOptions): SummaryCell[][] {
  return summaryValues(summaryLayout(a, options));
}
