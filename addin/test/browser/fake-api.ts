/**
 * A small in-memory stand-in for the backend routes the pane calls where no server is needed to show what the
 * pane does with the answers: the three sync steps with digests and version numbers (no storage, no races),
 * assessment, portfolio, the organisation's pack (none), and a bearer token on every call. What the server does under faults, races and
 * refusals is tested against the real dev host over Azurite (pane-real-host.browser.test.ts).
 */
import { assess, type Profile } from '@qms/engine';
import {
  snapshotDigest,
  type CommitRequest,
  type ManifestEntry,
  type SyncPlanRequest,
  type UploadRequest,
} from '@qms/contract';
import type { QmsRecord } from '@qms/templates';
import type { Assessment } from '@qms/client';

type StoredRecord = UploadRequest['records'][number];

/** The as-of date when the pane sends none (a fixed day: nothing here reads the clock). */
export const FAKE_AS_OF = '2026-03-31';

interface Reply {
  status: number;
  body?: unknown;
}

export class FakeApi {
  /** Per organisation, the current records by `type~id`. */
  readonly orgs = new Map<string, Map<string, StoredRecord>>();
  readonly requests: { method: string; path: string; body?: unknown }[] = [];
  /** A QMS Profile per organisation, used when assessing it. */
  readonly profiles = new Map<string, Profile>();
  private versions = new Map<string, number>();
  /** Uploaded versions by `type~id~hash`, current or not. */
  private uploaded = new Map<string, StoredRecord>();
  /** Readiness history per organisation, as `GET /orgs/{org}/assessment/history` answers it. */
  readonly history = new Map<string, { date: string; asOf: string; readiness: number; verdict: string }[]>();

  store(org: string): Map<string, StoredRecord> {
    let store = this.orgs.get(org);
    if (!store) this.orgs.set(org, (store = new Map<string, StoredRecord>()));
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
    const sync = /^\/api\/orgs\/([^/]+)\/sync(\/records|\/commit)?$/.exec(path);
    if (method === 'POST' && sync) {
      const org = decodeURIComponent(sync[1] as string);
      if (sync[2] === '/records') return this.upload(body as UploadRequest);
      if (sync[2] === '/commit') return this.commit(org, body as CommitRequest);
      return this.plan(org, body as SyncPlanRequest);
    }
    const history = /^\/api\/orgs\/([^/]+)\/assessment\/history$/.exec(path);
    if (method === 'GET' && history)
      return { status: 200, body: { points: this.history.get(decodeURIComponent(history[1] as string)) ?? [] } };
    const assessment = /^\/api\/orgs\/([^/]+)\/assessment(?:\?asOf=([^&]+))?/.exec(path);
    if (method === 'GET' && assessment) {
      const asOf = assessment[2] ? decodeURIComponent(assessment[2]) : FAKE_AS_OF;
      return { status: 200, body: this.assessmentOf(decodeURIComponent(assessment[1] as string), asOf) };
    }
    // No organisation here is assigned a pack: the server's answer for one without (the Templates tab asks).
    if (method === 'GET' && /^\/api\/orgs\/[^/]+\/pack$/.test(path)) return { status: 200, body: { pack: null } };
    if (method === 'GET' && path === '/api/portfolio') {
      return {
        status: 200,
        body: {
          orgs: [...this.orgs.keys()].map((org) => ({
            org,
            readiness: this.score(org),
            verdict: 'Not ready',
            nextMilestone: null,
          })),
          invitations: [],
        },
      };
    }
    return { status: 404, body: { title: 'Not found', status: 404, code: 'not-found' } };
  }

  private entries(org: string, type: string): ManifestEntry[] {
    return [...this.store(org).values()].filter((r) => r.type === type).map((r) => [String(r.id), r.hash]);
  }

  private plan(org: string, request: SyncPlanRequest): Reply {
    const version = this.versions.get(org) ?? 0;
    const types = [
      ...Object.entries(request.digests)
        .filter(([type, digest]) => snapshotDigest(this.entries(org, type)) !== digest)
        .map(([type]) => type),
      ...(request.partial ?? []),
    ];
    if (types.length === 0) return { status: 200, body: { status: 'unchanged', version } };
    const stored = Object.fromEntries(types.map((t) => [t, this.entries(org, t)]));
    return { status: 200, body: { status: 'changed', version, stored } };
  }

  private upload(request: UploadRequest): Reply {
    for (const r of request.records) this.uploaded.set(`${r.type}~${String(r.id)}~${r.hash}`, r);
    return { status: 200, body: { stored: request.records.length } };
  }

  private commit(org: string, request: CommitRequest): Reply {
    const version = this.versions.get(org) ?? 0;
    if (request.base !== version)
      return { status: 409, body: { title: 'Conflict', status: 409, code: 'head-moved', detail: 'moved', version } };
    const store = this.store(org);
    const counts = { created: 0, updated: 0, unchanged: 0, deleted: 0 };
    for (const change of request.changes) {
      for (const [id, hash] of change.put) {
        const record = this.uploaded.get(`${change.type}~${id}~${hash}`);
        if (record === undefined)
          return { status: 409, body: { title: 'Conflict', status: 409, code: 'records-missing', detail: id } };
        const before = store.get(`${change.type}~${id}`);
        if (before === undefined) counts.created++;
        else counts.updated++;
        store.set(`${change.type}~${id}`, record);
      }
      for (const id of change.remove) if (store.delete(`${change.type}~${id}`)) counts.deleted++;
    }
    this.versions.set(org, version + 1);
    return { status: 200, body: { version: version + 1, ...counts, replayed: false } };
  }

  private score(org: string): number {
    return Math.min(100, (this.orgs.get(org)?.size ?? 0) / 2);
  }

  /**
   * The engine's own assessment of the records synced to `org` (the profile set in `profiles` stands in for a
   * stored one), so what the pane shows and writes is always what the real backend would answer.
   */
  assessmentOf(org: string, asOf: string): Assessment {
    const records: QmsRecord[] = [...this.store(org).values()].map(
      (r) =>
        ({
          ...r,
          id: String(r.id),
          source: r.source ?? { sheet: '', row: 0 },
          warnings: r.warnings ?? [],
        }) as QmsRecord,
    );
    return assess(records, this.profiles.get(org), asOf);
  }
}
