#!/usr/bin/env node
/**
 * azd `prerestore` hook of the `pane` service (runs after `azd provision`, see azure.yaml's `up` workflow):
 * builds the task pane against the deployed API and writes the production manifest, into deploy/pane/dist,
 * which azd then uploads to the Static Web App.
 *
 * azd passes its environment (the outputs of infra/main.bicep) to hooks, not to the build tools it runs itself,
 * so the pane is built here with the VITE_* settings the pane reads (addin/README.md) and azd's own build step
 * finds nothing to do in deploy/pane.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const site = join(root, 'deploy', 'pane', 'dist');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const shell = process.platform === 'win32';

/** An azd environment value the build cannot do without; missing means `azd provision` has not run (or failed). */
function required(name) {
  const value = process.env[name] ?? '';
  if (value === '') {
    throw new Error(
      `build-pane: ${name} is not set. It is an output of infra/main.bicep: run \`azd provision\` (or \`azd up\`), or set it with \`azd env set ${name} <value>\`.`,
    );
  }
  return value;
}

const paneUrl = required('QMS_PANE_URL');
const tenant = process.env.QMS_ENTRA_TENANT_ID || required('AZURE_TENANT_ID');
const env = {
  ...process.env,
  VITE_QMS_API_URL: required('QMS_API_URL'),
  VITE_QMS_CLIENT_ID: required('QMS_ENTRA_CLIENT_ID'),
  VITE_QMS_API_SCOPE: required('QMS_API_SCOPE'),
  // The API accepts tokens of one tenant only (QMS_ENTRA_TENANT_ID), so the pane signs in there, not at /common.
  VITE_QMS_AUTHORITY: `https://login.microsoftonline.com/${tenant}`,
  VITE_QMS_BRAND: process.env.QMS_BRAND ?? '',
  ADDIN_BASE_URL: paneUrl,
};

console.log(`build-pane: building the pane for ${paneUrl} against ${env.VITE_QMS_API_URL}`);
execFileSync(npm, ['run', 'build', '-w', 'addin'], { cwd: root, env, stdio: 'inherit', shell });

rmSync(site, { recursive: true, force: true });
mkdirSync(site, { recursive: true });
cpSync(join(root, 'addin', 'dist'), site, { recursive: true });

// Served beside the pane (https://<pane>/manifest.xml) for admins, and kept in azd's environment folder.
const manifest = join(site, 'manifest.xml');
execFileSync(
  process.execPath,
  ['--import', 'tsx', join(root, 'scripts', 'write-manifest.mjs'), '--pane-url', paneUrl, '--out', manifest],
  { cwd: root, stdio: 'inherit', env: process.env },
);
const envName = process.env.AZURE_ENV_NAME ?? '';
if (envName !== '' && existsSync(join(root, '.azure', envName))) {
  copyFileSync(manifest, join(root, '.azure', envName, 'manifest.xml'));
  console.log(`build-pane: production manifest also at .azure/${envName}/manifest.xml`);
}
