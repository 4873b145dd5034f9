/** A problem with a pack's JSON: where it is (`columns.capa-log[0].header`) and what to do about it. */
export interface PackIssue {
  path: string;
  message: string;
}

/** A JSON path as people read it: keys after dots, array indexes in brackets (`columns.capa-log[0].header`). */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** Collects issues under one path prefix at a time. */
export class PackIssues {
  readonly all: PackIssue[] = [];

  at(path: readonly PropertyKey[], message: string): void {
    this.all.push({ path: formatPath(path), message });
  }
}
