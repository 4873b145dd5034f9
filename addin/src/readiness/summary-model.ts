import { CLAUSE_GROUP_TITLES } from '@qms/templates';
import type { Assessment, CostRange } from '../api/types.ts';
import type { SummaryCell, SummarySheet } from '../office/types.ts';

export const SUMMARY_SHEET = 'QMS Readiness';

export const GROUP_NAMES = CLAUSE_GROUP_TITLES;

function money(range: CostRange | null, currency: string): SummaryCell[] {
  return range ? [range.low, range.likely, range.high, currency] : ['not known', '', '', currency];
}

/** The summary sheet as values: score, group scores (charted), gates, blockers, milestones and costs. */
export function summarySheet(assessment: Assessment, brand = ''): SummarySheet {
  const rows: SummaryCell[][] = [];
  const bold: number[] = [];
  const heading = (...cells: SummaryCell[]) => {
    rows.push(cells);
    bold.push(rows.length);
  };
  heading(`QMS Readiness${assessment.organization ? ` — ${assessment.organization}` : ''}`);
  if (brand) rows.push([`Prepared with ${brand}`]);
  rows.push(['As of', assessment.asOf]);
  rows.push(['Readiness (%)', assessment.readiness.overall.value]);
  rows.push(['Verdict', assessment.verdict.value]);
  rows.push([]);
  heading('Clause group', 'Score (%)');
  const firstGroup = rows.length + 1;
  for (const g of assessment.readiness.groups) rows.push([`${g.group} ${GROUP_NAMES[g.group] ?? ''}`.trim(), g.score.value ?? 'n/a']);
  const lastGroup = rows.length;
  rows.push([]);
  heading('Gate', 'Passed', 'Reason');
  for (const gate of assessment.gates) rows.push([`${gate.id} ${gate.name}`, gate.passed ? 'Yes' : 'No', gate.reason]);
  rows.push([]);
  heading('Blocker', 'Points', 'What to do');
  for (const b of assessment.blockers.slice(0, 15)) rows.push([b.title, b.points.value, b.fix]);
  rows.push([]);
  heading('Milestone', 'P50', 'P80', 'Source');
  for (const m of assessment.timeline.milestones) rows.push([m.name, m.p50.value, m.p80.value, m.source === 'records' ? 'from records' : 'estimate']);
  if (assessment.cost) {
    const currency = assessment.cost.currency;
    rows.push([]);
    heading('Cost', 'Low', 'Likely', 'High', 'Currency');
    for (const line of assessment.cost.lines) rows.push([line.label, ...money(line.amount.value, currency)]);
    rows.push(['Three-year total', ...money(assessment.cost.threeYearTotal.value, currency)]);
    rows.push(['Indicative figures, not a quote.']);
  }
  return {
    name: SUMMARY_SHEET,
    rows,
    boldRows: bold,
    chart: { title: 'Readiness by clause group (%)', firstRow: firstGroup, lastRow: Math.max(firstGroup, lastGroup), labelColumn: 1 },
  };
}
