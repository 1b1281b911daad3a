import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { CORRELATION_ID_HTTP_HEADER, runWithTrace, traceFromHeaders, type MessageTrace } from './message-trace';
import { startSpan } from './tracing';

const logger = new Logger('http');
const QUIET_ROUTES = /^\/(health|metrics)(\/|$)/;

interface TracedResponse extends Response {
  locals: Response['locals'] & { trace?: MessageTrace };
}

/**
 * First of the two HTTP trace middlewares: takes the caller's X-Correlation-Id (or makes one) and W3C trace
 * context, starts the server span, echoes the id in the response, and logs the request when it ends by its
 * route pattern, never its path (paths carry lead ids, query strings anything).
 */
export function startRequestTrace(request: Request, response: TracedResponse, next: NextFunction): void {
  const started = process.hrtime.bigint();
  const work = startSpan(request.method, 'server', traceFromHeaders(request.headers, CORRELATION_ID_HTTP_HEADER), { 'http.request.method': request.method });
  response.locals.trace = work.trace;
  response.setHeader(CORRELATION_ID_HTTP_HEADER, work.trace.correlationId);
  response.once('finish', () => {
    const route = routeOf(request);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    work.end({
      name: `${request.method} ${route}`,
      attributes: { 'http.route': route, 'http.response.status_code': response.statusCode },
      ...(response.statusCode >= 500 ? { error: `HTTP ${response.statusCode}` } : {}),
    });
    const line = `${request.method} ${route} ${response.statusCode} ${ms.toFixed(1)} ms`;
    // Probes and scrapes come every few seconds from the platform: worth a line only when debugging.
    runWithTrace(work.trace, () => (QUIET_ROUTES.test(route) ? logger.debug(line) : logger.log(line)));
  });
  next();
}

/**
 * Second one, after the body parser (whose stream callbacks run outside the request's async context): the
 * rest of the request, handlers and everything they produce to Kafka, runs in the request's trace.
 */
export function continueRequestTrace(_request: Request, response: TracedResponse, next: NextFunction): void {
  const trace = response.locals.trace;
  if (trace === undefined) next();
  else runWithTrace(trace, next);
}

function routeOf(request: Request): string {
  const route = (request as Request & { route?: { path?: unknown } }).route?.path;
  return typeof route === 'string' ? `${request.baseUrl}${route}` : 'unmatched';
}
