import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpResponseInit } from '@azure/functions';
import type { Deps } from '../deps.js';
import { tooLarge } from '../http/body.js';
import { ApiError, jsonReplacer, problemResponse } from '../http/problem.js';
import { invoke, ROUTE_PREFIX, routeTable } from '../http/invoke.js';
import { ROUTES } from '../http/routes.js';
import type { Route } from '../http/types.js';
import { MAX_BODY_BYTES } from '@qms/contract';

export { ROUTE_PREFIX };

export interface DevHost {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Reads a body up to `limit` bytes; resolves undefined (and stops reading) once it is larger. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

async function send(res: ServerResponse, response: HttpResponseInit): Promise<void> {
  const headers = new Headers(response.headers);
  let body: string | Uint8Array | undefined;
  if (response.jsonBody !== undefined) {
    body = JSON.stringify(response.jsonBody, jsonReplacer);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  } else if (typeof response.body === 'string' || response.body instanceof Uint8Array) {
    body = response.body;
  } else if (response.body !== undefined && response.body !== null) {
    body = new Uint8Array(await new Response(response.body as ConstructorParameters<typeof Response>[0]).arrayBuffer());
  }
  res.writeHead(response.status ?? 200, Object.fromEntries(headers.entries()));
  res.end(body);
}

/**
 * A stand-in for `func start`: serves the same registrations as Azure on node:http, turning each Node request
 * into an `HttpRequest` (as the Functions worker does) and the handler's answer back into a Node response.
 */
export function createDevListener(getDeps: () => Promise<Deps>, routes: readonly Route[] = ROUTES) {
  const table = routeTable(getDeps, routes);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      // The Host header is the client's to send: one that is no host name is a bad request, not a server fault.
      let url: URL;
      try {
        url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
      } catch {
        await send(
          res,
          problemResponse(
            new ApiError(
              400,
              'bad-host',
              'The Host header is not a host name (with an optional port); send a valid one.',
            ),
          ),
        );
        return;
      }
      const method = (req.method ?? 'GET').toUpperCase();
      const body =
        method === 'GET' || method === 'HEAD' || method === 'OPTIONS'
          ? Buffer.alloc(0)
          : await readBody(req, MAX_BODY_BYTES);
      if (body === undefined) {
        // Stop reading the rest: answer now and close the connection.
        const answer = problemResponse(tooLarge(MAX_BODY_BYTES));
        await send(res, { ...answer, headers: { ...(answer.headers as Record<string, string>), connection: 'close' } });
        return;
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) {
        if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      }
      await send(res, (await invoke(table, { method, url, headers, body: new Uint8Array(body) })).response);
    } catch {
      await send(res, problemResponse(new ApiError(500, 'internal', 'The dev host failed to handle the request.')));
    }
  };
}

export async function startDevHost(
  getDeps: () => Promise<Deps>,
  options: { port?: number; host?: string } = {},
): Promise<DevHost> {
  const listener = createDevListener(getDeps);
  const server = createServer((req, res) => {
    void listener(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 7071, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}/${ROUTE_PREFIX}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
