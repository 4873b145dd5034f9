// After `vite build`: writes addin/dist/manifest.xml with ADDIN_BASE_URL in place of the dev server's URLs.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEV_ORIGIN, rewriteManifest } from '../src/manifest/rewrite.ts';

const here = dirname(fileURLToPath(import.meta.url));
const source = readFileSync(join(here, '..', '..', 'manifest.xml'), 'utf8');
const base = process.env.ADDIN_BASE_URL;
const out = join(here, '..', 'dist', 'manifest.xml');
if (base) {
  writeFileSync(out, rewriteManifest(source, base));
  console.log(`manifest: ${out} points at ${base}`);
} else {
  writeFileSync(out, source);
  console.warn(
    `manifest: ADDIN_BASE_URL is not set, so ${out} still points at ${DEV_ORIGIN}; set it to the HTTPS address that will serve addin/dist`,
  );
}
