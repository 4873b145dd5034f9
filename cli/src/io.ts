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
