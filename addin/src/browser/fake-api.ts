/**
 * A small in-memory stand-in for the backend's §7 routes the pane calls, with the sync semantics that matter
 * to the pane: hashes decide created/updated/unchanged, complete snapshots delete what they do not list when
 * the last part of a syncId arrives, replays are harmless, and every call needs a bearer token.
 */
import { assess, type Profile } from '@qms/engine';
import type { QmsRecord } from '@qms/templates';
import type { Assessment, SyncRequest, SyncResult, WireRecord } from '@qms/client';

/** The as-of date when the pane sends none (a fixed day: nothing here reads the clock). */
export const FAKE_AS_OF = '2026-03-31';

interface Reply {
  status: number;
  body?: unknown;
}

export class FakeApi {
  readonly orgs = new Map<string, Map<string, WireRecord>>();
  readonly requests: { method: string; path: string; body?: unknown }[] = [];
  /** A QMS Profile per organisation, used when assessing it. */
  readonly profiles = new Map<string, Profile>();
  /** Readiness history per organisation, as `GET /orgs/{org}/assessment/history` answers it. */
  readonly history = new Map<string, { date: string; asOf: string; readiness: number; verdict: string }[]>();
  private seen = new Map<string, Map<string, Set<string>>>();

  store(org: string): Map<string, WireRecord> {
    let store = this.orgs.get(org);
    if (!store) this.orgs.set(org, (store = new Map<string, WireRecord>()));
    return store;
  }

  handle(method: string, path: string, headers: Record<string, string | string[] | undefined>, body: unknown): Reply {
    this.requests.push({ method, path, body });
    if (!String(headers.authorization ?? '').startsWith('Bearer ')) {
      return {
        status: 401,
        body: { title: 'Unauthorized', status: 401, detail: 'Sign in first', code: 'unauthorized' },
      };
    }
    const sync = /^\/api\/orgs\/([^/]+)\/sync$/.exec(path);
    if (method === 'POST' && sync)
      return { status: 200, body: this.sync(decodeURIComponent(sync[1] as string), body as SyncRequest) };
    const history = /^\/api\/orgs\/([^/]+)\/assessment\/history$/.exec(path);
    if (method === 'GET' && history)
      return { status: 200, body: { points: this.history.get(decodeURIComponent(history[1] as string)) ?? [] } };
    const assessment = /^\/api\/orgs\/([^/]+)\/assessment(?:\?asOf=([^&]+))?/.exec(path);
    if (method === 'GET' && assessment) {
      const asOf = assessment[2] ? decodeURIComponent(assessment[2]) : FAKE_AS_OF;
      return { status: 200, body: this.assessmentOf(decodeURIComponent(assessment[1] as string), asOf) };
    }
    if (method === 'GET' && path === '/api/portfolio') {
      return {
        status: 200,
        body: [...this.orgs.keys()].map((org) => ({
          org,
          readiness: this.score(org),
          verdict: 'Not ready',
          nextMilestone: null,
        })),
      };
    }
    return { status: 404, body: { title: 'Not found', status: 404, code: 'not-found' } };
  }

  private sync(org: string, request: SyncRequest): SyncResult {
    const store = this.store(org);
    const result: SyncResult = {
      created: 0,
      updated: 0,
      unchanged: 0,
      deleted: 0,
      rejected: [],
      part: request.part,
      parts: request.parts,
      completed: request.part === request.parts,
      replayed: false,
    };
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

  /**
   * The engine's own assessment of the records synced to `org` (the profile set in `profiles` stands in for a
   * stored one), so what the pane shows and writes is always what the real backend would answer.
   */
  assessmentOf(org: string, asOf: string): Assessment {
    const records: QmsRecord[] = [...this.store(org).values()].map((r) => ({
      ...r,
      source: r.source ?? { sheet: '', row: 0 },
      warnings: r.warnings ?? [],
    }));
    return assess(records, this.profiles.get(org), asOf);
  }
}
