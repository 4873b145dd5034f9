import { assess } from './commands/assess.js';
import { check } from './commands/check.js';
import { estimate } from './commands/estimate.js';
import { templates } from './commands/templates.js';
import { map } from './commands/map.js';
import { pack } from './commands/pack.js';
import { upgrade } from './commands/upgrade.js';
import { EXIT, safeIo, type Command, type Io } from './io.js';

// The remote commands load the shared API client (`@qms/client`) only when run, so the other commands start
// without it.
const sync: Command = async (args, io) => (await import('./commands/sync.js')).sync(args, io);
const portfolio: Command = async (args, io) => (await import('./commands/portfolio.js')).portfolio(args, io);
const invitation: Command = async (args, io) => (await import('./commands/invitation.js')).invitation(args, io);
const leave: Command = async (args, io) => (await import('./commands/leave.js')).leave(args, io);

const COMMANDS: Record<string, { run: Command; summary: string }> = {
  templates: { run: templates, summary: 'qms templates [--brand TEXT] [--out DIR]      write the workbook templates' },
  pack: {
    run: pack,
    summary:
      "qms pack build|publish|assign ...               a consultant's pack of templates: write its files, publish it, assign it (qms pack --help)",
  },
  check: { run: check, summary: 'qms check FILE.xlsx [--json] [--as-of DATE]    validate a workbook, cell by cell' },
  assess: {
    run: assess,
    summary: 'qms assess FILE.xlsx [--as-of DATE] [--json] [--summary OUT.xlsx]   readiness, timeline, cost',
  },
  upgrade: {
    run: upgrade,
    summary: 'qms upgrade FILE.xlsx --out NEW.xlsx             bring outdated template sheets to this version (a copy)',
  },
  map: {
    run: map,
    summary:
      'qms map FILE.xlsx --out NEW.xlsx --sheet NAME --as TEMPLATE --column "Header=Field"... [--value "Field:Word=Value"]... | --mapping M.json',
  },
  sync: {
    run: sync,
    summary:
      'qms sync FILE.xlsx --api URL --org ID [--token T] [--allow-errors] [--json]   validate, then send the records',
  },
  portfolio: {
    run: portfolio,
    summary: 'qms portfolio --api URL [--token T] [--json]   your organisations: readiness, verdict, next milestone',
  },
  invitation: {
    run: invitation,
    summary: 'qms invitation accept|decline --org ID --api URL [--token T]   answer an invitation to an organisation',
  },
  leave: {
    run: leave,
    summary:
      'qms leave --org ID --api URL [--token T]   leave an organisation (its only owner hands ownership over first)',
  },
  estimate: {
    run: estimate,
    summary:
      'qms estimate --personnel N [--sites N] [--risk high|medium|low] [--day-rate X] [--currency CODE] [--json]',
  },
};

export function usage(): string {
  return ['Usage:', ...Object.values(COMMANDS).map((c) => `  ${c.summary}`), ''].join('\n');
}

export async function main(argv: string[], rawIo: Io): Promise<number> {
  const io = safeIo(rawIo);
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name === undefined ? EXIT.unusable : EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`qms: unknown command "${name}"\n${usage()}`);
    return EXIT.unusable;
  }
  return command.run(args, io);
}
