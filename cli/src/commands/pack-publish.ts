import { ApiError } from '@qms/client';
import { ORG_ID_PATTERN, PACK_ID_PATTERN } from '@qms/contract';
import { EXIT, type Command, type Io } from '../io.js';
import { commandArgs } from '../shared/args.js';
import { loadPack } from '../shared/pack-file.js';
import { clientFor, defaultRemoteDeps, remoteTarget, type RemoteDeps } from './sync.js';

export const PUBLISH_USAGE =
  'Usage: qms pack publish PACK.json --api URL [--token T]\n' +
  '  Publishes the pack (checked here first, as qms pack build checks it). The first publisher of a pack id owns it;\n' +
  '  a published version never changes, so a change is a new "version". The token may also come from QMS_TOKEN,\n' +
  '  the API URL from QMS_API.\n';

export const ASSIGN_USAGE =
  'Usage: qms pack assign --org ORG (--pack ID --version N | --none) --api URL [--token T]\n' +
  "  Makes a published pack version the organisation's templates (you must own the pack, or the organisation must\n" +
  "  already use it), or with --none goes back to the product's templates. Needs the owner or consultant role.\n";

/** A refusal as lines: the server's words, then every issue of a refused pack by its JSON path. */
function refusalLines(command: string, error: unknown): string {
  const lines = [`qms pack ${command}: ${error instanceof Error ? error.message : String(error)}`];
  const issues = error instanceof ApiError ? error.problem?.issues : undefined;
  for (const issue of issues ?? []) {
    const { path, message } = issue as { path?: unknown; message?: unknown };
    if (typeof message === 'string')
      lines.push(`  ${typeof path === 'string' && path !== '' ? path : '(top level)'}: ${message}`);
  }
  return `${lines.join('\n')}\n`;
}

const TIMEOUT_MS = 60_000;

/** `qms pack publish` with its outside world injected. */
export function createPackPublishCommand(deps: RemoteDeps = defaultRemoteDeps): Command {
  return async (args: string[], io: Io): Promise<number> => {
    const parsed = commandArgs(
      'pack publish',
      PUBLISH_USAGE,
      { args, allowPositionals: true, options: { api: { type: 'string' }, token: { type: 'string' } } },
      io,
    );
    if (typeof parsed === 'number') return parsed;
    const [file, ...extra] = parsed.positionals;
    if (file === undefined || extra.length > 0) {
      io.stderr(
        `qms pack publish: ${file === undefined ? 'name the pack file (PACK.json)' : `one pack at a time (got ${parsed.positionals.length})`}\n${PUBLISH_USAGE}`,
      );
      return EXIT.unusable;
    }
    const target = remoteTarget(parsed.values, deps.env);
    if (!target.ok) {
      io.stderr(`qms pack publish: ${target.reason}\n`);
      return EXIT.unusable;
    }
    const loaded = await loadPack(file, io.cwd);
    if (!loaded.ok) {
      io.stderr(`${loaded.lines.map((l) => `qms pack publish: ${l}`).join('\n')}\n`);
      return EXIT.unusable;
    }
    const { pack } = loaded;
    try {
      const info = await clientFor(target.api, target.token, deps, TIMEOUT_MS).putPack(pack);
      io.stdout(
        `Published pack ${info.id} v${info.version} (owner ${info.owner}; versions ${info.versions.join(', ')}).\n` +
          `Assign it to a client with: qms pack assign --org ORG --pack ${info.id} --version ${info.version}\n`,
      );
      return EXIT.ok;
    } catch (error) {
      io.stderr(refusalLines('publish', error));
      return EXIT.problems;
    }
  };
}

/** `qms pack assign` with its outside world injected. */
export function createPackAssignCommand(deps: RemoteDeps = defaultRemoteDeps): Command {
  return async (args: string[], io: Io): Promise<number> => {
    const parsed = commandArgs(
      'pack assign',
      ASSIGN_USAGE,
      {
        args,
        options: {
          api: { type: 'string' },
          token: { type: 'string' },
          org: { type: 'string' },
          pack: { type: 'string' },
          version: { type: 'string' },
          none: { type: 'boolean', default: false },
        },
      },
      io,
    );
    if (typeof parsed === 'number') return parsed;
    const { org, pack, version, none } = parsed.values;
    const refuse = (reason: string) => {
      io.stderr(`qms pack assign: ${reason}\n${ASSIGN_USAGE}`);
      return EXIT.unusable;
    };
    if (org === undefined || !ORG_ID_PATTERN.test(org))
      return refuse('name the organisation with --org ID (its id, as qms portfolio shows it)');
    if (none && (pack !== undefined || version !== undefined))
      return refuse('give either --none or --pack and --version, not both');
    if (!none && (pack === undefined || !PACK_ID_PATTERN.test(pack)))
      return refuse('name the pack with --pack ID (its "id", such as acme-consulting), or give --none');
    if (!none && (version === undefined || !/^[1-9][0-9]{0,6}$/.test(version)))
      return refuse(`name the version with --version N (a whole number from 1; got ${version ?? 'none'})`);
    const target = remoteTarget(parsed.values, deps.env);
    if (!target.ok) {
      io.stderr(`qms pack assign: ${target.reason}\n`);
      return EXIT.unusable;
    }
    try {
      const body = none ? { pack: null } : { pack: pack ?? '', version: Number(version) };
      const answer = await clientFor(target.api, target.token, deps, TIMEOUT_MS).assignPack(org, body);
      if (answer.pack === null) io.stdout(`${org} uses the product's templates (no pack).\n`);
      else {
        const newer = answer.pack.latest > answer.pack.version ? `; v${answer.pack.latest} is the latest` : '';
        io.stdout(`${org} uses pack ${answer.pack.id} v${answer.pack.version}${newer}.\n`);
      }
      return EXIT.ok;
    } catch (error) {
      io.stderr(refusalLines('assign', error));
      return EXIT.problems;
    }
  };
}

export const packPublish: Command = createPackPublishCommand();
export const packAssign: Command = createPackAssignCommand();
