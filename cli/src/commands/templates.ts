import { EXIT, type Io } from '../io.js';

// Placeholder until the command lands; it says so instead of pretending to work.
export function templates(_args: string[], io: Io): Promise<number> {
  io.stderr('qms templates: not available in this build yet\n');
  return Promise.resolve(EXIT.unusable);
}
