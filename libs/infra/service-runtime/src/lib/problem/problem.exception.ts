import { HttpException } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';

/** One bad field of a request: `path` names it as the client sent it (`events[2].occurredAt`, `traits.email`). */
export interface ProblemFieldError {
  readonly path: string;
  readonly message: string;
}

/**
 * RFC 9457 problem details, the one error body of every Baton endpoint. `code` is the machine-readable reason
 * (`AREA.REASON`); `type` is the same reason as a URI; `errors` lists every bad field of a validation problem.
 */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly instance?: string;
  readonly errors?: readonly ProblemFieldError[];
  readonly [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface ProblemOptions {
  readonly errors?: readonly ProblemFieldError[];
  /** More members of the body, e.g. `stage` of a refused feedback. */
  readonly extensions?: Readonly<Record<string, unknown>>;
  /** Response headers that go with it: Retry-After, WWW-Authenticate. */
  readonly headers?: Readonly<Record<string, string>>;
}

export function problemTypeOf(code: string): string {
  return `urn:baton:problem:${code.toLowerCase().replace(/[._]/g, '-')}`;
}

export function problemDetails(status: number, code: string, detail: string, options: ProblemOptions = {}): ProblemDetails {
  return {
    ...options.extensions,
    type: problemTypeOf(code),
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    code,
    ...(options.errors === undefined ? {} : { errors: options.errors }),
  };
}

/** Thrown by a controller or guard; the ProblemDetailsFilter writes it as application/problem+json. */
export class ProblemException extends HttpException {
  readonly problem: ProblemDetails;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, code: string, detail: string, options: ProblemOptions = {}) {
    const problem = problemDetails(status, code, detail, options);
    super(problem, status);
    this.problem = problem;
    this.headers = options.headers ?? {};
  }
}

/** The common 400: every bad field named, nothing done. */
export function invalidRequest(detail: string, errors: readonly ProblemFieldError[]): ProblemException {
  return new ProblemException(400, 'REQUEST.INVALID', detail, { errors });
}
