/**
 * The OpenTelemetry side of the ports in port.ts. Imported only by telemetry/start.ts, dynamically, once
 * Application Insights is configured: nothing else may import this file, or @opentelemetry/api would load always.
 */
import { metrics, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { requestAttributes, requestSpanName } from './attributes.js';
import type { Telemetry } from './port.js';

const SCOPE = 'qms-functions';

export function otelTelemetry(): Telemetry {
  const meter = metrics.getMeter(SCOPE);
  const outcomes = meter.createCounter('qms.sync.outcome', { description: 'Syncs by how they ended' });
  const written = meter.createCounter('qms.sync.records_written', {
    description: 'Record versions written by uploads',
    unit: '{record}',
  });
  const duration = meter.createHistogram('qms.assessment.duration', {
    description: 'Engine runs on stored records',
    unit: 'ms',
  });
  const tracer = trace.getTracer(SCOPE);
  return {
    metrics: {
      syncOutcome: (outcome) => outcomes.add(1, { 'qms.sync.outcome': outcome }),
      recordsWritten: (count) => written.add(count),
      assessmentDuration: (ms) => duration.record(ms),
    },
    tracer: {
      request: (route, method, run) =>
        tracer.startActiveSpan(
          requestSpanName(route, method),
          { kind: SpanKind.SERVER, attributes: requestAttributes(route, { method }) },
          async (span) => {
            try {
              const answer = await run();
              const status = answer.status ?? 200;
              span.setAttributes(requestAttributes(route, { method }, status));
              if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
              return answer;
            } catch (error) {
              // The pipeline turns every error into an answer; one escaping it is marked, without its message.
              span.setStatus({ code: SpanStatusCode.ERROR });
              throw error;
            } finally {
              span.end();
            }
          },
        ),
    },
  };
}
