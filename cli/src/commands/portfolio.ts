import type { InvitationEntry, PortfolioEntry } from '@qms/client';
import { EXIT, type Command, type Io } from '../io.js';
import { commandArgs } from '../shared/args.js';
import { clientFor, defaultRemoteDeps, remoteTarget, type RemoteDeps } from './sync.js';

const USAGE =
  'Usage: qms portfolio --api URL [--token T] [--json]\n  Lists your organisations, and apart from them the invitations you have not answered.\n  The token may also come from QMS_TOKEN, the API URL from QMS_API.\n';

/** The server adds the caller's role; the shared client's type leaves it open. */
type Entry = PortfolioEntry & { role?: string };

function cell(value: string, width: number): string {
  return value.padEnd(width);
}

function columns(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => cell(c, widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

const label = (e: { name?: string; org: string }) =>
  e.name !== undefined && e.name !== e.org ? `${e.name} (${e.org})` : e.org;

/**
 * The invitations the caller has not answered, apart from the organisations: an invitation gives no access, so it
 * has no readiness to show, only what is offered and by whom.
 */
export function invitationsTable(invitations: readonly InvitationEntry[]): string {
  if (invitations.length === 0) return '';
  const rows = invitations.map((i) => [label(i), i.role, i.invitedBy, i.invitedAt.slice(0, 10)]);
  const lines = columns(['Invitation (not a member yet)', 'Role offered', 'Invited by', 'On'], rows);
  return `\n${lines.join('\n')}\nAccept with: qms invitation accept --org ID   (or decline)\n`;
}

/** One row per organisation: readiness, verdict, the next milestone and when it last synced. */
export function portfolioTable(entries: readonly Entry[], invitations: readonly InvitationEntry[] = []): string {
  if (entries.length === 0) {
    const none = 'You hold no role in any organisation yet; create one (POST /orgs) or ask an owner to add you.\n';
    return none + invitationsTable(invitations);
  }
  const rows = entries.map((e) => [
    label(e),
    e.role ?? '',
    typeof e.readiness === 'number' ? `${e.readiness.toFixed(1)} %` : 'not assessed',
    e.verdict ?? '—',
    e.nextMilestone ? `${e.nextMilestone.name} ${e.nextMilestone.date}` : '—',
    e.lastSync ? e.lastSync.slice(0, 10) : 'never',
  ]);
  const header = ['Organisation', 'Role', 'Readiness', 'Verdict', 'Next milestone (P50)', 'Last sync'];
  return `${columns(header, rows).join('\n')}\n${invitationsTable(invitations)}`;
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
    let invitations: InvitationEntry[];
    try {
      ({ orgs: entries, invitations } = await clientFor(
        target.api,
        target.token,
        deps,
        60_000,
      ).portfolioWithInvitations());
    } catch (error) {
      io.stderr(`qms portfolio: ${error instanceof Error ? error.message : String(error)}\n`);
      return EXIT.problems;
    }
    // --json: the organisations as the API sent them, then each invitation (marked "invitation": true).
    io.stdout(
      parsed.values.json
        ? `${JSON.stringify([...entries, ...invitations], null, 2)}\n`
        : portfolioTable(entries, invitations),
    );
    return EXIT.ok;
  };
}

export const portfolio: Command = createPortfolioCommand();
