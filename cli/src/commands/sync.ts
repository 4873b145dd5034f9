import { randomUUID } from 'node:crypto';
import {
  ApiError,
  backoffDelay,
  BASE_BACKOFF_MS,
  completeTypes,
  createApiClient,
  failedStep,
  MAX_BYTES_PER_PART,
  MAX_RECORDS_PER_PART,
  runSync,
  type ApiClient,
  type SyncProgress,
  type SyncTotals,
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

/** Back-off lives with the shared client; re-exported for the commands and tests that name it here. */
export { backoffDelay, BASE_BACKOFF_MS };

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

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function issueLine(issue: Issue): string {
  return `  ${issue.severity.padEnd(7)}  ${issue.message}`;
}

type RejectedList = SyncTotals['rejected'];

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
  records: number;
  skippedErrors: number;
  /** Records sent: the ones the organisation's head lacked. */
  uploaded: number;
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  retries: number;
  /** Times the sync compared again because another sync committed first (409 head-moved). */
  replans: number;
  /** The organisation already held exactly this snapshot: only the digests were sent. */
  alreadyCurrent: boolean;
  rejected: RejectedList;
}

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
    const client = clientFor(target.api, target.token, deps, (timeoutSeconds as number) * 1000);
    io.stderr(
      `qms sync: ${plural(checked.records.length, 'record')} from ${file} → organisation "${org}" at ${target.api}` +
        `${errors.length > 0 ? ` (${plural(errors.length, 'error')} left out)` : ''}\n`,
    );
    const summary: SyncSummary = {
      file,
      org,
      syncId,
      records: checked.records.length,
      skippedErrors: errors.length,
      uploaded: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
      deleted: 0,
      retries: 0,
      replans: 0,
      alreadyCurrent: false,
      rejected: [],
    };
    let last: SyncProgress | undefined;
    try {
      const outcome = await runSync(
        client,
        org,
        { syncId, templates, records: checked.records, completeTypes: completeTypes(checked) },
        {
          partLimits: { records: partRecords as number, bytes: MAX_BYTES_PER_PART },
          retry: {
            retries: retries as number,
            sleep: deps.sleep,
            random: deps.random,
            onRetry: (error, attempt, delay, at) =>
              io.stderr(
                `${stepName(at)}: ${describe(error)} — retrying in ${(delay / 1000).toFixed(1)} s (attempt ${attempt + 1} of ${(retries as number) + 1})\n`,
              ),
          },
          onProgress: (p) => {
            if (p.round > 1 && p.step === 'planning')
              io.stderr(`another sync of "${org}" committed first; comparing again with its records\n`);
            if (p.step === 'uploading')
              io.stderr(`${stepName(p)} (${p.uploaded} of ${plural(p.toUpload, 'record')} sent)\n`);
            last = p;
          },
        },
      );
      Object.assign(summary, {
        uploaded: outcome.uploaded,
        created: outcome.created,
        updated: outcome.updated,
        unchanged: outcome.unchanged,
        deleted: outcome.deleted,
        retries: outcome.retries,
        replans: outcome.replans,
        alreadyCurrent: outcome.alreadyCurrent,
      });
    } catch (error) {
      const problem = error instanceof ApiError ? (error.problem as { rejected?: unknown } | undefined) : undefined;
      summary.rejected = Array.isArray(problem?.rejected) ? (problem.rejected as RejectedList) : [];
      // A retryable failure that reached here has used up every retry.
      const message =
        error instanceof ApiError && error.retryable
          ? `${describe(error)} (gave up after ${plural((retries as number) + 1, 'attempt')})`
          : describe(error);
      // Before the commit nothing a reader sees has changed; a commit whose answer never came may have landed.
      const at = failedStep(error) ?? last;
      const uncertain =
        at?.step === 'committing' && (!(error instanceof ApiError) || error.status === 0 || error.status >= 500);
      if (v.json) io.stdout(`${JSON.stringify({ ...summary, ok: false, error: message }, null, 2)}\n`);
      io.stderr(
        [
          `qms sync: ${stepName(at)} failed: ${message}`,
          ...rejectedLines(summary.rejected),
          uncertain
            ? 'The new snapshot may or may not have been saved (the server failed or its answer was lost); run the same command again: it finishes the sync, or reports that the organisation already holds these records.'
            : 'Nothing the organisation shows has changed; records sent so far are kept for the next try, which sends only what is still missing.',
          '',
        ].join('\n'),
      );
      return EXIT.problems;
    }
    if (v.json) {
      io.stdout(`${JSON.stringify({ ...summary, ok: true }, null, 2)}\n`);
    } else {
      io.stdout(
        (summary.alreadyCurrent
          ? `"${org}" already holds these ${plural(summary.records, 'record')}; nothing needed sending`
          : `Synced ${plural(summary.records, 'record')} to "${org}": ${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.deleted} deleted` +
            ` (${plural(summary.uploaded, 'record')} sent` +
            `${summary.retries > 0 ? `, ${plural(summary.retries, 'retry').replace('retrys', 'retries')}` : ''}` +
            `${summary.replans > 0 ? `, compared again ${summary.replans === 1 ? 'once' : `${summary.replans} times`} because another sync committed first` : ''})`) +
          '.\n' +
          (errors.length > 0
            ? `${plural(errors.length, 'row error')} left out: their stored records were kept; fix them and sync again.\n`
            : ''),
      );
    }
    return EXIT.ok;
  };
}

/** "plan", "upload part 2/3" or "commit": the step a message is about. */
function stepName(p: SyncProgress | undefined): string {
  if (p === undefined || p.step === 'planning') return 'plan';
  if (p.step === 'committing') return 'commit';
  return `upload part ${p.part}/${p.parts}`;
}

function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return error instanceof ApiError && error.status > 0
    ? `HTTP ${error.status} ${error.problem?.code ?? ''}: ${text}`.replace(' :', ':')
    : text;
}

export const sync: Command = createSyncCommand();
