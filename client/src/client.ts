import { ApiError, adviceFor } from './errors.js';
import { SELF_MEMBER } from '@qms/contract';
import type {
  AssignPackBody,
  CommitRequest,
  OrgPack,
  PackInfo,
  PackVersion,
  PutPackBody,
  CommitResult,
  SyncPlan,
  SyncPlanRequest,
  UploadRequest,
  UploadResult,
} from '@qms/contract';
import type { Assessment, Health, History, Member, Org, Portfolio, PortfolioEntry, Problem } from './types.js';

export interface ApiClientOptions {
  /** e.g. http://localhost:7071/api */
  baseUrl: string;
  /** Bearer token for the call; undefined for anonymous routes. */
  getToken?: () => Promise<string | undefined>;
  fetch?: typeof fetch;
}

export interface ApiClient {
  health(): Promise<Health>;
  /** The three steps of a sync (runSync puts them together): plan, upload what the head lacks, commit. */
  syncPlan(org: string, body: SyncPlanRequest): Promise<SyncPlan>;
  syncRecords(org: string, body: UploadRequest): Promise<UploadResult>;
  syncCommit(org: string, body: CommitRequest): Promise<CommitResult>;
  assessment(org: string, asOf?: string): Promise<Assessment>;
  /** Readiness over time: one point per day, oldest first. */
  history(org: string): Promise<History>;
  /** The organisations the caller can open (invitations are not among them; see portfolioWithInvitations). */
  portfolio(): Promise<PortfolioEntry[]>;
  /** The organisations and, apart from them, the invitations the caller has not answered yet. */
  portfolioWithInvitations(): Promise<Portfolio>;
  createOrg(org: string, name?: string): Promise<Org>;
  profile(org: string): Promise<unknown>;
  /** Accepts the caller's invitation to `org`: the role offered applies from now on. */
  acceptInvitation(org: string): Promise<Member>;
  /** Declines the caller's invitation to `org`. */
  declineInvitation(org: string): Promise<void>;
  /**
   * Removes the caller from `org` without needing their own user id (`DELETE /orgs/{org}/members/me`); refused
   * with 409 last-owner for its only owner, who must hand ownership over first.
   */
  leaveOrg(org: string): Promise<void>;
  /**
   * Publishes a version of a consultant's pack (`PUT /packs/{id}`, the id taken from the pack). The first publisher
   * owns the id; the same version with the same content again is a replay, with other content `409
   * pack-version-exists`.
   */
  putPack(pack: PutPackBody): Promise<PackInfo>;
  /** A version of a pack the caller may read (the latest when `version` is left out). */
  getPack(id: string, version?: number): Promise<PackVersion>;
  /** Assigns a pack version to an organisation (`pack: null` unassigns); answers what the organisation uses now. */
  assignPack(org: string, body: AssignPackBody): Promise<OrgPack>;
  /** The pack an organisation uses, with its content and the newest version (`{pack: null}` when none). */
  orgPack(org: string): Promise<OrgPack>;
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'status' in value && 'title' in value;
}

/** A typed HTTP client for the backend: plain fetch, injectable, so the CLI and tests can reuse it. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input: string | URL | Request, init?: RequestInit) => fetch(input, init));

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const token = await options.getToken?.();
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new ApiError(
        0,
        undefined,
        `${method} ${path} failed: ${error instanceof Error ? error.message : String(error)}. ${adviceFor(0)}`,
      );
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (!response.ok) {
      const problem = isProblem(json) ? json : undefined;
      const detail = problem?.detail ?? problem?.title ?? `HTTP ${response.status}`;
      throw new ApiError(response.status, problem, `${detail}. ${adviceFor(response.status)}`);
    }
    return json as T;
  }

  const orgPath = (org: string) => `/orgs/${encodeURIComponent(org)}`;
  return {
    health: () => call<Health>('GET', '/health'),
    syncPlan: (org, body) => call<SyncPlan>('POST', `${orgPath(org)}/sync`, body),
    syncRecords: (org, body) => call<UploadResult>('POST', `${orgPath(org)}/sync/records`, body),
    syncCommit: (org, body) => call<CommitResult>('POST', `${orgPath(org)}/sync/commit`, body),
    assessment: (org, asOf) =>
      call<Assessment>('GET', `${orgPath(org)}/assessment${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ''}`),
    history: (org) => call<History>('GET', `${orgPath(org)}/assessment/history`),
    portfolio: async () => {
      const body = await call<PortfolioEntry[] | { orgs?: PortfolioEntry[] }>('GET', '/portfolio');
      return Array.isArray(body) ? body : (body.orgs ?? []);
    },
    portfolioWithInvitations: async () => {
      const body = await call<Partial<Portfolio> | undefined>('GET', '/portfolio');
      // A server from before invitations answers without the list: it has none to offer.
      return { orgs: body?.orgs ?? [], invitations: body?.invitations ?? [] };
    },
    createOrg: (org, name) => call<Org>('POST', '/orgs', { id: org, name: name ?? org }),
    profile: (org) => call<unknown>('GET', `${orgPath(org)}/profile`),
    acceptInvitation: (org) => call<Member>('POST', `${orgPath(org)}/invitation`),
    declineInvitation: async (org) => {
      await call<undefined>('DELETE', `${orgPath(org)}/invitation`);
    },
    leaveOrg: async (org) => {
      await call<undefined>('DELETE', `${orgPath(org)}/members/${SELF_MEMBER}`);
    },
    putPack: (pack) => call<PackInfo>('PUT', `/packs/${encodeURIComponent(pack.id)}`, pack),
    getPack: (id, version) =>
      call<PackVersion>('GET', `/packs/${encodeURIComponent(id)}${version === undefined ? '' : `?version=${version}`}`),
    assignPack: (org, body) => call<OrgPack>('PUT', `${orgPath(org)}/pack`, body),
    orgPack: (org) => call<OrgPack>('GET', `${orgPath(org)}/pack`),
  };
}
