import type { IsoDate } from '../core/dates.js';
import type { KPI_DIRECTIONS, RAG } from '../core/lists.js';
import { periodOrdinal, UNIT_OF_FREQUENCY } from './periods.js';
import type { Kpi, KpiMeasurement } from './schema.js';

export type KpiDirection = (typeof KPI_DIRECTIONS)[number];
export type Rag = (typeof RAG)[number];
export type KpiTrend = 'improving' | 'flat' | 'worsening';

/**
 * RAG of one measurement (kpi.rag): Green when the actual meets the target, Amber when it misses the target but
 * meets the amber threshold, Red otherwise. "Meets" includes equality. Without a threshold there is no Amber.
 */
export function kpiRag(kpi: Pick<Kpi, 'direction' | 'target' | 'amberThreshold'>, actual: number): Rag {
  const meets = (limit: number) => (kpi.direction === 'Higher is better' ? actual >= limit : actual <= limit);
  if (meets(kpi.target)) return 'Green';
  if (kpi.amberThreshold !== undefined && meets(kpi.amberThreshold)) return 'Amber';
  return 'Red';
}

/** How many of the most recent measured periods the trend looks at. */
export const TREND_PERIODS = 6;
/**
 * The fitted line counts as flat when it moves by at most 1% of the KPI's scale per period, the scale being the
 * larger of |target| and the mean |actual| of the periods fitted (so a KPI near zero with a target of 0 is judged
 * against its own values). A scale of 0 makes only an exactly level line flat.
 */
export const TREND_FLAT_TOLERANCE = 0.01;

export interface KpiSummary {
  kpiId: string;
  /** RAG of the latest measured period; absent without measurements. */
  latestRag?: Rag;
  latestPeriod?: IsoDate;
  latestPeriodLabel?: string;
  /** Least-squares trend over the last six measured periods; absent with fewer than two. */
  trend?: KpiTrend;
  /** Slope of that fit in the KPI's unit per period (weeks, months, quarters or years). */
  slopePerPeriod?: number;
  /** Measured periods: how many, and the first and last period start. */
  periods: { count: number; first?: IsoDate; last?: IsoDate };
}

/**
 * Per-KPI summary of measurements (docs/architecture.md, Templates and records), pure: records' data in, summaries out, in the order of `kpis`.
 * Measurements of KPIs not in `kpis` are ignored. The trend's x axis is the period number (month 0, 1, 2 …), so a
 * missed month stretches the line instead of being squeezed out.
 */
export function kpiSummaries(kpis: readonly Kpi[], measurements: readonly KpiMeasurement[]): KpiSummary[] {
  const byKpi = new Map<string, KpiMeasurement[]>();
  for (const m of measurements) {
    const list = byKpi.get(m.kpiId);
    if (list) list.push(m);
    else byKpi.set(m.kpiId, [m]);
  }
  return kpis.map((kpi) => summarise(kpi, byKpi.get(kpi.kpiId) ?? []));
}

function summarise(kpi: Kpi, measurements: readonly KpiMeasurement[]): KpiSummary {
  const sorted = [...measurements].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  const first = sorted[0];
  const latest = sorted[sorted.length - 1];
  const summary: KpiSummary = {
    kpiId: kpi.kpiId,
    periods: { count: sorted.length, first: first?.period, last: latest?.period },
  };
  if (!latest) return summary;
  summary.latestRag = kpiRag(kpi, latest.actual);
  summary.latestPeriod = latest.period;
  summary.latestPeriodLabel = latest.periodLabel;
  const window = sorted.slice(-TREND_PERIODS);
  if (window.length < 2) return summary;
  const unit = UNIT_OF_FREQUENCY[kpi.frequency];
  const slope = leastSquaresSlope(window.map((m) => [periodOrdinal(m.period, unit), m.actual]));
  summary.slopePerPeriod = slope;
  const scale = Math.max(Math.abs(kpi.target), window.reduce((s, m) => s + Math.abs(m.actual), 0) / window.length);
  if (Math.abs(slope) <= TREND_FLAT_TOLERANCE * scale) summary.trend = 'flat';
  else summary.trend = slope > 0 === (kpi.direction === 'Higher is better') ? 'improving' : 'worsening';
  return summary;
}

/** Ordinary least-squares slope of y on x. */
export function leastSquaresSlope(points: readonly (readonly [number, number])[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const meanX = points.reduce((s, [x]) => s + x, 0) / n;
  const meanY = points.reduce((s, [, y]) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const [x, y] of points) {
    sxy += (x - meanX) * (y - meanY);
    sxx += (x - meanX) ** 2;
  }
  return sxx === 0 ? 0 : sxy / sxx;
}
