// The staged Function app's package.json (scripts/azd/staged-package.mjs): what `azd deploy api` uploads must
// install from the npm registry plus the packed workspace packages alone, and load with the Functions host.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stagedPackage, WORKSPACES } from '../scripts/azd/staged-package.mjs';

const ROOT = join(import.meta.dirname, '..');
interface Manifest {
  name: string;
  version: string;
  type?: string;
  main?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}
const manifest = (dir: string) => JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8')) as Manifest;
const tarballs = {
  '@qms/templates': 'qms-templates-0.1.0.tgz',
  '@qms/engine': 'qms-engine-0.1.0.tgz',
  '@qms/contract': 'qms-contract-0.1.0.tgz',
};

describe('stagedPackage', () => {
  const functions = manifest('functions');
  const staged = stagedPackage(functions, tarballs);

  it('points the app at the packed workspace packages and keeps its registry dependencies as they are', () => {
    for (const [name, spec] of Object.entries(functions.dependencies ?? {})) {
      expect(staged.dependencies[name], name).toBe(
        name.startsWith('@qms/') ? `file:./vendor/${tarballs[name as keyof typeof tarballs]}` : spec,
      );
    }
    expect(Object.keys(staged.dependencies).sort()).toEqual(Object.keys(functions.dependencies ?? {}).sort());
  });

  it('overrides every packed package, so the ones they name by version resolve to the tarballs too', () => {
    expect(staged.overrides).toEqual({
      '@qms/templates': 'file:./vendor/qms-templates-0.1.0.tgz',
      '@qms/engine': 'file:./vendor/qms-engine-0.1.0.tgz',
      '@qms/contract': 'file:./vendor/qms-contract-0.1.0.tgz',
    });
  });

  it('keeps what the Functions host reads and drops scripts, devDependencies and exports', () => {
    expect(staged).toMatchObject({ name: '@qms/functions', type: 'module', main: 'dist/app.js', private: true });
    expect(Object.keys(staged).sort()).toEqual(
      ['dependencies', 'main', 'name', 'overrides', 'private', 'type', 'version'].sort(),
    );
  });

  it('refuses a workspace dependency that is not packed, naming where to add it', () => {
    const pkg = { ...functions, dependencies: { ...functions.dependencies, '@qms/client': '0.1.0' } };
    expect(() => stagedPackage(pkg, tarballs)).toThrow(/@qms\/client.*WORKSPACES in scripts\/azd\/staged-package\.mjs/);
  });

  it('packs every workspace package the app needs at run time, dependencies before dependants', () => {
    const byName = new Map(WORKSPACES.map((dir) => [manifest(dir).name, dir]));
    const needed = new Set<string>();
    const visit = (dir: string) => {
      for (const dep of Object.keys(manifest(dir).dependencies ?? {}).filter((d) => d.startsWith('@qms/'))) {
        const depDir = byName.get(dep);
        expect(depDir, `${dep} (needed by ${dir}) is in WORKSPACES`).toBeDefined();
        expect(WORKSPACES.indexOf(depDir as string)).toBeLessThan(WORKSPACES.indexOf(dir));
        needed.add(dep);
        visit(depDir as string);
      }
    };
    visit('functions');
    expect([...needed].sort()).toEqual(Object.keys(tarballs).sort());
  });
});
