import { applyDecorators } from '@nestjs/common';
import { ApiBody, type SchemaObject } from '@nestjs/swagger';
import { ID_PATTERN, TIMESTAMP_WITH_ZONE } from '@baton/contracts';
import { ApiProblemResponses } from '@baton/service-runtime';
import { ApiItemResults, INGEST_WRITE_PROBLEMS } from './item-results.api-docs';

/** One message of the Segment spec, as far as Baton reads it; the other fields Segment libraries add are accepted and ignored. */
const SEGMENT_MESSAGE: SchemaObject = {
  type: 'object',
  title: 'Segment message',
  description:
    'A Segment call (https://segment.com/docs/connections/spec/): `messageId` is the event id, `userId` (else `anonymousId`, as `anon:<id>`) the lead, `timestamp` (else `originalTimestamp`, else now) the event time. `track` event names map to Baton event types by the configured mapping; `page` and `screen` become page views (url, path, referrer, search); `identify` traits and `group` traits (company) update the profile; `alias`, or a message with both ids, links an anonymous id to its user so its earlier engagement counts.',
  required: ['type', 'messageId'],
  properties: {
    type: { type: 'string', enum: ['track', 'identify', 'page', 'screen', 'group', 'alias'] },
    messageId: { type: 'string', pattern: ID_PATTERN.source },
    userId: { type: 'string' },
    anonymousId: { type: 'string' },
    previousId: { type: 'string', description: '`alias`: the anonymous id that is `userId` from now on.' },
    groupId: { type: 'string', description: '`group`: the company.' },
    event: { type: 'string', description: '`track`: the event name.' },
    name: { type: 'string', description: '`page` and `screen`: the page or screen name.' },
    properties: { type: 'object' },
    traits: { type: 'object' },
    context: { type: 'object' },
    timestamp: { type: 'string', format: 'date-time', pattern: TIMESTAMP_WITH_ZONE.source },
    originalTimestamp: { type: 'string', format: 'date-time', pattern: TIMESTAMP_WITH_ZONE.source },
  },
};

/** Body and responses of `POST /v1/segment`. */
export function IngestSegmentApiDocs(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiBody({
      required: true,
      description: 'One Segment message, or `{ "batch": [...], "context"? }` with 1 to INGEST_MAX_BATCH_SIZE messages (the batch context is merged into each message).',
      schema: {
        oneOf: [
          SEGMENT_MESSAGE,
          {
            type: 'object',
            title: 'Segment batch',
            required: ['batch'],
            properties: { batch: { type: 'array', minItems: 1, items: SEGMENT_MESSAGE }, context: { type: 'object' }, integrations: { type: 'object' } },
          },
        ],
      },
    }),
    ApiItemResults('message', {
      properties: {
        messageId: { type: 'string' },
        leadId: { type: 'string', description: 'The lead it was stored under: the userId, the lead its anonymousId is linked to, or `anon:<anonymousId>`.' },
        stored: {
          type: 'object',
          required: ['events', 'profileUpdate'],
          properties: { events: { type: 'integer', minimum: 0 }, profileUpdate: { type: 'boolean' }, linkedTo: { type: 'string', description: 'The user an anonymous id was linked to.' } },
        },
        ignoredTraits: { type: 'array', items: { type: 'string' }, description: 'Traits Baton has no place for: accepted, not stored.' },
      },
      required: ['messageId', 'leadId', 'stored'],
    }),
    ApiProblemResponses(
      [
        400,
        'The body is neither a Segment message nor `{ "batch": [...] }` (or holds too many), or no message of it is valid: `errors` names every bad field (`batch[2].timestamp`). Nothing was stored.',
      ],
      ...INGEST_WRITE_PROBLEMS,
    ),
  );
}
