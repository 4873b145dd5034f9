// `npm run dev -w addin`: the task pane on https://localhost:3000. The certificate comes from
// office-addin-dev-certs' generator, written to addin/.certs (git-ignored) and installed into no system store:
// trust addin/.certs/ca.crt yourself when sideloading. If generation fails, it serves plain http and says so.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCertificates } from 'office-addin-dev-certs';
import { createServer } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const certDir = join(here, '..', '.certs');
const ca = join(certDir, 'ca.crt');
const cert = join(certDir, 'localhost.crt');
const key = join(certDir, 'localhost.key');

async function httpsOptions(): Promise<{ cert: Buffer; key: Buffer } | undefined> {
  try {
    if (!existsSync(cert) || !existsSync(key)) {
      mkdirSync(certDir, { recursive: true });
      await generateCertificates(ca, cert, key, 30, ['localhost', '127.0.0.1']);
    }
    return { cert: readFileSync(cert), key: readFileSync(key) };
  } catch (error) {
    console.warn(
      `WARNING: could not generate a localhost certificate (${error instanceof Error ? error.message : String(error)}).\n` +
        'Serving http://localhost:3000 instead; Office will not load the pane over http, so fix certificate generation ' +
        `(delete ${certDir} and retry) before sideloading manifest.xml.`,
    );
    return undefined;
  }
}

const https = await httpsOptions();
const server = await createServer({ configFile: join(here, '..', 'vite.config.ts'), server: { https } });
await server.listen();
server.printUrls();
if (https)
  console.log(`Trust ${ca} in your browser or OS yourself if Office refuses the certificate; nothing was installed.`);
