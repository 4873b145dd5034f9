import type { Assessment, Estimate, Range } from '@qms/engine';

const money = (v: Range | null, currency: string) =>
  v
    ? `${v.likely.toLocaleString('en-GB')} ${currency} (${v.low.toLocaleString('en-GB')}–${v.high.toLocaleString('en-GB')})`
    : 'unknown';

/** The plain-text report of `qms assess` (the JSON form carries every figure's rule and inputs). */
export function formatAssessment(file: string, a: Assessment, errors: number, warnings: number): string {
  const lines: string[] = [];
  lines.push(`${file} as of ${a.asOf}${a.organization ? ` — ${a.organization}` : ''}`);
  lines.push(
    `Validation: ${errors} error(s), ${warnings} warning(s)${errors ? ' — run qms check for the cells; rows with errors are not assessed' : ''}`,
  );
  lines.push(`Readiness: ${a.readiness.overall.value} %   Verdict: ${a.verdict.value}`);
  lines.push(`Groups: ${a.readiness.groups.map((g) => `${g.group}: ${g.score.value ?? 'n/a'}`).join('  ')}`);
  lines.push('Gates:');
  for (const g of a.gates) lines.push(`  ${g.passed ? 'PASS' : 'FAIL'} ${g.id} ${g.name} — ${g.reason}`);
  if (a.blockers.length) {
    lines.push('Top blockers:');
    for (const b of a.blockers.slice(0, 5)) lines.push(`  +${b.points.value} pts  ${b.title}: ${b.fix}`);
  }
  lines.push('Milestones (P50 / P80):');
  for (const m of a.timeline.milestones)
    lines.push(
      `  ${m.name.padEnd(26)} ${m.p50.value} / ${m.p80.value}${m.source === 'records' ? '  (from records)' : ''}`,
    );
  if (a.timeline.target)
    lines.push(
      `  Against target ${a.timeline.target.date}: ${a.timeline.target.slackWeeksP50.value} weeks at P50, ${a.timeline.target.slackWeeksP80.value} at P80 (negative = shortfall)`,
    );
  if (a.cycle) {
    lines.push('Certification cycle:');
    for (const d of a.cycle.due)
      lines.push(`  ${d.audit.padEnd(16)} due ${d.due.value}${d.done ? '  done' : d.overdue ? '  OVERDUE' : ''}`);
  }
  if (a.auditDays)
    lines.push(
      `Audit days: initial ${a.auditDays.initial.value} (Stage 1 ${a.auditDays.stage1.value}, Stage 2 ${a.auditDays.stage2.value}), surveillance ${a.auditDays.surveillance.value}, recertification ${a.auditDays.recertification.value}`,
    );
  if (a.certificationBodies) {
    // The quotes of the CB Comparison sheet beside the MD 5 figures (R-CB-1, R-CB-MD5).
    const cb = a.certificationBodies;
    lines.push(
      `Certification bodies (MD 5 estimate ${cb.md5Estimate?.value ?? 'n/a'} days, minimum ${cb.md5Minimum?.value ?? 'n/a'}):`,
    );
    for (const q of cb.quotes)
      lines.push(
        `  ${q.chosen ? 'chosen ' : '       '}${q.certificationBody}: ${q.quotedAuditDays ?? '?'} days, day rate ${q.dayRate ?? '?'} + travel ${q.travelPerDay ?? 0}${q.currency ? ` ${q.currency}` : ''}, lead time ${q.leadTimeWeeks ?? '?'} weeks${q.warnings.length ? ` — ${q.warnings.join('; ')}` : ''}`,
      );
  }
  if (a.cost) {
    const fromBody = a.cost.rates.some((r) => r.from === 'chosen body');
    lines.push(
      `3-year cost: ${money(a.cost.threeYearTotal.value, a.cost.currency)}${a.cost.threeYearTotal.defaulted ? ' — includes indicative default rates, not a quote' : ''}${fromBody ? ' — CB rates from the chosen body' : ''}`,
    );
  }
  for (const n of a.notes) lines.push(`Note: ${n}`);
  return `${lines.join('\n')}\n`;
}

export function formatEstimate(e: Estimate): string {
  const d = e.auditDays;
  const lines = [
    `Audit days: initial ${d.initial.value} (Stage 1 ${d.stage1.value}, Stage 2 ${d.stage2.value}); surveillance ${d.surveillance.value} per year; recertification ${d.recertification.value}`,
    `  table ${d.tableDays.value} days for the personnel (${d.tableDays.rule}); sampled sites ${d.sampledSites.initial.value}`,
    'Cost:',
    ...e.cost.lines.map((l) => `  ${l.label.padEnd(52)} ${money(l.amount.value, e.cost.currency)}`),
    `  ${'3-year total'.padEnd(52)} ${money(e.cost.threeYearTotal.value, e.cost.currency)}`,
    ...e.cost.rates
      .filter((r) => r.defaulted && r.value !== null && r.source)
      .map((r) => `  ${r.name} ${r.value} ${e.cost.currency} is a default: ${r.source ?? ''}`),
    ...e.notes.map((n) => `Note: ${n}`),
  ];
  return `${lines.join('\n')}\n`;
}
