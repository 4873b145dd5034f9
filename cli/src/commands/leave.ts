import { ORG_ID_PATTERN } from '@qms/contract';
import { EXIT, type Command, type Io } from '../io.js';
import { commandArgs } from '../shared/args.js';
import { clientFor, defaultRemoteDeps, remoteTarget, type RemoteDeps } from './sync.js';

const USAGE =
  'Usage: qms leave --org ID --api URL [--token T]\n' +
  '  Leaves an organisation: your role in it ends, and with it your access (see qms portfolio for the ids). Its\n' +
  '  only owner cannot leave; make another member an owner first. The token may also come from QMS_TOKEN, the API\n' +
  '  URL from QMS_API.\n';

/** `qms leave` with its outside world injected. */
export function createLeaveCommand(deps: RemoteDeps = defaultRemoteDeps): Command {
  return async (args: string[], io: Io): Promise<number> => {
    const parsed = commandArgs(
      'leave',
      USAGE,
      { args, options: { api: { type: 'string' }, token: { type: 'string' }, org: { type: 'string' } } },
      io,
    );
    if (typeof parsed === 'number') return parsed;
    const org = parsed.values.org;
    if (org === undefined || !ORG_ID_PATTERN.test(org)) {
      io.stderr('qms leave: name the organisation with --org ID (its id, as qms portfolio shows it).\n');
      return EXIT.unusable;
    }
    const target = remoteTarget(parsed.values, deps.env);
    if (!target.ok) {
      io.stderr(`qms leave: ${target.reason}\n`);
      return EXIT.unusable;
    }
    const client = clientFor(target.api, target.token, deps, 60_000);
    try {
      await client.leaveOrg(org);
    } catch (error) {
      io.stderr(`qms leave: ${error instanceof Error ? error.message : String(error)}\n`);
      return EXIT.problems;
    }
    io.stdout(`You left ${org}; it no longer appears in your portfolio.\n`);
    return EXIT.ok;
  };
}

export const leave: Command = createLeaveCommand();
