import { randomUUID } from 'node:crypto';
import {
  ApiError,
  completeTypes,
  createApiClient,
  MAX_BYTES_PER_PART,
  MAX_RECORDS_PER_PART,
  planSync,
  type ApiClient,
  type SyncRequest,
  type SyncResult,
} from '@qms/client';
import { validateWorkbook, type Issue } from '@qms/templates';
import { EXIT, type Command, type Io } from '../io.js';
import { commandArgs } from '../shared/args.js';
import { parseAsOf } from '../shared/as-of.js';
import { loadWorkbookFile } from '../shared/workbook-file.js';

const USAGE =
  'Usage: qms sync FILE.xlsx --api URL --org ID [--token T] [--as-of YYYY-MM-DD] [--allow-errors] [--json]\n' +
  '                [--part-records N] [--retries N] [--timeout SECONDS]\n' +
  '  The token may also come from the QMS_TOKEN environment variable, the API URL from QMS_API.\n';

/** What the remote commands take from outside: injected so tests run them without a network or a clock. */
export interface RemoteDeps {
  env: Readonly<Record<string, string | undefined>>;
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

export const defaultRemoteDeps: RemoteDeps = {
  env: process.env,
  fetch: (input, init) => fetch(input, init),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/** The first retry waits this long; each further one twice as long, up to MAX_BACKOFF_MS. */
export const BASE_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 15_000;

/** Exponential back-off with up to 25 % jitter, so many clients retrying together do not stay in step. */
export function backoffDelay(attempt: number, random: () => number): number {
  const base = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (1 + 0.25 * random()));
}

/** The API URL and token of a remote command, or the reason they are missing. */
export function remoteTarget(
  values: { api?: string; token?: string },
  env: RemoteDeps['env'],
): { ok: true; api: string; token: string } | { ok: false; reason: string } {
  const api = values.api ?? env.QMS_API;
  if (api === undefined || api.trim() === '')
    return { ok: false, reason: 'name the API with --api URL (e.g. --api http://localhost:7071/api) or set QMS_API' };
  try {
    const url = new URL(api);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
  } catch {
    return { ok: false, reason: `--api "${api}" is not an http(s) URL; write it like http://localhost:7071/api` };
  }
  const token = values.token ?? env.QMS_TOKEN;
  if (token === undefined || token.trim() === '') {
    return {
      ok: false,
      reason: 'no sign-in token: pass --token T or set QMS_TOKEN (locally: npm run -s token -w functions)',
    };
  }
  return { ok: true, api, token: token.trim() };
}

/** The shared client (`@qms/client`, the same code the task pane uses) with a per-request time limit. */
export function clientFor(api: string, token: string, deps: RemoteDeps, timeoutMs: number): ApiClient {
  return createApiClient({
    baseUrl: api,
    getToken: () => Promise.resolve(token),
    fetch: (input, init) => deps.fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) }),
  });
}

/** Worth sending the same part again: network failures, time-outs, a busy or failing server, a held lease. */
function retryable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  return error.retryable;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function issueLine(issue: Issue): string {
  return `  ${issue.severity.padEnd(7)}  ${issue.message}`;
}

type RejectedList = SyncResult['rejected'];

function rejectedLines(rejected: RejectedList): string[] {
  return rejected.flatMap((r) => [
    `  ${r.type ?? 'record'} "${r.id}":`,
    ...r.issues.map((i) => {
      const where =
        'sheet' in i && typeof i.sheet === 'string' && i.sheet !== ''
          ? `${i.sheet}${'row' in i && typeof i.row === 'number' ? ` row ${i.row}` : ''}: `
          : '';
      return `    ${where}${i.message}`;
    }),
  ]);
}

export interface SyncSummary {
  file: string;
  org: string;
  syncId: string;
  parts: number;
  records: number;
  skippedErrors: number;
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  retries: number;
  /** Times the sync was sent again under a new id because another sync finished first (409 sync-superseded). */
  restarts: number;
  rejected: RejectedList;
}

/** Restarts after 409 sync-superseded before giving up: each one means yet another sync finished in between. */
const MAX_RESTARTS = 3;

