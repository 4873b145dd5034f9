/** A message for the user: what failed and what to do (the adapter and client already phrase theirs). */
export function describeError(action: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/InvalidSelection|ItemNotFound/.test(message)) {
    return `${action} failed: ${message}. The sheet may have been renamed or deleted; run Check again.`;
  }
  if (/payload size/i.test(message)) {
    return `${action} failed: the workbook is too large to read at once. Remove unused sheets or very long texts and try again.`;
  }
  return `${action} failed: ${message}`;
}
