/**
 * What the backend tells an operator (issue 15, docs/api.md "Telemetry"): the handlers and the pipeline call these
 * ports, Deps carries them, and the default does nothing. Only telemetry/start.ts, when Application Insights is
 * configured, swaps in the OpenTelemetry ones (telemetry/otel.ts), so without it no exporter is ever loaded.
 */

/** How a sync ended, as the server saw it: the commit's result, or the refusal of its upload or commit. */
export type SyncOutcomeKind =
  /** The snapshot became the head and changed records. */
  | 'committed'
  /** The head already held the snapshot (the plan step ends the sync), or a commit changed nothing. */
  | 'unchanged'
  /** A commit whose answer had been lost, sent again: nothing was written. */
  | 'replayed'
  /** The upload held records that failed validation (422). */
  | 'rejected'
  /** The commit was refused by the domain (e.g. the head moved on: 409). */
  | 'refused'
  /** The commit failed for any other reason (storage down, a bug). */
  | 'failed';

export interface Metrics {
  syncOutcome(outcome: SyncOutcomeKind): void;
  /** Record versions written to storage by one upload. */
  recordsWritten(count: number): void;
  /** How long one engine run on stored records took (GET assessment, and the history point after a commit). */
  assessmentDuration(ms: number): void;
}

/** The route table entry a request was answered by: its name and template, never the path with its values. */
export interface RouteIdentity {
  name: string;
  route: string;
}

export interface RequestTracer {
  /** Runs one request inside a span for its route; the answer's status ends the span. */
  request<T extends { status?: number }>(route: RouteIdentity, method: string, run: () => Promise<T>): Promise<T>;
}

export const noMetrics: Metrics = {
  syncOutcome: () => undefined,
  recordsWritten: () => undefined,
  assessmentDuration: () => undefined,
};

export const noTracer: RequestTracer = { request: (_route, _method, run) => run() };

export interface Telemetry {
  metrics: Metrics;
  tracer: RequestTracer;
}

export const noTelemetry: Telemetry = { metrics: noMetrics, tracer: noTracer };