/** `qms sync` with its outside world injected. */
export function createSyncCommand(deps: RemoteDeps = defaultRemoteDeps): Command {
  return async (args: string[], io: Io): Promise<number> => {
    const parsed = commandArgs(
      'sync',
      USAGE,
      {
        args,
        allowPositionals: true,
        options: {
          api: { type: 'string' },
          org: { type: 'string' },
          token: { type: 'string' },
          'as-of': { type: 'string' },
          'allow-errors': { type: 'boolean', default: false },
          json: { type: 'boolean', default: false },
          'part-records': { type: 'string' },
          retries: { type: 'string' },
          timeout: { type: 'string' },
        },
      },
      io,
    );
    if (typeof parsed === 'number') return parsed;
    const v = parsed.values;
    const fail = (reason: string) => {
      io.stderr(`qms sync: ${reason}\n`);
      return EXIT.unusable;
    };
    const [file, ...extra] = parsed.positionals;
    if (file === undefined || extra.length > 0)
      return fail(
        `${file === undefined ? 'name the .xlsx file to sync' : `one file at a time (got ${parsed.positionals.length})`}\n${USAGE}`,
      );
    if (v.org === undefined || v.org.trim() === '')
      return fail('name the organisation with --org ID (see `qms portfolio` for yours)');
    const org = v.org.trim();
    const target = remoteTarget(v, deps.env);
    if (!target.ok) return fail(target.reason);
    const whole = (
      name: string,
      text: string | undefined,
      fallback: number,
      min: number,
      max: number,
    ): number | string => {
      if (text === undefined) return fallback;
      const n = Number(text);
      return Number.isInteger(n) && n >= min && n <= max
        ? n
        : `--${name} "${text}" must be a whole number from ${min} to ${max}`;
    };
    const partRecords = whole('part-records', v['part-records'], MAX_RECORDS_PER_PART, 1, MAX_RECORDS_PER_PART);
    const retries = whole('retries', v.retries, 6, 0, 20);
    const timeoutSeconds = whole('timeout', v.timeout, 120, 1, 3600);
    for (const value of [partRecords, retries, timeoutSeconds]) if (typeof value === 'string') return fail(value);
    const asOf = parseAsOf(v['as-of'], io.now());
    if (!asOf.ok) return fail(asOf.reason);

    const loaded = await loadWorkbookFile(file, io.cwd);
    if (!loaded.ok) return fail(loaded.reason);
    const checked = validateWorkbook(loaded.input, { asOf: asOf.asOf });
    if (checked.recognised.length === 0)
      return fail(
        `${file} holds no template sheet, so there is nothing to sync; insert templates (qms templates) and fill them first`,
      );
    const errors = checked.issues.filter((i) => i.severity === 'error');
    if (errors.length > 0 && !v['allow-errors']) {
      io.stderr(
        [
          `qms sync: ${file} has ${plural(errors.length, 'error')}; nothing was sent. Fix these cells and sync again,`,
          `or pass --allow-errors to send the valid rows only (rows with errors keep their stored records):`,
          ...errors.map(issueLine),
          '',
        ].join('\n'),
      );
      return EXIT.problems;
    }

    const syncId = `cli-${io.now().getTime().toString(36)}-${randomUUID().slice(0, 8)}`;
    const templates = Object.fromEntries(checked.templates.map((t) => [t.templateId, t.version]));
    const parts = planSync(
      { syncId, templates, records: checked.records, completeTypes: completeTypes(checked) },
      { records: partRecords as number, bytes: MAX_BYTES_PER_PART },
    );
    const client = clientFor(target.api, target.token, deps, (timeoutSeconds as number) * 1000);
    io.stderr(
      `qms sync: ${plural(checked.records.length, 'record')} from ${file} → organisation "${org}" at ${target.api}, ${plural(parts.length, 'part')}` +
        `${errors.length > 0 ? ` (${plural(errors.length, 'error')} left out)` : ''}\n`,
    );

    const summary: SyncSummary = {
      file,
      org,
      syncId,
      parts: parts.length,
      records: checked.records.length,
      skippedErrors: errors.length,
      created: 0,
      updated: 0,
      unchanged: 0,
      deleted: 0,
      retries: 0,
      restarts: 0,
      rejected: [],
    };
    let sending = parts;
    for (let index = 0; index < sending.length; index += 1) {
      const part = sending[index] as SyncRequest;
      const outcome = await sendPart(client, org, part, deps, io, retries as number);
      summary.retries += outcome.retries;
      if (!outcome.ok && outcome.superseded && summary.restarts < MAX_RESTARTS) {
        // Another sync of the organisation finished while this one was under way; the server refuses to finish a
        // mix of two workbooks. This file's records are still what was asked for: send them again under a new id.
        summary.restarts += 1;
        summary.syncId = `${syncId}-r${summary.restarts}`;
        sending = parts.map((p) => ({ ...p, syncId: summary.syncId }));
        Object.assign(summary, { created: 0, updated: 0, unchanged: 0, deleted: 0 });
        io.stderr(
          `part ${part.part}/${part.parts}: another sync of "${org}" finished first; sending the workbook again from part 1 as ${summary.syncId}\n`,
        );
        index = -1;
        continue;
      }
      if (!outcome.ok) {
        summary.rejected = outcome.rejected;
        if (v.json) io.stdout(`${JSON.stringify({ ...summary, ok: false, error: outcome.message }, null, 2)}\n`);
        io.stderr(
          [
            `qms sync: part ${part.part}/${part.parts} failed: ${outcome.message}`,
            ...rejectedLines(outcome.rejected),
            ...(outcome.uncertain
              ? [
                  `${part.part > 1 ? `${storedBefore(part.part)}, and part ${part.part}` : `Part ${part.part}`} may have been stored in part (the server failed or its answer was lost); run the same command again to finish (records already stored count as unchanged).`,
                ]
              : [
                  part.part > 1
                    ? `${storedBefore(part.part)}; run the same command again to finish (re-sent records count as unchanged).`
                    : 'Nothing was stored.',
                ]),
            '',
          ].join('\n'),
        );
        return EXIT.problems;
      }
      const r = outcome.result;
      summary.created += r.created;
      summary.updated += r.updated;
      summary.unchanged += r.unchanged;
      summary.deleted += r.deleted;
      const count = part.snapshots.reduce((n, s) => n + s.records.length, 0);
      io.stderr(
        `part ${part.part}/${part.parts}: ${plural(count, 'record')} … created ${r.created}, updated ${r.updated}, unchanged ${r.unchanged}, deleted ${r.deleted}\n`,
      );
    }
    if (v.json) {
      io.stdout(`${JSON.stringify({ ...summary, ok: true }, null, 2)}\n`);
    } else {
      io.stdout(
        `Synced ${plural(summary.records, 'record')} to "${org}": ${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.deleted} deleted` +
          ` (${plural(summary.parts, 'part')}${summary.retries > 0 ? `, ${plural(summary.retries, 'retry').replace('retrys', 'retries')}` : ''}` +
          `${summary.restarts > 0 ? `, sent again ${summary.restarts === 1 ? 'once' : `${summary.restarts} times`} because another sync finished first` : ''}).\n` +
          (errors.length > 0
            ? `${plural(errors.length, 'row error')} left out: their stored records were kept; fix them and sync again.\n`
            : ''),
      );
    }
    return EXIT.ok;
  };
}

