// Packages show the architecture: deployables (functions, addin, cli) depend on the shared packages and never on
// each other. ESLint's no-restricted-imports and no-restricted-globals rules (eslint.config.js) hold the same line
// inside the code; this holds it in the package manifests, where an install would pull a deployable in.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const manifest = (dir: string) =>
  JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8')) as {
    name: string;
    private?: boolean;
    files?: string[];
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
const TESTING_PACKAGES = ['testing/excel-standin', 'testing/api-harness', 'testing/workbook-fixtures'];
const PRODUCT_PACKAGES = ['templates', 'engine', 'contract', 'client', 'functions', 'cli', 'addin'];

/** Test support: the testing/ packages (by name or by path) and any file in a testing/ or test/ folder. */
function isTestSupport(specifier: string, fromFile: string): boolean {
  if (/^@qms\/(excel-standin|api-harness|workbook-fixtures)(\/|$)/.test(specifier)) return true;
  if (!specifier.startsWith('.')) return false;
  const target = relative(ROOT, resolve(fromFile, '..', specifier))
    .split('\\')
    .join('/');
  return /(^|\/)(testing|test|test-support)\//.test(target);
}

/** Every module specifier a source file names: static imports and re-exports, side-effect imports, import(). */
function specifiersOf(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(/\b(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) out.push(m[1] as string);
  return out;
}

const isTestFile = (path: string) => /\.test\.[cm]?tsx?$/.test(path);
function sourceFiles(dir: string): string[] {
  return (readdirSync(join(ROOT, dir), { recursive: true }) as string[])
    .map((f) => join(ROOT, dir, f))
    .filter((f) => /\.[cm]?tsx?$/.test(f) && !f.endsWith('.d.ts'));
}
const qmsDeps = (dir: string) => {
  const m = manifest(dir);
  return Object.keys({ ...m.dependencies, ...m.devDependencies })
    .filter((d) => d.startsWith('@qms/'))
    .sort();
};

describe('package boundaries', () => {
  it('the shared packages depend only on shared packages below them', () => {
    // The templates' own tests use their fixtures package (a devDependency); the package itself depends on none.
    expect(qmsDeps('templates')).toEqual(['@qms/workbook-fixtures']);
    expect(Object.keys(manifest('templates').dependencies ?? {}).filter((d) => d.startsWith('@qms/'))).toEqual([]);
    expect(qmsDeps('engine')).toEqual(['@qms/templates']);
    expect(qmsDeps('contract')).toEqual(['@qms/engine', '@qms/templates']);
    expect(qmsDeps('client')).toEqual(['@qms/contract', '@qms/templates']);
  });

  it('no deployable depends on another: the CLI installs without the pane or the backend', () => {
    expect(qmsDeps('cli')).toEqual(['@qms/client', '@qms/engine', '@qms/templates', '@qms/workbook-fixtures']);
    // The pane's tests use the test support (the Excel stand-in, the API harness for its real-host tests); it ships
    // none of it.
    expect(qmsDeps('addin')).toEqual([
      '@qms/api-harness',
      '@qms/client',
      '@qms/engine',
      '@qms/excel-standin',
      '@qms/templates',
      '@qms/workbook-fixtures',
    ]);
    expect(Object.keys(manifest('addin').dependencies ?? {}).filter((d) => d.startsWith('@qms/'))).toEqual([
      '@qms/client',
      '@qms/engine',
      '@qms/templates',
    ]);
    expect(qmsDeps('functions')).toEqual([
      '@qms/api-harness',
      '@qms/client',
      '@qms/contract',
      '@qms/engine',
      '@qms/templates',
    ]);
    // …and the client and the harness only to drive its integration tests, as the pane and the CLI drive it.
    expect(Object.keys(manifest('functions').dependencies ?? {})).not.toContain('@qms/client');
    expect(Object.keys(manifest('functions').dependencies ?? {})).not.toContain('@qms/api-harness');
  });

  it('the root workspace lists every package, shared ones first, test support last', () => {
    const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { workspaces: string[] };
    expect(root.workspaces).toEqual([
      'templates',
      'engine',
      'contract',
      'client',
      'functions',
      'cli',
      'addin',
      ...TESTING_PACKAGES,
    ]);
  });

  it('test support packages are private and no product package depends on them outside devDependencies', () => {
    for (const dir of TESTING_PACKAGES) expect(manifest(dir).private, `${dir}/package.json "private"`).toBe(true);
    const testing = TESTING_PACKAGES.map((dir) => manifest(dir).name);
    for (const dir of ['templates', 'engine', 'contract', 'client', 'functions', 'cli', 'addin'])
      expect(
        Object.keys(manifest(dir).dependencies ?? {}).filter((d) => testing.includes(d)),
        dir,
      ).toEqual([]);
  });

  it('no shipped source under functions/src, addin/src or cli/src imports test support; only *.test.* files may', () => {
    const offenders: string[] = [];
    let scanned = 0;
    for (const dir of ['functions/src', 'addin/src', 'cli/src']) {
      for (const file of sourceFiles(dir)) {
        if (isTestFile(file)) continue;
        scanned++;
        for (const spec of specifiersOf(readFileSync(file, 'utf8')))
          if (isTestSupport(spec, file)) offenders.push(`${relative(ROOT, file)} imports ${spec}`);
      }
    }
    expect(scanned).toBeGreaterThan(50);
    expect(offenders).toEqual([]);
  });

  it('the import check above sees test support however it is named', () => {
    const from = join(ROOT, 'addin', 'src', 'views', 'X.tsx');
    const found = specifiersOf(
      [
        "import { MemoryWorkbook } from '@qms/excel-standin';",
        "export { createTestApp } from '@qms/api-harness';",
        "const m = await import('../../test/browser/fake-api.ts');",
        "import '@qms/workbook-fixtures/corpus';",
        "import { x } from '../../../testing/excel-standin/src/memory-excel.ts';",
        "import { assess } from '@qms/engine';",
        "import { Button } from '../app/Button.tsx';",
      ].join('\n'),
    ).filter((spec) => isTestSupport(spec, from));
    expect(found).toEqual([
      '@qms/excel-standin',
      '@qms/api-harness',
      '../../test/browser/fake-api.ts',
      '@qms/workbook-fixtures/corpus',
      '../../../testing/excel-standin/src/memory-excel.ts',
    ]);
  });

  it('test support lives in testing/ packages and test folders: no product package keeps it in src or exports it', () => {
    const misplaced: string[] = [];
    for (const dir of PRODUCT_PACKAGES) {
      const exported = Object.keys((manifest(dir) as { exports?: Record<string, unknown> }).exports ?? {});
      for (const key of exported) if (/test|fixture/.test(key)) misplaced.push(`${dir} exports ${key}`);
      for (const file of sourceFiles(`${dir}/src`)) {
        const path = relative(ROOT, file).split('\\').join('/');
        if (/\/(testing|test-support|fixtures?)(\/|\.)/.test(path) && !isTestFile(path)) misplaced.push(path);
      }
    }
    expect(misplaced).toEqual([]);
  });

  it('no shipped source imports a package its own manifest lists only for development', () => {
    const offenders: string[] = [];
    let scanned = 0;
    for (const dir of PRODUCT_PACKAGES) {
      const m = manifest(dir);
      const devOnly = new Set(Object.keys(m.devDependencies ?? {}).filter((d) => !(d in (m.dependencies ?? {}))));
      for (const file of sourceFiles(`${dir}/src`)) {
        if (isTestFile(file)) continue;
        scanned++;
        for (const spec of specifiersOf(readFileSync(file, 'utf8'))) {
          const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] ?? '');
          if (devOnly.has(name)) offenders.push(`${relative(ROOT, file)} imports ${spec}`);
        }
      }
    }
    expect(scanned).toBeGreaterThan(200);
    expect(offenders).toEqual([]);
  });

  it("the backend's shipped files name no test support", () => {
    const files = manifest('functions').files ?? [];
    expect(files).toContain('dist');
    // Only entries that add files can ship test support; exclusions ("!…") are fine.
    expect(files.filter((f) => !f.startsWith('!') && /test|testing|harness/.test(f))).toEqual([]);
  });

  it('the backend package ships no test support and no tests', () => {
    const packed = JSON.parse(
      execFileSync('npm', ['pack', '--dry-run', '--json', '--workspace', 'functions'], { cwd: ROOT, encoding: 'utf8' }),
    ) as { files: { path: string }[] }[];
    const files = packed[0]?.files.map((f) => f.path) ?? [];
    expect(files).toContain('dist/app.js');
    expect(files.filter((f) => /test-support|testing|harness|azurite|write-counter|\.test\.|^test\//.test(f))).toEqual(
      [],
    );
  });
});
