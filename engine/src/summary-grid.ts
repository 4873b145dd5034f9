import { CLAUSE_GROUP_TITLES as GROUP_NAMES, SUMMARY_SHEET } from '@qms/templates';
import type { Assessment, Range } from './types.js';

/** A value for one cell of the "QMS Readiness" sheet: values only, never formulas. */
export type SummaryCell = string | number | null;

export interface SummaryOptions {
  /** When the sheet was generated (ISO timestamp); passed in because the engine reads no clock. */
  generatedAt: string;
  /** Blockers listed (highest points first). */
  topBlockers?: number;
}

/** The summary sheet's name: the templates package owns it, so the validator knows to leave the sheet alone. */
export { SUMMARY_SHEET };

/**
 * The rows of the "QMS Readiness" sheet, top to bottom, as plain values, each figure beside the rule that produced
 * it. `qms assess --summary` and the task pane both write exactly these rows (the pane adds bold headings, an
 * optional brand line and the group chart), so the sheet reads the same wherever it was made. The first cell of each row is its
 * label; tests find figures by label. Long texts (reasons, fixes, sources) stand last in their row, so they can run on
 * to the right in any spreadsheet instead of being cut off by a neighbour.
 */
export function summaryGrid(a: Assessment, options: SummaryOptions): SummaryCell[][] {
  const rows: SummaryCell[][] = [];
  const blank = () => rows.push([]);
  rows.push([SUMMARY_SHEET]);
  rows.push(['Organization', a.organization ?? '']);
  rows.push(['As of', a.asOf]);
  rows.push(['Generated', options.generatedAt]);
  rows.push(['Verdict', a.verdict.value, a.verdict.rule]);
  rows.push(['Overall readiness (%)', a.readiness.overall.value, a.readiness.overall.rule]);
  blank();

  rows.push(['Clause group', 'Score (%)', 'Applicable clauses', 'Rule']);
  for (const g of a.readiness.groups) {
    rows.push([
      `${g.group} ${GROUP_NAMES[g.group] ?? ''}`.trim(),
      g.score.value ?? 'n/a',
      g.applicableClauses,
      g.score.rule,
    ]);
  }
  blank();

  rows.push(['Gate', 'Name', 'Result', 'Rule', 'Reason']);
  for (const gate of a.gates) rows.push([gate.id, gate.name, gate.passed ? 'Pass' : 'Fail', gate.rule, gate.reason]);
  blank();

  rows.push(['Top blockers', 'Points', 'Rule', 'Fix']);
  for (const b of a.blockers.slice(0, options.topBlockers ?? 10))
    rows.push([b.title, b.points.value, b.points.rule, b.fix]);
  blank();

  rows.push(['Milestone', 'P50', 'P80', 'Rule', 'Source']);
  for (const m of a.timeline.milestones)
    rows.push([m.name, m.p50.value, m.p80.value, m.p50.rule, m.source === 'records' ? 'from records' : 'estimate']);
  rows.push([
    'Remaining effort (person-days)',
    a.timeline.remainingEffort.value,
    null,
    a.timeline.remainingEffort.rule,
    a.timeline.remainingEffort.defaulted ? 'includes defaults' : 'from the gap analysis',
  ]);
  if (a.timeline.target) {
    const t = a.timeline.target;
    rows.push([
      'Slack vs target (weeks)',
      t.slackWeeksP50.value,
      t.slackWeeksP80.value,
      t.slackWeeksP50.rule,
      `target ${t.date}; negative = shortfall`,
    ]);
  }
  rows.push(['Simulation', `${a.timeline.runs} runs, seed ${a.timeline.seed}`]);
  blank();

  if (a.cycle) {
    rows.push(['Certification cycle', 'Due', 'Done', 'Overdue', 'Rule']);
    rows.push(['Certification decision', a.cycle.decisionDate.value, 'Yes', null, a.cycle.decisionDate.rule]);
    for (const d of a.cycle.due)
      rows.push([d.audit, d.due.value, d.done ? 'Yes' : 'No', d.overdue ? 'OVERDUE' : 'No', d.due.rule]);
    rows.push(['Certificate expiry', a.cycle.expiry.value, null, null, a.cycle.expiry.rule]);
    blank();
  }

  if (a.auditDays) {
    const d = a.auditDays;
    rows.push(['Audit days', 'Days', 'Rule']);
    rows.push(['Initial audit (Stage 1 + Stage 2)', d.initial.value, d.initial.rule]);
    rows.push(['Stage 1', d.stage1.value, d.stage1.rule]);
    rows.push(['Stage 2', d.stage2.value, d.stage2.rule]);
    rows.push(['Surveillance (each year)', d.surveillance.value, d.surveillance.rule]);
    rows.push(['Recertification', d.recertification.value, d.recertification.rule]);
    blank();
  }

  if (a.cost) {
    const c = a.cost;
    rows.push(['Cost line', 'Low', 'Likely', 'High', 'Currency', 'Rule']);
    const money = (label: string, v: Range | null, rule: string, defaulted: boolean | undefined) =>
      rows.push(
        v
          ? [label, v.low, v.likely, v.high, c.currency, defaulted ? `${rule} (indicative)` : rule]
          : [label, 'unknown', null, null, c.currency, rule],
      );
    for (const line of c.lines) money(line.label, line.amount.value, line.amount.rule, line.amount.defaulted);
    money('3-year total', c.threeYearTotal.value, c.threeYearTotal.rule, c.threeYearTotal.defaulted);
    for (const r of c.rates.filter((x) => x.defaulted && x.value !== null)) {
      rows.push([`Default ${r.name}`, r.value, `indicative, not a quote: ${r.source ?? ''}`]);
    }
    blank();
  }

  for (const note of a.notes) rows.push(['Note', note]);
  return rows;
}
