import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer, connect } from 'node:net';
import { dirname, join } from 'node:path';

/** Azurite's well-known development account (public, documented, not a secret). */
export const DEV_ACCOUNT = 'devstoreaccount1';
export const DEV_ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export function tableConnectionString(port: number, protocol: 'http' | 'https' = 'http'): string {
  return `DefaultEndpointsProtocol=${protocol};AccountName=${DEV_ACCOUNT};AccountKey=${DEV_ACCOUNT_KEY};TableEndpoint=${protocol}://127.0.0.1:${port}/${DEV_ACCOUNT};`;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Path of azurite's table server script, found through Node resolution (works from any workspace). */
export function azuriteTableScript(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('azurite/package.json')), 'dist', 'src', 'table', 'main.js');
}

export interface Azurite {
  port: number;
  connectionString: string;
  /** The account's table endpoint (path-style, as Azurite serves it): what QMS_STORAGE holds in token mode. */
  endpoint: string;
  /** Kills the emulator (storage goes "down"); data is lost (in-memory). */
  stop(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
}

export interface AzuriteOptions {
  port?: number;
  location?: string;
  /**
   * Serve https with this PEM certificate and key, and accept OAuth bearer tokens (`--oauth basic`: issuer,
   * audience and lifetime are checked, the signature is not). Azurite allows Bearer only over https.
   */
  oauth?: { certFile: string; keyFile: string };
}

/** Starts a real Azurite table server on a free port, in memory, without telemetry. */
export async function startAzurite(options: AzuriteOptions = {}): Promise<Azurite> {
  const port = options.port ?? (await freePort());
  let child: ChildProcess | undefined;
  const start = async () => {
    const args = [
      azuriteTableScript(),
      '--tablePort',
      String(port),
      '--tableHost',
      '127.0.0.1',
      '--disableTelemetry',
      '--silent',
      '--skipApiVersionCheck',
    ];
    if (options.oauth !== undefined)
      args.push('--oauth', 'basic', '--cert', options.oauth.certFile, '--key', options.oauth.keyFile);
    if (options.location === undefined) args.push('--inMemoryPersistence');
    else args.push('--location', options.location);
    child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    for (let i = 0; i < 200; i += 1) {
      if (await canConnect(port)) return;
      if (child.exitCode !== null) throw new Error(`azurite exited: ${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`azurite did not listen on ${port}: ${stderr}`);
  };
  const stop = async () => {
    const c = child;
    child = undefined;
    if (c === undefined || c.exitCode !== null) return;
    // SIGINT lets a persisted Azurite save its database (it handles no other signal); SIGKILL if it does not exit promptly.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => c.kill('SIGKILL'), 5000);
      c.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      c.kill('SIGINT');
    });
  };
  await start();
  const protocol = options.oauth === undefined ? 'http' : 'https';
  return {
    port,
    connectionString: tableConnectionString(port, protocol),
    endpoint: `${protocol}://127.0.0.1:${port}/${DEV_ACCOUNT}`,
    stop,
    start,
  };
}
