import type { PaneServices } from '../app/services.ts';

/** One day's readiness as `GET /orgs/{org}/assessment/history` answers it (docs/api.md), oldest first. */
export interface HistoryPoint {
  date: string;
  asOf?: string;
  readiness: number;
  verdict?: string;
  nextMilestone?: { name: string; date: string } | null;
}

interface WithHistory {
  history(org: string): Promise<{ points?: HistoryPoint[] } | HistoryPoint[]>;
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

/**
 * Readiness over time. The shared client has no history call yet, so until it has one this asks the same server
 * the client talks to, with the same bearer token (the address passed the pane's origin check when it was set).
 */
export async function loadHistory(services: PaneServices, org: string): Promise<HistoryPoint[]> {
  const api = services.api as Partial<WithHistory>;
  if (typeof api.history === 'function') return points(await api.history(org));
  const token = await services.auth.token();
  const response = await fetch(
    `${services.apiUrl.replace(/\/+$/, '')}/orgs/${encodeURIComponent(org)}/assessment/history`,
    {
      headers: { Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    },
  );
  if (!response.ok) throw new Error(`history ${response.status}`);
  return points(await response.json());
}
