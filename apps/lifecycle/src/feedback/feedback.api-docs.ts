import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiParam } from '@nestjs/swagger';
import { ID_PATTERN, LEAD_STAGES } from '@baton/contracts';
import { ApiContractBody, ApiProblemResponses } from '@baton/service-runtime';

/** Path, body and responses of `POST /v1/leads/:leadId/feedback`. */
export function GiveFeedbackApiDocs(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiParam({ name: 'leadId', schema: { type: 'string', pattern: ID_PATTERN.source } }),
    ApiContractBody('SalesFeedbackV1', {
      omit: ['leadId'],
      optional: ['feedbackId', 'givenAt'],
      description:
        '`accepted` moves an SQL to opportunity; `rejected` an MQL or SQL to recycled; `won` an SQL or opportunity to customer; `lost` an SQL or opportunity to recycled. Without `feedbackId` one is generated, so a retry should send its own; `givenAt` defaults to now.',
    }),
    ApiOkResponse({
      description: 'Applied (with `previousStage`), or the same `feedbackId` again: nothing changed, the current `stage` without `previousStage`.',
      schema: {
        type: 'object',
        required: ['leadId', 'feedbackId', 'stage'],
        properties: { leadId: { type: 'string' }, feedbackId: { type: 'string' }, stage: { type: 'string', enum: [...LEAD_STAGES] }, previousStage: { type: 'string', enum: [...LEAD_STAGES] } },
      },
    }),
    ApiProblemResponses(
      [400, 'The feedback is invalid (`errors` names every bad field, unknown fields by name). Nothing was changed.'],
      401,
      403,
      [404, 'lifecycle has never had a score change for this lead (`LIFECYCLE.UNKNOWN_LEAD`).'],
      [409, 'The outcome does not apply to the stage the lead is in (`LIFECYCLE.FEEDBACK_REFUSED`, a late or repeated answer); `stage` says which it is in.'],
      413,
      415,
      429,
      503,
    ),
  );
}
