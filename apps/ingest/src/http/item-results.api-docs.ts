import { applyDecorators } from '@nestjs/common';
import { ApiResponse, type SchemaObject } from '@nestjs/swagger';

/** What a stored item reports besides its index (the event id, the message id and lead, ...). */
export interface StoredItemSchema {
  readonly properties: Readonly<Record<string, SchemaObject>>;
  readonly required: readonly string[];
}

const FIELD_ERROR: SchemaObject = {
  type: 'object',
  required: ['path', 'message'],
  properties: { path: { type: 'string', example: 'events[1].occurredAt' }, message: { type: 'string', example: 'must be a date and time that exists' } },
};

/** The body of a 202 or 207: how many items were stored, how many refused, and each item's result by index. */
export function itemResultsSchema(what: string, stored: StoredItemSchema): SchemaObject {
  return {
    type: 'object',
    required: ['stored', 'rejected', 'results'],
    properties: {
      stored: { type: 'integer', minimum: 0, description: `How many ${what}s were stored.` },
      rejected: { type: 'integer', minimum: 0, description: `How many ${what}s were refused.` },
      results: {
        type: 'array',
        description: `One per ${what} of the request, in its order.`,
        items: {
          oneOf: [
            {
              type: 'object',
              title: 'stored',
              required: ['index', 'status', ...stored.required],
              properties: { index: { type: 'integer', minimum: 0 }, status: { type: 'string', enum: ['stored'] }, ...stored.properties },
            },
            {
              type: 'object',
              title: 'rejected',
              required: ['index', 'status', 'errors'],
              properties: {
                index: { type: 'integer', minimum: 0 },
                status: { type: 'string', enum: ['rejected'] },
                errors: { type: 'array', items: FIELD_ERROR, description: 'Every bad field of this item, with its path in the request.' },
              },
            },
          ],
        },
      },
    },
  };
}

/** 202 (all stored) and 207 (some refused, the body says which) of an endpoint that takes several items. */
export function ApiItemResults(what: string, stored: StoredItemSchema): MethodDecorator & ClassDecorator {
  const schema = itemResultsSchema(what, stored);
  return applyDecorators(
    ApiResponse({ status: 202, description: `Every ${what} was stored on Kafka (acknowledged by the brokers).`, schema }),
    ApiResponse({
      status: 207,
      description: `Some ${what}s were stored and some refused: \`results\` says which, each refused one with its errors. A valid ${what} is never dropped because a neighbour was invalid; resend only the refused ones, fixed.`,
      schema,
    }),
  );
}

/** The other refusals every write endpoint of ingest documents besides its own 400. */
export const INGEST_WRITE_PROBLEMS = [401, 403, 413, 415, 429, 503] as const;
