import { applyDecorators } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiOkResponse, ApiParam, ApiQuery, type SchemaObject } from '@nestjs/swagger';
import { ID_PATTERN } from '@baton/contracts';
import { ApiProblemResponses } from '@baton/service-runtime';

const ALERT_VIEW: SchemaObject = {
  type: 'object',
  required: ['alertId', 'qualificationId', 'leadId', 'channel', 'status', 'createdAt', 'attempts', 'correlationId'],
  properties: {
    alertId: { type: 'string', example: 'alert_qual_3f9a0c6d_crm' },
    qualificationId: { type: 'string' },
    leadId: { type: 'string' },
    stage: { type: 'string', enum: ['mql', 'sql'], description: 'Absent on a restored alert.' },
    channel: { type: 'string', description: 'The channel id of the routing file.' },
    team: { type: 'string' },
    ownerId: { type: 'string' },
    status: { type: 'string', enum: ['pending', 'retrying', 'delivered', 'dead'] },
    createdAt: { type: 'string', format: 'date-time', description: 'When it was queued; on a restored alert, when it was delivered.' },
    deliveredAt: { type: 'string', format: 'date-time' },
    lastResult: { type: 'string' },
    attempts: {
      type: 'array',
      description: 'Every attempt: when, what came of it, the status code and how long it took.',
      items: {
        type: 'object',
        required: ['at', 'outcome', 'latencyMs'],
        properties: { at: { type: 'string', format: 'date-time' }, outcome: { type: 'string' }, status: { type: 'integer' }, latencyMs: { type: 'integer', minimum: 0 } },
      },
    },
    correlationId: { type: 'string', description: 'The X-Correlation-Id of the ingest request the alert goes back to (found in every log line on the way).' },
    traceId: { type: 'string', pattern: '^[0-9a-f]{32}$', description: 'The W3C trace id, when the request carried a traceparent or Baton traces.' },
    restored: {
      type: 'object',
      description: 'Only on an alert restored by `notifier:rebuild` from baton.alerts-sent.v1 after Redis was lost: it is delivered, its stage and attempt log are gone.',
      required: ['at', 'attempts'],
      properties: { at: { type: 'string', format: 'date-time', description: 'When it was restored.' }, attempts: { type: 'integer', minimum: 1, description: 'The attempts it took to deliver.' } },
    },
  },
};
const LEAD_ID = { type: 'string', pattern: ID_PATTERN.source };

/** Query and responses of `GET /v1/alerts?leadId=`. */
export function AlertsForLeadApiDocs(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiQuery({ name: 'leadId', required: true, schema: LEAD_ID }),
    ApiOkResponse({
      description: "The lead's alerts, each with its attempts.",
      schema: { type: 'object', required: ['leadId', 'alerts'], properties: { leadId: { type: 'string' }, alerts: { type: 'array', items: ALERT_VIEW } } },
    }),
    ApiProblemResponses([400, '`leadId` is missing or not a lead id.'], 401, 403, 429, 503),
  );
}

/** Responses of `GET /v1/alerts/dead-letters`. */
export function DeadLettersApiDocs(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiOkResponse({
      description: 'Every alert given up on (its retry period passed), with its attempts.',
      schema: { type: 'object', required: ['alerts'], properties: { alerts: { type: 'array', items: ALERT_VIEW } } },
    }),
    ApiProblemResponses(401, 403, 429, 503),
  );
}

/** Path, body and responses of `POST /v1/alerts/:alertId/resend`. */
export function ResendAlertApiDocs(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiParam({ name: 'alertId', schema: { type: 'string' } }),
    ApiBody({ required: true, description: 'The lead the alert is about.', schema: { type: 'object', required: ['leadId'], properties: { leadId: LEAD_ID } } }),
    ApiAcceptedResponse({
      description: 'Queued again with a fresh retry period.',
      schema: { type: 'object', required: ['alertId', 'status'], properties: { alertId: { type: 'string' }, status: { type: 'string', enum: ['retrying'] } } },
    }),
    ApiProblemResponses([400, '`leadId` is missing or not a lead id.'], 401, 403, [404, 'No dead-lettered alert with this id for this lead (`NOTIFIER.NO_DEAD_ALERT`).'], 413, 415, 429, 503),
  );
}
