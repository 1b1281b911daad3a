import { isUtf8 } from 'node:buffer';
import type { NextFunction, Request, Response } from 'express';
import { PROBLEM_CONTENT_TYPE, problemDetails, type ProblemDetails } from './problem.exception';

interface BodyParserError {
  readonly status?: number;
  readonly type?: string;
  readonly limit?: number;
}

const INVALID_UTF8 = 'encoding.invalid_utf8';

/**
 * The JSON body parser's `verify`: a body that is not UTF-8 is refused instead of decoded with replacement
 * characters, so a broken client is told instead of storing mangled text.
 */
export function refuseInvalidUtf8(_request: unknown, _response: unknown, body: Buffer): void {
  if (!isUtf8(body)) throw Object.assign(new Error('the request body is not valid UTF-8'), { status: 400, type: INVALID_UTF8 });
}

/**
 * The body parser fails before Nest sees the request (too large, not JSON, not UTF-8): answer those as
 * problem+json too, instead of Express's HTML page.
 */
export function bodyErrorHandler(error: unknown, request: Request, response: Response, next: NextFunction): void {
  const parserError = (typeof error === 'object' && error !== null ? error : {}) as BodyParserError;
  const problem = problemFor(parserError);
  if (problem === undefined) return next(error);
  response
    .status(problem.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify({ ...problem, instance: request.originalUrl.split('?')[0] }));
}

function problemFor(error: BodyParserError): ProblemDetails | undefined {
  switch (error.type ?? '') {
    case 'entity.too.large':
      return problemDetails(413, 'REQUEST.BODY_TOO_LARGE', `the request body is larger than ${error.limit} bytes`);
    case 'entity.parse.failed':
      return problemDetails(400, 'REQUEST.INVALID_JSON', 'the request body is not valid JSON', { errors: [{ path: '', message: 'is not valid JSON' }] });
    case INVALID_UTF8:
      return problemDetails(400, 'REQUEST.INVALID_UTF8', 'the request body is not valid UTF-8', { errors: [{ path: '', message: 'is not valid UTF-8' }] });
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return problemDetails(415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE', 'the request body must be JSON in UTF-8');
    default:
      if (error.status !== undefined && error.status >= 400 && error.status < 500) return problemDetails(error.status, 'REQUEST.UNREADABLE_BODY', 'the request body could not be read');
      return undefined;
  }
}
