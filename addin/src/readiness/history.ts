import type { PaneServices } from '../app/services.ts';

/** One day's readiness as `GET /orgs/{org}/assessment/history` answers it (docs/api.md), oldest first. */
export interface HistoryPoint {
  date: string;
  asOf?: string;
  readiness: number;
  verdict?: string;
  nextMilestone?: { name: string; date: string } | null;
}

function points(body: unknown): HistoryPoint[] {
  const list = Array.isArray(body) ? body : (body as { points?: unknown } | null)?.points;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (p): p is HistoryPoint =>
      typeof p === 'object' &&
      p !== null &&
      typeof (p as HistoryPoint).date === 'string' &&
      typeof (p as HistoryPoint).readiness === 'number',
  );
}

/** Readiness over time, through the shared client. */
export async function loadHistory(services: PaneServices, org: string): Promise<HistoryPoint[]> {
  return points(await services.api.history(org));
}
