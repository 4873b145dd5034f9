#!/usr/bin/env node
/**
 * Writes the production add-in manifest: manifest.xml (repo root) with every https://localhost:3000 URL pointed
 * at the deployed pane and an Id of its own.
 *
 *   node --import tsx scripts/write-manifest.mjs --pane-url https://<pane host> --out <file> [--id <GUID>]
 *
 * Without --id the Id is a name-based UUID (RFC 9562 version 5) of the pane's origin in the dev manifest's Id as
 * namespace: each deployment gets its own add-in Id, and redeploying the same one keeps it, so Office sees an
 * update of the add-in people already have, not a second add-in. (Runs under tsx: the URL rewrite is the pane
 * build's own, addin/src/manifest/rewrite.ts.)
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { rewriteManifest } from '../addin/src/manifest/rewrite.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** RFC 9562 §5.5: SHA-1 of namespace bytes + name, version 5, variant 10. */
export function uuidV5(name, namespace) {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replaceAll('-', ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The production manifest's text: every URL on the pane's origin, and a new Id. */
export function productionManifest(xml, paneUrl, id) {
  let url;
  try {
    url = new URL(paneUrl);
  } catch {
    throw new Error(
      `--pane-url "${paneUrl}" is not a URL; give the pane's https address, e.g. https://qms.example.com`,
    );
  }
  if (url.protocol !== 'https:') {
    throw new Error(`--pane-url "${paneUrl}" must start with https://; Office loads add-ins only over HTTPS`);
  }
  const devId = /<Id>([^<]+)<\/Id>/.exec(xml)?.[1];
  if (devId === undefined || !GUID.test(devId)) throw new Error('manifest.xml has no <Id> GUID to replace');
  const rewritten = rewriteManifest(xml, paneUrl);
  const newId = id ?? uuidV5(url.origin, devId);
  if (!GUID.test(newId)) throw new Error(`--id "${newId}" is not a GUID (8-4-4-4-12 hexadecimal digits)`);
  return rewritten.replace(`<Id>${devId}</Id>`, `<Id>${newId.toLowerCase()}</Id>`);
}

function main() {
  const { values } = parseArgs({
    options: {
      'pane-url': { type: 'string' },
      out: { type: 'string' },
      id: { type: 'string' },
      source: { type: 'string', default: join(root, 'manifest.xml') },
    },
  });
  const paneUrl = values['pane-url'];
  if (paneUrl === undefined || values.out === undefined) {
    throw new Error(
      'usage: node --import tsx scripts/write-manifest.mjs --pane-url https://<pane host> --out <file> [--id <GUID>]',
    );
  }
  const out = resolve(values.out);
  const xml = productionManifest(readFileSync(values.source, 'utf8'), paneUrl, values.id);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, xml);
  console.log(`manifest: ${out} points at ${new URL(paneUrl).origin} (Id ${/<Id>([^<]+)<\/Id>/.exec(xml)?.[1]})`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (error) {
    console.error(`write-manifest: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
