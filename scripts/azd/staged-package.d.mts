// Types of staged-package.mjs, for the test that imports it (test/staged-package.test.ts).
export declare const WORKSPACES: readonly string[];

export interface PackageJson {
  name: string;
  version: string;
  type?: string;
  main?: string;
  dependencies?: Record<string, string>;
}

export interface StagedPackageJson {
  name: string;
  version: string;
  private: true;
  type: string | undefined;
  main: string | undefined;
  dependencies: Record<string, string>;
  overrides: Record<string, string>;
}

export declare function stagedPackage(pkg: PackageJson, tarballs: Record<string, string>): StagedPackageJson;
