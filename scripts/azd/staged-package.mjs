/**
 * The package.json of the staged Function app (scripts/azd/stage-api.mjs), kept apart so a test can check it.
 *
 * The workspace packages the app depends on are packed into vendor/ beside it: the app's own @qms/* dependencies
 * point at those tarballs, and "overrides" do the same for the ones the packed packages name by version
 * ("@qms/templates": "0.1.0"), which no registry has. Scripts, devDependencies and the "source" export condition
 * (TypeScript sources that are not shipped) are left out: the Functions host loads "main".
 */

/** The workspace packages packed beside the app, in dependency order; functions/ itself becomes the app. */
export const WORKSPACES = ['templates', 'engine', 'contract', 'functions'];

/**
 * @param {{ name: string, version: string, type?: string, main?: string, dependencies?: Record<string, string> }} pkg
 *   functions/package.json as packed
 * @param {Record<string, string>} tarballs package name → tarball file name in vendor/, for every packed package
 *   but the app itself
 */
export function stagedPackage(pkg, tarballs) {
  const local = (name) => {
    const file = tarballs[name];
    if (file === undefined) {
      throw new Error(
        `stage-api: ${pkg.name} depends on ${name}, which is not packed beside it; add its folder to WORKSPACES in scripts/azd/staged-package.mjs`,
      );
    }
    return `file:./vendor/${file}`;
  };
  const dependencies = Object.fromEntries(
    Object.entries(pkg.dependencies ?? {}).map(([name, spec]) => [name, name.startsWith('@qms/') ? local(name) : spec]),
  );
  return {
    name: pkg.name,
    version: pkg.version,
    private: true,
    type: pkg.type,
    main: pkg.main,
    dependencies,
    overrides: Object.fromEntries(Object.keys(tarballs).map((name) => [name, local(name)])),
  };
}
