import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiParam, ApiResponse } from '@nestjs/swagger';
import { ID_PATTERN } from '@baton/contracts';
import { ApiContractBody, ApiProblemResponses } from '@baton/service-runtime';
import { INGEST_WRITE_PROBLEMS } from '../http/item-results.api-docs';

/** Path, header, body and responses of `PUT /v1/leads/:leadId/profile`. */
export function UpdateProfileApiDocs(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiParam({ name: 'leadId', description: 'The lead the traits are about.', schema: { type: 'string', pattern: ID_PATTERN.source } }),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'The update id when the body has no `updateId` (if both are sent they must agree): a retry with the same key counts once.',
      schema: { type: 'string', pattern: ID_PATTERN.source },
    }),
    ApiContractBody('LeadProfileUpdatedV1', {
      omit: ['leadId'],
      optional: ['updateId', 'updatedAt'],
      description:
        '`{ "traits": {...}, "updateId"?, "updatedAt"? }` with at least one trait. A trait present replaces the stored value, `null` clears it, an absent one is kept; `company` and `bant` merge field by field; `technologies` is replaced as a whole. Without `updateId` (or `Idempotency-Key`) one is generated; `updatedAt` defaults to the time of the request.',
    }),
    ApiResponse({
      status: 202,
      description: 'Stored on `baton.lead-profiles.v1` (acknowledged by Kafka); scoring merges it in the order ingest stored it.',
      schema: {
        type: 'object',
        required: ['leadId', 'updateId'],
        properties: { leadId: { type: 'string' }, updateId: { type: 'string', description: 'Given or generated: send it again on a retry.' } },
      },
    }),
    ApiProblemResponses(
      [
        400,
        'The update is invalid: `errors` names every bad field (`traits.company.employees`), unknown fields and traits by name, an `Idempotency-Key` that differs from `updateId`. Nothing was stored.',
      ],
      ...INGEST_WRITE_PROBLEMS,
    ),
  );
}
