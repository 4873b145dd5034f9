import type { AuditEvent } from '../audit-programme/schema.js';
import { addMonths } from '../core/dates.js';
import type { QmsRecord } from '../core/record.js';
import { MONTH_ABBREVIATIONS } from './months.js';
import { AUDIT_CALENDAR_SHEET } from './spec.js';

/**
 * Records back into a year planner (round trips and demos): a title naming the year, then Audit / process, Type,
 * Lead, Scope / clauses, one column per month and Report reference. Marks are P, C (and N for cancelled, with a
 * legend saying so), followed by the day when it is not the 1st, so that reading the grid gives the same records.
 * Events without any date cannot be placed in a month and are left out; two events of one row in one month keep
 * the first.
 */
const HEADER_START = ['Audit / process', 'Type', 'Lead', 'Scope / clauses'];
const HEADER_END = ['Report reference'];
const MARK: Record<AuditEvent['status'], string> = { Planned: 'P', Completed: 'C', Cancelled: 'N' };

interface CalendarRow {
  name: string;
  type: string;
  lead?: string;
  scope?: string;
  reports: string[];
  marks: Map<string, string>;
}

/**
 * "Purchasing 2026-03 (2)" → name "Purchasing", row key "Purchasing|2". The month always follows the name and the
 * repeat number always follows the month, so any name reads back whole. Other ids (an Audit Programme's IA-1) are
 * their own name.
 */
function nameOf(eventId: string): { name: string; key: string } {
  const m = /^(.*) \d{4}-\d{2}(?: \((\d+)\))?$/.exec(eventId);
  if (!m?.[1]) return { name: eventId, key: `${eventId}\u0000` };
  return { name: m[1], key: `${m[1]}\u0000${m[2] ?? ''}` };
}

export function auditCalendarToGrids(records: readonly QmsRecord[]): Record<string, unknown[][]> {
  const rows = new Map<string, CalendarRow>();
  const months = new Set<string>();
  let cancelled = false;
  for (const record of records) {
    if (record.type !== 'audit-event') continue;
    const event = record.data as unknown as AuditEvent;
    const date =
      event.status === 'Completed'
        ? (event.completedDate ?? event.plannedDate)
        : (event.plannedDate ?? event.completedDate);
    if (date === undefined) continue;
    const month = date.slice(0, 7);
    const day = Number(date.slice(8, 10));
    const { name, key } = nameOf(event.eventId);
    let row = rows.get(key);
    if (!row) {
      row = { name, type: event.type, lead: event.lead, scope: event.scope, reports: [], marks: new Map() };
      // A second row of the same name must stay the second row: rows are written in the order first seen.
      rows.set(key, row);
    }
    if (!row.marks.has(month)) row.marks.set(month, `${MARK[event.status]}${day === 1 ? '' : ` ${day}`}`);
    if (event.reportReference !== undefined && !row.reports.includes(event.reportReference))
      row.reports.push(event.reportReference);
    if (event.status === 'Cancelled') cancelled = true;
    months.add(month);
  }

  const sorted = [...months].sort();
  const years = new Set(sorted.map((m) => m.slice(0, 4)));
  const year = years.size === 1 ? [...years][0] : undefined;
  let columns: string[];
  let headers: string[];
  if (sorted.length === 0 || year !== undefined) {
    // One year: the template's Jan … Dec, the year in the title above.
    columns = MONTH_ABBREVIATIONS.map((_, i) => `${year ?? '0000'}-${String(i + 1).padStart(2, '0')}`);
    headers = [...MONTH_ABBREVIATIONS];
  } else {
    // Several years: every month from the first to the last, each header naming its year.
    const first = sorted[0] ?? '';
    const last = sorted[sorted.length - 1] ?? '';
    columns = [];
    for (let m = first; m <= last; m = addMonths(`${m}-01`, 1).slice(0, 7)) columns.push(m);
    headers = columns;
  }

  const grid: unknown[][] = [[year === undefined ? 'Audit calendar' : `Audit calendar ${year}`]];
  if (cancelled) grid.push(['Legend: P = planned, C = completed, N = cancelled']);
  grid.push([], [...HEADER_START, ...headers, ...HEADER_END]);
  // A row numbered (3) reads back as (3) only after two rows of its name: rows that gave no record (unmarked, or
  // with an error) are written back as the bare name.
  const written = new Map<string, number>();
  for (const [key, row] of rows) {
    const n = Number(key.split('\u0000')[1] || '1');
    const nameKey = row.name.toLowerCase();
    for (let seen = written.get(nameKey) ?? 0; seen < n - 1; seen++) grid.push([row.name]);
    written.set(nameKey, Math.max(written.get(nameKey) ?? 0, n - 1) + 1);
    grid.push([
      row.name,
      row.type,
      row.lead ?? '',
      row.scope ?? '',
      ...columns.map((m) => row.marks.get(m) ?? ''),
      row.reports.join('; '),
    ]);
  }
  return { [AUDIT_CALENDAR_SHEET]: grid };
}
