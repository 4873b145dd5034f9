import { ORG_ID_PATTERN } from '@qms/contract';
import { EXIT, type Command, type Io } from '../io.js';
import { commandArgs } from '../shared/args.js';
import { clientFor, defaultRemoteDeps, remoteTarget, type RemoteDeps } from './sync.js';

const USAGE =
  'Usage: qms invitation accept|decline --org ID --api URL [--token T]\n' +
  '  Answers an invitation to an organisation (see qms portfolio). The token may also come from QMS_TOKEN, the\n' +
  '  API URL from QMS_API.\n';

/** `qms invitation accept|decline` with its outside world injected. */
export function createInvitationCommand(deps: RemoteDeps = defaultRemoteDeps): Command {
  return async (args: string[], io: Io): Promise<number> => {
    const parsed = commandArgs(
      'invitation',
      USAGE,
      {
        args,
        allowPositionals: true,
        options: { api: { type: 'string' }, token: { type: 'string' }, org: { type: 'string' } },
      },
      io,
    );
    if (typeof parsed === 'number') return parsed;
    const [answer, ...extra] = parsed.positionals;
    if ((answer !== 'accept' && answer !== 'decline') || extra.length > 0) {
      io.stderr(`qms invitation: say accept or decline.\n${USAGE}`);
      return EXIT.unusable;
    }
    const org = parsed.values.org;
    if (org === undefined || !ORG_ID_PATTERN.test(org)) {
      io.stderr('qms invitation: name the organisation with --org ID (its id, as qms portfolio shows it).\n');
      return EXIT.unusable;
    }
    const target = remoteTarget(parsed.values, deps.env);
    if (!target.ok) {
      io.stderr(`qms invitation: ${target.reason}\n`);
      return EXIT.unusable;
    }
    const client = clientFor(target.api, target.token, deps, 60_000);
    try {
      if (answer === 'accept') {
        const member = await client.acceptInvitation(org);
        io.stdout(`Accepted: you are now ${member.role} of ${org}.\n`);
      } else {
        await client.declineInvitation(org);
        io.stdout(`Declined the invitation to ${org}.\n`);
      }
    } catch (error) {
      io.stderr(`qms invitation: ${error instanceof Error ? error.message : String(error)}\n`);
      return EXIT.problems;
    }
    return EXIT.ok;
  };
}

export const invitation: Command = createInvitationCommand();
