/** What a command may touch besides the file system: injected so tests run commands in-process. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  /** The CLI is an edge: it may read the clock (default as-of dates, generation times); the core never does. */
  now(): Date;
}

/** Exit statuses shared by every command. */
export const EXIT = { ok: 0, problems: 1, unusable: 2 } as const;

export type Command = (args: string[], io: Io) => Promise<number>;

// C0 controls but tab, newline and carriage return; DEL; C1 controls (U+009B is a one-byte CSI on many terminals).
// eslint-disable-next-line no-control-regex -- matching control characters is the point of this pattern
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/**
 * Text that names what a workbook or a server said (sheet names, ids, org names, messages) reaches the terminal
 * with its control characters shown as \u escapes, so none can move the cursor, recolour or rewrite the screen.
 * In JSON output they sit inside strings, where the escape is the same character.
 */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The same Io, writing terminal-safe text. */
export function safeIo(io: Io): Io {
  return { ...io, stdout: (t) => io.stdout(terminalSafe(t)), stderr: (t) => io.stderr(terminalSafe(t)) };
}
