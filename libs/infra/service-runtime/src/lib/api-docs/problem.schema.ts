import type { SchemaObject } from '@nestjs/swagger';

/** The name of the RFC 9457 problem schema under `components.schemas`. */
export const PROBLEM_SCHEMA_NAME = 'Problem';

/** RFC 9457 problem details, the one error body of every Baton endpoint (see ProblemDetails). */
export const PROBLEM_SCHEMA: SchemaObject = {
  type: 'object',
  description:
    'RFC 9457 problem details, sent as `application/problem+json` for every error. `code` is the machine-readable reason; ' +
    'a validation problem lists every bad field in `errors`. Other members may be added (e.g. `stage` of a refused feedback); ignore those you do not know.',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', format: 'uri', description: 'The reason as a URI: `urn:baton:problem:` and the code in kebab case.', example: 'urn:baton:problem:request-invalid' },
    title: { type: 'string', description: 'The HTTP status text.', example: 'Bad Request' },
    status: { type: 'integer', minimum: 400, maximum: 599, description: 'The HTTP status code, as on the response.', example: 400 },
    detail: { type: 'string', description: 'What went wrong, for a person.', example: 'invalid events: nothing was stored' },
    code: { type: 'string', pattern: '^[A-Z][A-Z0-9_]*\\.[A-Z0-9_]+$', description: 'The machine-readable reason, `AREA.REASON`.', example: 'REQUEST.INVALID' },
    instance: { type: 'string', description: 'The path of the request.', example: '/v1/events' },
    errors: {
      type: 'array',
      description: 'Every bad field of the request, each with its path as the client sent it.',
      items: {
        type: 'object',
        required: ['path', 'message'],
        properties: {
          path: { type: 'string', description: 'The field, e.g. `events[1].occurredAt`, `traits.email`; empty for the body itself.', example: 'events[1].occurredAt' },
          message: { type: 'string', example: 'must be an ISO-8601 date-time with a zone, e.g. 2026-01-31T09:30:00Z' },
        },
      },
    },
  },
};
