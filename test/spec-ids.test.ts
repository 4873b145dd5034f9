// Rules have stable ids (engine/src/SPEC.md) and tests are named after them: every id in SPEC.md appears in the
// name of at least one test (an `it` or `describe` title) somewhere in the repository.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const SKIP = new Set(['node_modules', 'dist', '.git', 'test-results']);

function testFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) testFiles(path, out);
    else if (/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

/** The titles of every `it(…)`, `it.each(…)(…)`, `test(…)` and `describe(…)` in a file. */
function titles(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(/\b(?:it|test|describe)(?:\.each\([^)]*\))?\(\s*(['"`])((?:\\.|(?!\1).)*)\1/gs))
    out.push(m[2] ?? '');
  return out;
}

describe('spec.ids-in-test-names', () => {
  it('every rule id in engine/src/SPEC.md names a test', () => {
    const spec = readFileSync(join(ROOT, 'engine', 'src', 'SPEC.md'), 'utf8');
    const ids = [...new Set([...spec.matchAll(/\*\*(R-[A-Z0-9-]+)\b/g)].map((m) => m[1] ?? ''))];
    expect(ids.length).toBeGreaterThan(40);
    const names = testFiles(ROOT).flatMap((f) => titles(readFileSync(f, 'utf8')));
    const missing = ids.filter((id) => !names.some((n) => new RegExp(`\\b${id}\\b`).test(n)));
    expect(missing).toEqual([]);
  });
});
