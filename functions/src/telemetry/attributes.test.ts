import azureFunctions from '@azure/functions';
import { trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, describe, expect, it } from 'vitest';
import type { Deps } from '../deps.js';
import { json } from '../http/problem.js';
import { httpHandler } from '../http/pipeline.js';
import type { Route } from '../http/types.js';
import { silentLog } from '../log.js';
import { requestAttributes, requestSpanName } from './attributes.js';
import { otelTelemetry } from './otel.js';
import { noMetrics } from './port.js';

const { HttpRequest, InvocationContext } = azureFunctions;

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXRva2VuLXBheWxvYWQ.c2ln';
const QUERY_VALUE = 'continuation-SECRET-cursor';
const RECORD_TEXT = 'Supplier Zeta sent cracked housings';

/** A request carrying everything that must stay out of telemetry: a token, query values, record contents. */
function loadedRequest() {
  return new HttpRequest({
    method: 'POST',
    url: `http://localhost:7071/api/orgs/acme-secret-org/records?type=capa&continuation=${QUERY_VALUE}`,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    params: { org: 'acme-secret-org' },
    body: { string: JSON.stringify({ records: [{ id: 'C-1', data: { description: RECORD_TEXT } }] }) },
  });
}

const ROUTE: Route = {
  name: 'records',
  methods: ['POST'],
  route: 'orgs/{org}/records',
  access: { kind: 'anonymous' },
  // Echoes the record text back, so the answer holds it too.
  handler: async ({ request }) => json(200, await request.json()),
};

function leaks(text: string): string[] {
  return [TOKEN, 'Bearer', QUERY_VALUE, RECORD_TEXT, 'acme-secret-org'].filter((s) => text.includes(s));
}

describe('request span attributes', () => {
  it('name the route, method and status, and nothing from headers, query or body', () => {
    const request = loadedRequest();
    const attributes = requestAttributes(ROUTE, request, 200);
    expect(attributes).toEqual({
      'qms.route': 'records',
      'http.route': '/api/orgs/{org}/records',
      'http.request.method': 'POST',
      'http.response.status_code': 200,
    });
    expect(leaks(JSON.stringify(attributes) + requestSpanName(ROUTE, request.method))).toEqual([]);
  });
});

describe('the OpenTelemetry request tracer in the pipeline', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  trace.setGlobalTracerProvider(provider);
  afterAll(async () => {
    trace.disable();
    await provider.shutdown();
  });

  it('records one span per request with the route name and status, carrying no token, query value or record text', async () => {
    const deps = {
      log: silentLog,
      metrics: noMetrics,
      tracer: otelTelemetry().tracer,
      options: { corsOrigins: ['https://localhost:3000'], uploadTtlMs: 60_000 },
    } as unknown as Deps; // the route is anonymous and touches no storage: the rest of Deps is never read
    const handler = httpHandler(ROUTE, () => Promise.resolve(deps));
    const response = await handler(loadedRequest(), new InvocationContext({ functionName: ROUTE.name }));
    expect(response.status).toBe(200);

    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(1);
    const span = spans[0]!;
    expect(span.name).toBe('POST records');
    expect(span.attributes).toMatchObject({ 'qms.route': 'records', 'http.response.status_code': 200 });
    const everything = JSON.stringify({ name: span.name, attributes: span.attributes, events: span.events });
    expect(leaks(everything)).toEqual([]);
  });
});
