import { parseArgs, type ParseArgsConfig } from 'node:util';
import { EXIT, type Io } from '../io.js';

/**
 * Parses a command's flags the same way for every command: `--help`/`-h` prints the usage (exit 0) and a flag
 * node:util rejects prints the reason and the usage (exit 2). Returns the parsed flags, or the exit code to use.
 */
export function commandArgs<const T extends ParseArgsConfig>(
  name: string,
  usage: string,
  config: T,
  io: Io,
): ReturnType<typeof parseArgs<T>> | number {
  let parsed;
  try {
    parsed = parseArgs({ ...config, options: { ...config.options, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    io.stderr(`qms ${name}: ${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return EXIT.unusable;
  }
  if ((parsed.values as Record<string, unknown>).help === true) {
    io.stdout(usage);
    return EXIT.ok;
  }
  return parsed as ReturnType<typeof parseArgs<T>>;
}
