import { defaultTextMapGetter, defaultTextMapSetter, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, ConsoleSpanExporter, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { TracesExporter } from '@baton/config';
import type { MessageTrace } from './message-trace';

export type TracedKind = 'server' | 'client' | 'producer' | 'consumer' | 'internal';

const KINDS: Record<TracedKind, SpanKind> = {
  server: SpanKind.SERVER,
  client: SpanKind.CLIENT,
  producer: SpanKind.PRODUCER,
  consumer: SpanKind.CONSUMER,
  internal: SpanKind.INTERNAL,
};

/** A unit of work in a trace: the trace its effects carry (a child of the one it was started from), and its end. */
export interface TracedWork {
  readonly trace: MessageTrace;
  /** `name` renames the span when what it was is known only at its end (an HTTP request's route). */
  end(outcome?: { readonly error?: unknown; readonly attributes?: Attributes; readonly name?: string }): void;
}

const propagator = new W3CTraceContextPropagator();
let provider: BasicTracerProvider | undefined;
let tracer: Tracer | undefined;

/**
 * Starts exporting spans when `exporter` is not `none` (the default: tracing is off until configured). The
 * exporter reads the standard OTEL_EXPORTER_OTLP_* variables (endpoint, headers, certificates), the batch
 * processor OTEL_BSP_*, the sampler OTEL_TRACES_SAMPLER(_ARG), the resource OTEL_SERVICE_NAME and
 * OTEL_RESOURCE_ATTRIBUTES. Off, the trace context a caller sent still travels unchanged through Baton.
 */
export function startTracing(service: string, exporter: TracesExporter): void {
  if (exporter === 'none' || provider !== undefined) return;
  const spanExporter: SpanExporter = exporter === 'otlp' ? new OTLPTraceExporter() : new ConsoleSpanExporter();
  const resource = defaultResource()
    .merge(resourceFromAttributes({ 'service.name': `baton-${service}`, 'service.namespace': 'baton' }))
    .merge(detectResources({ detectors: [envDetector] }));
  provider = new BasicTracerProvider({ resource, spanProcessors: [new BatchSpanProcessor(spanExporter)] });
  tracer = provider.getTracer('baton');
}

/** Exports what is buffered and stops; part of a graceful shutdown. */
export async function stopTracing(): Promise<void> {
  const stopping = provider;
  provider = undefined;
  tracer = undefined;
  await stopping?.shutdown();
}

export function isTracing(): boolean {
  return tracer !== undefined;
}

/**
 * Starts a span whose parent is the trace context of `parent` (a new trace when it has none). Without tracing
 * it returns `parent` itself, so the caller's traceparent is handed on as received (W3C: a participant that
 * does not trace forwards the context).
 */
export function startSpan(name: string, kind: TracedKind, parent: MessageTrace, attributes: Attributes = {}): TracedWork {
  if (tracer === undefined) return { trace: parent, end: () => undefined };
  const parentContext = propagator.extract(ROOT_CONTEXT, { traceparent: parent.traceparent, tracestate: parent.tracestate }, defaultTextMapGetter);
  const span = tracer.startSpan(name, { kind: KINDS[kind], attributes: { 'baton.correlation_id': parent.correlationId, ...attributes } }, parentContext);
  const carrier: { traceparent?: string; tracestate?: string } = {};
  propagator.inject(trace.setSpan(ROOT_CONTEXT, span), carrier, defaultTextMapSetter);
  return {
    trace: { correlationId: parent.correlationId, ...carrier },
    end: (outcome = {}) => {
      if (outcome.name !== undefined) span.updateName(outcome.name);
      if (outcome.attributes !== undefined) span.setAttributes(outcome.attributes);
      if (outcome.error !== undefined) {
        span.recordException(outcome.error instanceof Error ? outcome.error : String(outcome.error));
        span.setStatus({ code: SpanStatusCode.ERROR, message: outcome.error instanceof Error ? outcome.error.message : String(outcome.error) });
      }
      span.end();
    },
  };
}
