import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * What ties a piece of work to the request that started it: a correlation id (always there, for logs and
 * support) and the W3C trace context (when the sender or Baton traces). It travels in Kafka headers from the
 * HTTP request to the alert, and is the context of every log line written meanwhile.
 */
export interface MessageTrace {
  readonly correlationId: string;
  readonly traceparent?: string;
  readonly tracestate?: string;
}

/** Kafka header names; `traceparent` and `tracestate` are the W3C names, as OpenTelemetry's Kafka instrumentations use. */
export const TRACE_HEADERS = {
  correlationId: 'baton-correlation-id',
  traceparent: 'traceparent',
  tracestate: 'tracestate',
} as const;

/** Read from and echoed in HTTP responses; a caller's own id is kept when it is a sane token. */
export const CORRELATION_ID_HTTP_HEADER = 'x-correlation-id';

const CORRELATION_ID = /^[A-Za-z0-9._:@-]{1,128}$/;
// version 00 only: another version's fields cannot be trusted to mean the same (W3C Trace Context, level 1).
const TRACEPARENT = /^00-(?!0{32})([0-9a-f]{32})-(?!0{16})([0-9a-f]{16})-([0-9a-f]{2})$/;

export function isCorrelationId(value: string): boolean {
  return CORRELATION_ID.test(value);
}

export function parseTraceparent(value: string | undefined): { traceId: string; spanId: string; sampled: boolean } | undefined {
  const match = value === undefined ? null : TRACEPARENT.exec(value);
  if (match === null) return undefined;
  return { traceId: match[1] as string, spanId: match[2] as string, sampled: (parseInt(match[3] as string, 16) & 1) === 1 };
}

export function newMessageTrace(): MessageTrace {
  return { correlationId: randomUUID() };
}

type HeaderValue = Buffer | string | (Buffer | string)[] | undefined;

function headerText(value: HeaderValue): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

/**
 * The trace of a message or request from its headers; a missing or malformed correlation id gets a new one and
 * an invalid traceparent is dropped (with its tracestate), so that bad input never breaks a trace downstream.
 */
export function traceFromHeaders(headers: Readonly<Record<string, HeaderValue>>, correlationHeader: string = TRACE_HEADERS.correlationId): MessageTrace {
  const correlationId = headerText(headers[correlationHeader]);
  const traceparent = headerText(headers[TRACE_HEADERS.traceparent])?.trim().toLowerCase();
  const tracestate = headerText(headers[TRACE_HEADERS.tracestate]);
  const valid = parseTraceparent(traceparent) !== undefined;
  return {
    correlationId: correlationId !== undefined && isCorrelationId(correlationId) ? correlationId : randomUUID(),
    ...(valid ? { traceparent } : {}),
    ...(valid && tracestate !== undefined && tracestate.length <= 512 ? { tracestate } : {}),
  };
}

/** The headers a message produced on behalf of `trace` carries. */
export function traceHeadersOf(trace: MessageTrace): Record<string, string> {
  return {
    [TRACE_HEADERS.correlationId]: trace.correlationId,
    ...(trace.traceparent === undefined ? {} : { [TRACE_HEADERS.traceparent]: trace.traceparent }),
    ...(trace.tracestate === undefined ? {} : { [TRACE_HEADERS.tracestate]: trace.tracestate }),
  };
}

const storage = new AsyncLocalStorage<MessageTrace>();

/** The trace of the work in progress (an HTTP request, a consumed message, an alert delivery), if any. */
export function currentTrace(): MessageTrace | undefined {
  return storage.getStore();
}

export function runWithTrace<T>(trace: MessageTrace, work: () => T): T {
  return storage.run(trace, work);
}
