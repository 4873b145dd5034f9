import type { PortfolioEntry } from '@qms/client';
import { EXIT, type Command, type Io } from '../io.js';
import { commandArgs } from '../shared/args.js';
import { clientFor, defaultRemoteDeps, remoteTarget, type RemoteDeps } from './sync.js';

const USAGE =
  'Usage: qms portfolio --api URL [--token T] [--json]\n  The token may also come from QMS_TOKEN, the API URL from QMS_API.\n';

/** The server adds the caller's role; the shared client's type leaves it open. */
type Entry = PortfolioEntry & { role?: string };

function cell(value: string, width: number): string {
  return value.padEnd(width);
}

/** One row per organisation: readiness, verdict, the next milestone and when it last synced. */
export function portfolioTable(entries: readonly Entry[]): string {
  if (entries.length === 0)
    return 'You hold no role in any organisation yet; create one (POST /orgs) or ask an owner to add you.\n';
  const rows = entries.map((e) => [
    e.name !== undefined && e.name !== e.org ? `${e.name} (${e.org})` : e.org,
    e.role ?? '',
    typeof e.readiness === 'number' ? `${e.readiness.toFixed(1)} %` : 'not assessed',
    e.verdict ?? '—',
    e.nextMilestone ? `${e.nextMilestone.name} ${e.nextMilestone.date}` : '—',
    e.lastSync ? e.lastSync.slice(0, 10) : 'never',
  ]);
  const header = ['Organisation', 'Role', 'Readiness', 'Verdict', 'Next milestone (P50)', 'Last sync'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => cell(c, widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return `${[line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')}\n`;
}

/** `qms portfolio` with its outside world injected. */
export function createPortfolioCommand(deps: RemoteDeps = defaultRemoteDeps): Command {
  return async (args: string[], io: Io): Promise<number> => {
    const parsed = commandArgs(
      'portfolio',
      USAGE,
      {
        args,
        options: { api: { type: 'string' }, token: { type: 'string' }, json: { type: 'boolean', default: false } },
      },
      io,
    );
    if (typeof parsed === 'number') return parsed;
    const target = remoteTarget(parsed.values, deps.env);
    if (!target.ok) {
      io.stderr(`qms portfolio: ${target.reason}\n`);
      return EXIT.unusable;
    }
    let entries: Entry[];
    try {
      entries = await clientFor(target.api, target.token, deps, 60_000).portfolio();
    } catch (error) {
      io.stderr(`qms portfolio: ${error instanceof Error ? error.message : String(error)}\n`);
      return EXIT.problems;
    }
    io.stdout(parsed.values.json ? `${JSON.stringify(entries, null, 2)}\n` : portfolioTable(entries));
    return EXIT.ok;
  };
}

export const portfolio: Command = createPortfolioCommand();
