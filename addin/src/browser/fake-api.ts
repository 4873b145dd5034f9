/**
 * A small in-memory stand-in for the backend's §7 routes the pane calls, with the sync semantics that matter
 * to the pane: hashes decide created/updated/unchanged, complete snapshots delete what they do not list when
 * the last part of a syncId arrives, replays are harmless, and every call needs a bearer token.
 */
import type { Assessment, SyncRequest, SyncResult, WireRecord } from '../api/types.ts';

interface Reply {
  status: number;
  body?: unknown;
}

export class FakeApi {
  readonly orgs = new Map<string, Map<string, WireRecord>>();
  readonly requests: { method: string; path: string; body?: unknown }[] = [];
  private seen = new Map<string, Map<string, Set<string>>>();

  store(org: string): Map<string, WireRecord> {
    let store = this.orgs.get(org);
    if (!store) this.orgs.set(org, (store = new Map<string, WireRecord>()));
    return store;
  }

  handle(method: string, path: string, headers: Record<string, string | string[] | undefined>, body: unknown): Reply {
    this.requests.push({ method, path, body });
    if (!String(headers.authorization ?? '').startsWith('Bearer ')) {
      return { status: 401, body: { title: 'Unauthorized', status: 401, detail: 'Sign in first', code: 'unauthorized' } };
    }
    const sync = /^\/api\/orgs\/([^/]+)\/sync$/.exec(path);
    if (method === 'POST' && sync) return { status: 200, body: this.sync(decodeURIComponent(sync[1] as string), body as SyncRequest) };
    const assessment = /^\/api\/orgs\/([^/]+)\/assessment/.exec(path);
    if (method === 'GET' && assessment) return { status: 200, body: this.assessment(decodeURIComponent(assessment[1] as string)) };
    if (method === 'GET' && path === '/api/portfolio') {
      return { status: 200, body: [...this.orgs.keys()].map((org) => ({ org, readiness: this.score(org), verdict: 'Not ready', nextMilestone: null })) };
    }
    return { status: 404, body: { title: 'Not found', status: 404, code: 'not-found' } };
  }

  private sync(org: string, request: SyncRequest): SyncResult {
    const store = this.store(org);
    const result: SyncResult = { created: 0, updated: 0, unchanged: 0, deleted: 0, rejected: [] };
    const seen = this.seen.get(request.syncId) ?? new Map<string, Set<string>>();
    this.seen.set(request.syncId, seen);
    for (const snapshot of request.snapshots) {
      const keys = seen.get(snapshot.type) ?? new Set<string>();
      if (snapshot.complete) seen.set(snapshot.type, keys);
      for (const record of snapshot.records) {
        const key = `${record.type}~${record.id}`;
        keys.add(key);
        const before = store.get(key);
        if (!before) result.created++;
        else if (before.hash !== record.hash) result.updated++;
        else result.unchanged++;
        store.set(key, record);
      }
    }
    if (request.part === request.parts) {
      for (const [type, keys] of seen) {
        for (const key of [...store.keys()]) {
          if (key.startsWith(`${type}~`) && !keys.has(key)) {
            store.delete(key);
            result.deleted++;
          }
        }
      }
    }
    return result;
  }

  private score(org: string): number {
    return Math.min(100, (this.orgs.get(org)?.size ?? 0) / 2);
  }

  private assessment(org: string): Assessment {
    const fig = <T>(value: T) => ({ value, rule: 'FAKE' });
    const overall = this.score(org);
    return {
      asOf: '2026-03-31',
      organization: org,
      readiness: { overall: fig(overall), groups: [4, 5, 6, 7, 8, 9, 10].map((g) => ({ group: g, score: fig(Math.min(100, g * 9)) })) },
      gates: [
        { id: 'G1', name: 'Scope', passed: true, reason: 'The profile names scope, sites, personnel and risk category' },
        { id: 'G6', name: 'Internal audit', passed: false, reason: 'No completed internal audit in the last 12 months' },
      ],
      verdict: fig('Not ready'),
      blockers: [{ kind: 'gate', ref: 'G6', title: 'No internal audit', fix: '=Plan and complete an internal audit covering clauses 4-10', points: fig(5) }],
      timeline: {
        milestones: [
          { id: 'stage-1', name: 'Stage 1 audit', source: 'estimate', p50: fig('2026-09-01'), p80: fig('2026-10-06') },
          { id: 'stage-2', name: 'Stage 2 audit', source: 'estimate', p50: fig('2026-09-29'), p80: fig('2026-11-03') },
        ],
      },
      cost: {
        currency: 'EUR',
        lines: [{ id: 'cb-initial', label: 'Certification body, initial audit', amount: fig({ low: 4000, likely: 5000, high: 6000 }) }],
        threeYearTotal: fig({ low: 9000, likely: 11000, high: 13000 }),
      },
    };
  }
}
