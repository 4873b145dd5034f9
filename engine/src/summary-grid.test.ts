import { describe, expect, it } from 'vitest';
import { assess } from './assess.js';
import { BAND_COLUMNS } from './summary-band.js';
import { keptNotes } from './summary-notes.js';
import { GROUP_TARGET, NOTES_MARKER, summaryLayout, summaryValues, type SummaryLayout } from './summary-grid.js';
import { moneyFormat } from './summary-styles.js';
import { event, profile, readyRecords } from './test-records.js';

/** The cell holding `label` anywhere on the sheet: its row and column (1-based), and the values to its right. */
function find(layout: SummaryLayout, label: string) {
  for (const [r, cells] of layout.rows.entries()) {
    const c = cells.findIndex((cell) => cell.value === label);
    if (c >= 0) return { row: r + 1, column: c + 1, rest: cells.slice(c + 1).map((x) => x.value), cells };
  }
  return undefined;
}

const inRange = (
  f: { range: { row: number; column: number; rows: number; columns: number } },
  row: number,
  col: number,
) =>
  row >= f.range.row &&
  row < f.range.row + f.range.rows &&
  col >= f.range.column &&
  col < f.range.column + f.range.columns;

describe('summary layout', () => {
  const a = assess(
    readyRecords(),
    profile({ organizationName: '=1+1', certificationBody: '@SUM(A1)', targetCertificationDate: '2026-12-31' }),
    '2026-06-30',
    { runs: 200 },
  );
  const layout = summaryLayout(a, { generatedAt: '2026-06-30T09:00:00Z' });

  it('R-SUM-1: holds score, verdict, as-of and generation time, groups, gates, milestones, days and cost', () => {
    expect(find(layout, 'Overall readiness (%)')?.rest[0]).toBe(a.readiness.overall.value);
    expect(find(layout, 'Verdict')?.rest[0]).toBe('Ready for Stage 1');
    expect(find(layout, 'As of')?.rest[0]).toBe('2026-06-30');
    expect(find(layout, 'Generated')?.rest[0]).toBe('2026-06-30T09:00:00Z');
    expect(find(layout, '9 Performance evaluation')?.rest.slice(0, 3)).toEqual([100, GROUP_TARGET, 7]);
    const g10 = find(layout, 'G10 Certification body');
    expect(g10?.rest.slice(0, 3)).toEqual(['Pass', 'Stage 1', 'certification body: @SUM(A1)']);
    const stage1 = a.timeline.milestones.find((m) => m.id === 'stage-1');
    expect(find(layout, 'Stage 1 audit')?.rest.slice(0, 3)).toEqual([stage1?.p50.value, stage1?.p80.value, 'estimate']);
    expect(find(layout, 'Internal audit')?.rest[2]).toBe('records');
    expect(find(layout, 'Slack vs target (weeks)')?.rest[0]).toBe(a.timeline.target?.slackWeeksP50.value);
    expect(find(layout, 'Initial audit (Stage 1 + Stage 2)')?.rest[0]).toBe(4);
    const total = a.cost?.threeYearTotal.value;
    expect(find(layout, '3-year total')?.rest.slice(0, 3)).toEqual([
      Math.round(total?.low ?? NaN),
      Math.round(total?.likely ?? NaN),
      Math.round(total?.high ?? NaN),
    ]);
    expect(String(find(layout, 'Default cbDayRate')?.rest.find((v) => typeof v === 'string'))).toContain(
      'indicative, not a quote',
    );
  });

  it('R-SUM-1: only plain values (text, finite numbers, blanks); user text is carried as text', () => {
    for (const row of layout.rows)
      for (const { value } of row)
        expect(
          value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)),
        ).toBe(true);
    expect(find(layout, 'Organization')?.rest[0]).toBe('=1+1');
    // Every row is as wide as the column list, so both writers address the same cells.
    for (const row of layout.rows) expect(row).toHaveLength(layout.widths.length);
  });

  it('R-SUM-2: clause groups carry a 0–100 data bar and the 80 % target; scores under it turn red', () => {
    const first = find(layout, '4 Context of the organization');
    const last = find(layout, '10 Improvement');
    const bars = layout.conditionalFormats.filter((f) => f.kind === 'dataBar');
    const groupBar = bars.find(
      (f) => f.range.row === first?.row && f.range.rows === (last?.row ?? 0) - (first?.row ?? 0) + 1,
    );
    expect(groupBar).toMatchObject({ kind: 'dataBar', min: 0, max: 100, range: { column: 2, columns: 1 } });
    const below = layout.conditionalFormats.find(
      (f) => f.kind === 'cellIs' && f.operator === 'lessThan' && f.value === GROUP_TARGET,
    );
    expect(below && inRange(below, first?.row ?? 0, 2)).toBe(true);
  });

  it('R-SUM-2: gate results get traffic-light fills, and each gate says which verdict needs it', () => {
    const g1 = find(layout, 'G1 Scope defined');
    const g5 = find(layout, 'G5 Records period');
    const lights = layout.conditionalFormats.filter((f) => f.kind === 'cellIs' && inRange(f, g1?.row ?? 0, 2));
    expect(lights.map((f) => (f.kind === 'cellIs' ? [f.value, f.fill] : []))).toEqual([
      ['Pass', '#C6EFCE'],
      ['Fail', '#FFC7CE'],
    ]);
    expect(g1?.rest[1]).toBe('Stage 1');
    expect(g5?.rest[1]).toBe('Stage 2');
  });

  it('R-SUM-2: milestones have a Gantt band: 1 up to the P50 month, 2 up to the P80 month, painted by rules', () => {
    const header = find(layout, 'Milestone');
    const stage2 = find(layout, 'Stage 2 audit');
    const band = stage2?.rest.slice(3, 3 + BAND_COLUMNS) ?? [];
    expect(band).toHaveLength(BAND_COLUMNS);
    expect(band[0]).toBe(1);
    expect(band.every((v) => v === 1 || v === 2 || v === null)).toBe(true);
    expect(header?.rest.slice(3, 3 + BAND_COLUMNS)[0]).toBe('Jun 26');
    // A milestone dated by records has no band.
    expect(
      find(layout, 'Internal audit')
        ?.rest.slice(3, 3 + BAND_COLUMNS)
        .every((v) => v === null),
    ).toBe(true);
    const paints = layout.conditionalFormats.filter(
      (f) => f.kind === 'cellIs' && inRange(f, stage2?.row ?? 0, (stage2?.column ?? 0) + 4),
    );
    expect(paints.map((f) => (f.kind === 'cellIs' ? f.value : undefined))).toEqual([1, 2]);
    // The digits are hidden: only the fills show.
    expect(layout.styles[stage2?.cells[(stage2?.column ?? 0) + 3]?.style ?? 'plain'].numFmt).toBe(';;;');
  });

  it('R-SUM-2: money is whole units in the currency format; rule ids stand in the muted rule columns', () => {
    const total = find(layout, '3-year total');
    const cells = total?.cells.slice(total.column, total.column + 3) ?? [];
    expect(cells.every((c) => Number.isInteger(c.value))).toBe(true);
    expect(cells.map((c) => layout.styles[c.style ?? 'plain'].numFmt)).toEqual(Array(3).fill('"€"#,##0'));
    expect(moneyFormat('CHF')).toBe('#,##0 "CHF"');
    // Rule ids sit only in the two rule columns (6 and the last), styled muted.
    const ruleColumns = new Set([6, layout.widths.length]);
    for (const row of layout.rows)
      row.forEach((cell, c) => {
        if (typeof cell.value === 'string' && /^R-[A-Z]+-/.test(cell.value)) {
          expect(ruleColumns.has(c + 1)).toBe(true);
          expect(cell.style).toBe('rule');
        }
      });
    expect(layout.styles.rule.italic && layout.styles.rule.color).toBe('#7F7F7F');
  });

  it('R-SUM-2: print setup is one landscape page with the as-of date in the footer; Letter for dollars', () => {
    expect(layout.print).toMatchObject({ paper: 'A4', orientation: 'landscape', fitToWidth: 1, fitToHeight: 1 });
    expect(layout.print.footer.center).toBe('QMS Readiness as of 2026-06-30');
    const usd = assess(readyRecords(), profile({ currency: 'USD' }), '2026-06-30', { runs: 50 });
    expect(summaryLayout(usd, { generatedAt: 'x' }).print.paper).toBe('Letter');
  });

  it('R-SUM-2: blockers are the top five that add points; history shows only when given', () => {
    expect(find(layout, 'Top blockers') === undefined || a.blockers.some((b) => b.points.value > 0)).toBe(true);
    expect(find(layout, 'Readiness history')).toBeUndefined();
    const withHistory = summaryLayout(a, {
      generatedAt: 'x',
      history: Array.from({ length: 15 }, (_, i) => ({
        date: `2026-06-${String(i + 1).padStart(2, '0')}`,
        readiness: i * 5,
      })),
    });
    const h = find(withHistory, 'Readiness history');
    expect(h).toBeDefined();
    // The last twelve points, oldest first.
    expect(find(withHistory, '2026-06-03')).toBeUndefined();
    expect(find(withHistory, '2026-06-04')?.rest[0]).toBe(15);
    expect(find(withHistory, '2026-06-15')?.rest[0]).toBe(70);
  });

  it('R-SUM-3: a Notes row marks where a manager writes; a rewrite keeps what stands below it', () => {
    const marker = find(layout, NOTES_MARKER);
    expect(marker?.column).toBe(1);
    expect(layout.notes.markerRow).toBe(marker?.row);
    // What a manager typed, read back from the sheet's values, returns under the new Notes row.
    const values = summaryValues(layout).map((r) => [...r]);
    values[layout.notes.firstRow - 1] = ['Board asked for the CAPA plan', null, 42];
    values[layout.notes.firstRow + 5] = ['second note'];
    const kept = keptNotes(values);
    expect(kept).toEqual([['Board asked for the CAPA plan', null, 42], [], [], [], [], [], ['second note']]);
    const again = summaryLayout(a, { generatedAt: 'y', keptNotes: kept });
    const first = again.rows[again.notes.firstRow - 1]?.map((c) => c.value);
    expect(first?.slice(0, 3)).toEqual(['Board asked for the CAPA plan', null, 42]);
    expect(again.rows[again.notes.firstRow + 5]?.[0]?.value).toBe('second note');
    expect(again.notes.rows).toBe(7);
    expect(keptNotes([['QMS Readiness'], ['no marker here']])).toBeUndefined();
  });

  it('R-SUM-1: a certified assessment lists the cycle with due dates and overdue flags', () => {
    const certified = assess(
      [
        ...readyRecords(),
        event({ eventId: 'S1', type: 'Stage 1 audit', completedDate: '2024-02-01' }),
        event({ eventId: 'S2', type: 'Stage 2 audit', completedDate: '2024-03-15' }),
      ],
      profile(),
      '2026-06-30',
      { runs: 50 },
    );
    const grid = summaryLayout(certified, { generatedAt: 'x' });
    expect(find(grid, 'Surveillance 1')?.rest.slice(0, 3)).toEqual(['2025-03-15', 'No', 'OVERDUE']);
    expect(find(grid, 'Recertification')?.rest[0]).toBe('2027-03-15');
  });
});
