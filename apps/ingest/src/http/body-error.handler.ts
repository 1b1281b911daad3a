import type { NextFunction, Request, Response } from 'express';

interface BodyParserError {
  readonly status?: number;
  readonly type?: string;
  readonly limit?: number;
}

/**
 * The JSON body parser fails before Nest sees the request (too large, not JSON); answer those in the same
 * JSON error shape as the rest of the API instead of Express's HTML page.
 */
export function bodyErrorHandler(error: unknown, _request: Request, response: Response, next: NextFunction): void {
  const parserError = (typeof error === 'object' && error !== null ? error : {}) as BodyParserError;
  if (parserError.type === 'entity.too.large') {
    response.status(413).json({ statusCode: 413, error: 'Payload Too Large', message: `request body is larger than ${parserError.limit} bytes` });
    return;
  }
  if (parserError.type === 'entity.parse.failed') {
    response.status(400).json({ statusCode: 400, error: 'Bad Request', message: 'request body is not valid JSON', violations: [{ path: '', message: 'is not valid JSON' }] });
    return;
  }
  if (parserError.status !== undefined && parserError.status >= 400 && parserError.status < 500) {
    response.status(parserError.status).json({ statusCode: parserError.status, error: 'Bad Request', message: 'the request body could not be read' });
    return;
  }
  next(error);
}
