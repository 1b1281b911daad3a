import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PROBLEM_CONTENT_TYPE, problemDetails, ProblemException, type ProblemDetails } from './problem.exception';

const CODES_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'REQUEST.INVALID',
  401: 'AUTH.MISSING_KEY',
  403: 'AUTH.INSUFFICIENT_SCOPE',
  404: 'REQUEST.NOT_FOUND',
  405: 'REQUEST.METHOD_NOT_ALLOWED',
  413: 'REQUEST.BODY_TOO_LARGE',
  415: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  429: 'AUTH.RATE_LIMITED',
  503: 'SERVICE.UNAVAILABLE',
};

/**
 * Every error of every endpoint leaves as RFC 9457 problem+json: our own ProblemExceptions as they are, Nest's
 * HttpExceptions (an unknown route) translated, anything else a 500 that says nothing of the internals (the
 * stack goes to the log).
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const { problem, headers } = this.toProblem(exception, request);
    if (response.headersSent) return;
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    response
      .status(problem.status)
      .type(PROBLEM_CONTENT_TYPE)
      .send(JSON.stringify({ ...problem, instance: request.originalUrl.split('?')[0] }));
  }

  private toProblem(exception: unknown, request: Request): { problem: ProblemDetails; headers: Readonly<Record<string, string>> } {
    if (exception instanceof ProblemException) return { problem: exception.problem, headers: exception.headers };
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return { problem: problemDetails(status, CODES_BY_STATUS[status] ?? `HTTP.${status}`, exception.message), headers: {} };
    }
    this.logger.error(`${request.method} ${request.path} failed: ${exception instanceof Error ? (exception.stack ?? exception.message) : String(exception)}`);
    return { problem: problemDetails(500, 'INTERNAL.ERROR', 'the request failed on our side; it is safe to retry with the same ids'), headers: {} };
  }
}
