import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiResponse, getSchemaPath, type ReferenceObject, type SchemaObject } from '@nestjs/swagger';
import { CONTRACT_CLASSES, contractJsonSchemas, type JsonSchema } from '@baton/contracts';
import { PROBLEM_CONTENT_TYPE } from '../problem/problem.exception';
import { PROBLEM_SCHEMA_NAME } from './problem.schema';

/** The error statuses Baton endpoints answer with, each a problem+json body. */
export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 500 | 503;

/** What each status means on any endpoint; an endpoint may say it more precisely (`[404, 'no lead with this id']`). */
export const PROBLEM_RESPONSES: Readonly<Record<ProblemStatus, string>> = {
  400: 'The request is invalid: `errors` names every bad field with its path (unknown fields are refused by name). Nothing was stored or changed.',
  401: 'No API key, or one that is unknown or revoked. Send it as `Authorization: Bearer baton_...`, `X-API-Key`, or as the Basic user name.',
  403: 'The API key is valid but lacks the scope this endpoint requires (`x-required-scope`).',
  404: 'Nothing is known by that id.',
  409: 'The request does not apply to the current state of the resource; the body says which state it is in.',
  413: 'The body is larger than the configured limit (or the batch holds more items than allowed).',
  415: 'The body is not JSON in UTF-8.',
  429: 'Too many requests with this API key: wait for `Retry-After` seconds.',
  500: 'The request failed on our side; it is safe to retry with the same ids.',
  503: 'A dependency (Kafka or Redis) is unavailable: nothing was stored. Retry after `Retry-After` seconds with the same ids.',
};

const RETRY_AFTER = { 'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer', minimum: 0 } } };
const RESPONSE_HEADERS: Partial<Record<ProblemStatus, Record<string, { description: string; schema: SchemaObject }>>> = {
  401: { 'WWW-Authenticate': { description: 'The schemes that are accepted.', schema: { type: 'string' } } },
  429: RETRY_AFTER,
  503: RETRY_AFTER,
};

/** A problem+json response per status, e.g. `@ApiProblemResponses(400, 401, 403, [404, 'no lead with this id'], 503)`. */
export function ApiProblemResponses(...responses: readonly (ProblemStatus | readonly [ProblemStatus, string])[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...responses.map((response) => {
      const [status, description] = typeof response === 'number' ? [response, PROBLEM_RESPONSES[response]] : response;
      const headers = RESPONSE_HEADERS[status];
      return ApiResponse({
        status,
        description,
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(PROBLEM_SCHEMA_NAME) } } },
        ...(headers === undefined ? {} : { headers }),
      });
    }),
  );
}

/** A `$ref` to a contract schema under `components.schemas`; refuses a name that is no contract class. */
export function contractSchemaRef(name: string): ReferenceObject {
  if (!(name in CONTRACT_CLASSES)) throw new Error(`${name} is not a contract class (known: ${Object.keys(CONTRACT_CLASSES).join(', ')})`);
  return { $ref: getSchemaPath(name) };
}

export interface ContractBodyOptions {
  readonly description?: string;
  /** The body may also be `{ "<batchKey>": [ ... ] }` holding 1 to `maxItems` of them. */
  readonly batch?: boolean;
  /** Default `events`. */
  readonly batchKey?: string;
  readonly maxItems?: number;
  /** Fields of the contract the body does not carry (the lead id comes from the path). */
  readonly omit?: readonly string[];
  /** Fields of the contract the body may leave out (the service fills them in). */
  readonly optional?: readonly string[];
}

let openApiContracts: Readonly<Record<string, JsonSchema>> | undefined;

/**
 * The contract's schema with some fields left out or made optional: what an endpoint takes when the service
 * completes the contract itself (the lead id from the path, a generated id, the time of the request).
 */
export function contractBodySchema(name: string, change: { readonly omit?: readonly string[]; readonly optional?: readonly string[] }): SchemaObject {
  contractSchemaRef(name);
  openApiContracts ??= contractJsonSchemas({ dialect: 'openapi-3.0', refPointerPrefix: '#/components/schemas/', closed: true });
  const schema = openApiContracts[name] as SchemaObject;
  const omitted = new Set(change.omit ?? []);
  const optional = new Set(change.optional ?? []);
  for (const field of [...omitted, ...optional]) {
    if (schema.properties?.[field] === undefined) throw new Error(`${name} has no field ${field}`);
  }
  const required = (schema.required ?? []).filter((field) => !omitted.has(field) && !optional.has(field));
  return {
    ...schema,
    description: `${[`A ${name}${omitted.size > 0 ? ` without ${[...omitted].join(', ')}` : ''}`, optional.size > 0 ? `${[...optional].join(' and ')} optional` : ''].filter((part) => part !== '').join('; ')}.`,
    properties: Object.fromEntries(Object.entries(schema.properties ?? {}).filter(([field]) => !omitted.has(field))),
    required,
  };
}

/** The request body is a contract (its schema from `components.schemas`, or derived from it), or a batch of them. */
export function ApiContractBody(name: string, options: ContractBodyOptions = {}): MethodDecorator {
  const single: SchemaObject | ReferenceObject =
    options.omit === undefined && options.optional === undefined ? contractSchemaRef(name) : contractBodySchema(name, { omit: options.omit, optional: options.optional });
  const batchKey = options.batchKey ?? 'events';
  const schema: SchemaObject | ReferenceObject =
    options.batch === true
      ? {
          oneOf: [
            single,
            {
              type: 'object',
              required: [batchKey],
              additionalProperties: false,
              properties: { [batchKey]: { type: 'array', minItems: 1, ...(options.maxItems === undefined ? {} : { maxItems: options.maxItems }), items: single } },
            },
          ],
        }
      : single;
  const description = options.description ?? (options.batch === true ? `One ${name}, or \`{ "${batchKey}": [...] }\` with several.` : `A ${name}.`);
  return ApiBody({ required: true, description, schema });
}
