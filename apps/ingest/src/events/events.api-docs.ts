import { applyDecorators } from '@nestjs/common';
import { ApiContractBody, ApiProblemResponses } from '@baton/service-runtime';
import { ApiItemResults, INGEST_WRITE_PROBLEMS } from '../http/item-results.api-docs';

/** Body and responses of `POST /v1/events`. */
export function IngestEventsApiDocs(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiContractBody('EngagementEventV1', {
      batch: true,
      description:
        'One event, or `{ "events": [...] }` with 1 to INGEST_MAX_BATCH_SIZE (default 500) events. Unknown fields are refused by name; `occurredAt` needs a zone and may not be further in the future than the allowed clock skew.',
    }),
    ApiItemResults('event', { properties: { eventId: { type: 'string', description: 'The stored event.' } }, required: ['eventId'] }),
    ApiProblemResponses(
      [400, 'The body is neither an event nor `{ "events": [...] }` (or holds too many), or no event of it is valid: `errors` names every bad field (`events[1].occurredAt`). Nothing was stored.'],
      ...INGEST_WRITE_PROBLEMS,
    ),
  );
}