type PartOutcome =
  | { ok: true; result: SyncResult; retries: number }
  | {
      ok: false;
      message: string;
      rejected: RejectedList;
      retries: number;
      superseded: boolean;
      /** The server failed, or its answer was lost: the part may have been stored in part. */
      uncertain: boolean;
    };

/** "Part 1 was stored" / "Parts 1–3 were stored": the parts acknowledged before part `n`. */
function storedBefore(n: number): string {
  return n === 2 ? 'Part 1 was stored' : `Parts 1–${n - 1} were stored`;
}

/** Sends one part, retrying retryable failures with back-off; the server takes a re-sent part harmlessly. */
async function sendPart(
  client: ApiClient,
  org: string,
  part: SyncRequest,
  deps: RemoteDeps,
  io: Io,
  maxRetries: number,
): Promise<PartOutcome> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return { ok: true, result: await client.sync(org, part), retries: attempt - 1 };
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      const message =
        error instanceof ApiError && error.status > 0
          ? `HTTP ${error.status} ${error.problem?.code ?? ''}: ${text}`.replace(' :', ':')
          : text;
      if (!retryable(error) || attempt > maxRetries) {
        const problem = error instanceof ApiError ? (error.problem as { rejected?: unknown } | undefined) : undefined;
        const rejected = Array.isArray(problem?.rejected) ? (problem.rejected as RejectedList) : [];
        return {
          ok: false,
          message: attempt > maxRetries ? `${message} (gave up after ${plural(attempt, 'attempt')})` : message,
          rejected,
          retries: attempt - 1,
          superseded: error instanceof ApiError && error.status === 409 && error.problem?.code === 'sync-superseded',
          uncertain: !(error instanceof ApiError) || error.status === 0 || error.status >= 500,
        };
      }
      const delay = backoffDelay(attempt, deps.random);
      io.stderr(
        `part ${part.part}/${part.parts}: ${message} — retrying in ${(delay / 1000).toFixed(1)} s (attempt ${attempt + 1} of ${maxRetries + 1})\n`,
      );
      await deps.sleep(delay);
    }
  }
}

export const sync: Command = createSyncCommand();
