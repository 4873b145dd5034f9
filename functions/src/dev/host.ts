import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import azureFunctions, { type HttpHandler, type HttpResponseInit } from '@azure/functions';
import type { Deps } from '../deps.js';
import { tooLarge } from '../http/body.js';
import { ApiError, jsonReplacer, problemResponse } from '../http/problem.js';
import { registrations, type Registration } from '../http/register.js';
import { compileRoute, type CompiledRoute } from '../http/route-match.js';
import { ROUTES } from '../http/routes.js';
import type { Route } from '../http/types.js';
import { MAX_BODY_BYTES } from '@qms/contract';

const { HttpRequest, InvocationContext } = azureFunctions;

/** The Functions host's route prefix (host.json `extensions.http.routePrefix`). */
export const ROUTE_PREFIX = 'api';

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
  const compiled: CompiledRoute<Registration>[] = registrations(routes, getDeps).map((reg) =>
    compileRoute(reg.route, reg),
  );
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
      const prefix = `/${ROUTE_PREFIX}/`;
      const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : undefined;
      const method = (req.method ?? 'GET').toUpperCase();
      const matches = path === undefined ? [] : compiled.filter((c) => c.pattern.test(path));
      if (matches.length === 0) {
        await send(
          res,
          problemResponse(new ApiError(404, 'no-route', `No API route at ${url.pathname}; see docs/api.md.`)),
        );
        return;
      }
      const match = matches.find((c) => (c.value.methods as string[]).includes(method));
      if (match === undefined) {
        const allow = matches.flatMap((c) => c.value.methods).join(', ');
        await send(
          res,
          problemResponse(
            new ApiError(
              405,
              'method-not-allowed',
              `${method} is not allowed on ${url.pathname}; use ${allow}.`,
              {},
              { allow },
            ),
          ),
        );
        return;
      }
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
      const m = match.pattern.exec(path ?? '');
      const params: Record<string, string> = {};
      match.names.forEach((name, i) => {
        params[name] = decodeURIComponent(m?.[i + 1] ?? '');
      });
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) {
        if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      }
      const request = new HttpRequest({
        method,
        url: url.toString(),
        headers,
        params,
        ...(body.length > 0 ? { body: { bytes: new Uint8Array(body) } } : {}),
      });
      const handler: HttpHandler = match.value.handler;
      const response = await handler(request, new InvocationContext({ functionName: match.value.name }));
      await send(
        res,
        response instanceof azureFunctions.HttpResponse
          ? { status: response.status, headers: response.headers, body: await response.text() }
          : (response ?? { status: 204 }),
      );
    } catch (error) {
      const detail =
        error instanceof URIError ? 'The path has a malformed %-escape.' : 'The dev host failed to handle the request.';
      await send(
        res,
        problemResponse(
          new ApiError(
            error instanceof URIError ? 400 : 500,
            error instanceof URIError ? 'bad-path' : 'internal',
            detail,
          ),
        ),
      );
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
