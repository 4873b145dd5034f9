import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { upgradePackage } from '@qms/templates/xlsx';
import { EXIT, type Io } from '../io.js';
import { writeFileAtomic } from './write-atomic.js';

/**
 * Writes the upgraded copy: the user's own file edited part by part (upgradePackage), never re-saved by a library,
 * to `out` atomically. Returns undefined when written, or the exit code after saying why it could not be.
 */
export async function writeUpgraded(
  io: Io,
  path: string,
  out: string,
  plan: Parameters<typeof upgradePackage>[1],
  input: Parameters<typeof upgradePackage>[2],
): Promise<number | undefined> {
  const source = new Uint8Array(await readFile(path));
  try {
    const edited = await upgradePackage(source, plan, input);
    await writeFileAtomic(resolve(io.cwd, out), edited.bytes);
    return undefined;
  } catch (error) {
    io.stderr(
      `qms upgrade: ${out} cannot be written (${error instanceof Error ? error.message : String(error)}); choose a path in an existing, writable folder\n`,
    );
    return EXIT.unusable;
  }
}
