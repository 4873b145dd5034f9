import type { Io } from '../io.js';

/** An Io that records what a command prints, for running commands in-process (tests, scripts). */
export function memoryIo(cwd: string, now: Date): Io & { out(): string; err(): string } {
  let out = '';
  let err = '';
  return {
    cwd,
    now: () => now,
    stdout: (text) => {
      out += text;
    },
    stderr: (text) => {
      err += text;
    },
    out: () => out,
    err: () => err,
  };
}
