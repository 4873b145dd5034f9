// Packages show the architecture: deployables (functions, addin, cli) depend on the shared packages and never on
// each other. ESLint's no-restricted-imports and no-restricted-globals rules (eslint.config.js) hold the same line
// inside the code; this holds it in the package manifests, where an install would pull a deployable in.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const manifest = (dir: string) =>
  JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8')) as {
    name: string;
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
const qmsDeps = (dir: string) => {
  const m = manifest(dir);
  return Object.keys({ ...m.dependencies, ...m.devDependencies })
    .filter((d) => d.startsWith('@qms/'))
    .sort();
};

describe('package boundaries', () => {
  it('the shared packages depend only on shared packages below them', () => {
    expect(qmsDeps('templates')).toEqual([]);
    expect(qmsDeps('engine')).toEqual(['@qms/templates']);
    expect(qmsDeps('contract')).toEqual(['@qms/engine', '@qms/templates']);
    expect(qmsDeps('client')).toEqual(['@qms/contract', '@qms/templates']);
  });

  it('no deployable depends on another: the CLI installs without the pane or the backend', () => {
    expect(qmsDeps('cli')).toEqual(['@qms/client', '@qms/engine', '@qms/templates']);
    expect(qmsDeps('addin')).toEqual(['@qms/client', '@qms/engine', '@qms/templates']);
    expect(qmsDeps('functions')).toEqual(['@qms/client', '@qms/contract', '@qms/engine', '@qms/templates']);
    // …and the client only to drive its integration tests, as the pane and the CLI drive it: never shipped.
    expect(Object.keys(manifest('functions').dependencies ?? {})).not.toContain('@qms/client');
  });

  it('the root workspace lists every package, shared ones first', () => {
    const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { workspaces: string[] };
    expect(root.workspaces).toEqual(['templates', 'engine', 'contract', 'client', 'functions', 'cli', 'addin']);
  });

  it('the backend package ships no test support and no tests', () => {
    const packed = JSON.parse(
      execFileSync('npm', ['pack', '--dry-run', '--json', '--workspace', 'functions'], { cwd: ROOT, encoding: 'utf8' }),
    ) as { files: { path: string }[] }[];
    const files = packed[0]?.files.map((f) => f.path) ?? [];
    expect(files).toContain('dist/app.js');
    expect(files.filter((f) => /test-support|\.test\./.test(f))).toEqual([]);
  });
});
